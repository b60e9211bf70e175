import { browser, type Storage } from '../platform/browser.ts'
import { decodeItem, encodeItem, isRecord, sameJson, type ItemSpec } from './item.ts'
import { SETTINGS, type Settings } from './settings.ts'
import { isSettingsKey, joinSettings, SETTINGS_KEY, splitSettings, staleChunkKeys } from './sync-chunks.ts'

// No locking here: the background serialises its read-modify-writes (background/mutex.ts).

export async function readSettings(): Promise<Settings> {
  const items = await browser.storage.sync.get(null)
  return decodeItem(SETTINGS, joinSettings(items))
}

/**
 * The settings as they were before a storage.sync change, from storage.onChanged's `changes`
 * (the old value of each chunk that changed, over what is stored now).
 */
export async function readSettingsBefore(changes: Readonly<Record<string, { readonly oldValue?: unknown }>>): Promise<Settings> {
  const now = await browser.storage.sync.get(null)
  const changed = Object.keys(changes).filter(isSettingsKey)
  const items = Object.fromEntries([
    ...Object.entries(now).filter(([key]) => !changed.includes(key)),
    ...changed.flatMap((key) => (changes[key]?.oldValue === undefined ? [] : [[key, changes[key]?.oldValue] as const])),
  ])
  return decodeItem(SETTINGS, joinSettings(items))
}

/** Writes only the items that differ; returns whether it wrote. */
export async function writeSettings(next: Settings): Promise<boolean> {
  const stored = await browser.storage.sync.get(null)
  const items = splitSettings(encodeItem(SETTINGS, next))
  const header = items[SETTINGS_KEY]
  const more = isRecord(header) && typeof header.more === 'number' ? header.more : 0
  const changed = Object.fromEntries(Object.entries(items).filter(([key, value]) => !sameJson(stored[key], value)))
  const stale = staleChunkKeys(stored, more)
  if (Object.keys(changed).length > 0) await browser.storage.sync.set(changed)
  if (stale.length > 0) await browser.storage.sync.remove(stale)
  return Object.keys(changed).length > 0 || stale.length > 0
}

export async function getLocal(keys: readonly string[]): Promise<Record<string, unknown>> {
  return keys.length === 0 ? {} : browser.storage.local.get([...keys])
}

export async function readLocal<T>(spec: ItemSpec<T>, key: string = spec.key): Promise<T> {
  const raw = await browser.storage.local.get(key)
  return decodeItem(spec, raw[key])
}

/** One item's stored form, to gather several items into one `set` call. */
export function entry<T>(spec: ItemSpec<T>, value: T, key: string = spec.key): Record<string, unknown> {
  return { [key]: encodeItem(spec, value) }
}

export async function setLocal(items: Record<string, unknown>): Promise<void> {
  if (Object.keys(items).length > 0) await browser.storage.local.set(items)
}

export async function removeLocal(keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await browser.storage.local.remove([...keys])
}

/** Chrome 102+, Firefox 115+; absent elsewhere. */
export function sessionArea(): typeof browser.storage.local | null {
  return (browser.storage as { session?: typeof browser.storage.local }).session ?? null
}

export async function readSession<T>(spec: ItemSpec<T>): Promise<T> {
  const session = sessionArea()
  return session === null ? spec.fallback() : decodeItem(spec, (await session.get(spec.key))[spec.key])
}

type StorageChanges = Record<string, Storage.StorageChange>

/** Returns the function that stops the listener. */
export function onStorageChanged(listener: (changes: StorageChanges, area: string) => void): () => void {
  browser.storage.onChanged.addListener(listener)
  return () => browser.storage.onChanged.removeListener(listener)
}
