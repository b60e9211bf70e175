import { err, ok, type Result } from './result.ts'
import { pollError, type PollError } from './poll-error.ts'

/**
 * The one kit for untrusted data. Strict readers throw from deep inside a value and the entry's
 * runner (`parseGuarded`, `readOrNull`) turns that into a result: readers stay linear, and no
 * half-built value escapes. No schema library: per-field lenient rules (null lists empty, unknown enums mapped) fit one poorly.
 */

export type JsonObject = Readonly<Record<string, unknown>>

// --- guards ---------------------------------------------------------------------------------------

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isOneOf<T>(list: readonly T[], value: unknown): value is T {
  const items: readonly unknown[] = list
  return items.includes(value)
}

// --- failing and the runners that catch it ---------------------------------------------------------

class ShapeError extends Error {}

export function fail(path: string, expected: string): never {
  throw new ShapeError(`${path}: expected ${expected}`)
}

/** A stack overflow from absurd nesting is the value's fault, not ours. */
function isWrongShape(error: unknown): error is Error {
  return error instanceof ShapeError || error instanceof RangeError
}

/** A wrong shape becomes `bad_shape`; any other exception is a bug and still surfaces. */
export function parseGuarded<T>(what: string, parse: () => T): Result<T, PollError> {
  try {
    return ok(parse())
  } catch (error) {
    if (isWrongShape(error)) return err(pollError('bad_shape', `${what}: ${error.message}`))
    throw error
  }
}

/** A wrong shape becomes null; a bug still surfaces. */
export function readOrNull<T>(read: () => T): T | null {
  try {
    return read()
  } catch (error) {
    if (isWrongShape(error)) return null
    throw error
  }
}

// --- strict readers: a wrong value fails --------------------------------------------------------------

export function requireObject(value: unknown, path: string): JsonObject {
  return isRecord(value) ? value : fail(path, 'an object')
}

/**
 * A list that states what is true of the page now (its components, its open incidents): reading
 * `null` as "none" would turn a broken payload into a false "resolved" for everything that was wrong.
 */
export function requireList(object: JsonObject, key: string, path: string): readonly unknown[] {
  const value = object[key]
  return Array.isArray(value) ? value : fail(`${path}.${key}`, value === null ? 'a list, not null' : 'a list')
}

/** A page-state list the platform omits when empty. */
export function listOrAbsent(object: JsonObject, key: string, path: string): readonly unknown[] {
  return object[key] === undefined ? [] : requireList(object, key, path)
}

/** A non-empty string on every platform we read: a number means the payload is not what it claims to be. */
export function requireId(object: JsonObject, key: string, path: string): string {
  const value = object[key]
  if (typeof value === 'string' && value.trim() !== '') return value
  return fail(`${path}.${key}`, 'an id')
}

export function requireString(object: JsonObject, key: string, path: string): string {
  const value = object[key]
  return typeof value === 'string' ? value : fail(`${path}.${key}`, 'a string')
}

// --- lenient readers: a wrong value reads as none -------------------------------------------------------

export function optionalList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** A reference to another entity: skipped when missing; numbers accepted (Better Stack's section ids are numbers). */
export function optionalId(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

export function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

export function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null
}

export function stringOr(value: unknown, fallback: string, max = 2000): string {
  return typeof value === 'string' ? value.slice(0, max) : fallback
}

export function boundedList(value: unknown, max: number): readonly unknown[] {
  return Array.isArray(value) ? value.slice(0, max) : []
}

// --- repeated entries ----------------------------------------------------------------------------------

/** Pages occasionally repeat an entry. */
export function uniqueById<T extends { readonly id: string }>(items: Iterable<T>): T[] {
  const seen = new Set<string>()
  const unique: T[] = []
  for (const item of items) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    unique.push(item)
  }
  return unique
}

export function uniqueStrings(items: Iterable<string>): string[] {
  return [...new Set(items)]
}
