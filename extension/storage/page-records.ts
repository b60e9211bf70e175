import { decodeItem } from './item.ts'
import { PAGE_RECORD, pageStorageKey, type PageRecord } from './records.ts'
import { getLocal } from './store.ts'

/**
 * The page records of one cycle, read `batchSize` at a time in visiting order: 20 browser calls a
 * cycle at 1,000 pages, not 1,000, and never all records (5–10 KB each) in memory at once. Safe
 * to read ahead: only the cycle writes page records while it runs, each page once.
 */
export function pageRecordLoader(pageKeys: readonly string[], batchSize: number): (pageKey: string) => Promise<PageRecord> {
  const index = new Map(pageKeys.map((key, i) => [key, i]))
  const batches = new Map<number, Promise<Record<string, unknown>>>()
  const handedOut = new Map<number, number>()
  return async (pageKey) => {
    const at = index.get(pageKey)
    if (at === undefined) return decodeItem(PAGE_RECORD, (await getLocal([pageStorageKey(pageKey)]))[pageStorageKey(pageKey)])
    const batch = Math.floor(at / batchSize)
    let read = batches.get(batch)
    if (read === undefined) {
      read = getLocal(pageKeys.slice(batch * batchSize, (batch + 1) * batchSize).map(pageStorageKey))
      batches.set(batch, read)
    }
    // A batch that cannot be read must not fail all its pages: each is then read on its own.
    const stored = await read.catch(() => getLocal([pageStorageKey(pageKey)]))
    const count = (handedOut.get(batch) ?? 0) + 1
    handedOut.set(batch, count)
    if (count >= Math.min(batchSize, pageKeys.length - batch * batchSize)) batches.delete(batch)
    return decodeItem(PAGE_RECORD, stored[pageStorageKey(pageKey)])
  }
}
