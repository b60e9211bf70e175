import { IMPACTS, type Impact, type Snapshot } from '../../../src/model.ts'
import type { HistoryMark } from '../../messaging/protocol.ts'
import { IMPACT_WORDS } from './format.ts'

export const STRIP_DAYS = 7
/** Names in a cell's label beyond these are counted ("+2 more"): a tooltip, not a report. */
export const NAMES_SHOWN = 3
const NAME_CHARS_MAX = 80

export interface DayCell {
  /** Local midnight that starts the day. */
  readonly dayStart: number
  /** The worst impact seen that day; null when nothing was recorded. */
  readonly worst: Impact | null
  /** What was affected, distinct, worst first. */
  readonly names: readonly string[]
  readonly label: string
}

interface Seen {
  readonly at: number
  readonly impact: Impact
  readonly name: string
}

const rank = (impact: Impact): number => IMPACTS.indexOf(impact)

/**
 * The page's last `STRIP_DAYS` local calendar days, oldest first, today last: history entries of
 * that page, plus what its snapshot says is going on now (counted on every day since it began).
 */
export function dayStrip(marks: readonly HistoryMark[], snapshot: Snapshot | null, now: number, pageKey: string): DayCell[] {
  const today = new Date(now)
  // Built from calendar parts, not by subtracting 24 h: a DST day is 23 or 25 hours long.
  const dayAt = (back: number): number => new Date(today.getFullYear(), today.getMonth(), today.getDate() - back).getTime()
  const seen: Seen[] = marks.filter((m) => m.pageKey === pageKey)
  const windowStart = dayAt(STRIP_DAYS - 1)
  for (const ongoing of ongoingNow(snapshot)) {
    const since = Math.max(windowStart, Math.min(ongoing.since ?? now, now))
    for (let back = STRIP_DAYS - 1; back >= 0; back--) {
      if (dayAt(back - 1) > since) seen.push({ at: Math.max(dayAt(back), since), impact: ongoing.impact, name: ongoing.name })
    }
  }
  const cells: DayCell[] = []
  for (let back = STRIP_DAYS - 1; back >= 0; back--) {
    const dayStart = dayAt(back)
    const dayEnd = dayAt(back - 1)
    cells.push(cellOf(dayStart, back === 0, seen.filter((s) => s.at >= dayStart && s.at < dayEnd)))
  }
  return cells
}

function ongoingNow(snapshot: Snapshot | null): { since: number | null; impact: Impact; name: string }[] {
  if (snapshot === null) return []
  return [
    ...snapshot.incidents.map((i) => ({ since: i.startedAt, impact: i.impact, name: i.name })),
    ...snapshot.maintenances
      .filter((m) => m.status === 'in_progress' || m.status === 'verifying')
      .map((m) => ({ since: m.scheduledFor, impact: 'maintenance' as const, name: m.name })),
  ]
}

function cellOf(dayStart: number, isToday: boolean, seen: readonly Seen[]): DayCell {
  const day = dayWords(dayStart, isToday)
  if (seen.length === 0) return { dayStart, worst: null, names: [], label: `${day}: nothing recorded` }
  const worst = seen.reduce<Impact>((w, s) => (rank(s.impact) > rank(w) ? s.impact : w), 'none')
  const names = affected(seen)
  if (worst === 'none') return { dayStart, worst, names, label: `${day}: no incidents, only recoveries or calm checks` }
  const shown = names.slice(0, NAMES_SHOWN)
  const more = names.length - shown.length
  const list = [...shown, ...(more > 0 ? [`+${more} more`] : [])].join('; ')
  return { dayStart, worst, names, label: `${day}: worst ${IMPACT_WORDS[worst].toLowerCase()}${list === '' ? '' : ` — ${list}`}` }
}

/** Names of what had an impact that day, each once at its worst, worst first (ties: earliest first). */
function affected(seen: readonly Seen[]): string[] {
  const worstOf = new Map<string, { impact: Impact; at: number }>()
  for (const s of seen) {
    const name = shortName(s.name)
    if (s.impact === 'none' || name === '') continue
    const known = worstOf.get(name)
    if (known === undefined || rank(s.impact) > rank(known.impact)) worstOf.set(name, { impact: s.impact, at: Math.min(s.at, known?.at ?? s.at) })
    else known.at = Math.min(known.at, s.at)
  }
  return [...worstOf.entries()].sort(([, a], [, b]) => rank(b.impact) - rank(a.impact) || a.at - b.at).map(([name]) => name)
}

function shortName(name: string): string {
  const line = name.replace(/\s+/g, ' ').trim()
  return line.length <= NAME_CHARS_MAX ? line : `${line.slice(0, NAME_CHARS_MAX - 1)}…`
}

function dayWords(dayStart: number, isToday: boolean): string {
  const date = new Date(dayStart).toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric' })
  return isToday ? `Today (${date})` : date
}
