import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addPageFromClick, sendMessage } from '../../../extension/messaging/client.ts'
import { createConnector } from '../../../extension/options/connector.ts'
import type { OptionsState } from '../../../extension/options/view/types.ts'
import { bootWorker, permissions, resetBrowser, storeSettings, testDeps, watched } from '../../support/background-harness.ts'

/** runtime.sendMessage, typed loosely: the tests hand it answers no real background would give. */
const spySend = () => vi.spyOn(fakeBrowser.runtime as unknown as { sendMessage(message: unknown): Promise<unknown> }, 'sendMessage')


/** The options page's one link to the background, against the real background on the fake browser. */
describe('options connector', () => {
  let published: OptionsState[]
  let stop: () => void = () => {}
  const latest = (): OptionsState | undefined => published.at(-1)

  beforeEach(async () => {
    resetBrowser()
    published = []
    // Nothing is due (the clock stands at 0 and no poll answers): only messages run.
    await bootWorker(testDeps({ now: 0 }))
  })
  afterEach(() => {
    stop()
    vi.restoreAllMocks()
  })

  it('starts from the stored state, and follows a storage change with one getState for a burst of them', async () => {
    const connector = createConnector()
    expect(connector.initial.view).toBeNull()
    stop = connector.start((state) => published.push(state))
    await vi.waitFor(() => expect(latest()?.view?.pages.map((p) => p.key)).toEqual(['status.openai.com']))
    const sent = spySend()
    await storeSettings([watched('https://status.openai.com', 'incidentio', 'OpenAI'), watched('https://www.githubstatus.com', 'statuspage', 'GitHub')])
    await fakeBrowser.storage.local.set({ noise: 1 })
    await fakeBrowser.storage.local.set({ noise: 2 })
    await vi.waitFor(() => expect(latest()?.view?.pages.map((p) => p.key)).toEqual(['status.openai.com', 'www.githubstatus.com']))
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sent.mock.calls.filter(([m]) => (m as { type?: string }).type === 'getState')).toHaveLength(1)
  })

  it('an action refreshes the state after its answer; a background that cannot be reached is said', async () => {
    await storeSettings([watched('https://status.openai.com', 'incidentio', 'OpenAI'), watched('https://www.githubstatus.com', 'statuspage', 'GitHub')])
    const connector = createConnector()
    stop = connector.start((state) => published.push(state))
    await vi.waitFor(() => expect(latest()?.view?.pages).toHaveLength(2))
    expect(await connector.actions.removePage('www.githubstatus.com')).toMatchObject({ ok: true })
    expect(latest()?.view?.pages.map((p) => p.key)).toEqual(['status.openai.com'])
    expect(await connector.actions.setNotifyOnRecovery(false)).toMatchObject({ ok: true })
    expect(latest()?.view?.settings.notifyOnRecovery).toBe(false)

    spySend().mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'))
    expect(await connector.actions.setNotifyOnRecovery(true)).toMatchObject({ ok: false, error: 'unreachable' })
    expect(latest()?.loadError).toMatch(/The background did not answer: Could not establish connection/)
  })

  it('a refused permission is asked again, with the hosts the background named, on the next click for that address', async () => {
    const connector = createConnector()
    permissions.request.mockResolvedValueOnce(false)
    const first = await connector.actions.addPage('https://status.aws.amazon.com/')
    expect(first).toMatchObject({ ok: false, error: 'permission', origins: ['https://status.aws.amazon.com/*'] })
    // The background's own refusal names more hosts (an AWS page reads health.aws.amazon.com).
    spySend().mockResolvedValueOnce({ ok: false, error: 'permission', origins: ['https://status.aws.amazon.com/*', 'https://health.aws.amazon.com/*'], message: 'needed' })
    await connector.actions.addPage('https://status.aws.amazon.com/')
    vi.restoreAllMocks()
    await connector.actions.addPage('https://status.aws.amazon.com/')
    expect(permissions.request).toHaveBeenLastCalledWith({ origins: ['https://status.aws.amazon.com/*', 'https://health.aws.amazon.com/*'] })
  })
})

describe('the UI side of the protocol', () => {
  beforeEach(() => {
    resetBrowser()
  })

  it('an answer that is not a reply is "unreachable", never passed on', async () => {
    spySend().mockResolvedValueOnce(undefined).mockResolvedValueOnce({ state: {} })
    expect(await sendMessage('getState', {})).toEqual({ ok: false, error: 'unreachable', message: 'The background did not answer.' })
    expect(await sendMessage('getState', {})).toEqual({ ok: false, error: 'unreachable', message: 'The background did not answer.' })
    vi.restoreAllMocks()
  })

  it('adding asks for the URL\'s host (and any named before) first, and a refusal stops there', async () => {
    permissions.request.mockResolvedValueOnce(false)
    const sent = spySend()
    expect(await addPageFromClick('status.example.com', 'Example', ['https://api.example.com/*'])).toMatchObject({ ok: false, error: 'permission', origins: ['https://status.example.com/*', 'https://api.example.com/*'] })
    expect(sent).not.toHaveBeenCalled()
    // Not an address at all: nothing to ask, the background says why.
    sent.mockResolvedValueOnce({ ok: false, error: 'invalid', message: 'Not a status page address' })
    expect(await addPageFromClick('not a url at all')).toMatchObject({ ok: false, error: 'invalid' })
    expect(permissions.request).toHaveBeenCalledTimes(1)
    vi.restoreAllMocks()
  })
})
