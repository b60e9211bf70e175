/**
 * A gap nobody polled in (the browser closed, the machine asleep), for the demo and the e2e
 * suites: the extension learns of one only through the page's stored times and the clock, so
 * moving those times back is, to it, the same as the hours passing.
 */

/** In an extension page: every watched page's stored times moved `ms` back, as if nobody had polled since. */
export async function moveStoredTimesBack(ms: number): Promise<number> {
  const api = (globalThis as unknown as { chrome?: { storage: StorageApi }; browser?: { storage: StorageApi } })
  const storage = (api.browser ?? api.chrome)?.storage
  if (!storage) throw new Error('no storage API here')
  const { schedule } = (await storage.local.get('schedule')) as { schedule?: { version: number; pages: Record<string, Record<string, unknown>> } }
  if (!schedule) throw new Error('no schedule stored')
  const pages: Record<string, Record<string, unknown>> = {}
  for (const [key, entry] of Object.entries(schedule.pages)) {
    const moved: Record<string, unknown> = { ...entry }
    for (const field of ['c', 'o', 'd']) if (typeof entry[field] === 'number') moved[field] = (entry[field] as number) - ms
    pages[key] = moved
  }
  await storage.local.set({ schedule: { ...schedule, pages } })
  return Object.keys(pages).length
}

interface StorageApi {
  readonly local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> }
}
