import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { addPageFromClick, sendMessage } from '../../../extension/messaging/client.ts'
import { parseRequest } from '../../../extension/messaging/protocol.ts'
import { originsForInput } from '../../../extension/permissions/page-origins.ts'
import { bootWorker, granted, install, permissions, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleText } from '../../support/samples.ts'


const SUMMARY = '/api/v2/summary.json'

describe('the message protocol: parseRequest', () => {
  it.each([
    [null, 'not a message'],
    ['getState', 'not a message'],
    [{ type: 'nope' }, 'unknown message type: nope'],
    [{ type: 'addPage' }, 'url must be a string'],
    [{ type: 'addPage', url: 5 }, 'url must be a string'],
    [{ type: 'removePage', pageKey: 3 }, 'pageKey must be a string'],
    [{ type: 'checkNow', pageKey: {} }, 'pageKey must be a string'],
    [{ type: 'updateFilters', pageKey: 'a', filters: { componentIds: 'x' } }, 'filters.componentIds must be null or a list of ids'],
    [{ type: 'updateFilters', pageKey: 'a', filters: { mutedUntil: 'soon' } }, 'filters.mutedUntil must be null or a time'],
    [{ type: 'updateFilters', pageKey: 'a' }, 'filters and pageKey go together'],
    [{ type: 'updateFilters', notifyOnRecovery: 1 }, 'notifyOnRecovery must be a boolean'],
    [{ type: 'getState', compactHealthyAbove: -1 }, 'compactHealthyAbove must be a whole number'],
    [{ type: 'getState', compactHealthyAbove: '3' }, 'compactHealthyAbove must be a whole number'],
    [{ type: 'getState', historyLimit: 1.5 }, 'historyLimit must be a whole number'],
  ])('refuses %j', (message, reason) => {
    expect(parseRequest(message)).toEqual({ ok: false, message: reason })
  })

  it('accepts the declared shapes and drops unknown fields', () => {
    expect(parseRequest({ type: 'getState', extra: 1 })).toEqual({ ok: true, request: { type: 'getState' } })
    expect(parseRequest({ type: 'getState', compactHealthyAbove: 3, historyLimit: 10 })).toEqual({ ok: true, request: { type: 'getState', compactHealthyAbove: 3, historyLimit: 10 } })
    expect(parseRequest({ type: 'updateFilters', pageKey: 'a', filters: { componentIds: ['x'], mutedForever: true, evil: 1 } })).toEqual({
      ok: true,
      request: { type: 'updateFilters', pageKey: 'a', filters: { componentIds: ['x'], mutedForever: true } },
    })
  })

  it('names the host permission a URL needs (any port)', () => {
    expect(originsForInput('status.openai.com/api/v2/summary.json')).toEqual(['https://status.openai.com/*'])
    expect(originsForInput('http://127.0.0.1:8787')).toEqual(['http://127.0.0.1/*'])
    expect(originsForInput('ftp://x')).toBeNull()
  })
})

describe('the message protocol, end to end through runtime messaging', () => {
  let statuspage: StatusServer
  let empty: StatusServer
  let clock: Clock

  beforeAll(async () => {
    statuspage = await startStatusServer()
    statuspage.set(SUMMARY, json(sampleText('statuspage/codametrix-summary-2026-08-02.json')))
    empty = await startStatusServer()
  })
  afterAll(async () => {
    await statuspage.close()
    await empty.close()
  })
  beforeEach(async () => {
    resetBrowser()
    clock = { now: Date.UTC(2026, 7, 2, 12) }
    await bootWorker(testDeps(clock, { timeoutMs: 2_000 }))
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('answers an invalid message, or one from another extension, with an error', async () => {
    const [reply] = await fakeBrowser.runtime.sendMessage({ type: 'removePage' }).then((r: unknown) => [r])
    expect(reply).toEqual({ ok: false, error: 'invalid', message: 'pageKey must be a string' })
    let answer: unknown
    await fakeBrowser.runtime.onMessage.trigger({ type: 'getState' }, { id: 'someone-else' }, (r: unknown) => {
      answer = r
    })
    await vi.waitFor(() => expect(answer).toMatchObject({ ok: false, error: 'invalid' }))
  })

  it('addPage: asks for the permission first, then detects the platform and stores the page, which gets polled', async () => {
    const missing = await sendMessage('addPage', { url: statuspage.origin })
    expect(missing).toEqual({ ok: false, error: 'permission', origins: ['http://127.0.0.1/*'], message: expect.stringContaining('Permission') })

    const added = await addPageFromClick(statuspage.origin)
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] })
    if (!added.ok) throw new Error(added.message)
    expect(added.page).toMatchObject({ url: `${statuspage.origin}/`, platform: 'statuspage', name: 'CodaMetrix', addedAt: clock.now })

    // The settings change wakes the background, which polls the new page at once.
    await vi.waitFor(async () => {
      const state = await sendMessage('getState', {})
      if (!state.ok) throw new Error(state.message)
      expect(state.state.pages.find((p) => p.key === added.page.key)).toMatchObject({ level: 'operational', permission: 'granted' })
    })
    expect(await sendMessage('addPage', { url: `${statuspage.origin}/api/v2/summary.json` })).toMatchObject({ ok: false, error: 'duplicate' })
  })

  it('addPage: another spelling of a watched page (trailing dot, default port, case) is a duplicate', async () => {
    // Out of the box: https://status.openai.com/ is watched.
    for (const url of ['https://status.openai.com./', 'HTTPS://Status.OpenAI.com.:443/api/v2/summary.json', 'status.openai.com.']) {
      expect(await sendMessage('addPage', { url }), url).toMatchObject({ ok: false, error: 'duplicate', message: 'status.openai.com is already watched.' })
    }
    const state = await sendMessage('getState', {})
    expect(state.ok && state.state.pages.map((p) => p.key)).toEqual(['status.openai.com'])
  })

  it('an install that stored a page twice (with and without the trailing dot) heals: one page, the first one', async () => {
    // The settings writes wake the background: without the permission, nothing reaches the real site.
    granted.clear()
    const muted = { componentIds: null, mutedUntil: null, mutedForever: true }
    await storeSettings([watched('https://status.openai.com./', 'incidentio', 'OpenAI', muted), watched('https://status.openai.com/', 'incidentio', 'OpenAI')])
    const state = await sendMessage('getState', {})
    if (!state.ok) throw new Error(state.message)
    expect(state.state.pages.map((p) => [p.key, p.url, p.filters.mutedForever])).toEqual([['status.openai.com', 'https://status.openai.com/', true]])
    // Written back as one page with the next settings change.
    expect(await sendMessage('updateFilters', { notifyOnRecovery: false })).toMatchObject({ ok: true })
    const stored = (await fakeBrowser.storage.sync.get('settings')).settings as { pages: { u: string }[] }
    expect(stored.pages.map((p) => p.u)).toEqual(['https://status.openai.com/'])
  })

  it('addPage: readable errors for what is not a status page, and for what is not a URL', async () => {
    granted.add('http://127.0.0.1/*')
    const reply = await sendMessage('addPage', { url: empty.origin })
    expect(reply).toMatchObject({ ok: false, error: 'detect', message: expect.stringMatching(/^not a status page we can read: http:\/\/127\.0\.0\.1:\d+\//) })
    expect(await sendMessage('addPage', { url: 'ftp://example.com' })).toMatchObject({ ok: false, error: 'invalid' })
    expect(await sendMessage('addPage', { url: 'http://example.com' })).toMatchObject({ ok: false, error: 'invalid' })
  })

  it('removePage: drops the page, its local state, and the host permission no other page needs', async () => {
    granted.add('http://127.0.0.1/*')
    const page = watched(statuspage.origin, 'statuspage', 'CodaMetrix')
    const other = watched(empty.origin, 'statuspage', 'Empty')
    await storeSettings([page, other])
    await install()
    expect(await fakeBrowser.storage.local.get(`page:${page.key}`)).toHaveProperty(`page:${page.key}`)

    const first = await sendMessage('removePage', { pageKey: page.key })
    expect(first).toMatchObject({ ok: true, removed: { key: page.key } })
    expect(await fakeBrowser.storage.local.get(`page:${page.key}`)).toEqual({})
    expect(Object.keys(((await fakeBrowser.storage.local.get('schedule')).schedule as { pages: object }).pages)).toEqual([other.key])
    // 127.0.0.1 is still needed by the other page.
    expect(permissions.remove).not.toHaveBeenCalled()

    expect(await sendMessage('removePage', { pageKey: other.key })).toMatchObject({ ok: true })
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] })
    expect(await sendMessage('removePage', { pageKey: other.key })).toMatchObject({ ok: false, error: 'not_found' })
    const state = await sendMessage('getState', {})
    expect(state.ok && state.state.settings.pages).toEqual([])
  })

  it('removing the default page never gives back the manifest host', async () => {
    await storeSettings([watched('https://status.openai.com', 'incidentio', 'OpenAI')])
    expect(await sendMessage('removePage', { pageKey: 'status.openai.com' })).toMatchObject({ ok: true })
    expect(permissions.remove).not.toHaveBeenCalled()
  })

  it('updateFilters: per-page filters and the global recovery switch', async () => {
    const page = watched(statuspage.origin, 'statuspage', 'CodaMetrix')
    await storeSettings([page])
    const muted = await sendMessage('updateFilters', { pageKey: page.key, filters: { mutedUntil: 123, componentIds: ['a', 'a', 'b'] } })
    if (!muted.ok) throw new Error(muted.message)
    expect(muted.settings.pages[0]?.filters).toEqual({ componentIds: ['a', 'b'], mutedUntil: 123, mutedForever: false })
    const recovery = await sendMessage('updateFilters', { notifyOnRecovery: false })
    expect(recovery.ok && recovery.settings.notifyOnRecovery).toBe(false)
    expect(await sendMessage('updateFilters', { pageKey: 'nope', filters: { mutedForever: true } })).toMatchObject({ ok: false, error: 'not_found' })
    // Stored compactly in sync, and read back the same.
    const stored = await fakeBrowser.storage.sync.get(null)
    expect(stored.settings).toEqual({ version: 2, notifyOnRecovery: false, pages: [{ u: page.url, p: 'statuspage', n: 'CodaMetrix', a: 1, c: ['a', 'b'], m: 123 }], more: 0 })
  })

  it('checkNow: polls every page, or the one named, and answers when done', async () => {
    granted.add('http://127.0.0.1/*')
    const page = watched(statuspage.origin, 'statuspage', 'CodaMetrix')
    await storeSettings([page])
    // Storing the settings woke the background, which polled the new page: let it finish.
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('schedule')).schedule).toBeDefined())
    const before = statuspage.requests.length
    expect(await sendMessage('checkNow', {})).toEqual({ ok: true, polled: 1 })
    expect(await sendMessage('checkNow', { pageKey: page.key })).toEqual({ ok: true, polled: 1 })
    expect(statuspage.requests.length).toBe(before + 2)
    expect(await sendMessage('checkNow', { pageKey: 'nope' })).toMatchObject({ ok: false, error: 'not_found' })
  })

  it('getState: settings, every page with its state and permission, offline, history', async () => {
    granted.add('http://127.0.0.1/*')
    const page = watched(statuspage.origin, 'statuspage', 'CodaMetrix')
    await storeSettings([page, watched('https://status.example.com', 'statuspage', 'Example')])
    granted.delete('https://status.openai.com/*')
    await sendMessage('checkNow', { pageKey: page.key })
    const reply = await sendMessage('getState', {})
    if (!reply.ok) throw new Error(reply.message)
    expect(reply.state.offline).toEqual({ offline: false, since: null })
    expect(reply.state.history).toEqual([])
    expect(reply.state.pages).toEqual([
      expect.objectContaining({
        key: page.key,
        name: 'CodaMetrix',
        platform: 'statuspage',
        level: 'operational',
        lastError: null,
        errorCount: 0,
        lastCheckedAt: clock.now,
        nextDueAt: clock.now + 60_000,
        permission: 'granted',
        snapshot: expect.objectContaining({ platform: 'statuspage' }),
      }),
      expect.objectContaining({ key: 'status.example.com', level: null, lastCheckedAt: null, permission: 'missing' }),
    ])
  })

  it('getState with compactHealthyAbove: past that many pages, calm pages come from the schedule alone', async () => {
    granted.add('http://127.0.0.1/*')
    const page = watched(statuspage.origin, 'statuspage', 'CodaMetrix')
    await storeSettings([page, watched('https://status.example.com', 'statuspage', 'Example')])
    await sendMessage('checkNow', { pageKey: page.key })
    const full = await sendMessage('getState', { compactHealthyAbove: 2 })
    if (!full.ok) throw new Error(full.message)
    const codametrix = full.state.pages.find((p) => p.key === page.key)
    expect(codametrix?.compact).toBeUndefined()
    expect(codametrix?.snapshot?.components.length).toBeGreaterThan(0)

    const get = vi.spyOn(fakeBrowser.storage.local, 'get')
    const compact = await sendMessage('getState', { compactHealthyAbove: 1 })
    if (!compact.ok) throw new Error(compact.message)
    expect(compact.state.pages).toEqual([
      expect.objectContaining({ key: page.key, name: 'CodaMetrix', compact: true, level: 'operational', snapshot: null, lastError: null, lastCheckedAt: clock.now, permission: 'granted' }),
      // Never checked (and no permission): a problem, sent whole.
      expect.not.objectContaining({ compact: true }),
    ])
    // The calm page's record was not read.
    const keysRead = get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys]))
    expect(keysRead).not.toContain(`page:${page.key}`)
    expect(keysRead).toContain('page:status.example.com')
  })
})
