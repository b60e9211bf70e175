import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { detectionOrder } from '../../../src/providers/index.ts'
import { parseInstatusSummary } from '../../../src/providers/instatus.ts'
import { parseStatusCastSummary, statuscast } from '../../../src/providers/statuscast.ts'
import { failure, value } from '../../support/result.ts'
import { editedSample, sampleJson, sampleText } from '../../support/samples.ts'

const SUMMARY = 'statuscast/campaignmonitor-summary-built-2026-08-11.json'
const CM = new URL('https://status.campaignmonitor.com')

/** The recorded summary with our own open incident and upcoming maintenance. */
function withEvents(): unknown {
  return editedSample(SUMMARY, (root) => Object.assign(root, {
    Status: 'Degraded',
    StatusText: 'Degraded Performance',
    UnresolvedIncidents: [
      {
        Id: 706835,
        Title: 'Microsoft delivery delays — customer update',
        Status: 'Identified',
        StartDate: '2026-09-04T11:20:00Z',
        Posts: [
          { Text: '<p>We are continuing to monitor delivery of emails to Microsoft domains.</p>', DateCreated: '2026-09-04T13:22:00Z' },
          { Text: '<p>We&#39;re aware of an issue currently affecting email delivery to Microsoft domains.</p>', DateCreated: '2026-09-04T11:20:00Z' },
        ],
      },
    ],
    UpcomingIncidents: [{ Id: '697722', Title: 'Scheduled Maintenance', StartDate: '2026-09-12T05:00:00Z', EndDate: '2026-09-12T07:00:00Z' }],
  }))
}

describe('StatusCast: Campaign Monitor’s /summary.json (healthy)', () => {
  it('reads the page’s name and own status: Available is operational, nothing open', () => {
    const s = value(parseStatusCastSummary(sampleJson(SUMMARY), CM))
    expect(s).toEqual({
      platform: 'statuscast',
      page: { name: 'Campaign Monitor', url: 'https://status.campaignmonitor.com' },
      level: 'operational',
      components: [],
      groups: [],
      incidents: [],
      maintenances: [],
    })
  })

  it('is not taken for an Instatus summary, whose address it shares', () => {
    expect(failure(parseInstatusSummary(sampleJson(SUMMARY), CM)).kind).toBe('bad_shape')
  })

  it('reads an open incident with its posts newest first, and an upcoming maintenance', () => {
    const s = value(parseStatusCastSummary(withEvents(), CM))
    expect(s.level).toBe('minor')
    expect(s.incidents).toEqual([
      {
        id: '706835',
        name: 'Microsoft delivery delays — customer update',
        status: 'identified',
        impact: 'minor',
        url: 'https://status.campaignmonitor.com/incident/706835',
        startedAt: Date.parse('2026-09-04T11:20:00Z'),
        updates: [
          { id: '706835#2', status: 'identified', text: 'We are continuing to monitor delivery of emails to Microsoft domains.', at: Date.parse('2026-09-04T13:22:00Z') },
          { id: '706835#1', status: 'identified', text: "We're aware of an issue currently affecting email delivery to Microsoft domains.", at: Date.parse('2026-09-04T11:20:00Z') },
        ],
        componentIds: [],
      },
    ])
    expect(s.maintenances).toEqual([
      {
        id: '697722',
        name: 'Scheduled Maintenance',
        status: 'scheduled',
        impact: 'maintenance',
        url: 'https://status.campaignmonitor.com/incident/697722',
        scheduledFor: Date.parse('2026-09-12T05:00:00Z'),
        scheduledUntil: Date.parse('2026-09-12T07:00:00Z'),
        updates: [],
        componentIds: [],
      },
    ])
  })

  it('takes the page’s status word for its level', () => {
    const level = (Status: string): string => value(parseStatusCastSummary({ Status, UnresolvedIncidents: [], UpcomingIncidents: [] }, CM)).level
    expect(level('Informational')).toBe('operational')
    expect(level('Maintenance')).toBe('maintenance')
    expect(level('Investigating')).toBe('minor')
    expect(level('Degraded')).toBe('minor')
    expect(level('Unavailable')).toBe('major')
    expect(level('Something new')).toBe('minor')
  })

  it('reads the summary on the page’s own host, and needs no other origin', () => {
    expect(statuscast.endpoints(new URL('https://status.8x8.com/')).map((endpoint) => endpoint.url)).toEqual(['https://status.8x8.com/summary.json'])
    expect(apiOriginsOf('statuscast')).toEqual([])
  })
})

describe('StatusCast: hostile shapes', () => {
  it('fails a summary without its status or lists, never half a snapshot', () => {
    for (const json of [null, [], 'x', {}, { Status: 'Available' }, { Status: 3, UnresolvedIncidents: [], UpcomingIncidents: [] }, { Status: 'Available', UnresolvedIncidents: null, UpcomingIncidents: [] }, { Status: 'Available', UnresolvedIncidents: [], UpcomingIncidents: {} }]) {
      expect(failure(parseStatusCastSummary(json, CM)).kind).toBe('bad_shape')
    }
  })

  it('fails an entry that is not an object or has no id', () => {
    for (const entry of [null, 'x', { Title: 'No id' }, { Id: '' }, { Id: Number.NaN }]) {
      expect(failure(parseStatusCastSummary({ Status: 'Degraded', UnresolvedIncidents: [entry], UpcomingIncidents: [] }, CM)).kind).toBe('bad_shape')
    }
  })

  it('reads wrong-typed fields as absent, and keeps a hostile id inside one path segment', () => {
    const s = value(parseStatusCastSummary({ Status: 'Degraded', UnresolvedIncidents: [{ Id: '../admin?x', Title: 7, StartDate: 'soon', Posts: 'many' }], UpcomingIncidents: [] }, CM))
    expect(s.incidents).toEqual([
      { id: '../admin?x', name: 'Incident', status: 'investigating', impact: 'minor', url: 'https://status.campaignmonitor.com/incident/..%2Fadmin%3Fx', startedAt: null, updates: [], componentIds: [] },
    ])
  })

  it('reads 20,000 incidents with 20,000 posts in time, each id once', () => {
    const posts = Array.from({ length: 20_000 }, (_, i) => ({ Text: `Post ${i}`, DateCreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }))
    const incidents = Array.from({ length: 20_000 }, (_, i) => ({ Id: i % 10_000, Title: `I${i}`, Posts: i === 0 ? posts : [] }))
    const s = value(parseStatusCastSummary({ Status: 'Degraded', UnresolvedIncidents: incidents, UpcomingIncidents: [] }, CM))
    expect(s.incidents).toHaveLength(10_000)
    expect(s.incidents[0]?.updates).toHaveLength(20_000)
    expect(s.incidents[0]?.updates[0]).toMatchObject({ id: '0#20000', text: 'Post 19999' })
  })
})

describe('StatusCast: detection on a customer’s domain', () => {
  const detect = async (page: string): Promise<{ found: Awaited<ReturnType<typeof detectPlatform>>; asked: string[] }> => {
    const asked: string[] = []
    const found = await detectPlatform(new URL('https://status.campaignmonitor.com/'), {
      fetch: (url) => {
        const path = new URL(String(url)).pathname
        asked.push(path)
        if (path === '/') return Promise.resolve(new Response(page, { status: 200, headers: { 'content-type': 'text/html' } }))
        if (path === '/summary.json') return Promise.resolve(new Response(sampleText(SUMMARY), { status: 200, headers: { 'content-type': 'application/json' } }))
        return Promise.resolve(new Response('', { status: 404 }))
      },
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => 1_788_000_000_000,
    })
    return { found, asked }
  }

  it('finds a page that names StatusCast, after Instatus refused its summary.json (read with its companion) and status.io found no id', async () => {
    const { found, asked } = await detect('<html><body class="sc-state-normal"><footer>Powered by StatusCast</footer></body></html>')
    const detected = value(found)
    expect(detected.platform).toBe('statuscast')
    expect(detected.base).toBeUndefined()
    expect(detected.snapshot.page.name).toBe('Campaign Monitor')
    expect(asked).toEqual(['/proxy/status.campaignmonitor.com', '/api/v2/summary.json', '/summary.json', '/v2/components.json', '/index.json', '/', '/summary.json'])
  })

  it('asks a page that does not name StatusCast nothing more', async () => {
    const { found, asked } = await detect('<html><body>Status</body></html>')
    expect(failure(found).message).toContain('statuscast: the page does not name StatusCast')
    expect(asked.filter((path) => path === '/summary.json')).toHaveLength(1)
  })

  it('tries StatusCast’s own hosts with StatusCast first', () => {
    expect(detectionOrder(new URL('https://acme.statuscast.com/'))[0]).toBe('statuscast')
    expect(detectionOrder(new URL('https://8x8status.status.page/'))[0]).toBe('statuscast')
  })
})
