import { describe, expect, it } from 'vitest'
import { detectPlatform, type DetectDeps } from '../../../src/detect.ts'
import { pollPage } from '../../../src/monitor.ts'
import { initialPageState } from '../../../src/page-state.ts'
import type { Snapshot } from '../../../src/model.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { normalizeBaseUrl } from '../../../src/providers/index.ts'
import { DISCOVERY_BYTES } from '../../../src/providers/discovery.ts'
import { findPageId, pageIdOf, parseStatusIo, statusio, storedAddress } from '../../../src/providers/statusio.ts'
import { recordingDeps } from '../../support/recording-fetch.ts'
import { failure, value } from '../../support/result.ts'
import { item, sampleJson, sampleText } from '../../support/samples.ts'

const GITLAB_ID = '5b36dc6502d06804c08349f7'
const DOCKER_ID = '533c6539221ae15e3f000031'
const GITLAB = new URL(`https://status.gitlab.com/pages/history/${GITLAB_ID}`)
const DOCKER = new URL(`https://status.docker.com/pages/history/${DOCKER_ID}`)

const MAINTENANCE = 'statusio/gitlab-status-2020-09-05.json'
const SECURITY = 'statusio/gitlab-status-2020-02-09.json'
const DOCKER_PARTIAL = 'statusio/docker-status-2020-07-16.json'

const read = (file: string, base = GITLAB, id = GITLAB_ID): Snapshot => value(parseStatusIo(sampleJson(file), base, id))
const at = (iso: string): number => Date.parse(iso)

/** The real payload with `edit` applied to a deep copy of its `result`: our own small variants. */
function edited(file: string, edit: (result: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(sampleText(file)) as { result: Record<string, unknown> }
  edit(json.result)
  return json
}

describe('status.io: GitLab during a planned maintenance (2020-09-05)', () => {
  const s = read(MAINTENANCE)

  it('takes the page’s own overall status: Planned Maintenance, though an open incident’s messages say 400', () => {
    expect(s.platform).toBe('statusio')
    expect(s.level).toBe('maintenance')
    expect(s.page).toEqual({ name: 'status.gitlab.com', url: 'https://status.gitlab.com' })
  })

  it('reads the 15 components in page order, ungrouped; containers are not components', () => {
    expect(s.components).toHaveLength(15)
    expect(s.groups).toEqual([])
    expect(s.components[0]).toEqual({ id: '5b36dc6502d06804c0834a07', name: 'Website', groupId: null, status: 'operational' })
    expect(s.components.map((c) => c.name)).toContain('Git (ssh and https)')
    expect(s.components.filter((c) => c.status !== 'operational')).toEqual([
      { id: '5f4e8819413cdd04b6882c94', name: 'dashboards.gitlab.com', groupId: null, status: 'under_maintenance' },
    ])
    expect(s.components.some((c) => c.name === 'Google Compute Engine')).toBe(false)
  })

  it('reads the open incident: identified, impact from its messages’ 400, Website (itself at 100) affected', () => {
    expect(s.incidents).toHaveLength(1)
    const [incident] = s.incidents
    expect(incident).toMatchObject({
      id: '5f52b8074ef75804bc7d2c3e',
      name: '500 Error - User Notification Settings',
      status: 'identified',
      impact: 'major',
      url: `https://status.gitlab.com/pages/incident/${GITLAB_ID}/5f52b8074ef75804bc7d2c3e`,
      startedAt: at('2020-09-04T21:56:00.000Z'),
      componentIds: ['5b36dc6502d06804c0834a07'],
    })
    expect(s.components.find((c) => c.id === '5b36dc6502d06804c0834a07')?.status).toBe('operational')
  })

  it('turns the messages (oldest first on the wire) into updates newest first, with ids that count from the oldest', () => {
    const updates = s.incidents[0]?.updates ?? []
    expect(updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['5f52b8074ef75804bc7d2c3e#2', 'identified', at('2020-09-05T09:23:23.591Z')],
      ['5f52b8074ef75804bc7d2c3e#1', 'identified', at('2020-09-04T21:56:00.000Z')],
    ])
    expect(updates[0]?.text).toMatch(/^We've determined that the error when attempting to view personal notification settings/)
    expect(updates[0]?.text).toContain('A fix will be deployed in the next window on 2020-09-07.')
    expect(updates[0]?.text).not.toContain('\r')
  })

  it('reads the active maintenance as in progress, with its planned window and messages', () => {
    expect(s.maintenances).toHaveLength(1)
    const [maintenance] = s.maintenances
    expect(maintenance).toMatchObject({
      id: '5f4e8b7f2250a004bc3453da',
      name: 'Maintenance on dashboards.gitlab.com',
      status: 'in_progress',
      impact: 'maintenance',
      url: `https://status.gitlab.com/pages/maintenance/${GITLAB_ID}/5f4e8b7f2250a004bc3453da`,
      scheduledFor: at('2020-09-02T17:55:00.000Z'),
      scheduledUntil: at('2020-09-07T17:55:00.000Z'),
      componentIds: ['5f4e8819413cdd04b6882c94'],
    })
    expect(maintenance?.updates.map((u) => [u.status, u.at])).toEqual([
      ['in_progress', at('2020-09-05T09:38:00.000Z')],
      ['scheduled', at('2020-09-01T17:57:19.641Z')],
    ])
  })

  it('an upcoming maintenance is scheduled (the active one moved to `upcoming`)', () => {
    const json = edited(MAINTENANCE, (result) => {
      const maintenance = result.maintenance as { active: unknown[]; upcoming: unknown[] }
      maintenance.upcoming = maintenance.active
      maintenance.active = []
    })
    expect(value(parseStatusIo(json, GITLAB, GITLAB_ID)).maintenances.map((m) => [m.id, m.status])).toEqual([['5f4e8b7f2250a004bc3453da', 'scheduled']])
  })

  it('the incident resolved (dropped from the list) leaves no incident; all at 100 is operational', () => {
    const json = edited(MAINTENANCE, (result) => {
      result.incidents = []
      result.maintenance = { active: [], upcoming: [] }
      result.status_overall = { updated: '2020-09-07T18:00:00.000Z', status: 'Operational', status_code: 100 }
      for (const component of result.status as { status_code: number }[]) component.status_code = 100
    })
    const healthy = value(parseStatusIo(json, GITLAB, GITLAB_ID))
    expect(healthy.level).toBe('operational')
    expect(healthy.incidents).toEqual([])
    expect(healthy.maintenances).toEqual([])
  })
})

describe('status.io: GitLab during a security issue (2020-02-09)', () => {
  const s = read(SECURITY)

  it('600 Security Issue on 5 of 13 components reads as a disruption (partial outage, level major)', () => {
    expect(s.components).toHaveLength(13)
    expect(s.components.filter((c) => c.status === 'partial_outage').map((c) => c.name)).toEqual(['Website', 'API', 'Git (ssh and https)', 'Registry', 'CI/CD'])
    expect(s.components.filter((c) => c.status === 'operational')).toHaveLength(8)
    expect(s.level).toBe('major')
  })

  it('the incident named by a URL, identified, affecting the five', () => {
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]).toMatchObject({
      id: '5e3d877d593d1b04c4620561',
      name: 'https://gitlab.com/gitlab-com/gl-infra/production/issues/1635',
      status: 'identified',
      impact: 'major',
      startedAt: at('2020-02-07T15:51:25.249Z'),
      componentIds: ['5b36dc6502d06804c0834a07', '5b36e05f02d06804c0834a09', '5d2f74932676bc45e4927ead', '5b36e07afc1f0804be9d754d', '5b36e06c633e9004b3d624ad'],
    })
    expect(s.incidents[0]?.updates.map((u) => u.at)).toEqual([at('2020-02-09T18:42:33.493Z'), at('2020-02-07T15:51:25.269Z')])
    expect(s.maintenances).toEqual([])
  })
})

describe('status.io: Docker, partial service disruption (2020-07-16)', () => {
  const s = read(DOCKER_PARTIAL, DOCKER, DOCKER_ID)

  it('400 overall, Docker Hub Automated Builds at 400, one investigating incident', () => {
    expect(s.level).toBe('major')
    expect(s.components).toHaveLength(8)
    expect(s.components.filter((c) => c.status !== 'operational')).toEqual([
      { id: '5342bc9420974b775d000008', name: 'Docker Hub Automated Builds', groupId: null, status: 'partial_outage' },
    ])
    expect(s.incidents).toEqual([
      {
        id: '5f108cc06e9c9104c0553a46',
        name: 'Docker Hub automated builds issue',
        status: 'investigating',
        impact: 'major',
        url: `https://status.docker.com/pages/incident/${DOCKER_ID}/5f108cc06e9c9104c0553a46`,
        startedAt: at('2020-07-16T17:22:08.325Z'),
        updates: [
          {
            id: '5f108cc06e9c9104c0553a46#1',
            status: 'investigating',
            text: 'We are investigating reports of automated builds getting stuck or not getting triggered.',
            at: at('2020-07-16T17:22:08.369Z'),
          },
        ],
        componentIds: ['5342bc9420974b775d000008'],
      },
    ])
  })

  it('codes map to the scale: 300 degraded, 500 major outage, an unknown code degraded', () => {
    const json = edited(DOCKER_PARTIAL, (result) => {
      item(result.status, 0).status_code = 300
      item(result.status, 1).status_code = 500
      item(result.status, 2).status_code = 700
      item(result.status, 3).status_code = '400'
    })
    const codes = value(parseStatusIo(json, DOCKER, DOCKER_ID))
    expect(codes.components.slice(0, 4).map((c) => c.status)).toEqual(['degraded_performance', 'major_outage', 'degraded_performance', 'degraded_performance'])
    // The page still says 400 (major): that is the level; a component at 500 is our worse reading beside it.
    expect(codes).toMatchObject({ level: 'major', reading: 'critical' })
  })
})

describe('status.io: the page id and the addresses', () => {
  it('reads the id from the addresses status.io uses, and nothing else', () => {
    expect(pageIdOf(new URL(`https://status.io/pages/${GITLAB_ID}`))).toBe(GITLAB_ID)
    expect(pageIdOf(new URL(`https://status.gitlab.com/pages/history/${GITLAB_ID}`))).toBe(GITLAB_ID)
    expect(pageIdOf(new URL(`https://api.status.io/1.0/status/${GITLAB_ID.toUpperCase()}`))).toBe(GITLAB_ID)
    expect(pageIdOf(new URL(`https://status.gitlab.com/pages/incident/${GITLAB_ID}/5f52b8074ef75804bc7d2c3e`))).toBe(GITLAB_ID)
    expect(pageIdOf(new URL('https://status.gitlab.com/'))).toBeNull()
    expect(pageIdOf(new URL(`https://status.gitlab.com/pages/history/${GITLAB_ID}0`))).toBeNull()
    expect(pageIdOf(new URL(`https://status.gitlab.com/blog/${GITLAB_ID}`))).toBeNull()
  })

  it('a pasted API or status.io address survives normalization and polls the API', () => {
    for (const pasted of [`https://api.status.io/1.0/status/${GITLAB_ID}`, `status.io/pages/${GITLAB_ID}`, `https://status.gitlab.com/pages/history/${GITLAB_ID}/`]) {
      const base = normalizeBaseUrl(pasted)
      if (!base.ok) throw new Error(base.error)
      expect(pageIdOf(base.value)).toBe(GITLAB_ID)
      expect(statusio.endpoints(base.value).map((e) => e.url)).toEqual([`https://api.status.io/1.0/status/${GITLAB_ID}`])
    }
  })

  it('links to status.io’s own pages when the page lives there', () => {
    const s = value(parseStatusIo(sampleJson(DOCKER_PARTIAL), new URL(`https://api.status.io/1.0/status/${DOCKER_ID}`), DOCKER_ID))
    expect(s.page).toEqual({ name: `status.io ${DOCKER_ID}`, url: `https://status.io/pages/${DOCKER_ID}` })
    expect(s.incidents[0]?.url).toBe(`https://status.io/pages/incident/${DOCKER_ID}/5f108cc06e9c9104c0553a46`)
    expect(storedAddress(new URL('https://api.status.io/'), DOCKER_ID).href).toBe(`https://status.io/pages/history/${DOCKER_ID}`)
  })

  it('finds the id in the x-status-page-id header first, then in the markup’s links', () => {
    expect(findPageId(new Headers({ 'x-status-page-id': ` ${GITLAB_ID.toUpperCase()} ` }), '')).toBe(GITLAB_ID)
    expect(findPageId(new Headers({ 'x-status-page-id': 'nonsense' }), `<a href="/pages/history/${GITLAB_ID}">History</a>`)).toBe(GITLAB_ID)
    expect(findPageId(new Headers(), `<script src="https://api.status.io/1.0/status/${DOCKER_ID}"></script>`)).toBe(DOCKER_ID)
    expect(findPageId(new Headers(), `<a href="/pages/history/${GITLAB_ID}ff">x</a> <a href="/pages/${GITLAB_ID}">y</a>`)).toBeNull()
    expect(findPageId(new Headers(), '<html>Our blog</html>')).toBeNull()
  })

  it('names api.status.io as the one host it reads besides the page’s own', () => {
    expect(apiOriginsOf('statusio')).toEqual(['https://api.status.io'])
  })

  it('an address without the id (stored by an older detection) says what to add instead', () => {
    const [first] = statusio.endpoints(new URL('https://status.gitlab.com/'))
    expect(first?.url).toBe('https://status.gitlab.com/')
    const decoded = first?.decode?.(new TextEncoder().encode(`<a href="/pages/history/${GITLAB_ID}">`), new Headers())
    expect(decoded && failure(decoded)).toEqual({ kind: 'bad_shape', message: `status.io: the address has no page id (add https://status.gitlab.com/pages/history/${GITLAB_ID} instead)` })
    const none = first?.decode?.(new TextEncoder().encode('<html></html>'), new Headers())
    expect(none && failure(none).message).toBe('status.io: the address has no page id (no status.io page id on the page either)')
  })
})

describe('status.io: detection from the address people paste', () => {
  const API = `https://api.status.io/1.0/status/${GITLAB_ID}`

  function site(page: (url: string) => Response | null): { deps: DetectDeps; asked: string[] } {
    return recordingDeps((url) => (url === API ? new Response(sampleText(MAINTENANCE), { headers: { 'content-type': 'application/json' } }) : page(url)))
  }

  it('status.gitlab.com: the page’s x-status-page-id header names the id; the page is stored under its history address', async () => {
    const { deps, asked } = site((url) => (url === 'https://status.gitlab.com/' ? new Response('<html></html>', { headers: { 'content-type': 'text/html', 'x-status-page-id': GITLAB_ID } }) : null))
    const found = value(await detectPlatform(new URL('https://status.gitlab.com/'), deps))
    expect(found.platform).toBe('statusio')
    expect(found.base?.href).toBe(`https://status.gitlab.com/pages/history/${GITLAB_ID}`)
    expect(found.snapshot.level).toBe('maintenance')
    // The page is read once, after the JSON platforms' own endpoints failed, and before the feed.
    expect(asked.filter((url) => url === 'https://status.gitlab.com/')).toHaveLength(1)
    expect(asked.indexOf(API)).toBe(asked.indexOf('https://status.gitlab.com/') + 1)
    expect(asked.some((url) => url.endsWith('history.atom'))).toBe(false)
  })

  it('finds the id in the markup when there is no header, and polls the stored address without reading the page again', async () => {
    const html = `<html><body>${'<p>filler</p>'.repeat(1000)}<a href="/pages/history/${GITLAB_ID}">View history</a></body></html>`
    const { deps, asked } = site((url) => (url === 'https://status.gitlab.com/' ? new Response(html, { headers: { 'content-type': 'text/html' } }) : null))
    const found = value(await detectPlatform(new URL('https://status.gitlab.com/'), deps))
    expect(found.platform).toBe('statusio')
    const stored = found.base ?? new URL('https://status.gitlab.com/')
    asked.length = 0
    const redetected = value(await detectPlatform(stored, deps))
    expect(redetected.platform).toBe('statusio')
    expect(redetected.base).toBeUndefined()
    // The stored address names the id: the page itself is not read again.
    expect(asked).not.toContain(`https://status.gitlab.com/pages/history/${GITLAB_ID}`)
    expect(asked).not.toContain('https://status.gitlab.com/')
    expect(asked.at(-1)).toBe(API)
  })

  it('reads no more of the page than its budget: an id beyond it is not found', async () => {
    const html = `${' '.repeat(DISCOVERY_BYTES)}<a href="/pages/history/${GITLAB_ID}">View history</a>`
    const { deps } = site((url) => (url === 'https://status.example.com/' ? new Response(html, { headers: { 'content-type': 'text/html' } }) : null))
    const found = failure(await detectPlatform(new URL('https://status.example.com/'), deps))
    expect(found.message).toContain('statusio: no status.io page id in the page’s headers or links')
  })

  it('a page far larger than the budget is cut, not refused: its header still names the id', async () => {
    const html = `<html>${'x'.repeat(3 * 1024 * 1024)}</html>`
    const { deps } = site((url) => (url === 'https://status.gitlab.com/' ? new Response(html, { headers: { 'content-type': 'text/html', 'content-length': String(html.length), 'x-status-page-id': GITLAB_ID } }) : null))
    expect(value(await detectPlatform(new URL('https://status.gitlab.com/'), deps)).base?.href).toBe(`https://status.gitlab.com/pages/history/${GITLAB_ID}`)
  })

  it('a page that names no id is not status.io, and detection goes on to the feed', async () => {
    const { deps, asked } = site((url) => (url === 'https://status.example.com/' ? new Response('<html>Our blog</html>', { headers: { 'content-type': 'text/html' } }) : null))
    const found = failure(await detectPlatform(new URL('https://status.example.com/'), deps))
    expect(found.message).toContain('statusio: no status.io page id')
    expect(asked.indexOf('https://status.example.com/history.atom')).toBeGreaterThan(asked.indexOf('https://status.example.com/'))
    expect(asked.filter((url) => url.startsWith('https://api.status.io/'))).toEqual([])
  })
})

describe('status.io: polling the stored address', () => {
  it('reads the API only, and the maintenance and incident come out as events', async () => {
    const asked: string[] = []
    const outcome = await pollPage(
      { page: { base: GITLAB, platform: 'statusio' }, state: initialPageState() },
      {
        timeoutSignal: (ms) => AbortSignal.timeout(ms),
        now: () => at('2020-09-05T10:00:00.000Z'),
        random: () => 0.5,
        fetch: (url) => {
          asked.push(url)
          return Promise.resolve(new Response(sampleText(MAINTENANCE), { headers: { 'content-type': 'application/json' } }))
        },
      },
    )
    expect(asked).toEqual([`https://api.status.io/1.0/status/${GITLAB_ID}`])
    expect(outcome.result).toBe('changed')
    expect(outcome.state.snapshot?.incidents.map((i) => i.id)).toEqual(['5f52b8074ef75804bc7d2c3e'])
    expect(outcome.state.snapshot?.maintenances.map((m) => m.status)).toEqual(['in_progress'])
  })

  it('an address without the id reads the page once and says what to add; no request to the API without an id', async () => {
    const asked: string[] = []
    const outcome = await pollPage(
      { page: { base: 'https://status.gitlab.com/', platform: 'statusio' }, state: initialPageState() },
      {
        timeoutSignal: (ms) => AbortSignal.timeout(ms),
        now: () => 0,
        random: () => 0.5,
        fetch: (url) => {
          asked.push(url)
          return Promise.resolve(url === 'https://status.gitlab.com/' ? new Response('<html></html>', { headers: { 'x-status-page-id': GITLAB_ID } }) : new Response('', { status: 404, statusText: 'Not Found' }))
        },
      },
    )
    expect(asked).toEqual(['https://status.gitlab.com/'])
    expect(outcome.state.lastError?.message).toBe(`status.io: the address has no page id (add https://status.gitlab.com/pages/history/${GITLAB_ID} instead)`)
  })
})

describe('status.io: hostile shapes', () => {
  const parse = (json: unknown) => parseStatusIo(json, GITLAB, GITLAB_ID)
  const kind = (json: unknown) => (parse(json).ok ? 'ok' : failure(parse(json)).kind)

  it('a body that is not the documented object is bad_shape, never half a snapshot', () => {
    for (const json of [null, [], 'text', 42, {}, { result: null }, { result: [] }]) expect(kind(json)).toBe('bad_shape')
    for (const [key, bad] of [
      ['status', null],
      ['status', {}],
      ['incidents', null],
      ['incidents', 'none'],
      ['maintenance', null],
      ['maintenance', { active: [] }],
      ['maintenance', { active: null, upcoming: [] }],
      ['status_overall', null],
    ] as const) {
      expect(kind(edited(MAINTENANCE, (result) => (result[key] = bad))), `${key}: ${JSON.stringify(bad)}`).toBe('bad_shape')
    }
  })

  it('a component or incident without its id fails the page; a wrong-typed name or message is read leniently', () => {
    expect(kind(edited(DOCKER_PARTIAL, (result) => (item(result.status, 0).id = 7)))).toBe('bad_shape')
    expect(kind(edited(DOCKER_PARTIAL, (result) => (item(result.incidents, 0)._id = null)))).toBe('bad_shape')
    expect(kind(edited(DOCKER_PARTIAL, (result) => ((result.status as unknown[])[0] = 'Website')))).toBe('bad_shape')
    const lenient = value(
      parse(
        edited(DOCKER_PARTIAL, (result) => {
          const component = item(result.status, 0)
          component.name = { html: '<b>x</b>' }
          const incident = item(result.incidents, 0)
          incident.name = null
          incident.messages = [null, 5, { details: 42, state: 'x', status: null, datetime: 'yesterday' }]
          incident.components_affected = [null, { _id: 5 }, { _id: '5342bc9420974b775d000008' }, { _id: '5342bc9420974b775d000008' }]
          incident.datetime_open = 12
        }),
      ),
    )
    expect(lenient.components[0]?.name).toBe('582c71aa40855b4d0e000240')
    expect(lenient.incidents[0]).toMatchObject({ name: 'Incident', status: 'investigating', impact: 'minor', startedAt: null, componentIds: ['5342bc9420974b775d000008'] })
    expect(lenient.incidents[0]?.updates).toEqual([{ id: '5f108cc06e9c9104c0553a46#1', status: 'investigating', text: '', at: null }])
  })

  it('markup in names and details becomes plain text; hostile ids stay inside one link segment', () => {
    const s = value(
      parse(
        edited(DOCKER_PARTIAL, (result) => {
          const incident = item(result.incidents, 0)
          incident.name = '<img src=x onerror=alert(1)>Hub <b>down</b>'
          incident._id = '../../evil?x=1'
        }),
      ),
    )
    expect(s.incidents[0]?.name).toBe('Hub down')
    expect(s.incidents[0]?.url).toBe(`https://status.gitlab.com/pages/incident/${GITLAB_ID}/..%2F..%2Fevil%3Fx%3D1`)
  })

  it('repeated ids are kept once; a huge list is read whole, in linear time', () => {
    const big = edited(DOCKER_PARTIAL, (result) => {
      const [first] = result.status as Record<string, unknown>[]
      result.status = Array.from({ length: 20_000 }, (_, index) => ({ ...first, id: `c${index % 15_000}`, name: `Component ${index}` }))
      const [incident] = result.incidents as Record<string, unknown>[]
      result.incidents = Array.from({ length: 5_000 }, (_, index) => ({ ...incident, _id: `i${index}` }))
    })
    const started = performance.now()
    const s = value(parse(big))
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(s.components).toHaveLength(15_000)
    expect(s.components[14_999]?.name).toBe('Component 14999')
    expect(s.incidents).toHaveLength(5_000)
  })
})
