import { formatLocalTime, UPDATE_STATUS_WORDS } from '../../../src/text/event-text.ts'
import type { Impact, Level } from '../../../src/model.ts'
import type { PollError } from '../../../src/poll-error.ts'

/** "just now", "30 s ago", "12 min ago", "3 h ago", "2 d ago"; "in 5 min" for the future; a date past 30 days. */
export function relativeTime(at: number, now: number): string {
  const delta = now - at
  const future = delta < 0
  const s = Math.round(Math.abs(delta) / 1000)
  if (s < 5) return 'just now'
  if (s >= 30 * 86_400) return `on ${formatLocalTime(at, false).slice(0, 10)}`
  const amount = s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86_400 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} d`
  return future ? `in ${amount}` : `${amount} ago`
}

/** The machine-readable time of a `<time>`, or nothing for a time no Date can hold (never a RangeError). */
export function isoTime(at: number): string | undefined {
  const date = new Date(at)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export const LEVEL_WORDS: Readonly<Record<Level, string>> = {
  operational: 'Operational',
  maintenance: 'Maintenance',
  minor: 'Minor issue',
  major: 'Major outage',
  critical: 'Critical outage',
}

export const IMPACT_WORDS: Readonly<Record<Impact, string>> = {
  none: 'No impact',
  maintenance: 'Maintenance',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
}

export const STATUS_WORDS = UPDATE_STATUS_WORDS

export interface ErrorWords {
  readonly title: string
  readonly detail: string
}

export function errorWords(error: PollError): ErrorWords {
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return { title: 'Unreachable', detail: error.kind === 'timeout' ? 'The page did not answer in time.' : 'The page could not be reached.' }
    case 'bot_wall':
      return { title: 'Blocked by a bot wall', detail: 'The page answered with a challenge page instead of its data.' }
    case 'not_json':
    case 'bad_shape':
    case 'too_large':
      return { title: 'Unreadable', detail: "The page's answer could not be read as a status page." }
    case 'rate_limited': {
      const wait = error.retryAfterMs === undefined ? '' : ` Next try in about ${Math.max(1, Math.round(error.retryAfterMs / 60_000))} min.`
      return { title: 'Rate limited', detail: `The page asked us to slow down.${wait}` }
    }
    case 'http':
      return { title: 'HTTP error', detail: `The page answered with status ${error.httpStatus ?? 'unknown'}.` }
    case 'permission':
      return { title: 'Permission missing', detail: 'The extension may not read this page yet.' }
    case 'storage':
      return { title: 'Not saved', detail: "The browser's storage for the extension is full: this page's latest state could not be saved. It is tried again, with older history trimmed to make room." }
    case 'internal':
      return { title: 'Check failed', detail: 'Checking this page failed inside the extension. It is tried again with a growing delay; the other pages are not affected.' }
  }
}
