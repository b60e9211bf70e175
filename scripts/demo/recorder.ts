/**
 * Records what the extension shows, from inside its service worker: `chrome.notifications.create`
 * is wrapped (before anything is shown) to keep each notification's id, title and message, then
 * calls through, so the real desktop notification still appears. The wrapper lives as long as
 * this worker instance; the stored history (`getState`) is the durable record.
 */
import type { Worker } from 'playwright-core'

export interface RecordedNotification {
  readonly id: string
  readonly title: string
  readonly message: string
}

interface RecorderGlobal {
  __demoShown?: RecordedNotification[]
  chrome: { notifications: { create: (...args: unknown[]) => unknown } }
}

export async function installNotificationRecorder(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as RecorderGlobal
    if (g.__demoShown) return
    const shown: RecordedNotification[] = []
    g.__demoShown = shown
    const create = g.chrome.notifications.create.bind(g.chrome.notifications)
    g.chrome.notifications.create = (...args: unknown[]) => {
      const id = typeof args[0] === 'string' ? args[0] : ''
      const options = (typeof args[0] === 'string' ? args[1] : args[0]) as { title?: unknown; message?: unknown } | undefined
      shown.push({ id, title: String(options?.title ?? ''), message: String(options?.message ?? '') })
      return create(...args)
    }
  })
}

/** The notifications shown since the last call (and forgets them). */
export function takeRecordedNotifications(worker: Worker): Promise<RecordedNotification[]> {
  return worker.evaluate(() => (globalThis as unknown as RecorderGlobal).__demoShown?.splice(0) ?? [])
}
