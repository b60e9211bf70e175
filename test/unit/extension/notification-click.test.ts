import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bootWorker, killWorker, recordOpenedTabs, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'


const PAGE = 'https://status.openai.com/'

describe('a click on a notification', () => {
  let clock: Clock
  let opened: string[]

  async function click(id: string, url: string | null): Promise<void> {
    if (url !== null) await fakeBrowser.storage.local.set({ links: { version: 1, entries: [{ id, url, pageUrl: PAGE }] } })
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: 'icon-128.png', title: 't', message: 'm' })
    await fakeBrowser.notifications.onClicked.trigger(id)
  }

  beforeEach(async () => {
    resetBrowser()
    clock = { now: Date.UTC(2025, 3, 8) }
    await storeSettings([watched(PAGE, 'incidentio', 'OpenAI')])
    await bootWorker(testDeps(clock))
    opened = recordOpenedTabs()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.each([
    ['the incident on the page’s own host', 'https://status.openai.com/incidents/01JRB888', 'https://status.openai.com/incidents/01JRB888'],
    ['a Statuspage short link on a page that is not Statuspage: the page instead', 'https://stspg.io/abc123', PAGE],
    ['another host: the page instead', 'https://status.openai.com.evil.example/incidents/1', PAGE],
    ['a userinfo trick: the page instead', 'https://status.openai.com@evil.example/', PAGE],
    ['plain http: the page instead', 'http://status.openai.com/incidents/1', PAGE],
    ['javascript: the page instead', 'javascript:alert(1)', PAGE],
    ['a data: URL: the page instead', 'data:text/html,<script>alert(1)</script>', PAGE],
  ])('opens %s', async (_what, url, expected) => {
    await click('status.openai.com|incident:1:opened', url)
    expect(opened).toEqual([expected])
    expect(await fakeBrowser.notifications.getAll()).toEqual({})
  })

  it('opens a Statuspage short link for a Statuspage page', async () => {
    await storeSettings([watched('https://www.githubstatus.com/', 'statuspage', 'GitHub')])
    await fakeBrowser.storage.local.set({ links: { version: 1, entries: [{ id: 'www.githubstatus.com|a', url: 'https://stspg.io/abc123', pageUrl: 'https://www.githubstatus.com/' }] } })
    await fakeBrowser.notifications.onClicked.trigger('www.githubstatus.com|a')
    expect(opened).toEqual(['https://stspg.io/abc123'])
  })

  it('does not trust a short link of a page no longer watched (its platform is not known)', async () => {
    await fakeBrowser.storage.local.set({ links: { version: 1, entries: [{ id: 'gone.example.com|a', url: 'https://stspg.io/abc123', pageUrl: 'https://gone.example.com/' }] } })
    await fakeBrowser.notifications.onClicked.trigger('gone.example.com|a')
    expect(opened).toEqual(['https://gone.example.com/'])
  })

  it('opens the page when no link is known (a summary, or a link rolled out of the bounded map)', async () => {
    await click('status.openai.com|*components:2:deadbeef', null)
    expect(opened).toEqual([PAGE])
  })

  it('opens nothing for a notification of a page no longer watched, and still clears it', async () => {
    await fakeBrowser.notifications.create('gone.example.com|x', { type: 'basic', iconUrl: 'icon-128.png', title: 't', message: 'm' })
    await fakeBrowser.notifications.onClicked.trigger('gone.example.com|x')
    expect(opened).toEqual([])
    expect(await fakeBrowser.notifications.getAll()).toEqual({})
  })

  it('works after a worker restart: the link is read from storage', async () => {
    await fakeBrowser.storage.local.set({ links: { version: 1, entries: [{ id: 'status.openai.com|a', url: 'https://status.openai.com/incidents/a', pageUrl: PAGE }] } })
    killWorker()
    await bootWorker(testDeps(clock))
    await fakeBrowser.notifications.onClicked.trigger('status.openai.com|a')
    expect(opened).toEqual(['https://status.openai.com/incidents/a'])
  })

  it('opens the link of the notification clicked, not another one stored', async () => {
    await fakeBrowser.storage.local.set({
      links: {
        version: 1,
        entries: [
          { id: 'status.openai.com|a', url: 'https://status.openai.com/incidents/a', pageUrl: PAGE },
          { id: 'status.openai.com|b', url: 'https://status.openai.com/incidents/b', pageUrl: PAGE },
        ],
      },
    })
    await fakeBrowser.notifications.onClicked.trigger('status.openai.com|b')
    expect(opened).toEqual(['https://status.openai.com/incidents/b'])
  })

  it('of two pages whose keys both prefix the id (a "|" in a path), the longer key is the page, in either order', async () => {
    // https://status.x.com/a and https://status.x.com/a|b: "status.x.com/a|b|n" starts with both "status.x.com/a|" and "status.x.com/a|b|".
    const short = watched('https://status.x.com/a', 'statuspage', 'A')
    const long = watched('https://status.x.com/a|b', 'statuspage', 'AB')
    for (const pages of [
      [short, long],
      [long, short],
    ]) {
      opened.length = 0
      await storeSettings(pages)
      await fakeBrowser.notifications.onClicked.trigger(`${long.key}|n`)
      expect(opened).toEqual([long.url])
    }
  })
})
