// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { sendMessage } from '../../../extension/messaging/client.ts'
import type { MessageType, Protocol, Reply } from '../../../extension/messaging/protocol.ts'
import { createConnector, REFRESH_DEBOUNCE_MS, type ConnectorDeps } from '../../../extension/popup/connector.ts'
import type { PopupState } from '../../../extension/popup/view/types.ts'
import { first, NOW, openaiPage, permissionMissingPage, stateView } from '../../support/popup-states.ts'

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }))

type Api = ConnectorDeps['api']

describe('popup connector', () => {
  let view = stateView([])
  const calls: MessageType[] = []
  const send = (async (type: MessageType, _request: unknown) => {
    calls.push(type)
    if (type === 'getState') return { ok: true, state: view }
    if (type === 'checkNow') return { ok: true, polled: view.pages.length }
    return { ok: false, error: 'internal', message: 'unexpected' }
  }) as typeof sendMessage as <K extends MessageType>(type: K, request: Protocol[K]['request']) => Promise<Reply<K>>

  beforeEach(() => {
    fakeBrowser.reset()
    vi.useFakeTimers({ now: NOW })
    calls.length = 0
    view = stateView([openaiPage()])
  })
  afterEach(() => vi.useRealTimers())

  function start() {
    const connector = createConnector({ send, loadState: () => send('getState', {}), api: fakeBrowser as unknown as Api, now: () => Date.now() })
    const states: PopupState[] = []
    const stop = connector.start((s) => states.push(s))
    return { connector, states, stop, last: () => first(states.slice(-1)) }
  }

  it('loads the state, then re-fetches once per burst of local storage changes', async () => {
    const { last, stop } = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(last().view?.pages[0]?.name).toBe('OpenAI')
    expect(calls).toEqual(['getState'])

    view = stateView([openaiPage({ level: 'major' })])
    await fakeBrowser.storage.local.set({ schedule: { pages: {} } })
    await fakeBrowser.storage.local.set({ history: { entries: [] } })
    await fakeBrowser.storage.sync.set({ unrelated: 1 })
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS - 10)
    expect(calls).toEqual(['getState'])
    await vi.advanceTimersByTimeAsync(20)
    expect(calls).toEqual(['getState', 'getState'])
    expect(last().view?.pages[0]?.level).toBe('major')
    expect(last().announcement).toBe('OpenAI: Major outage')

    stop()
    await fakeBrowser.storage.local.set({ schedule: { pages: { a: {} } } })
    await vi.advanceTimersByTimeAsync(500)
    expect(calls).toHaveLength(2)
  })

  it('checkNow: checking while it runs, then a fresh state and an announcement', async () => {
    const { connector, states, last } = start()
    await vi.advanceTimersByTimeAsync(0)
    connector.actions.checkNow()
    expect(last().checking).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual(['getState', 'checkNow', 'getState'])
    expect(last().checking).toBe(false)
    expect(last().announcement).toBe('Checked 1 page.')
    expect(states.some((s) => s.announcement === 'Checking…')).toBe(true)
  })

  it('grantPermission requests the page origin from the click, then checks that page', async () => {
    const page = permissionMissingPage()
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never)
    const { connector } = start()
    await vi.advanceTimersByTimeAsync(0)
    connector.actions.grantPermission(page)
    // Synchronously, inside the click's user gesture.
    expect(request).toHaveBeenCalledWith({ origins: ['https://status.new.example/*'] })
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toContain('checkNow')
  })

  it('says so when the background does not answer', async () => {
    const failing = (async () => ({ ok: false, error: 'unreachable', message: 'The background did not answer.' })) as unknown as typeof send
    const connector = createConnector({ send: failing, loadState: () => failing('getState', {}), api: fakeBrowser as unknown as Api, now: () => Date.now() })
    const states: PopupState[] = []
    connector.start((s) => states.push(s))
    await vi.advanceTimersByTimeAsync(0)
    expect(states.at(-1)?.loadError).toBe('The background did not answer.')
  })

  it('by default reads the stored state itself, as getState would: no message to the worker', async () => {
    const connector = createConnector({ send, api: fakeBrowser as unknown as Api, now: () => Date.now() })
    const states: PopupState[] = []
    connector.start((s) => states.push(s))
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual([])
    // Nothing stored yet: the defaults, OpenAI's page, not yet checked.
    expect(states.at(-1)?.loadError).toBeNull()
    expect(states.at(-1)?.view?.pages.map((p) => [p.key, p.lastCheckedAt])).toEqual([['status.openai.com', null]])
  })
})
