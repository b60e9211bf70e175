import { describe, expect, it } from 'vitest'
import { detectPlatform, type DetectDeps } from '../../../src/detect.ts'
import { announcedFeed } from '../../../src/providers/feed-links.ts'
import { feed, parseFeed, parseFeedHistory, type FeedHistory } from '../../../src/providers/feed.ts'
import { isFeedUrl, normalizeBaseUrl } from '../../../src/providers/urls.ts'
import { failure, value } from '../../support/result.ts'
import { sampleText } from '../../support/samples.ts'

const XAI = 'feeds/xai-feed-2026-09-03.xml'
const XAI_FEED = new URL('https://status.x.ai/feed.xml')

function base(input: string): URL {
  const url = normalizeBaseUrl(input)
  if (!url.ok) throw new Error(url.error)
  return url.value
}

describe('feeds: status.x.ai feed.xml (RSS 2.0, not Statuspage), 2026-09-03', () => {
  const history = (xml = sampleText(XAI)): FeedHistory => value(parseFeedHistory(xml, XAI_FEED))

  it('reads its one item: the guid as id, the title as written, resolved by its headline', () => {
    const { entries, title, url } = history()
    expect({ title, url }).toEqual({ title: 'SpaceXAI System Status', url: 'https://status.x.ai/' })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      id: 'INC702624e4',
      name: '[API Console] Console not loading',
      url: 'https://status.x.ai/api-console/INC702624e4',
      kind: 'incident',
      status: 'resolved',
      ongoing: false,
      latestLabel: 'Updated',
      publishedAt: Date.UTC(2026, 4, 18, 1, 58),
    })
  })

  it('reads its two updates, written oldest first, newest first with their own times', () => {
    expect(history().entries[0]?.updates).toEqual([
      { id: 'INC702624e4#2', status: 'resolved', text: 'The issue has been resolved.', at: Date.UTC(2026, 4, 18, 12, 0, 0) },
      { id: 'INC702624e4#1', status: 'investigating', text: 'Investigating issues related to authentication', at: Date.UTC(2026, 4, 18, 2, 29, 34) },
    ])
  })

  it('gives an operational snapshot of the page named after its channel', () => {
    expect(value(parseFeed(sampleText(XAI), XAI_FEED))).toMatchObject({
      platform: 'feed',
      page: { name: 'SpaceXAI System', url: 'https://status.x.ai' },
      level: 'operational',
      incidents: [],
      maintenances: [],
    })
  })

  it('reads the same item still open (headline edited here) as an ongoing incident since its first update', () => {
    const open = sampleText(XAI).replace('Status: RESOLVED', 'Status: INVESTIGATING')
    expect(history(open).entries[0]).toMatchObject({ status: 'investigating', ongoing: true })
    const snapshot = value(parseFeed(open, XAI_FEED))
    expect(snapshot.level).toBe('minor')
    expect(snapshot.incidents.map((i) => [i.id, i.status, i.startedAt, i.url])).toEqual([
      ['INC702624e4', 'investigating', Date.UTC(2026, 4, 18, 2, 29, 34), 'https://status.x.ai/api-console/INC702624e4'],
    ])
  })

  it('keeps the status trail when the headline names no status it knows', () => {
    for (const headline of ['Status: Sideways', 'Status: <b>x</b>', 'Severity: RESOLVED']) {
      const odd = sampleText(XAI).replace('Status: RESOLVED', headline)
      expect(history(odd).entries[0], headline).toMatchObject({ status: 'investigating', ongoing: true })
    }
  })

  it('is polled at its own address, and nothing else is tried there', () => {
    expect(feed.endpoints(XAI_FEED).map((e) => e.url)).toEqual(['https://status.x.ai/feed.xml'])
    const [endpoint] = feed.endpoints(XAI_FEED)
    expect(endpoint && value(endpoint.parse(sampleText(XAI))).page.name).toBe('SpaceXAI System')
  })
})

describe('feeds: Claude history.rss and its Atom twin read with the page’s address', () => {
  const site = new URL('https://status.claude.com/')
  const read = (path: string): FeedHistory => value(parseFeedHistory(sampleText(path), site))

  it('give the same incidents under the page’s own short ids: names, statuses, times', () => {
    const rss = read('feeds/claude-history-2026-02-04.rss')
    const atom = read('feeds/claude-history-2026-02-04.atom')
    const shape = (h: FeedHistory) => h.entries.map((e) => [e.id, e.name, e.status, e.publishedAt, e.updates.map((u) => [u.status, u.at])])
    expect(shape(rss)).toEqual(shape(atom))
    expect(rss.entries).toHaveLength(25)
    expect(rss.entries.every((e) => /^[a-z0-9]{12}$/.test(e.id))).toBe(true)
    expect(rss.entries[0]).toMatchObject({ id: 'pvbysfjjrf8m', name: 'Elevated errors on Claude models', status: 'resolved', url: 'https://status.claude.com/incidents/pvbysfjjrf8m' })
  })
})

const rss = (items: string): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme Status</title>${items}</channel></rss>`
const item = (inner: string): string =>
  `<item><title>Outage</title>${inner}<description>&lt;p&gt;&lt;small&gt;Mar 1, 09:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - Looking.&lt;/p&gt;</description><pubDate>Sun, 01 Mar 2026 09:00:00 +0000</pubDate></item>`

describe('feeds: item links and ids from a 2014-style RSS', () => {
  const site = new URL('https://status.example.com/')
  const only = (inner: string, at: URL | null = site) => value(parseFeedHistory(rss(item(inner)), at)).entries[0]

  it('reads an http link on the page’s own host as https, and takes the incident code as the id', () => {
    const guid = 'http://status.example.com/incidents/abc123'
    expect(only(`<link>${guid}</link><guid>${guid}</guid>`)).toMatchObject({ id: 'abc123', url: 'https://status.example.com/incidents/abc123' })
  })

  it('takes the last path segment of a guid that is a link on the page’s host', () => {
    expect(only('<guid>http://status.example.com/notices/2014/42</guid>')).toMatchObject({ id: '42', url: null })
    expect(only('<guid isPermaLink="true">https://status.example.com/notices/ab%20c/</guid>')).toMatchObject({ id: 'ab c' })
  })

  it('never upgrades another host’s http link, nor one on another port', () => {
    expect(only('<link>http://evil.example/incidents/x</link><guid>g-1</guid>')).toMatchObject({ id: 'g-1', url: null })
    expect(only('<link>http://status.example.com:8080/incidents/x</link><guid>g-2</guid>')).toMatchObject({ id: 'g-2', url: null })
    // A guid on another host is not a code of this page's.
    expect(only('<guid>https://other.example/incidents/zz/9</guid>')).toMatchObject({ id: 'https://other.example/incidents/zz/9' })
  })

  it('without the page’s address, an http link stays unsafe as before', () => {
    expect(only('<link>http://status.example.com/incidents/abc123</link><guid>g-3</guid>', null)).toMatchObject({ id: 'g-3', url: null })
  })
})

describe('a pasted feed address', () => {
  it.each([
    ['https://status.x.ai/feed.xml', 'https://status.x.ai/feed.xml', true],
    ['status.x.ai/feed.xml?utm=1#top', 'https://status.x.ai/feed.xml', true],
    ['https://example.com/status/feed/', 'https://example.com/status/feed', true],
    ['https://example.com/blog/rss', 'https://example.com/blog/rss', true],
    ['https://status.example.com/incidents.atom', 'https://status.example.com/incidents.atom', true],
    ['https://status.example.com/feed.rss', 'https://status.example.com/feed.rss', true],
    // Statuspage's own two are found again from the root, where its JSON is richer.
    ['https://status.codacy.com/history.rss', 'https://status.codacy.com/', false],
    ['https://www.githubstatus.com/history.atom', 'https://www.githubstatus.com/', false],
    ['https://example.com/feeder', 'https://example.com/feeder', false],
  ])('%s → %s (a feed: %s)', (input, expected, isFeed) => {
    expect(base(input).href).toBe(expected)
    expect(isFeedUrl(base(input))).toBe(isFeed)
  })
})

/** A fake network: `pages` by URL, a 404 for everything else; `asked` in order. */
function network(pages: Record<string, { body: string; type: string }>): { deps: DetectDeps; asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    deps: {
      fetch: (url) => {
        asked.push(url)
        const page = pages[url]
        return Promise.resolve(page === undefined ? new Response('not here', { status: 404, statusText: 'Not Found' }) : new Response(page.body, { headers: { 'content-type': page.type } }))
      },
      timeoutSignal: () => new AbortController().signal,
      now: () => Date.UTC(2026, 8, 3),
    },
  }
}

const RSS_TYPE = 'application/rss+xml'
const HTML_TYPE = 'text/html'
const PROBES = (origin: string): string[] => [
  `${origin}/proxy/${new URL(origin).host}`,
  `${origin}/api/v2/summary.json`,
  `${origin}/summary.json`,
  // Better Stack's and cState's index.json: read once, parsed by each.
  `${origin}/index.json`,
  // status.io looks for its page id on the page; the feed announced there is read from the same answer.
  `${origin}/`,
  `${origin}/history.atom`,
  `${origin}/history.rss`,
]

describe('detection of feeds', () => {
  it('finds a page that publishes only history.rss, after history.atom, from its root', async () => {
    const { deps, asked } = network({ 'https://status.codacy.com/history.rss': { body: sampleText('feeds/claude-history-2026-02-04.rss'), type: RSS_TYPE } })
    const found = value(await detectPlatform(base('https://status.codacy.com/history.rss'), deps))
    expect(found.platform).toBe('feed')
    expect(found.base).toBeUndefined()
    expect(asked).toEqual(PROBES('https://status.codacy.com'))
  })

  it('reads a pasted feed address there, after asking its site for a richer platform', async () => {
    const { deps, asked } = network({ 'https://status.x.ai/feed.xml': { body: sampleText(XAI), type: RSS_TYPE } })
    const found = value(await detectPlatform(base('https://status.x.ai/feed.xml'), deps))
    expect(found).toMatchObject({ platform: 'feed', snapshot: { page: { name: 'SpaceXAI System' } } })
    expect(found.base).toBeUndefined()
    expect(asked).toEqual([...PROBES('https://status.x.ai').slice(0, 5), 'https://status.x.ai/feed.xml'])
  })

  it('moves a pasted feed of a richer platform to its site (a Statuspage page’s feed.atom)', async () => {
    const summary = sampleText('statuspage/instructure-summary-2021-12-07.json')
    const { deps, asked } = network({ 'https://example.com/status/api/v2/summary.json': { body: summary, type: 'application/json' } })
    const found = value(await detectPlatform(base('https://example.com/status/feed.atom'), deps))
    expect(found.platform).toBe('statuspage')
    expect(found.base?.href).toBe('https://example.com/status')
    expect(asked).toEqual(['https://example.com/proxy/example.com', 'https://example.com/status/api/v2/summary.json'])
  })

  it('says which feed address failed', async () => {
    const { deps } = network({})
    const error = failure(await detectPlatform(base('https://status.x.ai/feed.xml'), deps))
    expect(error).toMatchObject({ kind: 'http', httpStatus: 404 })
    expect(error.message).toMatch(/^not a status page we can read: https:\/\/status\.x\.ai\/feed\.xml \(incidentio: .*; feed: HTTP 404 Not Found\)$/)
  })

  it('follows the feed the page’s HTML announces, and says where the page is read', async () => {
    const html = '<!DOCTYPE html><html><head><title>xAI</title><link rel="stylesheet" href="/a.css"><link rel="alternate" type="application/rss+xml" title="Feed" href="/feed.xml"></head><body></body></html>'
    const { deps, asked } = network({
      'https://status.x.ai/': { body: html, type: HTML_TYPE },
      'https://status.x.ai/feed.xml': { body: sampleText(XAI), type: RSS_TYPE },
    })
    const found = value(await detectPlatform(base('status.x.ai'), deps))
    expect(found.platform).toBe('feed')
    expect(found.base?.href).toBe('https://status.x.ai/feed.xml')
    expect(found.snapshot.page.name).toBe('SpaceXAI System')
    expect(asked).toEqual([...PROBES('https://status.x.ai'), 'https://status.x.ai/feed.xml'])
  })

  it('ignores a feed announced on another host, and names what it tried', async () => {
    const html = '<html><head><link rel="alternate" type="application/rss+xml" href="https://feeds.example.net/x.xml"></head></html>'
    const { deps, asked } = network({ 'https://status.example.com/': { body: html, type: HTML_TYPE } })
    const error = failure(await detectPlatform(base('status.example.com'), deps))
    expect(error.message).toMatch(/feed https:\/\/status\.example\.com\/history\.atom: HTTP 404 Not Found; feed https:\/\/status\.example\.com\/history\.rss: HTTP 404 Not Found\)$/)
    expect(asked).toEqual(PROBES('https://status.example.com'))
  })

  it('does not look into a page over its small budget, and does not blame the page for it', async () => {
    const big = `<html><head>${' '.repeat(300 * 1024)}<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`
    const { deps, asked } = network({ 'https://status.example.com/': { body: big, type: HTML_TYPE } })
    const error = failure(await detectPlatform(base('status.example.com'), deps))
    expect(error.kind).toBe('http')
    expect(error.message).not.toMatch(/larger/)
    expect(asked).not.toContain('https://status.example.com/feed.xml')
  })
})

describe('announcedFeed', () => {
  const page = new URL('https://status.example.com/')
  const found = (head: string, at = page): string | null => announcedFeed(`<html><head>${head}</head></html>`, at)?.href ?? null

  it('reads the link in any attribute order and quoting, RSS or Atom', () => {
    expect(found('<link href="/history.xml" type="application/rss+xml" rel="alternate">')).toBe('https://status.example.com/history.xml')
    expect(found("<LINK REL='Alternate nofollow' TYPE='Application/Atom+XML' HREF='https://status.example.com/feed.atom'/>")).toBe('https://status.example.com/feed.atom')
    expect(found('<link rel=alternate type=application/rss+xml href=/feed>')).toBe('https://status.example.com/feed')
    expect(found('<link rel="alternate" type="application/rss+xml" href="feed.xml?a=1&amp;b=2">', new URL('https://example.com/status/'))).toBe('https://example.com/status/feed.xml')
  })

  it('upgrades an http link on the page’s host, and takes the first usable one', () => {
    expect(found('<link rel="alternate" type="application/rss+xml" href="http://status.example.com/feed.xml">')).toBe('https://status.example.com/feed.xml')
    expect(found('<link rel="alternate" type="text/html" href="/feed.xml"><link rel="alternate" type="application/rss+xml" href="/b.rss">')).toBe('https://status.example.com/b.rss')
  })

  it('refuses another host, another scheme, a non-feed address, another rel and a missing href', () => {
    expect(found('<link rel="alternate" type="application/rss+xml" href="https://evil.example/feed.xml">')).toBeNull()
    expect(found('<link rel="alternate" type="application/rss+xml" href="//status.example.com.evil.example/feed.xml">')).toBeNull()
    expect(found('<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)//feed.xml">')).toBeNull()
    expect(found('<link rel="alternate" type="application/rss+xml" href="https://status.example.com:8443/feed.xml">')).toBeNull()
    expect(found('<link rel="alternate" type="application/rss+xml" href="/blog/">')).toBeNull()
    expect(found('<link rel="stylesheet" type="application/rss+xml" href="/feed.xml">')).toBeNull()
    expect(found('<link rel="alternate" type="application/rss+xml">')).toBeNull()
    expect(found('<a rel="alternate" type="application/rss+xml" href="/feed.xml">')).toBeNull()
  })

  it('stays fast on hostile markup: unclosed tags by the hundred thousand, and looks at no more than 100 links', () => {
    const started = performance.now()
    expect(announcedFeed('<link rel="alternate" href="'.repeat(10_000) + '<link'.repeat(100_000), page)).toBeNull()
    expect(announcedFeed(`<link ${'a="a="'.repeat(100)}>`.repeat(400), page)).toBeNull()
    expect(performance.now() - started).toBeLessThan(2000)
    const useless = '<link rel="alternate" type="application/rss+xml" href="https://evil.example/f.xml">'.repeat(100)
    expect(found(`${useless}<link rel="alternate" type="application/rss+xml" href="/feed.xml">`)).toBeNull()
    expect(found(`${useless.slice(0, -useless.length / 100)}<link rel="alternate" type="application/rss+xml" href="/feed.xml">`)).toBe('https://status.example.com/feed.xml')
  })
})

describe('feeds: hostile xAI-style items', () => {
  const site = new URL('https://status.example.com/feed.xml')
  const itemWith = (html: string): string =>
    rss(`<item><title>T</title><guid>g</guid><description><![CDATA[${html}]]></description><pubDate>Mon, 18 May 2026 01:58:00 GMT</pubDate></item>`)

  it('reads 20,000 dated updates in time, newest first', () => {
    const start = Date.UTC(2026, 4, 18)
    const updates = Array.from({ length: 20_000 }, (_, i) => `<div><p><strong>${new Date(start + i * 60_000).toUTCString()}</strong></p><h3>Updated</h3><p>u${i}</p></div>`)
    const started = performance.now()
    const [entry] = value(parseFeedHistory(itemWith(`<h3>Status: Monitoring</h3>${updates.join('')}`), site)).entries
    expect(performance.now() - started).toBeLessThan(3000)
    expect(entry?.updates).toHaveLength(20_000)
    expect(entry?.updates[0]).toMatchObject({ text: 'u19999', status: 'monitoring', at: start + 19_999 * 60_000 })
    expect(entry?.updates[19_999]).toMatchObject({ text: 'u0', status: 'investigating', at: start })
    expect(entry).toMatchObject({ status: 'monitoring', ongoing: true })
  })

  it('stays linear on a hundred thousand unclosed <strong> and <h3>, and reads no update from them', () => {
    const started = performance.now()
    const [entry] = value(parseFeedHistory(itemWith('<strong>Mon, 18 May 2026'.repeat(50_000) + '<h3>Status: '.repeat(50_000)), site)).entries
    expect(performance.now() - started).toBeLessThan(3000)
    expect(entry).toMatchObject({ updates: [], status: null, ongoing: false })
  })

  it('keeps an update whose stamp is not a date, without a time', () => {
    const [entry] = value(parseFeedHistory(itemWith('<p><strong>yesterday</strong></p><h3>Resolved</h3><p>Done.</p>'), site)).entries
    expect(entry?.updates).toEqual([{ id: 'g#1', status: 'resolved', text: 'Done.', at: null }])
  })
})
