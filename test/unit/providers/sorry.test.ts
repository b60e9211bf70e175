import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import type { Snapshot } from '../../../src/model.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { detectionOrder } from '../../../src/providers/index.ts'
import { mergeSorryComponents, mergeSorryNotices, parseSorryComponents, parseSorryNotices, parseSorryStatus, sorry } from '../../../src/providers/sorry.ts'
import { failure, value } from '../../support/result.ts'
import { editedSample as edited, isObject, item, sampleJson, sampleText } from '../../support/samples.ts'

const STATUS = 'sorry/status-built-2026-11-30.json'
const COMPONENTS = 'sorry/components-built-2026-11-30.json'
const NOTICES = 'sorry/notices-built-2026-11-30.json'
const SORRY = new URL('https://status.sorryapp.com')
/** The notices' links in Sorry's documentation name this host. */
const EXAMPLE_INC = new URL('https://status.example-inc.com')

const noticeAt = (root: Record<string, unknown>, index: number): Record<string, unknown> => item(root.response, index)

/** The documented notices with the incident reopened and the maintenance under way. */
const ongoing = (): unknown =>
  edited(NOTICES, (root) => {
    Object.assign(noticeAt(root, 0), { state: 'identified', timeline_state: 'present', ended_at: null, components: [{ id: 2 }, { id: 2 }] })
    Object.assign(noticeAt(root, 1), { state: 'underway', timeline_state: 'present', ended_at: null })
  })

const full = (notices: unknown = sampleJson(NOTICES), base = SORRY): Snapshot => {
  const withComponents = value(mergeSorryComponents(value(parseSorryStatus(sampleJson(STATUS), base)), sampleJson(COMPONENTS)))
  return value(mergeSorryNotices(withComponents, notices, base))
}

describe('Sorry: the documented Service Status API (status.sorryapp.com/api)', () => {
  it('reads /api/v1/status: the page’s name, address and own state', () => {
    const s = value(parseSorryStatus(sampleJson(STATUS), SORRY))
    expect(s.platform).toBe('sorry')
    expect(s.page).toEqual({ name: 'Sorry™ Service Status', url: 'https://status.sorryapp.com' })
    expect(s.level).toBe('operational')
  })

  it('reads /api/v1/components: 2 operational components, the sub-component in its parent’s group', () => {
    const { components, groups } = value(parseSorryComponents(sampleJson(COMPONENTS)))
    expect(components).toEqual([
      { id: '1', name: 'Example Component', groupId: null, status: 'operational' },
      { id: '2', name: 'Sub-Component', groupId: '1', status: 'operational' },
    ])
    expect(groups).toEqual([{ id: '1', name: 'Example Component' }])
  })

  it('leaves out the documented notices: one resolved incident, one complete maintenance', () => {
    const s = full(sampleJson(NOTICES), EXAMPLE_INC)
    expect(s.incidents).toEqual([])
    expect(s.maintenances).toEqual([])
    expect(s.level).toBe('operational')
    expect(s.components).toHaveLength(2)
  })

  it('reads an open incident and a maintenance under way, with times, synopsis and the page’s own link', () => {
    const s = full(ongoing(), EXAMPLE_INC)
    expect(s.incidents).toEqual([
      {
        id: '198717',
        name: 'Launchpad Application Unavailable',
        status: 'identified',
        impact: 'minor',
        url: 'https://status.example-inc.com/notices/8jctnh1ykjlxuv3r-launchpad-application-unavailable',
        startedAt: Date.parse('2022-11-02T12:18:49.944Z'),
        updates: [
          {
            id: '198717#1',
            status: 'identified',
            text: "Sorry folks, we are currently experiencing issues with the LaunchPad application. We're urgently investigating to identify the cause and restore the application as soon as possible. We'll update you once we have more information.",
            at: Date.parse('2022-11-06T09:53:04.786Z'),
          },
        ],
        componentIds: ['2'],
      },
    ])
    expect(s.maintenances).toHaveLength(1)
    expect(s.maintenances[0]).toMatchObject({
      id: '198714',
      name: 'LaunchPad Notifications Maintenance',
      status: 'in_progress',
      impact: 'maintenance',
      scheduledFor: Date.parse('2022-11-05T08:00:00.000Z'),
      scheduledUntil: Date.parse('2022-11-05T09:00:00.000Z'),
      componentIds: [],
    })
    // The page says operational; its open notice is our worse reading beside it.
    expect(s).toMatchObject({ level: 'operational', reading: 'minor' })
  })

  it('maps the states: recovering is monitoring, investigating; scheduled; false_alarm and cancelled are closed', () => {
    const states = (incident: string, maintenance: string): Snapshot =>
      full(
        edited(NOTICES, (root) => {
          noticeAt(root, 0).state = incident
          noticeAt(root, 1).state = maintenance
        }),
        EXAMPLE_INC,
      )
    expect(states('recovering', 'scheduled').incidents[0]?.status).toBe('monitoring')
    expect(states('recovering', 'scheduled').maintenances[0]?.status).toBe('scheduled')
    expect(states('recovering', 'scheduled')).toMatchObject({ level: 'operational', reading: 'minor' })
    expect(states('investigating', 'scheduled').incidents[0]?.status).toBe('investigating')
    expect(states('false_alarm', 'cancelled').incidents).toEqual([])
    expect(states('false_alarm', 'cancelled').maintenances).toEqual([])
    expect(states('false_alarm', 'underway')).toMatchObject({ level: 'operational', reading: 'maintenance' })
  })

  it('takes the page’s own state, and a component worse than it as our reading beside it', () => {
    const status = (state: string): Snapshot => value(parseSorryStatus(edited(STATUS, (root) => Object.assign(root.page as object, { state })), SORRY))
    expect(status('degraded').level).toBe('minor')
    expect(status('under_maintenance').level).toBe('maintenance')
    const degraded = edited(COMPONENTS, (root) => {
      item(root.components, 1).state = 'degraded'
    })
    const s = value(mergeSorryComponents(status('operational'), degraded))
    expect(s.components[1]?.status).toBe('partial_outage')
    expect(s).toMatchObject({ level: 'operational', reading: 'major' })
    const partly = edited(COMPONENTS, (root) => {
      item(root.components, 0).state = 'partially-degraded'
    })
    expect(value(mergeSorryComponents(status('operational'), partly))).toMatchObject({ level: 'operational', reading: 'minor' })
    expect(value(mergeSorryComponents(status('degraded'), partly))).not.toHaveProperty('reading')
  })

  it('reads the public page’s list under `notices` as under `response`', () => {
    const json = ongoing()
    const renamed = isObject(json) ? { notices: json.response } : null
    expect(value(parseSorryNotices(renamed, EXAMPLE_INC)).incidents.map((incident) => incident.id)).toEqual(['198717'])
  })

  it('keeps no link off the page’s own site', () => {
    const s = full(ongoing(), SORRY)
    expect(s.incidents[0]?.url).toBeNull()
    const http = edited(NOTICES, (root) => Object.assign(noticeAt(root, 0), { state: 'identified', link: 'javascript:alert(1)' }))
    expect(value(parseSorryNotices(http, EXAMPLE_INC)).incidents[0]?.url).toBeNull()
  })

  it('reads the three addresses on the page’s own host, and needs no other origin', () => {
    const [endpoint] = sorry.endpoints(new URL('https://status.pingdom.com/'))
    expect(endpoint?.url).toBe('https://status.pingdom.com/api/v1/status')
    expect(endpoint?.companions?.map((companion) => companion.url)).toEqual(['https://status.pingdom.com/api/v1/components', 'https://status.pingdom.com/api/v1/notices'])
    expect(apiOriginsOf('sorry')).toEqual([])
  })
})

describe('Sorry: hostile shapes', () => {
  it('fails a status without a page or a state, never half a snapshot', () => {
    for (const json of [null, [], 'x', {}, { page: null }, { page: [] }, { page: { name: 'x' } }, { page: { state: 3 } }]) {
      expect(failure(parseSorryStatus(json, SORRY)).kind).toBe('bad_shape')
    }
  })

  it('fails components that are not a list of objects with ids', () => {
    for (const json of [null, {}, { components: null }, { components: {} }, { components: [null] }, { components: [{ name: 'x' }] }, { components: [{ id: 1.5 }] }, { components: [{ id: '' }] }]) {
      expect(failure(parseSorryComponents(json)).kind).toBe('bad_shape')
    }
  })

  it('fails notices with no list, no id or an unknown type', () => {
    for (const json of [null, {}, { notices: null }, { response: 'x' }, { notices: [7] }, { notices: [{ type: 'unplanned' }] }, { notices: [{ id: 1, type: 'other' }] }, { notices: [{ id: 1 }] }]) {
      expect(failure(parseSorryNotices(json, SORRY)).kind).toBe('bad_shape')
    }
  })

  it('reads wrong-typed fields as absent: no name, no times, no synopsis', () => {
    const notices = { notices: [{ id: 9, type: 'unplanned', state: 'investigating', subject: 42, synopsis: null, began_at: 'soon', link: 5, components: 'all' }] }
    expect(value(parseSorryNotices(notices, SORRY)).incidents).toEqual([
      { id: '9', name: 'Incident', status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds: [] },
    ])
    const components = { components: [{ id: 3, name: null, state: 'on fire', parent_id: 99 }] }
    expect(value(parseSorryComponents(components)).components).toEqual([{ id: '3', name: '3', groupId: null, status: 'degraded_performance' }])
  })

  it('reads 20,000 open notices and components in linear time, each once', () => {
    const notices = { notices: Array.from({ length: 20_000 }, (_, i) => ({ id: i % 10_000, type: 'unplanned', state: 'investigating', subject: `N${i}`, components: Array.from({ length: 50 }, () => ({ id: 1 })) })) }
    const parsed = value(parseSorryNotices(notices, SORRY))
    expect(parsed.incidents).toHaveLength(10_000)
    expect(parsed.incidents[9_999]).toMatchObject({ id: '9999', name: 'N9999', componentIds: ['1'] })
    const components = { components: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `C${i}`, state: 'operational', parent_id: i === 0 ? null : 0 })) }
    const read = value(parseSorryComponents(components))
    expect(read.components).toHaveLength(20_000)
    expect(read.groups).toEqual([{ id: '0', name: 'C0' }])
  })
})

describe('Sorry: detection on a customer’s domain', () => {
  const PAGE = '<!DOCTYPE html><html><head><title>Status</title></head><body><a href="https://www.sorryapp.com/">Powered by Sorry™</a></body></html>'

  const detect = async (page: string, at = 'https://status.example-inc.com/'): Promise<{ found: Awaited<ReturnType<typeof detectPlatform>>; asked: string[] }> => {
    const bodies: Record<string, { body: string; type: string }> = {
      '/': { body: page, type: 'text/html' },
      '/api/v1/status': { body: sampleText(STATUS), type: 'application/json' },
      '/api/v1/components': { body: sampleText(COMPONENTS), type: 'application/json' },
      '/api/v1/notices': { body: JSON.stringify(ongoing()), type: 'application/json' },
    }
    const asked: string[] = []
    const found = await detectPlatform(new URL(at), {
      fetch: (url) => {
        const path = new URL(String(url)).pathname
        asked.push(path)
        const answer = bodies[path]
        return Promise.resolve(answer === undefined ? new Response('', { status: 404 }) : new Response(answer.body, { status: 200, headers: { 'content-type': answer.type } }))
      },
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => 1_788_000_000_000,
    })
    return { found, asked }
  }

  it('finds Sorry on a page that names sorryapp.com, after status.io, reading its components and notices', async () => {
    const { found, asked } = await detect(PAGE)
    const detected = value(found)
    expect(detected.platform).toBe('sorry')
    expect(detected.base).toBeUndefined()
    expect(detected.snapshot.incidents.map((incident) => incident.name)).toEqual(['Launchpad Application Unavailable'])
    expect(detected.snapshot.components).toHaveLength(2)
    expect(asked).toEqual(['/proxy/status.example-inc.com', '/api/v2/summary.json', '/summary.json', '/index.json', '/', '/api/v1/status', '/api/v1/components', '/api/v1/notices'])
  })

  it('on its own hosts Sorry is asked first and no page is read for a mention', async () => {
    const { found, asked } = await detect('<html></html>', 'https://acme.sorryapp.com/')
    expect(value(found).platform).toBe('sorry')
    expect(asked).toEqual(['/api/v1/status', '/api/v1/components', '/api/v1/notices'])
  })

  it('asks a page that does not name sorryapp.com nothing more: the page read is status.io’s', async () => {
    const { found, asked } = await detect('<html><head><title>Status</title></head></html>')
    expect(failure(found).message).toContain('sorry: the page does not name sorryapp.com')
    expect(asked).not.toContain('/api/v1/status')
    expect(asked.filter((path) => path === '/')).toHaveLength(1)
  })

  it('tries a sorryapp.com host as Sorry first', () => {
    expect(detectionOrder(new URL('https://acme.sorryapp.com/'))[0]).toBe('sorry')
  })
})
