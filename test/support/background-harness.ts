import { fakeBrowser } from '@webext-core/fake-browser'
import { vi } from 'vitest'
import type { BackgroundDeps } from '../../extension/background/deps.ts'
import { encodeItem } from '../../extension/storage/item.ts'
import { SETTINGS, NO_FILTERS, pageKeyOf, type Settings, type WatchedPage } from '../../extension/storage/settings.ts'
import { splitSettings } from '../../extension/storage/sync-chunks.ts'
import type { Platform } from '../../src/model.ts'

/**
 * The background under test: @webext-core/fake-browser as the browser (with the APIs it lacks
 * filled in: permissions, getManifest; test/support/fake-browser-setup.ts puts it behind
 * platform/browser.ts for every unit test), a virtual clock, and a kill switch that simulates
 * the worker dying at any named step.
 */

// --- permissions (fake-browser throws "not implemented") ----------------------------------------

type Listener = (...args: never[]) => unknown

function fakeEvent<L extends Listener>(): {
  addListener(l: L): void
  removeListener(l: L): void
  hasListener(l: L): boolean
  removeAllListeners(): void
  trigger(...args: Parameters<L>): Promise<unknown[]>
} {
  const listeners: L[] = []
  return {
    addListener: (l) => void listeners.push(l),
    removeListener: (l) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l) => listeners.includes(l),
    removeAllListeners: () => void listeners.splice(0),
    trigger: (...args) => Promise.all(listeners.map((l) => l(...args))),
  }
}

interface PermissionsLike {
  origins?: string[]
}

export const granted = new Set<string>()

export const permissions = {
  contains: vi.fn(async (p: PermissionsLike) => (p.origins ?? []).every((o) => granted.has(o))),
  request: vi.fn(async (p: PermissionsLike) => {
    const added = (p.origins ?? []).filter((o) => !granted.has(o))
    for (const o of added) granted.add(o)
    if (added.length > 0) await permissions.onAdded.trigger({ origins: added })
    return true
  }),
  remove: vi.fn(async (p: PermissionsLike) => {
    const removed = (p.origins ?? []).filter((o) => granted.delete(o))
    if (removed.length > 0) await permissions.onRemoved.trigger({ origins: removed })
    return removed.length > 0
  }),
  getAll: vi.fn(async () => ({ origins: [...granted], permissions: [] })),
  onAdded: fakeEvent<(p: PermissionsLike) => unknown>(),
  onRemoved: fakeEvent<(p: PermissionsLike) => unknown>(),
}

export const REQUIRED_HOSTS = ['https://status.openai.com/*']

/** What the fake browser was asked to do, in order (calls made by a dead worker excluded). */
export const calls = {
  /** Ids passed to notifications.create, repeats included. */
  created: [] as string[],
  localSets: [] as Record<string, unknown>[],
  syncSets: [] as Record<string, unknown>[],
}

let isDead: () => boolean = () => false
/** Kills the current test worker on the spot (set by testDeps). */
let die: () => void = () => {}

/**
 * A death planned at a storage call: the n-th `storage.*.set/remove` from the moment it is armed,
 * either before the call (nothing written) or right after it (written, but the caller never
 * learns it). Storage calls are where exactly-once is won or lost, so every one of them is a
 * point where a test can stop the worker, not only the named checkpoints.
 */
let storagePlan: { at: number; when: 'before' | 'after' } | null = null
let storageCalls = 0

export type StorageKill = 'before' | 'after'

export function killAtStorageCall(n: number | null, when: StorageKill = 'before'): void {
  storageCalls = 0
  storagePlan = n === null ? null : { at: n, when }
}

/** Storage set/remove calls made by the live worker since the last killAtStorageCall. */
export const storageCallCount = (): number => storageCalls

/**
 * Wraps the effectful fake APIs once: they record their calls, and they refuse to work for a
 * dead worker (whose late effects would never happen in a browser).
 */
function instrument(): void {
  if ((fakeBrowser as { instrumented?: boolean }).instrumented) return
  Object.assign(fakeBrowser, { instrumented: true })
  const wrap = (target: object, key: string, log?: (args: unknown[]) => void): void => {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[key]
    if (original === undefined) throw new Error(`no ${key} to wrap`)
    Object.assign(target, {
      [key]: (...args: unknown[]) => {
        if (isDead()) return Promise.reject(new WorkerDied('dead worker'))
        log?.(args)
        return original.apply(target, args)
      },
    })
  }
  const storageCall = (target: object, key: string, log?: (args: unknown[]) => void): void => {
    const original = (target as Record<string, (...args: unknown[]) => Promise<unknown>>)[key]
    if (original === undefined) throw new Error(`no ${key} to wrap`)
    Object.assign(target, {
      [key]: async (...args: unknown[]) => {
        if (isDead()) throw new WorkerDied('dead worker')
        storageCalls++
        const planned = storagePlan !== null && storageCalls === storagePlan.at ? storagePlan.when : null
        if (planned === 'before') {
          die()
          throw new WorkerDied(`killed before storage call ${storageCalls} (${key})`)
        }
        log?.(args)
        const result = await original.apply(target, args)
        if (planned === 'after') {
          die()
          throw new WorkerDied(`killed after storage call ${storageCalls} (${key})`)
        }
        return result
      },
    })
  }
  storageCall(fakeBrowser.storage.local, 'set', ([items]) => calls.localSets.push(items as Record<string, unknown>))
  storageCall(fakeBrowser.storage.local, 'remove')
  storageCall(fakeBrowser.storage.sync, 'set', ([items]) => calls.syncSets.push(items as Record<string, unknown>))
  storageCall(fakeBrowser.storage.sync, 'remove')
  storageCall(fakeBrowser.storage.session, 'set')
  storageCall(fakeBrowser.storage.session, 'remove')
  wrap(fakeBrowser.notifications, 'create', ([id]) => calls.created.push(id as string))
  wrap(fakeBrowser.alarms, 'create')
}

/** A clean fake browser: empty storage, no alarms, no notifications, the manifest's host granted. */
export function resetBrowser(): void {
  instrument()
  fakeBrowser.reset()
  vi.clearAllMocks()
  calls.created.length = 0
  calls.localSets.length = 0
  calls.syncSets.length = 0
  isDead = () => false
  killAtStorageCall(null)
  granted.clear()
  for (const host of REQUIRED_HOSTS) granted.add(host)
  permissions.onAdded.removeAllListeners()
  permissions.onRemoved.removeAllListeners()
  Object.assign(fakeBrowser, { permissions })
  Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({ manifest_version: 3, name: 'Status Monitor', version: '0.1.0', host_permissions: REQUIRED_HOSTS }),
  })
}

/** The URLs `tabs.create` is asked to open, in order (restored by vi.restoreAllMocks). */
export function recordOpenedTabs(): string[] {
  const opened: string[] = []
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (props: { url?: string }) => {
    opened.push(props.url ?? '')
    return { id: opened.length, index: 0, highlighted: false, active: true, pinned: false, incognito: false }
  })
  return opened
}

// --- the worker dying -----------------------------------------------------------------------------

/** Removes every listener the old worker registered (its module is gone); storage and shown notifications stay. */
export function killWorker(): void {
  fakeBrowser.alarms.onAlarm.removeAllListeners()
  fakeBrowser.runtime.onInstalled.removeAllListeners()
  fakeBrowser.runtime.onStartup.removeAllListeners()
  fakeBrowser.runtime.onMessage.removeAllListeners()
  fakeBrowser.notifications.onClicked.removeAllListeners()
  fakeBrowser.notifications.onButtonClicked.removeAllListeners()
  fakeBrowser.notifications.onClosed.removeAllListeners()
  fakeBrowser.storage.onChanged.removeAllListeners()
  permissions.onAdded.removeAllListeners()
  permissions.onRemoved.removeAllListeners()
}

export class WorkerDied extends Error {}

/**
 * Boots a fresh worker: the background's modules imported anew (vi.resetModules: a dead worker's
 * in-memory state, such as message-priority.ts's queue, dies with it), listeners registered again.
 */
export async function bootWorker(deps: TestDeps): Promise<TestDeps> {
  vi.resetModules()
  const { startBackground } = await import('../../extension/background/start.ts')
  startBackground(deps)
  return deps
}

/**
 * Fires the poll alarm as Chrome does: a one-shot alarm leaves the list, a repeating one moves
 * on by its period; then onAlarm runs.
 */
export async function fireAlarm(clock: Clock, at: number = clock.now): Promise<void> {
  clock.now = Math.max(clock.now, at)
  const alarm = await fakeBrowser.alarms.get('poll')
  await fakeBrowser.alarms.clear('poll')
  if (alarm?.periodInMinutes !== undefined) {
    await fakeBrowser.alarms.create('poll', { when: clock.now + alarm.periodInMinutes * 60_000, periodInMinutes: alarm.periodInMinutes })
  }
  await fakeBrowser.alarms.onAlarm.trigger({ name: 'poll', scheduledTime: at, persistAcrossSessions: false })
}

/** The extension installed (or updated: Chrome then clears its alarms). */
export async function install(reason: 'install' | 'update' = 'install'): Promise<void> {
  if (reason === 'update') await fakeBrowser.alarms.clearAll()
  await fakeBrowser.runtime.onInstalled.trigger({ reason: reason === 'install' ? 'install' : 'chrome_update' })
}

/** The poll alarm's time, or null. */
export async function alarmTime(): Promise<number | null> {
  const alarms = await fakeBrowser.alarms.getAll()
  if (alarms.length > 1) throw new Error(`more than one alarm: ${alarms.map((a) => a.name).join(', ')}`)
  return alarms[0]?.scheduledTime ?? null
}

export interface TestDeps extends BackgroundDeps {
  /** Every checkpoint reached, in order. */
  readonly steps: string[]
  /** Every request, with the virtual time it was made at. */
  readonly fetched: { readonly url: string; readonly at: number }[]
  /** Die at the n-th checkpoint (1-based) from now on: it and everything after it throw. */
  killAt(n: number | null): void
  readonly dead: () => boolean
}

export interface Clock {
  now: number
}

export function testDeps(clock: Clock, options: { timeoutMs?: number; maxExtraCycles?: number; online?: () => boolean } = {}): TestDeps {
  const steps: string[] = []
  const fetched: { url: string; at: number }[] = []
  let killAt: number | null = null
  let dead = false
  isDead = () => dead
  die = () => {
    dead = true
  }
  return {
    fetch: (url, init) => {
      fetched.push({ url, at: clock.now })
      return fetch(url, { headers: init.headers, signal: init.signal })
    },
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    now: () => clock.now,
    random: () => 0.5,
    sleep: async (ms) => {
      clock.now += ms
    },
    isOnline: options.online ?? (() => true),
    checkpoint: (step) => {
      if (dead) throw new WorkerDied(`dead (at ${step})`)
      steps.push(step)
      if (killAt !== null && steps.length >= killAt) {
        dead = true
        throw new WorkerDied(`killed at ${step}`)
      }
    },
    maxExtraCycles: options.maxExtraCycles ?? 0,
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    notificationTimeoutMs: 200,
    timeoutMs: options.timeoutMs ?? 5_000,
    steps,
    fetched,
    killAt: (n) => {
      killAt = n === null ? null : steps.length + n
    },
    dead: () => dead,
  }
}

// --- settings written the way the extension stores them -----------------------------------------

export function watched(url: string, platform: Platform | null, name = '', filters = NO_FILTERS): WatchedPage {
  const base = new URL(url)
  return { key: pageKeyOf(base), url: base.href, platform, name, addedAt: 1, filters }
}

export async function storeSettings(pages: WatchedPage[], notifyOnRecovery = true): Promise<Settings> {
  return storeWholeSettings({ version: 1, pages, notifyOnRecovery })
}

/** Settings as the options page saves them: encoded and split into sync items. */
export async function storeWholeSettings(settings: Settings): Promise<Settings> {
  await fakeBrowser.storage.sync.set(splitSettings(encodeItem(SETTINGS, settings)))
  return settings
}
