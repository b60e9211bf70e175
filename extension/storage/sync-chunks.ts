import { isRecord, optionalList, type StoredObject } from './item.ts'

/**
 * storage.sync allows 8 KB per item (key plus JSON value) and 512 items. The settings item is
 * written as a header `settings` = { version, notifyOnRecovery, quietHours?, pages: [first pages], more: n }
 * then `settings:1` … `settings:n`, each an array of further compact pages, all in one `set`
 * call. A missing or corrupt chunk loses only the pages in it.
 */

export const SETTINGS_KEY = 'settings'
/** Below the 8,192-byte item quota, with room for the header fields and the key. */
const CHUNK_BYTES = 7000

const encoder = new TextEncoder()
const bytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length

const chunkKey = (index: number): string => `${SETTINGS_KEY}:${index}`

export function isSettingsKey(key: string): boolean {
  return key === SETTINGS_KEY || /^settings:\d+$/.test(key)
}

export function splitSettings(encoded: StoredObject): Record<string, unknown> {
  const { pages, ...header } = encoded
  const chunks: unknown[][] = [[]]
  let size = bytes(header)
  for (const page of optionalList(pages)) {
    const pageSize = bytes(page) + 1
    const current = chunks[chunks.length - 1] ?? []
    if (current.length > 0 && size + pageSize > CHUNK_BYTES) {
      chunks.push([page])
      size = pageSize
    } else {
      current.push(page)
      size += pageSize
    }
  }
  const [first, ...rest] = chunks
  const items: Record<string, unknown> = { [SETTINGS_KEY]: { ...header, pages: first ?? [], more: rest.length } }
  rest.forEach((chunk, i) => {
    items[chunkKey(i + 1)] = chunk
  })
  return items
}

/** Undefined when no settings are stored. */
export function joinSettings(items: Readonly<Record<string, unknown>>): unknown {
  const header = items[SETTINGS_KEY]
  if (header === undefined) return undefined
  if (!isRecord(header)) return header
  const more = typeof header.more === 'number' && Number.isSafeInteger(header.more) ? Math.min(Math.max(header.more, 0), 511) : 0
  const pages: unknown[] = [...optionalList(header.pages)]
  for (let i = 1; i <= more; i++) {
    const chunk = items[chunkKey(i)]
    pages.push(...optionalList(chunk))
  }
  const { more: _more, ...rest } = header
  return { ...rest, pages }
}

export function staleChunkKeys(items: Readonly<Record<string, unknown>>, more: number): string[] {
  return Object.keys(items).filter((key) => key !== SETTINGS_KEY && isSettingsKey(key) && Number(key.slice(SETTINGS_KEY.length + 1)) > more)
}
