import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext } from '../../../extension/background/context.ts'
import { createHandlers } from '../../../extension/background/handlers.ts'
import type { Handlers } from '../../../extension/messaging/dispatcher.ts'
import { SETTINGS } from '../../../extension/storage/settings.ts'
import { decodeItem } from '../../../extension/storage/item.ts'
import { granted, resetBrowser, storeSettings, testDeps } from '../../support/background-harness.ts'
import { sampleText } from '../../support/samples.ts'

vi.mock('../../../extension/background/wake.ts', () => ({ wakeAndPoll: vi.fn(async () => 1) }))

const XAI = sampleText('feeds/xai-feed-2026-09-03.xml')
const HTML = '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'

let handlers: Handlers
let fetched: string[]

beforeEach(() => {
  resetBrowser()
  fetched = []
  const ctx = createContext({
    ...testDeps({ now: Date.UTC(2026, 8, 3, 12) }),
    fetch: (url) => {
      fetched.push(url)
      if (url === 'https://status.x.ai/feed.xml') return Promise.resolve(new Response(XAI, { headers: { 'content-type': 'application/rss+xml' } }))
      if (url === 'https://status.x.ai/') return Promise.resolve(new Response(HTML, { headers: { 'content-type': 'text/html' } }))
      return Promise.resolve(new Response('not here', { status: 404 }))
    },
  })
  handlers = createHandlers(ctx)
  granted.add('https://status.x.ai/*')
})

async function storedUrls(): Promise<string[]> {
  const settings = decodeItem(SETTINGS, (await fakeBrowser.storage.sync.get('settings')).settings)
  return settings.pages.map((p) => p.url)
}

describe('addPage: feeds', () => {
  it('keeps a pasted feed address as the page when its site has no richer platform', async () => {
    await storeSettings([])
    const reply = await handlers.addPage({ type: 'addPage', url: 'https://status.x.ai/feed.xml' })
    expect(reply).toMatchObject({ ok: true, page: { key: 'status.x.ai/feed.xml', url: 'https://status.x.ai/feed.xml', platform: 'feed', name: 'SpaceXAI System' } })
    expect(fetched.at(-1)).toBe('https://status.x.ai/feed.xml')
    // Read once, by status.io looking for its page id; never again for an announced feed.
    expect(fetched.filter((url) => url === 'https://status.x.ai/')).toHaveLength(1)
    expect(await storedUrls()).toEqual(['https://status.x.ai/feed.xml'])
  })

  it('stores the page at the feed its HTML announces, and refuses it a second time under either address', async () => {
    await storeSettings([])
    expect(await handlers.addPage({ type: 'addPage', url: 'status.x.ai' })).toMatchObject({ ok: true, page: { key: 'status.x.ai/feed.xml', url: 'https://status.x.ai/feed.xml', platform: 'feed' } })
    expect(await storedUrls()).toEqual(['https://status.x.ai/feed.xml'])
    expect(await handlers.addPage({ type: 'addPage', url: 'status.x.ai' })).toEqual({ ok: false, error: 'duplicate', message: 'status.x.ai is already watched.' })
    expect(await handlers.addPage({ type: 'addPage', url: 'https://status.x.ai/feed.xml' })).toMatchObject({ ok: false, error: 'duplicate' })
    expect(await storedUrls()).toEqual(['https://status.x.ai/feed.xml'])
  })

  it('reads stored pages back under the same keys: a root stays a root, a feed address stays the feed', async () => {
    // As an older build or another browser may have stored them.
    const stored = { version: 2, notifyOnRecovery: true, pages: [{ u: 'https://status.x.ai/' }, { u: 'https://status.x.ai/feed.xml' }, { u: 'https://status.codacy.com/history.rss' }] }
    const settings = decodeItem(SETTINGS, stored)
    expect(settings.pages.map((p) => [p.key, p.url])).toEqual([
      ['status.x.ai', 'https://status.x.ai/'],
      ['status.x.ai/feed.xml', 'https://status.x.ai/feed.xml'],
      ['status.codacy.com', 'https://status.codacy.com/'],
    ])
  })
})
