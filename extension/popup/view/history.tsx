import type { HistoryEntry } from '../../storage/records.ts'
import { formatLocalTime } from '../../../src/text/event-text.ts'
import { isoTime, relativeTime } from './format.ts'

export const HISTORY_SHOWN = 10

export function RecentEvents({ history, now }: { history: readonly HistoryEntry[]; now: number }) {
  if (history.length === 0) return null
  return (
    <section class="history" aria-labelledby="history-heading">
      <h2 id="history-heading">Recent events</h2>
      <ol>
        {history.slice(0, HISTORY_SHOWN).map((entry, i) => (
          <li key={`${entry.at}-${i}`} class={`event kind-${entry.kind}`}>
            <p class="event-title">{entry.title}</p>
            {entry.body !== '' ? <p class="event-body">{entry.body}</p> : null}
            <p class="meta">
              <time dateTime={isoTime(entry.at)} title={formatLocalTime(entry.at)}>
                {relativeTime(entry.at, now)}
              </time>
            </p>
            {entry.lines !== '' ? (
              <details>
                <summary>Console</summary>
                <pre>{entry.lines}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
