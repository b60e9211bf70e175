import type { PollError } from '../../src/poll-error.ts'
import type { Result } from '../../src/result.ts'

/** The value of a result that must have succeeded; the error's words when it did not. */
export function value<T>(result: Result<T, PollError>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`)
  return result.value
}

/** The error of a result that must have failed. */
export function failure<T>(result: Result<T, PollError>): PollError {
  if (result.ok) throw new Error('expected an error, got a value')
  return result.error
}
