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
import { openNotification, pressNotificationButton } from './notification-click.ts'
import { notificationsHaveActions } from '../platform/notification-features.ts'
import { pagesWithStalePermission, releaseHosts } from './permissions.ts'
import { wakeAndPoll, wakeLight } from './wake.ts'
import { withPriority } from './message-priority.ts'

/** A failed wake-up is logged, not thrown into the browser: the alarm retries it. */
function settle(task: Promise<unknown>, what: string): Promise<void> {
  return task.then(
    () => undefined,
    (error: unknown) => console.error(`[status-monitor] ${what} failed:`, error),
  )
}

export interface Background {
  readonly ctx: Context
  readonly handlers: Handlers
}

/**
 * Every listener, registered synchronously (index.ts passes the real effects, tests fakes).
 * Nothing here outlives the worker: all that must survive is in storage (docs/background.md).
 */
export function startBackground(deps: BackgroundDeps): Background {
  const ctx = createContext(deps)
  const handlers = createHandlers(ctx)

  // Pages whose host permission changed are visited at once to show (or clear) their error; the
  // others only when due, so a Retry-After or a backoff survives a browser restart.
  async function wakeCheckingPermissions(): Promise<void> {
    await wakeAndPoll(ctx, { force: await pagesWithStalePermission() })
  }

  browser.alarms.onAlarm.addListener((alarm) => (alarm.name === ALARM ? settle(wakeAndPoll(ctx), 'poll') : undefined))

  // Install, update (Chrome clears alarms on update) and browser start: poll what is due, re-arm.
  browser.runtime.onInstalled.addListener(() => settle(wakeCheckingPermissions(), 'install'))
  browser.runtime.onStartup.addListener(() => settle(wakeCheckingPermissions(), 'startup'))

  // sendResponse + `return true`: Chrome ignores a returned promise. The answer goes first, before
  // a running cycle's next page (message-priority.ts), except "check now", which runs a cycle
  // itself and would wait for its own answer.
  const runsCycle = (message: unknown): boolean => isRecord(message) && message.type === 'checkNow'

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    const answer = (): ReturnType<typeof dispatch> => dispatch(handlers, message, sender, browser.runtime.id)
    void (runsCycle(message) ? answer() : withPriority(answer))
      .then(sendResponse)
      .finally(() => settle(wakeLight(ctx), 'wake-up'))
    return true as const
  })

  browser.notifications.onClicked.addListener((id) => settle(Promise.all([openNotification(id), wakeLight(ctx)]), 'click'))
  // Firefox has no buttons (notification-features.ts), and may have no event for them either.
  if (notificationsHaveActions()) {
    browser.notifications.onButtonClicked.addListener((id, button) => settle(Promise.all([pressNotificationButton(id, button, handlers, deps.now()), wakeLight(ctx)]), 'button'))
  }
  browser.notifications.onClosed.addListener(() => settle(wakeLight(ctx), 'wake-up'))

  // Not awaited: a storage write must never wait for the wake-up it causes.
  onStorageChanged((changes, area) => {
    if (area !== 'sync' || !Object.keys(changes).some(isSettingsKey)) return
    void settle(wakeAndPoll(ctx), 'settings change')
    // Pages that left (an import, another device) give back the hosts no other page needs.
    void settle(Promise.all([readSettingsBefore(changes), readSettings()]).then(([before, after]) => releaseHosts(before, after)), 'host permissions')
  })

  browser.permissions.onAdded.addListener(() => settle(wakeCheckingPermissions(), 'permission change'))
  browser.permissions.onRemoved.addListener(() => settle(wakeCheckingPermissions(), 'permission change'))

  // After an offline spell's backoff the next poll might be minutes away: poll at once.
  if (typeof addEventListener === 'function') {
    const onOnline = async (): Promise<void> => {
      if ((await readLocal(META)).offline) await wakeAndPoll(ctx, { force: 'all' })
    }
    addEventListener('online', () => void settle(onOnline(), 'online'))
  }

  return { ctx, handlers }
}
