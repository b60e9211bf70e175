import { browser } from '../platform/browser.ts'
import { decodeItem, sameJson } from '../storage/item.ts'
import { BADGE, EMPTY_ENTRY, META, SCHEDULE, type BadgeValue } from '../storage/records.ts'
import { entry, getLocal, readSettings, sessionArea } from '../storage/store.ts'
import { badgeFor } from './badge-state.ts'
import { readProblem } from './problem.ts'

/** The last value set is kept in storage.session, so an unchanged badge costs no action API call. */
export async function refreshBadge(): Promise<BadgeValue> {
  const settings = await readSettings()
  const stored = await getLocal([SCHEDULE.key, META.key])
  const schedule = decodeItem(SCHEDULE, stored[SCHEDULE.key])
  const meta = decodeItem(META, stored[META.key])
  const value = badgeFor(
    settings.pages.map((page) => ({ name: page.name || page.key, entry: schedule.pages[page.key] ?? EMPTY_ENTRY })),
    meta,
    await readProblem(),
  )
  const session = sessionArea()
  const last = session === null ? null : decodeItem(BADGE, (await session.get(BADGE.key))[BADGE.key])
  if (last !== null && sameJson(last, value)) return value
  await Promise.all([
    last?.text === value.text ? null : browser.action.setBadgeText({ text: value.text }),
    last?.color === value.color ? null : browser.action.setBadgeBackgroundColor({ color: value.color }),
    last?.title === value.title ? null : browser.action.setTitle({ title: value.title }),
  ])
  await session?.set(entry(BADGE, value))
  return value
}
