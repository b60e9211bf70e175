import { dispatch, type Handlers } from '../messaging/dispatcher.ts'
import { browser, type Runtime } from '../platform/browser.ts'
import { META } from '../storage/records.ts'
import { isSettingsKey } from '../storage/sync-chunks.ts'
import { onStorageChanged, readLocal, readSettings, readSettingsBefore } from '../storage/store.ts'
import { isRecord } from '../../src/untrusted.ts'
import { ALARM } from './alarm.ts'
import { createContext, type Context } from './context.ts'
import type { BackgroundDeps } from './deps.ts'
import { createHandlers } from './handlers.ts'
import { openNotification } from './notification-click.ts'
import { pagesWithStalePermission, releaseHosts } from './permissions.ts'
import { wakeAndPoll, wakeLight } from './wake.ts'
import { withPriority } from './message-priority.ts'

/** Listener bodies never throw into the browser: a failed wake-up is logged and retried by the alarm. */
function settle(task: Promise<unknown>, what: string): Promise<void> {
  return task.then(
    () => undefined,
    (error: unknown) => console.error(`[status-monitor] ${what} failed:`, error),
  )
}

/**
 * Every listener of the background, registered synchronously with the given effects: the
 * worker's index.ts passes the real ones, the unit tests a virtual clock and checkpoints.
 * Nothing here outlives the worker: everything that must survive (~30 s idle and it is gone)
 * is in storage, and every wake-up starts from there. See docs/background.md for the sequence
 * and the exactly-once argument.
 */
export interface Background {
  readonly ctx: Context
  readonly handlers: Handlers
}

export function startBackground(deps: BackgroundDeps): Background {
  const ctx = createContext(deps)
  const handlers = createHandlers(ctx)

  /**
   * A wake-up that first brings permissions up to date: pages whose host permission was taken
   * away (or given back) are visited at once, to show (or clear) their `permission` error; the
   * others are polled when due, so a Retry-After or a backoff survives a browser restart.
   */
  async function wakeCheckingPermissions(): Promise<void> {
    await wakeAndPoll(ctx, { force: await pagesWithStalePermission() })
  }

  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === ALARM ? settle(wakeAndPoll(ctx), 'poll') : undefined))

  // Install, update (Chrome clears alarms on update) and browser start: poll what is due, re-arm.
  browser.runtime.onInstalled.addListener(() => settle(wakeCheckingPermissions(), 'install'))
  browser.runtime.onStartup.addListener(() => settle(wakeCheckingPermissions(), 'startup'))

  // Answered through sendResponse + `return true`: Chrome ignores a returned promise. The answer
  // first (a popup is waiting to render it), the wake-up's own chores after it.
  // Answered before a running cycle's next page (message-priority.ts), except "check now", which
  // runs a cycle itself and would wait for its own answer.
  const runsCycle = (message: unknown): boolean => isRecord(message) && message.type === 'checkNow'

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    const answer = (): ReturnType<typeof dispatch> => dispatch(handlers, message, sender, browser.runtime.id)
    void (runsCycle(message) ? answer() : withPriority(answer))
      .then(sendResponse)
      .finally(() => settle(wakeLight(ctx), 'wake-up'))
    return true as const
  })

  browser.notifications.onClicked.addListener((id) => settle(Promise.all([openNotification(id), wakeLight(ctx)]), 'click'))
  browser.notifications.onClosed.addListener(() => settle(wakeLight(ctx), 'wake-up'))

  // Pages added, removed or re-filtered (here or on another device): poll new pages, re-arm.
  // Not awaited: a storage write must never wait for the wake-up it causes.
  onStorageChanged((changes, area) => {
    if (area !== 'sync' || !Object.keys(changes).some(isSettingsKey)) return
    void settle(wakeAndPoll(ctx), 'settings change')
    // Pages that left (an import, another device) give back the hosts no other page needs.
    void settle(Promise.all([readSettingsBefore(changes), readSettings()]).then(([before, after]) => releaseHosts(before, after)), 'host permissions')
  })

  browser.permissions.onAdded.addListener(() => settle(wakeCheckingPermissions(), 'permission change'))
  browser.permissions.onRemoved.addListener(() => settle(wakeCheckingPermissions(), 'permission change'))

  // While the worker is alive, the network coming back is worth a poll at once (after the
  // backoff of an offline spell the next one might be minutes away). Nothing is announced.
  if (typeof addEventListener === 'function') {
    const onOnline = async (): Promise<void> => {
      if ((await readLocal(META)).offline) await wakeAndPoll(ctx, { force: 'all' })
    }
    addEventListener('online', () => void settle(onOnline(), 'online'))
  }

  return { ctx, handlers }
}
