import type { PageState } from '../page-state.ts'

/**
 * What a poll is, for the user: the ordinary next look, the first look at a page (install, add,
 * import), or the first look after a gap (browser closed, machine asleep, page unreachable).
 * Each is told its own way (text/occasion-summary.ts): one summary, never a storm.
 */
export type Occasion =
  | { readonly kind: 'poll' }
  | { readonly kind: 'first_sight' }
  /** `unreachable`: we kept asking and the page did not answer; `away`: nobody asked (browser closed, asleep). */
  | { readonly kind: 'catch_up'; readonly since: number; readonly why: 'away' | 'unreachable' }

/** No successful poll for this long and the first one back reads what happened meanwhile. */
export const AWAY_AFTER_MS = 10 * 60_000

export const ORDINARY_POLL: Occasion = { kind: 'poll' }

export function occasionOf(state: Pick<PageState, 'seen' | 'lastOkAt' | 'lastCheckedAt' | 'nextDueAt'>, now: number): Occasion {
  const { seen, lastOkAt, lastCheckedAt, nextDueAt } = state
  if (seen === null) return { kind: 'first_sight' }
  // A clock set back makes the gap negative: that is no absence.
  if (lastOkAt === null || now - lastOkAt < AWAY_AFTER_MS) return ORDINARY_POLL
  // Failed tries since the last answer, and this poll on time: we kept asking (backoff spaces the
  // tries, so their gaps say nothing). A poll long overdue means nobody was there to ask.
  const failedSince = lastCheckedAt !== null && lastCheckedAt > lastOkAt
  const onTime = nextDueAt !== null && now - nextDueAt < AWAY_AFTER_MS
  return { kind: 'catch_up', since: lastOkAt, why: failedSince && onTime ? 'unreachable' : 'away' }
}
