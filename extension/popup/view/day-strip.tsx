import type { DayCell } from './day-strip.ts'

/** The card's last 7 days: one bar a day, its height and colour the worst impact, its label the words. */
export function DayStrip({ cells, pageKey }: { cells: readonly DayCell[]; pageKey: string }) {
  const captionId = `days-${pageKey}`
  return (
    <div class="days">
      <span class="days-caption" id={captionId}>
        Last {cells.length} days
      </span>
      <ol class="day-strip" aria-labelledby={captionId}>
        {cells.map((cell) => (
          <li key={cell.dayStart}>
            <span class={`day day-${cell.worst ?? 'empty'}`} role="img" aria-label={cell.label} title={cell.label} />
          </li>
        ))}
      </ol>
      <span class="days-caption" aria-hidden="true">
        today
      </span>
    </div>
  )
}
