/** Why a poll produced no snapshot; none of these may produce an event. */
export const POLL_ERROR_KINDS = [
  /** DNS, connection refused, offline. */
  'network',
  'timeout',
  /** 429 or 503 with Retry-After: the source asked us to slow down. */
  'rate_limited',
  'http',
  'bot_wall',
  /** 2xx with a body that is not JSON (an HTML error page, truncated JSON). */
  'not_json',
  'too_large',
  'bad_shape',
  'permission',
  /** The page was read, but its new state could not be stored (storage quota): the shell's. */
  'storage',
  /** The shell failed while visiting the page (a bug, a browser API refusing): the shell's. */
  'internal',
] as const
export type PollErrorKind = (typeof POLL_ERROR_KINDS)[number]

export interface PollError {
  readonly kind: PollErrorKind
  readonly message: string
  readonly httpStatus?: number
  readonly retryAfterMs?: number
}

export const pollError = (kind: PollErrorKind, message: string, extra: Partial<PollError> = {}): PollError => ({
  kind,
  message,
  ...extra,
})

/** The kinds that say nothing about the page, only about getting there. */
export const isNetworkError = (kind: string | null | undefined): boolean => kind === 'network' || kind === 'timeout'
