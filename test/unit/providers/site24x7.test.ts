import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import type { Snapshot } from '../../../src/model.ts'
import { parseSite24x7, site24x7 } from '../../../src/providers/site24x7.ts'
import { isRecord } from '../../../src/untrusted.ts'
import { failure, value } from '../../support/result.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'

/** Built from Zoho's StatusIQ SDK (see the fixtures README): no capture was found. */
const SAMPLE = 'site24x7/summary-details-built-2026-11-30.json'
const SITE = new URL('https://status.site24x7.com/')

function summary(): { code: unknown; data: Record<string, unknown> } {
  const json = sampleJson(SAMPLE)
  if (!isRecord(json) || !isRecord(json.data)) throw new Error('the sample lost its data')
  return structuredClone({ code: json.code, data: { ...json.data } })
}

describe('Site24x7 StatusIQ summary_details (built from Zoho’s SDK)', () => {
  const snapshot = (): Snapshot => value(parseSite24x7(summary(), SITE))

  it('reads the page: its host as name, the worst of components and incidents as level', () => {
    const s = snapshot()
    expect(s.platform).toBe('site24x7')
    expect(s.page).toEqual({ name: 'status.site24x7.com', url: 'https://status.site24x7.com' })
    expect(s.level).toBe('minor')
  })

  it('turns groups and their members, and ungrouped components, into components with status codes read', () => {
    const s = snapshot()
    expect(s.groups).toEqual([{ id: 'G1xT8mQ2rV5pL9wZ', name: 'Data Centers' }])
    expect(s.components).toEqual([
      { id: 'C7aR2kW9pX4mT1vB', name: 'US Data Center', groupId: 'G1xT8mQ2rV5pL9wZ', status: 'operational' },
      { id: 'C3nF6hJ8qS2dL5yU', name: 'EU Data Center', groupId: 'G1xT8mQ2rV5pL9wZ', status: 'degraded_performance' },
      { id: 'C9wE4tY7uI1oP3aS', name: 'Mobile Apps', groupId: null, status: 'under_maintenance' },
      { id: 'C2zX5cV8bN6mQ4wE', name: 'Alerting', groupId: null, status: 'operational' },
    ])
  })

  it('reads the open incident: status from the newest update code (12 identified), impact from the severity, affected components by name', () => {
    const [incident] = snapshot().incidents
    expect(incident).toEqual({
      id: 'I8vK3nR6tY9wQ2xZ',
      name: 'Delayed data collection in the EU data center',
      status: 'identified',
      impact: 'minor',
      url: 'https://status.site24x7.com',
      startedAt: Date.UTC(2026, 10, 30, 8, 52),
      componentIds: ['C3nF6hJ8qS2dL5yU'],
      updates: [
        { id: 'I8vK3nR6tY9wQ2xZ@2026-11-30T09:35:00+0000', status: 'identified', text: 'A storage node is slow; we are moving its load to other nodes.', at: Date.UTC(2026, 10, 30, 9, 35) },
        { id: 'I8vK3nR6tY9wQ2xZ@2026-11-30T08:52:00+0000', status: 'investigating', text: 'We are looking into delayed data in the EU data center.', at: Date.UTC(2026, 10, 30, 8, 52) },
      ],
    })
  })

  it('reads the maintenance (codes 21, 22) as in progress, not as an incident', () => {
    const s = snapshot()
    expect(s.incidents).toHaveLength(1)
    expect(s.maintenances.map((m) => [m.id, m.name, m.status, m.impact, m.scheduledFor, m.componentIds])).toEqual([
      ['M5bH2gD7fS4aJ9kL', 'Mobile app backend upgrade', 'in_progress', 'maintenance', Date.UTC(2026, 10, 30, 9), ['C9wE4tY7uI1oP3aS']],
    ])
    expect(s.maintenances[0]?.updates.map((u) => u.status)).toEqual(['in_progress', 'scheduled'])
  })

  it('an incident whose newest update is resolved (14), or a maintenance completed (24), is not open', () => {
    const json = summary()
    const events = json.data.active_incident_details
    if (!Array.isArray(events)) throw new Error('no events')
    const resolve = (event: unknown, code: number): unknown => {
      if (!isRecord(event) || !Array.isArray(event.incident_status_updates)) throw new Error('no updates')
      return { ...event, incident_status_updates: [{ incident_status: 'Done', incident_status_id: code, incident_status_desc: 'Done.', status_updated_at: '2026-11-30T10:00:00+0000' }, ...event.incident_status_updates] }
    }
    json.data.active_incident_details = [resolve(events[0], 14), resolve(events[1], 24)]
    const s = value(parseSite24x7(json, SITE))
    expect(s.incidents).toEqual([])
    expect(s.maintenances).toEqual([])
    // The EU data center still reads degraded: the page's own component says so.
    expect(s.level).toBe('minor')
  })

  it('a major outage severity (6) is a critical incident; the level follows', () => {
    const json = summary()
    const events = json.data.active_incident_details
    if (!Array.isArray(events) || !isRecord(events[0])) throw new Error('no events')
    json.data.active_incident_details = [{ ...events[0], incident_severity_id: 6 }]
    const s = value(parseSite24x7(json, SITE))
    expect(s.incidents[0]?.impact).toBe('critical')
    expect(s.level).toBe('critical')
  })
})

describe('Site24x7: hostile shapes', () => {
  it('is bad_shape for an error code, a missing data object or component list, never operational', () => {
    expect(failure(parseSite24x7({ code: 1001, message: 'Invalid resource Id' }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0 }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0, data: { active_incident_details: [] } }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0, data: { current_status: [] } }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7('<html>', SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7(null, SITE)).kind).toBe('bad_shape')
  })

  it('is bad_shape for a component or an incident without its id, or of the wrong type', () => {
    expect(failure(parseSite24x7({ code: 0, data: { current_status: [{ display_name: 'x' }], active_incident_details: [] } }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0, data: { current_status: [42], active_incident_details: [] } }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0, data: { current_status: [], active_incident_details: [{ incident_title: 'x' }] } }, SITE)).kind).toBe('bad_shape')
    expect(failure(parseSite24x7({ code: 0, data: { current_status: [], active_incident_details: [{ enc_inc_id: 'a', incident_status_updates: ['x'] }] } }, SITE)).kind).toBe('bad_shape')
  })

  it('reads odd values leniently: unknown codes, bad times, markup in names, a missing update list', () => {
    const s = value(
      parseSite24x7(
        {
          code: 0,
          data: {
            current_status: [{ enc_component_id: 'c', display_name: '<b>API</b>', component_status: 'down' }],
            active_incident_details: [{ enc_inc_id: 'a', incident_title: null, incident_began_at: 'yesterday', incident_severity_id: 99, incident_affected_components: 'all' }],
          },
        },
        SITE,
      ),
    )
    expect(s.components).toEqual([{ id: 'c', name: 'API', groupId: null, status: 'degraded_performance' }])
    expect(s.incidents).toEqual([{ id: 'a', name: 'Incident', status: 'investigating', impact: 'minor', url: 'https://status.site24x7.com', startedAt: null, updates: [], componentIds: [] }])
  })

  it('keeps the work bounded on huge lists', () => {
    const members = Array.from({ length: 50_000 }, (_, i) => ({ enc_component_id: `c${i}`, display_name: `C${i}`, component_status: 1 }))
    const events = Array.from({ length: 5000 }, (_, i) => ({ enc_inc_id: `i${i}`, incident_title: `I${i}` }))
    const s = value(parseSite24x7({ code: 0, data: { current_status: [{ enc_componentgroup_id: 'g', componentgroup_components: members }], active_incident_details: events } }, SITE))
    expect(s.components).toHaveLength(2000)
    expect(s.incidents).toHaveLength(500)
  })
})

describe('Site24x7: endpoint and detection', () => {
  it('reads /sp/api/u/summary_details from the page’s site', () => {
    expect(site24x7.endpoints(SITE).map((e) => e.url)).toEqual(['https://status.site24x7.com/sp/api/u/summary_details'])
    expect(site24x7.endpoints(new URL('https://status.canonical.com/')).map((e) => e.url)).toEqual(['https://status.canonical.com/sp/api/u/summary_details'])
  })

  it('finds status.canonical.com (a StatusIQ page on Canonical’s domain) by its host, with one request', async () => {
    const body = sampleText(SAMPLE)
    const asked: string[] = []
    const found = await detectPlatform(new URL('https://status.canonical.com/'), {
      fetch: (url) => {
        asked.push(url)
        return Promise.resolve(url === 'https://status.canonical.com/sp/api/u/summary_details' ? new Response(body, { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 }))
      },
      timeoutSignal: () => new AbortController().signal,
      now: () => Date.UTC(2026, 10, 30, 10),
    })
    expect(value(found).platform).toBe('site24x7')
    expect(value(found).snapshot.incidents.map((i) => i.id)).toEqual(['I8vK3nR6tY9wQ2xZ'])
    expect(asked).toEqual(['https://status.canonical.com/sp/api/u/summary_details'])
  })

  it('finds a StatusIQ page on any other domain when its HTML names Site24x7, and probes no page that does not', async () => {
    const body = sampleText(SAMPLE)
    const detect = async (html: string): Promise<{ platform: string | null; asked: string[] }> => {
      const asked: string[] = []
      const found = await detectPlatform(new URL('https://status.example.org/'), {
        fetch: (url) => {
          asked.push(url)
          if (url === 'https://status.example.org/') return Promise.resolve(new Response(html, { headers: { 'content-type': 'text/html' } }))
          return Promise.resolve(url === 'https://status.example.org/sp/api/u/summary_details' ? new Response(body, { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 }))
        },
        timeoutSignal: () => new AbortController().signal,
        now: () => Date.UTC(2026, 10, 30, 10),
      })
      return { platform: found.ok ? found.value.platform : null, asked }
    }
    const named = await detect('<footer>Powered by <a href="https://www.site24x7.com/statusiq">Site24x7 StatusIQ</a></footer>')
    expect(named.platform).toBe('site24x7')
    expect(named.asked.filter((url) => url.includes('/sp/api/'))).toEqual(['https://status.example.org/sp/api/u/summary_details'])
    const other = await detect('<p>All systems go</p>')
    expect(other.platform).toBeNull()
    expect(other.asked.some((url) => url.includes('/sp/api/'))).toBe(false)
  })
})
