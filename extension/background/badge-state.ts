import { LEVEL_RANK, worstLevel, type Level } from '../../src/model.ts'
import type { PollErrorKind } from '../../src/poll-error.ts'
import type { BadgeValue, MonitoringProblem, ScheduleEntry } from '../storage/records.ts'

/**
 * The toolbar badge as a pure function of the pages' summaries; badge.ts only applies it.
 *
 *   monitoring itself in trouble     red    "err"  (the reason first in the tooltip)
 *   offline                          grey   "off"
 *   nothing known                    grey   "?"   (no page read yet, or none may be read:
 *                                                   permission missing, unreachable)
 *   worst level of the pages         colour of that level, text = active incidents over all
 *                                    pages, "!" when something is not operational but no
 *                                    incident is open, "" when all is well
 *
 * A failing page keeps its last good level: a passing fault (an HTML 503, a 429, a hang) does
 * not repaint the badge, only adds "(unreachable)" or "(unreadable)" to its tooltip line.
 */

export const BADGE_COLORS: Readonly<Record<Level | 'unknown', string>> = {
  operational: '#1a7f37',
  maintenance: '#0969da',
  minor: '#bf8700',
  major: '#e16f24',
  critical: '#cf222e',
  unknown: '#6e7781',
}

const LEVEL_WORDS: Readonly<Record<Level, string>> = {
  operational: 'Operational',
  maintenance: 'Maintenance',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
}

const PRODUCT_NAME = 'Status Monitor'
export const MAX_TITLE_LINES = 12

export interface BadgePage {
  readonly name: string
  readonly entry: ScheduleEntry
}

function errorWords(kind: PollErrorKind): string {
  switch (kind) {
    case 'permission':
      return 'permission missing'
    case 'network':
    case 'timeout':
      return 'unreachable'
    case 'storage':
      return 'not saved: storage full'
    case 'internal':
      return 'check failed'
    default:
      return 'unreadable'
  }
}

function pageLine({ name, entry }: BadgePage, offline: boolean): string {
  const incidents = entry.incidents === 0 ? '' : ` — ${entry.incidents} incident${entry.incidents === 1 ? '' : 's'}`
  const state = entry.level === null ? 'not checked yet' : `${LEVEL_WORDS[entry.level]}${incidents}`
  const hideError = entry.error === null || (offline && (entry.error === 'network' || entry.error === 'timeout'))
  return `${name}: ${state}${hideError || entry.error === null ? '' : ` (${errorWords(entry.error)})`}`
}

export function badgeFor(pages: readonly BadgePage[], offline: { readonly offline: boolean; readonly since: number | null }, problem: MonitoringProblem | null = null): BadgeValue {
  // A tooltip is read at a glance: the pages that need attention first, a dozen lines at most
  // (with 1,000 pages a line each made every badge update a 1,000-line setTitle).
  const attention = (page: BadgePage): boolean => page.entry.error !== null || (page.entry.level !== null && page.entry.level !== 'operational')
  const ordered = [...pages.filter(attention), ...pages.filter((page) => !attention(page))]
  const shown = ordered.slice(0, MAX_TITLE_LINES).map((page) => pageLine(page, offline.offline))
  const lines = ordered.length > MAX_TITLE_LINES ? [...shown, `+${ordered.length - MAX_TITLE_LINES} more pages`] : shown
  const title = (head: string | null): string => [head === null ? PRODUCT_NAME : `${PRODUCT_NAME} — ${head}`, ...lines].join('\n')
  if (pages.length === 0) return { text: '', color: BADGE_COLORS.operational, title: title('no pages watched') }
  if (problem !== null) return { text: 'err', color: BADGE_COLORS.critical, title: title(`monitoring problem: ${problem.reason}`) }
  if (offline.offline) return { text: 'off', color: BADGE_COLORS.unknown, title: title('offline') }
  const known = pages.filter((p) => p.entry.level !== null && p.entry.error !== 'permission')
  if (known.length === 0) return { text: '?', color: BADGE_COLORS.unknown, title: title('no page can be read') }

  const worst = worstLevel(known.flatMap((p) => (p.entry.level === null ? [] : [p.entry.level])))
  const incidents = known.reduce((sum, p) => sum + p.entry.incidents, 0)
  const text = incidents > 0 ? (incidents > 99 ? '99+' : String(incidents)) : LEVEL_RANK[worst] > 0 ? '!' : ''
  return { text, color: BADGE_COLORS[worst], title: title(null) }
}
