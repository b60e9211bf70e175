import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ALARM, armAlarm } from '../../../extension/background/alarm.ts'
import { createContext, type Context } from '../../../extension/background/context.ts'
import { noteDelivery, undeliveredAfter } from '../../../extension/background/delivery.ts'
import { mapLimit } from '../../../extension/background/mutex.ts'
import { pagesWithStalePermission, permissionError, releaseHosts } from '../../../extension/background/permissions.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { EMPTY_ENTRY, SCHEDULE, UNDELIVERED } from '../../../extension/storage/records.ts'
import type { Settings } from '../../../extension/storage/settings.ts'
import { granted, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'


let clock: Clock
let ctx: Context

beforeEach(() => {
  resetBrowser()
  clock = { now: Date.UTC(2026, 7, 2, 12) }
  ctx = createContext(testDeps(clock))
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('armAlarm', () => {
  const alarmAt = async (): Promise<number | undefined> => (await fakeBrowser.alarms.get(ALARM))?.scheduledTime

  it('no page due: no alarm at all', async () => {
    await fakeBrowser.alarms.create(ALARM, { when: clock.now + 10_000 })
    await armAlarm(ctx, null)
    expect(await fakeBrowser.alarms.getAll()).toEqual([])
  })

  it('a due time already past is armed half a second from now, not in the past', async () => {
    await armAlarm(ctx, clock.now - 5_000)
    expect(await alarmAt()).toBe(clock.now + 500)
  })

  it('an alarm due at most a second after the page is kept; a later one is moved to the due time', async () => {
    const due = clock.now + 30_000
    await fakeBrowser.alarms.create(ALARM, { when: due + 1_000 })
    await armAlarm(ctx, due)
    expect(await alarmAt()).toBe(due + 1_000)
    await fakeBrowser.alarms.create(ALARM, { when: due + 1_001 })
    await armAlarm(ctx, due)
    expect(await alarmAt()).toBe(due)
  })

  it('an alarm a minute or more overdue (it will not fire: Chrome dropped it) is armed again', async () => {
    const due = clock.now + 30_000
    await fakeBrowser.alarms.create(ALARM, { when: clock.now - 60_000 })
    await armAlarm(ctx, due)
    expect(await alarmAt()).toBe(due)
    // Just under a minute overdue, it is still trusted to fire.
    await fakeBrowser.alarms.create(ALARM, { when: clock.now - 59_999 })
    await armAlarm(ctx, due)
    expect(await alarmAt()).toBe(clock.now - 59_999)
  })
})

describe('undelivered notifications', () => {
  const previous = { since: 1, count: 2, reason: 'old' }

  it('counts the dropped ones and keeps the last reason', () => {
    expect(undeliveredAfter(previous, 0, ['first', 'second', 'last'], 9)).toEqual({ since: 1, count: 5, reason: 'last' })
  })

  it('a wake-up that showed nothing and dropped nothing keeps the count; one shown clears it', () => {
    expect(undeliveredAfter(previous, 0, [], 9)).toBe(previous)
    expect(undeliveredAfter(previous, 1, [], 9)).toBeNull()
  })

  it('a quiet wake-up does not even read storage.session; a shown one with nothing recorded writes nothing', async () => {
    const get = vi.spyOn(fakeBrowser.storage.session, 'get')
    const remove = vi.spyOn(fakeBrowser.storage.session, 'remove')
    const set = vi.spyOn(fakeBrowser.storage.session, 'set')
    await noteDelivery(0, [], 9)
    expect(get).not.toHaveBeenCalled()
    await noteDelivery(1, [], 9)
    expect([remove.mock.calls.length, set.mock.calls.length]).toEqual([0, 0])
  })

  it('without storage.session (older browsers) there is nothing to record, and no error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const storage = fakeBrowser.storage as { session?: unknown }
    const session = storage.session
    delete storage.session
    try {
      await noteDelivery(0, ['refused'], 9)
    } finally {
      storage.session = session
    }
    expect(error).not.toHaveBeenCalled()
  })

  it('a failure to record it is reported on the console, never thrown into the delivery', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(fakeBrowser.storage.session, 'get').mockRejectedValue(new Error('session broken'))
    await expect(noteDelivery(0, ['refused'], 9)).resolves.toBeUndefined()
    expect(error).toHaveBeenCalledTimes(1)
  })

  it('a notification shown clears the recorded count from storage.session', async () => {
    await fakeBrowser.storage.session.set({ [UNDELIVERED.key]: encodeItem(UNDELIVERED, previous) })
    await noteDelivery(1, [], 9)
    expect(await fakeBrowser.storage.session.get(null)).toEqual({})
  })
})

describe('mapLimit', () => {
  it('runs at most `limit` tasks at a time, results in input order', async () => {
    let running = 0
    let most = 0
    const results = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, 0))
      running--
      return n * 10
    })
    expect(results).toEqual([10, 20, 30, 40, 50])
    expect(most).toBe(2)
  })
})

describe('host permissions', () => {
  it('the error for a missing permission names every host the page reads, once', () => {
    expect(permissionError('https://status.aws.amazon.com/', 'aws').message).toBe(
      'Permission to read status.aws.amazon.com and health.aws.amazon.com is missing: grant it in the options page.',
    )
    expect(permissionError('https://health.aws.amazon.com/', 'aws').message).toBe('Permission to read health.aws.amazon.com is missing: grant it in the options page.')
  })

  it('stale: only pages whose shown permission state disagrees with the real one', async () => {
    const fine = watched('https://status.fine.com', 'statuspage', 'Fine')
    const lost = watched('https://status.lost.com', 'statuspage', 'Lost')
    const back = watched('https://status.back.com', 'statuspage', 'Back')
    granted.add('https://status.fine.com/*')
    granted.add('https://status.back.com/*')
    await storeSettings([fine, lost, back])
    await fakeBrowser.storage.local.set({
      [SCHEDULE.key]: encodeItem(SCHEDULE, { pages: { [fine.key]: EMPTY_ENTRY, [lost.key]: EMPTY_ENTRY, [back.key]: { ...EMPTY_ENTRY, error: 'permission' as const } } }),
    })
    expect(await pagesWithStalePermission()).toEqual([lost.key, back.key])
  })

  it('hosts are given back even when the manifest cannot be read', async () => {
    const page = watched('https://status.gone.com', 'statuspage', 'Gone')
    granted.add('https://status.gone.com/*')
    const before: Settings = { version: 2, pages: [page], notifyOnRecovery: true }
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockImplementation(() => {
      throw new Error('no manifest')
    })
    await releaseHosts(before, { ...before, pages: [] })
    expect(granted.has('https://status.gone.com/*')).toBe(false)
  })
})
