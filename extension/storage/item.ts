/**
 * A storage key declared once. Every stored value is an object carrying its `version`, so one
 * written by an older build is migrated step by step on read, and a corrupt one is repaired field
 * by field (never a crash, never a wiped state).
 */

import { isRecord, type JsonObject } from '../../src/untrusted.ts'

export { boundedList, finiteOrNull, isOneOf, isRecord, optionalList, stringOr } from '../../src/untrusted.ts'

export type AreaName = 'sync' | 'local' | 'session'

export type StoredObject = JsonObject
export type Migration = (value: StoredObject) => StoredObject

export interface ItemSpec<T> {
  readonly area: AreaName
  /** The storage key, or for a family of keys (`page:<page key>`) their common prefix. */
  readonly key: string
  readonly version: number
  readonly fallback: () => T
  /** `migrations[n - 1]` turns a value stored at version n into version n + 1. */
  readonly migrations: readonly Migration[]
  /** An untrusted, migrated value → a valid T; each bad field gets its default. Never throws. */
  readonly repair: (value: StoredObject) => T
  /** T → the stored fields (the version is added). Default: the value itself. */
  readonly encode?: (value: T) => StoredObject
}

export function defineItem<T>(spec: ItemSpec<T>): ItemSpec<T> {
  return spec
}

function storedVersion(value: StoredObject): number {
  const v = value.version
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : 1
}

export function decodeItem<T>(spec: ItemSpec<T>, raw: unknown): T {
  if (!isRecord(raw)) return spec.fallback()
  try {
    let value = raw
    // A value from a newer build (another device, through sync) skips this loop and is read as
    // well as this build can: repair keeps every field it understands.
    for (let version = storedVersion(raw); version < spec.version; version++) {
      const migrate = spec.migrations[version - 1]
      if (migrate) value = migrate(value)
    }
    return spec.repair(value)
  } catch {
    return spec.fallback()
  }
}

export function encodeItem<T>(spec: ItemSpec<T>, value: T): StoredObject {
  const fields = spec.encode ? spec.encode(value) : (value as StoredObject)
  return { version: spec.version, ...fields }
}

/** Structural equality of JSON-safe values: the "did anything change?" test before a write. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
