import { detectPlatform } from '../../src/detect.ts'
import { normalizeBaseUrl } from '../../src/providers/index.ts'
import type { Handlers } from '../messaging/dispatcher.ts'
import { failure, type FiltersPatch } from '../messaging/protocol.ts'
import { originsFor } from '../permissions/page-origins.ts'
import { decodeItem, sameJson } from '../storage/item.ts'
import { OUTBOX, SCHEDULE, pageStorageKey } from '../storage/records.ts'
import { MAX_PAGES, NO_FILTERS, SETTINGS, pageKeyOf, type NotifyFilters, type Settings, type WatchedPage } from '../storage/settings.ts'
import { entry, getLocal, readSettings, removeLocal, setLocal } from '../storage/store.ts'
import type { Context } from './context.ts'
import { hasHostPermission } from '../permissions/host-permissions.ts'
import { API_ORIGINS } from '../../src/providers/api-origins.ts'
import type { FetchLike } from '../../src/fetch-json.ts'
import { releaseHosts } from './permissions.ts'
import { updateSettings } from './settings-update.ts'
import { SettingsTooLarge, syncUsage } from '../storage/sync-budget.ts'
import { buildStateView } from '../storage/state-view.ts'
import { wakeAndPoll } from './wake.ts'

const KNOWN_API_ORIGINS: ReadonlySet<string> = new Set(Object.values(API_ORIGINS).flat())

function permissionNeeded(origins: string[]): { ok: false; error: 'permission'; origins: string[]; message: string } {
  return { ok: false, error: 'permission', origins, message: `Permission to read ${origins.map((o) => new URL(o.replace('/*', '/')).host).join(' and ')} is needed.` }
}

export function createHandlers(ctx: Context): Handlers {
  return {
    getState: async (request) => ({ ok: true, state: await buildStateView(request) }),

    checkNow: async ({ pageKey }) => {
      if (pageKey !== undefined && !(await readSettings()).pages.some((p) => p.key === pageKey)) {
        return failure('not_found', `No watched page ${pageKey}.`)
      }
      // No in-process follow-up cycles: the popup is waiting for this answer.
      return { ok: true, polled: await wakeAndPoll(ctx, { force: pageKey === undefined ? 'all' : [pageKey], keepAlive: false }) }
    },

    addPage: async ({ url, name }) => {
      const base = normalizeBaseUrl(url)
      if (!base.ok) return failure('invalid', base.error)
      const key = pageKeyOf(base.value)
      const settings = await readSettings()
      if (settings.pages.some((p) => p.key === key)) return failure('duplicate', `${base.value.host} is already watched.`)
      if (settings.pages.length >= MAX_PAGES) return failure('limit', `At most ${MAX_PAGES} pages can be watched.`)
      // Before any permission prompt: a page that cannot be saved is refused in words now.
      const provisional: WatchedPage = { key, url: base.value.href, platform: null, name: (name ?? '').trim() || base.value.host, addedAt: ctx.deps.now(), filters: NO_FILTERS }
      const usage = syncUsage({ ...settings, pages: [...settings.pages, provisional] })
      if (!usage.fits) return failure('limit', new SettingsTooLarge(usage).message)
      // permissions.request needs a user gesture, which the background never has: the UI asks.
      const origins = originsFor(base.value)
      if (!(await hasHostPermission(base.value.href))) {
        return { ok: false, error: 'permission', origins, message: `Permission to read ${base.value.host} is needed.` }
      }
      // Detection may have to read a platform's API host (status.io's, once the page names its id).
      // Without that host's permission the browser fails the read like a dead network, and the
      // page would be refused as unreadable: the read is not made, and that host is asked for.
      const unasked = new Set<string>()
      const fetch: FetchLike = async (url, init) => {
        const origin = new URL(url).origin
        if (origin !== base.value.origin && KNOWN_API_ORIGINS.has(origin) && !(await hasHostPermission(url))) {
          unasked.add(`${origin}/*`)
          throw new TypeError(`no permission to read ${new URL(url).host} yet`)
        }
        return ctx.deps.fetch(url, init)
      }
      const detected = await detectPlatform(base.value, { ...ctx.deps, fetch })
      if (!detected.ok) return unasked.size > 0 ? permissionNeeded([...new Set([...origins, ...unasked])]) : { ...failure('detect', detected.error.headline), tried: detected.error.tried }
      // Stored where detection found it to be read (detect.ts): status.io's address with its page id, or the feed the page's HTML announced.
      const stored = detected.value.base ?? base.value
      // A platform that reads another host (AWS): that host is asked for too, before the page is added.
      // Checked for the stored address, which polls read (a Statuspal page: its region's API host alone).
      if (!(await hasHostPermission(stored.href, detected.value.platform))) return permissionNeeded(originsFor(stored, detected.value.platform))
      const storedKey = pageKeyOf(stored)
      if (storedKey !== key && settings.pages.some((p) => p.key === storedKey)) return failure('duplicate', `${stored.host} is already watched.`)
      const page: WatchedPage = {
        key: storedKey,
        url: stored.href,
        platform: detected.value.platform,
        name: (name ?? '').trim() || detected.value.snapshot.page.name || base.value.host,
        addedAt: ctx.deps.now(),
        filters: NO_FILTERS,
      }
      // The settings change wakes the background (start.ts, storage.onChanged), which polls the new page.
      await updateSettings(ctx, (s) => (s.pages.some((p) => p.key === storedKey) ? s : { ...s, pages: [...s.pages, page] }))
      return { ok: true, page }
    },

    removePage: async ({ pageKey }) => {
      let removed: WatchedPage | undefined
      let before: Settings | undefined
      const settings = await updateSettings(ctx, (s) => {
        before = s
        removed = s.pages.find((p) => p.key === pageKey)
        return removed === undefined ? s : { ...s, pages: s.pages.filter((p) => p.key !== pageKey) }
      })
      if (removed === undefined) return failure('not_found', `No watched page ${pageKey}.`)
      await ctx.storageLock(async () => {
        const stored = await getLocal([SCHEDULE.key, OUTBOX.key])
        const schedule = decodeItem(SCHEDULE, stored[SCHEDULE.key])
        const outbox = decodeItem(OUTBOX, stored[OUTBOX.key])
        const pages = Object.fromEntries(Object.entries(schedule.pages).filter(([key]) => key !== pageKey))
        const entries = outbox.entries.filter((n) => n.pageKey !== pageKey)
        await setLocal({
          ...(sameJson(pages, schedule.pages) ? {} : entry(SCHEDULE, { pages })),
          ...(entries.length === outbox.entries.length ? {} : entry(OUTBOX, { entries })),
        })
        await removeLocal([pageStorageKey(pageKey)])
      })
      if (before !== undefined) await releaseHosts(before, settings)
      return { ok: true, removed }
    },

    updateFilters: async ({ pageKey, filters, notifyOnRecovery, quietHours, keepSevereOnScreen }) => {
      let found = pageKey === undefined
      const settings = await updateSettings(ctx, (s) => {
        let next = s
        if (pageKey !== undefined && filters !== undefined) {
          const page = s.pages.find((p) => p.key === pageKey)
          if (page === undefined) return s
          found = true
          const merged = mergeFilters(page.filters, filters)
          if (!sameJson(merged, page.filters)) next = { ...next, pages: s.pages.map((p) => (p.key === pageKey ? { ...p, filters: merged } : p)) }
        }
        if (notifyOnRecovery !== undefined && notifyOnRecovery !== s.notifyOnRecovery) next = { ...next, notifyOnRecovery }
        if (quietHours !== undefined && !sameJson(quietHours, s.quietHours ?? null)) next = { ...next, quietHours }
        if (keepSevereOnScreen !== undefined && keepSevereOnScreen !== (s.keepSevereOnScreen ?? false)) next = { ...next, keepSevereOnScreen }
        return next
      })
      if (!found) return failure('not_found', `No watched page ${pageKey ?? ''}.`)
      return { ok: true, settings }
    },

    importSettings: async ({ settings: raw }) => {
      const imported = decodeItem(SETTINGS, raw)
      const settings = await updateSettings(ctx, (s) => (sameJson(s, imported) ? s : imported))
      return { ok: true, settings }
    },
  }
}

function mergeFilters(current: NotifyFilters, patch: FiltersPatch): NotifyFilters {
  return {
    componentIds: patch.componentIds === undefined ? current.componentIds : patch.componentIds === null ? null : [...new Set(patch.componentIds)],
    mutedUntil: patch.mutedUntil === undefined ? current.mutedUntil : patch.mutedUntil,
    mutedForever: patch.mutedForever ?? current.mutedForever,
  }
}
