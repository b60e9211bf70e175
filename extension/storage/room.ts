import { fitPageState, jsonBytes } from '../../src/state-budget.ts'
import { browser } from '../platform/browser.ts'
import { decodeItem, encodeItem } from './item.ts'
import { HISTORY, PAGE_RECORD, pageStorageKey } from './records.ts'
import { readSettings, setLocal } from './store.ts'

/**
 * A full storage.local must cost a page its newest state at worst, never the watch. Chrome gives
 * 10 MB without `unlimitedStorage` (not asked for: docs/reliability.md), and a `set` over it
 * rejects whole. Then room is made, cheapest loss first:
 *
 *   1. records of pages no longer watched (a removal that raced a cycle left them)
 *   2. the older half of the history
 *   3. every page record over TIGHT_BUDGET_BYTES, re-fitted to it (the seen-state, which keeps
 *      notifications exactly-once, is never cut)
 *
 * and the write, made smaller the same way, is tried once more; still refused: StorageFull.
 */

const TIGHT_BUDGET_BYTES = 16 * 1024

export class StorageFull extends Error {
  override readonly name = 'StorageFull'
}

/** Chrome: "QUOTA_BYTES quota exceeded" (and the sync variants); Firefox: "QuotaExceededError". */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StorageFull) return true
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error)
  return /quota/i.test(text)
}

/** Call it under the storage lock. */
export async function setLocalMakingRoom(items: Record<string, unknown>): Promise<void> {
  try {
    await setLocal(items)
    return
  } catch (error) {
    if (!isQuotaError(error)) throw error
  }
  await makeRoom(new Set(Object.keys(items)))
  try {
    await setLocal(tighter(items))
  } catch (error) {
    if (!isQuotaError(error)) throw error
    throw new StorageFull(`storage is full even after trimming (${Math.round(jsonBytes(items) / 1024)} KB to write)`)
  }
}

function tighter(items: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(items).map(([key, value]) => {
      if (key === HISTORY.key) return [key, halfHistory(value)]
      if (key.startsWith(PAGE_RECORD.key) && jsonBytes(value) > TIGHT_BUDGET_BYTES) return [key, refitted(value)]
      return [key, value]
    }),
  )
}

function halfHistory(stored: unknown): unknown {
  const { entries } = decodeItem(HISTORY, stored)
  return encodeItem(HISTORY, { entries: entries.slice(0, Math.ceil(entries.length / 2)) })
}

/** A stored page record re-fitted to TIGHT_BUDGET_BYTES, its earlier cuts still counted. */
function refitted(stored: unknown): unknown {
  const record = decodeItem(PAGE_RECORD, stored)
  const fitted = fitPageState(record.state, TIGHT_BUDGET_BYTES)
  const omitted = {
    components: record.omitted.components + fitted.omitted.components,
    incidents: record.omitted.incidents + fitted.omitted.incidents,
    maintenances: record.omitted.maintenances + fitted.omitted.maintenances,
  }
  return encodeItem(PAGE_RECORD, { ...record, state: fitted.state, omitted })
}

/** `writing`: the keys about to be written, left to the caller. */
async function makeRoom(writing: ReadonlySet<string>): Promise<void> {
  const all = await browser.storage.local.get(null)
  const watched = new Set((await readSettings()).pages.map((page) => pageStorageKey(page.key)))
  const orphans = Object.keys(all).filter((key) => key.startsWith(PAGE_RECORD.key) && !watched.has(key) && !writing.has(key))
  if (orphans.length > 0) await browser.storage.local.remove(orphans)

  const smaller: Record<string, unknown> = {}
  if (!writing.has(HISTORY.key) && all[HISTORY.key] !== undefined) smaller[HISTORY.key] = halfHistory(all[HISTORY.key])
  for (const [key, value] of Object.entries(all)) {
    if (watched.has(key) && !writing.has(key) && jsonBytes(value) > TIGHT_BUDGET_BYTES) smaller[key] = refitted(value)
  }
  // Each value only shrinks, so this write needs no room of its own.
  await setLocal(smaller)
}
