import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import { azure, parseAzure } from '../../../src/providers/azure.ts'
import { failure, value } from '../../support/result.ts'
import { sampleText } from '../../support/samples.ts'

const AZURE = new URL('https://azure.status.microsoft/en-us/status')
const WEST_US = 'azure/west-us-incident-2026-07-23.xml'
const HEALTHY = 'azure/healthy-empty-2026-08-01.xml'
const PAGE = 'https://azure.status.microsoft/en-us/status'

describe('Azure status RSS: real samples', () => {
  it('reads the West US outage (2026-07-23) as one open incident with its notice as the update', () => {
    const s = value(parseAzure(sampleText(WEST_US), AZURE))
    expect(s.platform).toBe('azure')
    expect(s.page).toEqual({ name: 'Microsoft Azure', url: PAGE })
    expect(s.level).toBe('minor')
    expect(s.components).toEqual([])
    expect(s.maintenances).toEqual([])
    expect(s.incidents).toHaveLength(1)
    const [incident] = s.incidents
    expect(incident?.id).toBe('issues-connecting-to-resources-in-west-us')
    // The title's trailing space is Azure's; names are single, trimmed lines.
    expect(incident?.name).toBe('Issues connecting to resources in West US')
    expect(incident?.status).toBe('investigating')
    expect(incident?.impact).toBe('minor')
    // The item's link names the serving instance (azurewebsites.net), not the page.
    expect(incident?.url).toBe(PAGE)
    const at = Date.UTC(2026, 6, 23, 16, 29, 9)
    expect(incident?.startedAt).toBe(at)
    expect(incident?.updates).toHaveLength(1)
    expect(incident?.updates[0]?.id).toBe(`issues-connecting-to-resources-in-west-us@${at}`)
    expect(incident?.updates[0]?.at).toBe(at)
    const text = incident?.updates[0]?.text ?? ''
    expect(text.startsWith('Starting at 14:44 UTC on 23 July, 2026, we began investigating a networking issue')).toBe(true)
    expect(text).toContain('We will provide additional information as it becomes available.')
    expect(text).not.toContain('<p>')
    expect(text).not.toContain('&lt;')
  })

  it('reads the healthy feed (an empty channel) as operational, not as a failure', () => {
    const s = value(parseAzure(sampleText(HEALTHY), AZURE))
    expect(s.level).toBe('operational')
    expect(s.incidents).toEqual([])
    expect(s.page).toEqual({ name: 'Microsoft Azure', url: PAGE })
  })

  it('a rewritten notice (new pubDate) is a new update of the same incident', () => {
    const rewritten = sampleText(WEST_US)
      .replace('<pubDate>Thu, 23 Jul 2026 16:29:09 Z</pubDate>', '<pubDate>Thu, 23 Jul 2026 17:05:00 Z</pubDate>')
      .replace('&lt;p&gt;Starting at', '&lt;p&gt;Mitigated. Starting at')
    const [incident] = value(parseAzure(rewritten, AZURE)).incidents
    expect(incident?.id).toBe('issues-connecting-to-resources-in-west-us')
    expect(incident?.updates[0]?.id).toBe(`issues-connecting-to-resources-in-west-us@${Date.UTC(2026, 6, 23, 17, 5)}`)
    expect(incident?.updates[0]?.text.startsWith('Mitigated. Starting at')).toBe(true)
  })

  it('reads from the page’s own host at /en-us/status/feed/, whatever path was stored', () => {
    expect(azure.endpoints(AZURE).map((endpoint) => endpoint.url)).toEqual(['https://azure.status.microsoft/en-us/status/feed/'])
    expect(azure.endpoints(new URL('https://status.azure.com/')).map((endpoint) => endpoint.url)).toEqual(['https://status.azure.com/en-us/status/feed/'])
  })
})

describe('Azure: hostile shapes', () => {
  const item = (inner: string): string => `<rss version="2.0"><channel><title>Azure Status</title><item>${inner}</item></channel></rss>`

  it('is bad_shape for a body that is not RSS or not XML, never operational', () => {
    expect(failure(parseAzure('<html><body>Service Unavailable</body></html>', AZURE)).kind).toBe('bad_shape')
    expect(failure(parseAzure('<Error><Code>AccessDenied</Code></Error>', AZURE)).kind).toBe('bad_shape')
    expect(failure(parseAzure('{"status":"ok"}', AZURE)).kind).toBe('bad_shape')
    expect(failure(parseAzure('<rss version="2.0"></rss>', AZURE)).kind).toBe('bad_shape')
  })

  it('is bad_shape for an item with neither a guid nor a title', () => {
    expect(failure(parseAzure(item('<description>x</description>'), AZURE)).kind).toBe('bad_shape')
  })

  it('names an item without a guid by its title; an oversized guid is not an id', () => {
    expect(value(parseAzure(item('<title>Storage - West Europe</title>'), AZURE)).incidents.map((i) => i.id)).toEqual(['Storage - West Europe'])
    const long = 'g'.repeat(5000)
    const [incident] = value(parseAzure(item(`<guid>${long}</guid><title>Storage</title>`), AZURE)).incidents
    expect(incident?.id).toBe('Storage')
  })

  it('keeps markup out of names and texts, and a bad date out of the times', () => {
    const [incident] = value(parseAzure(item('<guid>a</guid><title>&lt;b&gt;VMs&lt;/b&gt;</title><description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Ok&lt;/p&gt;</description><pubDate>not a date</pubDate>'), AZURE)).incidents
    expect(incident?.name).toBe('VMs')
    expect(incident?.updates[0]?.text).toBe('Ok')
    expect(incident?.startedAt).toBeNull()
    expect(incident?.updates[0]?.id).toBe('a@undated')
  })

  it('reads a feed of 5,000 items, one incident per guid', () => {
    const items = Array.from({ length: 5000 }, (_, index) => `<item><guid>g${index % 2500}</guid><title>T${index}</title></item>`).join('')
    const s = value(parseAzure(`<rss version="2.0"><channel><title>Azure Status</title>${items}</channel></rss>`, AZURE))
    expect(s.incidents).toHaveLength(2500)
    expect(s.incidents[0]?.name).toBe('T0')
  })
})

describe('Azure: detection', () => {
  it('reads azure.status.microsoft as Azure first, fetching only the feed', async () => {
    const body = sampleText(WEST_US)
    const asked: string[] = []
    const found = await detectPlatform(AZURE, {
      fetch: (url) => {
        asked.push(String(url))
        return Promise.resolve(new URL(String(url)).pathname === '/en-us/status/feed/' ? new Response(body, { status: 200, headers: { 'content-type': 'application/rss+xml' } }) : new Response('', { status: 404 }))
      },
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => Date.UTC(2026, 6, 23, 17),
    })
    expect(value(found).platform).toBe('azure')
    expect(value(found).snapshot.incidents.map((incident) => incident.id)).toEqual(['issues-connecting-to-resources-in-west-us'])
    expect(asked).toEqual(['https://azure.status.microsoft/en-us/status/feed/'])
  })
})
