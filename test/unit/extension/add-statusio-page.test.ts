import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext } from '../../../extension/background/context.ts'
import { createHandlers } from '../../../extension/background/handlers.ts'
import type { Handlers } from '../../../extension/messaging/dispatcher.ts'
import type { Platform } from '../../../src/model.ts'
import { granted, resetBrowser, storeSettings, testDeps } from '../../support/background-harness.ts'
import { sampleText } from '../../support/samples.ts'

// Only what adding a page does is tested here; the poll it triggers is wake.ts's business.
vi.mock('../../../extension/background/wake.ts', () => ({ wakeAndPoll: vi.fn(async () => 1) }))

const GITLAB_ID = '5b36dc6502d06804c08349f7'
const HISTORY = `https://status.gitlab.com/pages/history/${GITLAB_ID}`
const STATUS = sampleText('statusio/gitlab-status-2020-09-05.json')

/** status.gitlab.com names its page id in a header, as the real page does; api.status.io answers with the recorded GitLab body. */
async function fetchGitLab(url: string): Promise<Response> {
  if (url === 'https://status.gitlab.com/') return new Response('<html></html>', { headers: { 'content-type': 'text/html', 'x-status-page-id': GITLAB_ID } })
  if (url === `https://api.status.io/1.0/status/${GITLAB_ID}`) return new Response(STATUS, { headers: { 'content-type': 'application/json' } })
  return new Response('not here', { status: 404 })
}

let handlers: Handlers

beforeEach(async () => {
  resetBrowser()
  // DetectDeps seam, as in handlers.test.ts: only status.io is tried, so the requests are GitLab's alone.
  const deps = { ...testDeps({ now: Date.UTC(2020, 8, 5, 12) }), fetch: fetchGitLab, detectionOrder: (): readonly Platform[] => ['statusio'] }
  handlers = createHandlers(createContext(deps))
  await storeSettings([])
  granted.add('https://status.gitlab.com/*')
})

describe('adding a status.io page by the address people paste', () => {
  it('asks for api.status.io too, and adds nothing until it is granted', async () => {
    expect(await handlers.addPage({ type: 'addPage', url: 'status.gitlab.com' })).toEqual({
      ok: false,
      error: 'permission',
      origins: ['https://status.gitlab.com/*', 'https://api.status.io/*'],
      message: 'Permission to read status.gitlab.com and api.status.io is needed.',
    })
    expect(((await fakeBrowser.storage.sync.get('settings')).settings as { pages: unknown[] }).pages).toEqual([])
  })

  it('in a browser, where api.status.io cannot be read before it is granted, still asks for it (and does not try the read)', async () => {
    const requested: string[] = []
    // What Chromium does to an extension's read of a host it has no permission for and that sends no CORS headers.
    const browserFetch = async (url: string): Promise<Response> => {
      requested.push(url)
      if (url.startsWith('https://api.status.io/') && !granted.has('https://api.status.io/*')) throw new TypeError('Failed to fetch')
      return fetchGitLab(url)
    }
    // DetectDeps seam as above; the feed after status.io, to show detection does not fall back to it.
    const deps = { ...testDeps({ now: Date.UTC(2020, 8, 5, 12) }), fetch: browserFetch, detectionOrder: (): readonly Platform[] => ['statusio', 'feed'] }
    const inBrowser = createHandlers(createContext(deps))
    expect(await inBrowser.addPage({ type: 'addPage', url: 'status.gitlab.com' })).toEqual({
      ok: false,
      error: 'permission',
      origins: ['https://status.gitlab.com/*', 'https://api.status.io/*'],
      message: 'Permission to read status.gitlab.com and api.status.io is needed.',
    })
    // Detection stopped there: no read of api.status.io, and no fallback to the page's feed.
    expect(requested).toEqual(['https://status.gitlab.com/'])
    granted.add('https://api.status.io/*')
    expect(await inBrowser.addPage({ type: 'addPage', url: 'status.gitlab.com' })).toMatchObject({ ok: true, page: { platform: 'statusio' } })
  })

  it('stores the page under the address that names its id, so polls need not read the page again', async () => {
    granted.add('https://api.status.io/*')
    const reply = await handlers.addPage({ type: 'addPage', url: 'status.gitlab.com', name: 'GitLab' })
    expect(reply).toMatchObject({ ok: true, page: { key: `status.gitlab.com/pages/history/${GITLAB_ID}`, url: HISTORY, platform: 'statusio', name: 'GitLab' } })
    expect(((await fakeBrowser.storage.sync.get('settings')).settings as { pages: { u: string }[] }).pages.map((p) => p.u)).toEqual([HISTORY])
  })

  it('the same page pasted again, by either address, is a duplicate', async () => {
    granted.add('https://api.status.io/*')
    expect(await handlers.addPage({ type: 'addPage', url: 'status.gitlab.com' })).toMatchObject({ ok: true })
    expect(await handlers.addPage({ type: 'addPage', url: 'status.gitlab.com' })).toEqual({ ok: false, error: 'duplicate', message: 'status.gitlab.com is already watched.' })
    expect(await handlers.addPage({ type: 'addPage', url: HISTORY })).toEqual({ ok: false, error: 'duplicate', message: 'status.gitlab.com is already watched.' })
  })
})
