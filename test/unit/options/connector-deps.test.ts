import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { sendMessage } from '../../../extension/messaging/client.ts'
import type { MessageType, Protocol, Reply } from '../../../extension/messaging/protocol.ts'
import { createConnector, type ConnectorDeps } from '../../../extension/options/connector.ts'
import type { OptionsState } from '../../../extension/options/view/types.ts'
import { browser } from '../../../extension/platform/browser.ts'
import { resetBrowser } from '../../support/background-harness.ts'
import { NOW, stateView } from './fixtures.ts'

/** The connector on fake dependencies: no background, no permissions prompt (the fake browser only carries storage events). */
describe('options connector, given its dependencies', () => {
  const sent: MessageType[] = []
  const send = (async (type: MessageType, _request: unknown) => {
    sent.push(type)
    return type === 'getState' ? { ok: true, state: stateView([]) } : { ok: true }
  }) as typeof sendMessage as <K extends MessageType>(type: K, request: Protocol[K]['request']) => Promise<Reply<K>>

  function deps(): ConnectorDeps {
    return {
      send,
      addPageFromClick: vi.fn(async () => ({ ok: false as const, error: 'permission' as const, origins: ['https://status.example.com/*'], message: 'needed' })),
      grantFromClick: vi.fn(async () => true),
      api: browser,
      now: () => NOW,
    }
  }

  beforeEach(() => {
    resetBrowser()
    sent.length = 0
  })
  afterEach(() => vi.useRealTimers())

  it('loads through the given send, stamps the given clock, and stops following storage when stopped', async () => {
    vi.useFakeTimers()
    const connector = createConnector(deps())
    expect(connector.initial.now).toBe(NOW)
    const states: OptionsState[] = []
    const stop = connector.start((s) => states.push(s))
    await vi.waitFor(() => expect(states).toHaveLength(1))
    expect(states[0]).toMatchObject({ now: NOW, loadError: null, view: { pages: [] } })

    await fakeBrowser.storage.local.set({ noise: 1 })
    await vi.advanceTimersByTimeAsync(300)
    expect(sent).toEqual(['getState', 'getState'])
    stop()
    await fakeBrowser.storage.local.set({ noise: 2 })
    await vi.advanceTimersByTimeAsync(300)
    expect(sent).toEqual(['getState', 'getState'])
  })

  it('adds and grants through the given click helpers, then refreshes', async () => {
    const given = deps()
    const connector = createConnector(given)
    expect(await connector.actions.addPage('https://status.example.com')).toMatchObject({ ok: false, error: 'permission' })
    await connector.actions.addPage('https://status.example.com')
    expect(given.addPageFromClick).toHaveBeenLastCalledWith('https://status.example.com', undefined, ['https://status.example.com/*'])
    expect(await connector.actions.grant('https://status.example.com', 'statuspage')).toBe(true)
    expect(given.grantFromClick).toHaveBeenCalledWith('https://status.example.com', 'statuspage')
    expect(sent).toEqual(['getState', 'getState', 'getState'])
  })
})
