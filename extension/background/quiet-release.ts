import { decodeItem } from '../storage/item.ts'
import { HELD, LINKS, MAX_LINKS, MAX_OUTBOX, OUTBOX } from '../storage/records.ts'
import { entry, getLocal, readSettings, removeLocal, setLocal } from '../storage/store.ts'
import type { Context } from './context.ts'
import { isQuiet, quietSummary } from '../../src/notify/quiet-hours.ts'

/**
 * Once quiet hours are over, what they held becomes ONE notification: the summary enters the
 * outbox, under its deterministic id, as the held events leave, so a dying worker shows it once.
 */
export async function releaseQuietHours(ctx: Context): Promise<void> {
  // Most wake-ups hold nothing: one local read, no settings read.
  if ((await getLocal([HELD.key]))[HELD.key] === undefined) return
  const { quietHours } = await readSettings()
  if (isQuiet(quietHours, ctx.deps.now())) return
  await ctx.storageLock(async () => {
    const stored = await getLocal([HELD.key, OUTBOX.key, LINKS.key])
    const held = decodeItem(HELD, stored[HELD.key]).entries
    const summary = quietSummary(held)
    if (summary === null) return
    const outbox = decodeItem(OUTBOX, stored[OUTBOX.key]).entries.filter((n) => n.id !== summary.id)
    const links = decodeItem(LINKS, stored[LINKS.key]).entries.filter((l) => l.id !== summary.id)
    await setLocal({
      ...entry(OUTBOX, {
        entries: [...outbox, { id: summary.id, pageKey: '', title: summary.title, body: summary.body, url: summary.pageUrl, priority: 1 as const, attempts: 0 }].slice(-MAX_OUTBOX),
      }),
      ...entry(LINKS, { entries: [...links, { id: summary.id, url: summary.pageUrl, pageUrl: summary.pageUrl }].slice(-MAX_LINKS) }),
    })
    await removeLocal([HELD.key])
  })
}
