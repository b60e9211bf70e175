import type { Settings } from '../storage/settings.ts'
import { readSettings, writeSettings } from '../storage/store.ts'
import { checkSyncBudget } from '../storage/sync-budget.ts'
import type { Context } from './context.ts'

/**
 * Under the storage lock, so a platform found by a poll and a filter changed in the options page
 * never overwrite each other. `mutate` returns the same object for "no change".
 */
export async function updateSettings(ctx: Context, mutate: (settings: Settings) => Settings): Promise<Settings> {
  return ctx.storageLock(async () => {
    const current = await readSettings()
    const next = mutate(current)
    if (next === current) return next
    // Refused here, in words, rather than by storage.sync's quota mid-write.
    checkSyncBudget(current, next)
    await writeSettings(next)
    return next
  })
}
