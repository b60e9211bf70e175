import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { onStoredStateChanged, readStoredState } from '../../../extension/messaging/stored-state.ts'
import { PROBLEM, UNDELIVERED } from '../../../extension/storage/records.ts'
import { onStorageChanged, removeLocal } from '../../../extension/storage/store.ts'

beforeEach(() => fakeBrowser.reset())

describe('store: removeLocal and onStorageChanged', () => {
  it('removes the keys named, and makes no call for none', async () => {
    await fakeBrowser.storage.local.set({ a: 1, b: 2, c: 3 })
    const remove = vi.spyOn(fakeBrowser.storage.local, 'remove')
    await removeLocal([])
    expect(remove).not.toHaveBeenCalled()
    await removeLocal(['a', 'b'])
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ c: 3 })
  })

  it('hears every area until stopped', async () => {
    const heard: string[] = []
    const stop = onStorageChanged((changes, area) => heard.push(`${area}:${Object.keys(changes).join()}`))
    await fakeBrowser.storage.local.set({ a: 1 })
    await fakeBrowser.storage.sync.set({ b: 1 })
    stop()
    await fakeBrowser.storage.local.set({ a: 2 })
    expect(heard).toEqual(['local:a', 'sync:b'])
  })
})

describe('stored state: getState answered from storage', () => {
  it('answers as getState would, with nothing stored: the default page', async () => {
    const reply = await readStoredState({})
    expect(reply.ok && reply.state.pages.map((p) => p.key)).toEqual(['status.openai.com'])
  })

  it('signals local changes and the session problem, not the badge nor settings', async () => {
    let signals = 0
    const stop = onStoredStateChanged(() => signals++)
    await fakeBrowser.storage.session.set({ badge: 'x' })
    await fakeBrowser.storage.sync.set({ unrelated: 1 })
    expect(signals).toBe(0)
    await fakeBrowser.storage.local.set({ schedule: { pages: {} } })
    await fakeBrowser.storage.session.set({ [PROBLEM.key]: { since: 1, reason: 'full' } })
    await fakeBrowser.storage.session.set({ [UNDELIVERED.key]: { since: 1, count: 1, reason: 'x' } })
    expect(signals).toBe(3)
    stop()
    await fakeBrowser.storage.local.set({ schedule: { pages: { a: {} } } })
    expect(signals).toBe(3)
  })
})
