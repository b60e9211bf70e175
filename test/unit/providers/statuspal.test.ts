import { describe, expect, it } from 'vitest'
import { detectPlatform, type DetectDeps } from '../../../src/detect.ts'
import { pollPage } from '../../../src/monitor.ts'
import { initialPageState } from '../../../src/page-state.ts'
import type { Snapshot } from '../../../src/model.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { normalizeBaseUrl } from '../../../src/providers/index.ts'
import { apiUrl, DISCOVERY_BYTES, findPageKey, pageKeyOf, parseStatuspal, statuspal, storedAddress, type PageKey } from '../../../src/providers/statuspal.ts'
import { recordingDeps } from '../../support/recording-fetch.ts'
import { failure, value } from '../../support/result.ts'
import { editedSample as edited, item, sampleJson, sampleText } from '../../support/samples.ts'

const HOSTTECH = 'statuspal/hosttech-summary-2023-09-13.json'
const ASCENT = 'statuspal/ascentlogistics-summary-2023-04-18.json'
const EXOSCALE = 'statuspal/exoscale-summary-2025-03-08.json'

const HOSTTECH_KEY: PageKey = { subdomain: 'hosttech', region: 'io' }
const ASCENT_KEY: PageKey = { subdomain: 'ascentlogistics', region: 'io' }
const EXOSCALE_KEY: PageKey = { subdomain: 'exoscalestatus', region: 'eu' }

const read = (file: string, key: PageKey): Snapshot => value(parseStatuspal(sampleJson(file), key))
/** The payloads' times carry no zone: UTC. */
const utc = (time: string): number => Date.parse(`${time}Z`)


describe('Statuspal: hosttech during a minor incident (2023-09-13)', () => {
  const s = read(HOSTTECH, HOSTTECH_KEY)

  it('takes the page’s own type, minor, and its name; the page is its Statuspal address', () => {
    expect(s.platform).toBe('statuspal')
    expect(s.level).toBe('minor')
    expect(s.page).toEqual({ name: 'hosttech GmbH', url: 'https://hosttech.statuspal.io' })
  })

  it('reads the 13 services, none with children, in page order; the one at minor is degraded', () => {
    expect(s.components).toHaveLength(13)
    expect(s.groups).toEqual([])
    expect(s.components[0]).toEqual({ id: '19114', name: 'Webhosting & Reseller', groupId: null, status: 'degraded_performance' })
    expect(s.components[3]?.name).toBe('DNS Nameserver (ns1, ns2, ns3)')
    expect(s.components.at(-1)).toEqual({ id: '20809', name: 'weitere Services', groupId: null, status: 'operational' })
    expect(s.components.filter((c) => c.status !== 'operational').map((c) => c.id)).toEqual(['19114'])
  })

  it('reads the open incident: its `issue` update is investigating, minor, started at starts_at (UTC), linked on the page’s Statuspal host', () => {
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]).toMatchObject({
      id: '150399',
      name: 'Serverausfall',
      status: 'investigating',
      impact: 'minor',
      url: 'https://hosttech.statuspal.io/incidents/150399',
      startedAt: utc('2023-09-13T07:16:37'),
      componentIds: ['19114'],
    })
    const [update] = s.incidents[0]?.updates ?? []
    expect(update).toMatchObject({ id: '298374', status: 'investigating', at: utc('2023-09-13T07:16:37') })
    expect(update?.text).toMatch(/^Sehr geehrte Kundin\nSehr geehrter Kunde\n\nDerzeit sind diverse Serversysteme nicht erreichbar\./)
    expect(update?.text).toContain('das Problem zu lösen.')
    expect(update?.text).not.toContain('\r')
    expect(s.maintenances).toEqual([])
  })
})

describe('Statuspal: Ascent Global Logistics, two services down (2023-04-18)', () => {
  const s = read(ASCENT, ASCENT_KEY)

  it('services with children are groups; the two without children stand alone', () => {
    expect(s.groups).toEqual([
      { id: '21766', name: 'Ascent Websites' },
      { id: '21761', name: 'APT' },
      { id: '28717', name: 'PFM' },
      { id: '28739', name: 'PEAK' },
    ])
    expect(s.components).toHaveLength(20)
    expect(s.components.filter((c) => c.groupId === null).map((c) => c.name)).toEqual(['Vision', 'Global IT Monitoring'])
    expect(s.components.filter((c) => c.groupId === '21761')).toHaveLength(10)
    // Double spaces in names collapse, as everywhere.
    expect(s.components.filter((c) => c.status !== 'operational')).toEqual([
      { id: '28740', name: 'PEAK - Customer API Integration', groupId: '28739', status: 'partial_outage' },
      { id: '28741', name: 'PEAK - Customer API Production', groupId: '28739', status: 'partial_outage' },
    ])
    expect(s.level).toBe('major')
  })

  it('two major incidents, each naming its service (the group’s id is not a component)', () => {
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.impact, i.startedAt, i.componentIds])).toEqual([
      ['82138', 'Service PEAK - Customer API Production seems to be down', 'investigating', 'major', utc('2022-04-20T18:27:16'), ['28741']],
      ['82137', 'Service PEAK - Customer API Integration seems to be down', 'investigating', 'major', utc('2022-04-20T18:24:41'), ['28740']],
    ])
    expect(s.incidents[0]?.url).toBe('https://ascentlogistics.statuspal.io/incidents/82138')
    expect(s.incidents[0]?.updates[0]?.text).toBe("According to our monitoring system this service has become unresponsive, we're investigating.")
  })
})

describe('Statuspal: Exoscale (EU servers), an informational incident in one zone (2025-03-08)', () => {
  const s = read(EXOSCALE, EXOSCALE_KEY)

  it('8 zones as groups, 56 services; AT-VIE-2’s 7 at `info` read as degraded', () => {
    expect(s.groups.map((g) => g.name)).toEqual(['Global', 'CH-GVA-2', 'CH-DK-2', 'DE-FRA-1', 'DE-MUC-1', 'AT-VIE-1', 'AT-VIE-2', 'BG-SOF-1'])
    expect(s.components).toHaveLength(56)
    const hit = s.components.filter((c) => c.status !== 'operational')
    expect(hit).toHaveLength(7)
    expect(hit.every((c) => c.groupId === '10335' && c.status === 'degraded_performance')).toBe(true)
    expect(s.page).toEqual({ name: 'Exoscale', url: 'https://exoscalestatus.statuspal.eu' })
  })

  it('the page says `info` and, at its root, `minor`: minor', () => {
    expect(s.level).toBe('minor')
  })

  it('the incident: minor, its affected services without the zone itself; info notices are not incidents', () => {
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]).toMatchObject({
      id: '187842',
      name: '[AT-VIE-2] Network connectivity issue',
      status: 'investigating',
      impact: 'minor',
      url: 'https://exoscalestatus.statuspal.eu/incidents/187842',
      startedAt: utc('2025-03-08T08:41:25'),
      componentIds: ['10351', '10344', '10358', '10365', '10372', '10379', '21313'],
    })
    expect(s.incidents[0]?.updates.map((u) => [u.id, u.status, u.at])).toEqual([['394005', 'investigating', utc('2025-03-08T08:41:25')]])
    expect(s.incidents.some((i) => i.id === '186598')).toBe(false)
    expect(s.maintenances).toEqual([])
  })
})

describe('Statuspal: edited variants of the real payloads', () => {
  it('a newest update `resolved` drops the incident; everything null is operational', () => {
    const json = edited(HOSTTECH, (root) => {
      const incident = item(root.incidents, 0)
      incident.updates = [{ id: 1, type: 'resolved', description: 'Fixed.', posted_at: '2023-09-13T09:00:00' }, ...(incident.updates as unknown[])]
      item(root.services, 0).current_incident_type = null
      ;(root.status_page as Record<string, unknown>).current_incident_type = null
    })
    const healthy = value(parseStatuspal(json, HOSTTECH_KEY))
    expect(healthy.incidents).toEqual([])
    expect(healthy.level).toBe('operational')
  })

  it('later updates set the status; `update` keeps the one before it', () => {
    const json = edited(HOSTTECH, (root) => {
      const incident = item(root.incidents, 0)
      incident.updates = [
        { id: 3, type: 'update', description: 'Still on it', posted_at: '2023-09-13T08:30:00' },
        { id: 2, type: 'monitoring', description: 'Fix deployed', posted_at: '2023-09-13T08:00:00' },
        ...(incident.updates as unknown[]),
      ]
    })
    const incident = value(parseStatuspal(json, HOSTTECH_KEY)).incidents[0]
    expect(incident?.status).toBe('monitoring')
    expect(incident?.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['3', 'monitoring', utc('2023-09-13T08:30:00')],
      ['2', 'monitoring', utc('2023-09-13T08:00:00')],
      ['298374', 'investigating', utc('2023-09-13T07:16:37')],
    ])
  })

  it('maintenances: in progress from `maintenances`, scheduled from `upcoming_maintenances`, with their window; `scheduled` is the maintenance level', () => {
    const json = edited(HOSTTECH, (root) => {
      const incident = item(root.incidents, 0)
      root.maintenances = [{ ...incident, id: 7, type: 'scheduled', title: 'Datacenter work', starts_at: '2023-09-13T06:00:00', ends_at: '2023-09-13T10:00:00' }]
      root.upcoming_maintenances = [{ id: 8, type: 'scheduled', title: 'Network upgrade', starts_at: '2023-09-20T22:00:00', ends_at: '2023-09-21T02:00:00', service_ids: [19193, 999], updates: [] }]
      root.incidents = []
      for (const service of root.services as Record<string, unknown>[]) service.current_incident_type = null
      item(root.services, 2).current_incident_type = 'scheduled'
      ;(root.status_page as Record<string, unknown>).current_incident_type = 'scheduled'
    })
    const s = value(parseStatuspal(json, HOSTTECH_KEY))
    expect(s.level).toBe('maintenance')
    expect(s.components[2]).toMatchObject({ name: 'Hosted Exchange', status: 'under_maintenance' })
    expect(s.maintenances.map((m) => [m.id, m.name, m.status, m.impact, m.scheduledFor, m.scheduledUntil, m.componentIds, m.url])).toEqual([
      ['7', 'Datacenter work', 'in_progress', 'maintenance', utc('2023-09-13T06:00:00'), utc('2023-09-13T10:00:00'), ['19114'], 'https://hosttech.statuspal.io/incidents/7'],
      ['8', 'Network upgrade', 'scheduled', 'maintenance', utc('2023-09-20T22:00:00'), utc('2023-09-21T02:00:00'), ['19193'], 'https://hosttech.statuspal.io/incidents/8'],
    ])
    expect(s.maintenances[0]?.updates.map((u) => u.status)).toEqual(['in_progress'])
  })

  it('types map to the scale: major is a partial outage, an unknown type degraded; a service worse than the page is our reading beside it', () => {
    const json = edited(HOSTTECH, (root) => {
      item(root.services, 1).current_incident_type = 'major'
      item(root.services, 2).current_incident_type = 'performance'
      item(root.services, 3).current_incident_type = 'custom-type'
      ;(root.status_page as Record<string, unknown>).current_incident_type = null
    })
    const s = value(parseStatuspal(json, HOSTTECH_KEY))
    expect(s.components.slice(0, 4).map((c) => c.status)).toEqual(['degraded_performance', 'partial_outage', 'degraded_performance', 'degraded_performance'])
    expect(s).toMatchObject({ level: 'operational', reading: 'major' })
  })

  it('a v1-style body without `upcoming_maintenances` still reads', () => {
    const json = edited(HOSTTECH, (root) => {
      delete root.upcoming_maintenances
    })
    expect(value(parseStatuspal(json, HOSTTECH_KEY)).incidents).toHaveLength(1)
  })
})

describe('Statuspal: the page’s subdomain and the addresses', () => {
  it('reads the key from Statuspal’s own hosts and API paths, and nothing else', () => {
    expect(pageKeyOf(new URL('https://hosttech.statuspal.io/'))).toEqual(HOSTTECH_KEY)
    expect(pageKeyOf(new URL('https://ExoscaleStatus.Statuspal.EU/incidents/1'))).toEqual(EXOSCALE_KEY)
    expect(pageKeyOf(new URL('https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary'))).toEqual(EXOSCALE_KEY)
    expect(pageKeyOf(new URL('https://statuspal.io/api/v1/status_pages/hosttech/status'))).toEqual(HOSTTECH_KEY)
    expect(pageKeyOf(new URL('https://www.statuspal.io/'))).toBeNull()
    expect(pageKeyOf(new URL('https://statuspal.io/pricing'))).toBeNull()
    expect(pageKeyOf(new URL('https://a.b.statuspal.io/'))).toBeNull()
    expect(pageKeyOf(new URL('https://acme.statuspal.com/'))).toBeNull()
    expect(pageKeyOf(new URL('https://status.unity.com/'))).toBeNull()
  })

  it('a pasted API address survives normalization and polls that API; the stored address is the page on Statuspal', () => {
    for (const pasted of ['https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary', 'exoscalestatus.statuspal.eu', 'https://exoscalestatus.statuspal.eu/incidents/187842']) {
      const base = normalizeBaseUrl(pasted)
      if (!base.ok) throw new Error(base.error)
      expect(statuspal.endpoints(base.value).map((e) => e.url)).toEqual(['https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary'])
    }
    expect(storedAddress(HOSTTECH_KEY).href).toBe('https://hosttech.statuspal.io/')
    expect(apiUrl(ASCENT_KEY)).toBe('https://statuspal.io/api/v2/status_pages/ascentlogistics/summary')
  })

  it('finds the subdomain in links to the page on Statuspal or to its API', () => {
    expect(findPageKey('<a href="https://unity.statuspal.io/subscribe">Subscribe</a>')).toEqual({ subdomain: 'unity', region: 'io' })
    expect(findPageKey('<script>fetch("https://statuspal.eu/api/v2/status_pages/booxi/summary")</script>')).toEqual({ subdomain: 'booxi', region: 'eu' })
    expect(findPageKey('<a href="//Acme-1.StatusPal.EU">x</a>')).toEqual({ subdomain: 'acme-1', region: 'eu' })
    // Statuspal's own site, a lookalike domain, a name without a scheme: none names a page.
    expect(findPageKey('<a href="https://www.statuspal.io/?utm_source=page">Powered by Statuspal</a>')).toBeNull()
    expect(findPageKey('<a href="https://acme.statuspal.io.evil.com/">x</a> <a href="https://acme.statuspal.eux/">y</a>')).toBeNull()
    expect(findPageKey('<p>acme.statuspal.io</p>')).toBeNull()
    expect(findPageKey('<p>Our blog</p>')).toBeNull()
  })

  it('names both API hosts, US and EU, as the hosts it reads besides the page’s own', () => {
    expect(apiOriginsOf('statuspal')).toEqual(['https://statuspal.io', 'https://statuspal.eu'])
  })

  it('an address without the key says what to add instead', () => {
    const [first] = statuspal.endpoints(new URL('https://status.unity.com/'))
    expect(first?.url).toBe('https://status.unity.com/')
    const decoded = first?.decode?.(new TextEncoder().encode('<a href="https://unity.statuspal.io/">'), new Headers())
    expect(decoded && failure(decoded)).toEqual({ kind: 'bad_shape', message: 'Statuspal: the address names no Statuspal page (add https://unity.statuspal.io/ instead)' })
    const none = first?.decode?.(new TextEncoder().encode('<html></html>'), new Headers())
    expect(none && failure(none).message).toBe('Statuspal: the address names no Statuspal page (no Statuspal subdomain on the page either)')
  })
})

describe('Statuspal: detection from the address people paste', () => {
  const US_API = 'https://statuspal.io/api/v2/status_pages/hosttech/summary'
  const EU_API = 'https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary'

  function site(page: (url: string) => Response | null): { deps: DetectDeps; asked: string[] } {
    const json = (file: string): Response => new Response(sampleText(file), { headers: { 'content-type': 'application/json; charset=utf-8' } })
    return recordingDeps((url) => (url === US_API ? json(HOSTTECH) : url === EU_API ? json(EXOSCALE) : page(url)))
  }
  const html = (body: string): Response => new Response(body, { headers: { 'content-type': 'text/html' } })

  it('a custom domain (status.hosttech.eu) whose markup links its Statuspal page: stored as that page, read through the API', async () => {
    const { deps, asked } = site((url) => (url === 'https://status.hosttech.eu/' ? html(`<html>${'<p>x</p>'.repeat(1000)}<a href="https://hosttech.statuspal.io/subscribe">Subscribe</a></html>`) : null))
    const found = value(await detectPlatform(new URL('https://status.hosttech.eu/'), deps))
    expect(found.platform).toBe('statuspal')
    expect(found.base?.href).toBe('https://hosttech.statuspal.io/')
    expect(found.snapshot.incidents.map((i) => i.id)).toEqual(['150399'])
    // The page is read once, after the platforms read from the page's own host, and before the feed.
    expect(asked.filter((url) => url === 'https://status.hosttech.eu/')).toHaveLength(1)
    expect(asked.at(-1)).toBe(US_API)
    expect(asked.some((url) => url.endsWith('history.atom'))).toBe(false)
  })

  it('a catalog host is tried as Statuspal first; Exoscale’s page, naming nothing, is found by its subdomain on record', async () => {
    const { deps, asked } = site((url) => (url === 'https://exoscalestatus.com/' ? html('<html><body>Exoscale status</body></html>') : null))
    const found = value(await detectPlatform(new URL('https://exoscalestatus.com/'), deps))
    expect(found.platform).toBe('statuspal')
    expect(found.base?.href).toBe('https://exoscalestatus.statuspal.eu/')
    expect(asked).toEqual(['https://exoscalestatus.com/', EU_API])
  })

  it('a page on Statuspal is read through the API without reading the page', async () => {
    const { deps, asked } = site(() => null)
    const found = value(await detectPlatform(new URL('https://hosttech.statuspal.io/'), deps))
    expect(found.platform).toBe('statuspal')
    expect(found.base).toBeUndefined()
    expect(asked).toEqual([US_API])
  })

  it('a page that names no Statuspal subdomain is not Statuspal, and detection goes on to the feed', async () => {
    const { deps, asked } = site((url) => (url === 'https://status.example.com/' ? html('<html>Our blog</html>') : null))
    const found = failure(await detectPlatform(new URL('https://status.example.com/'), deps))
    expect(found.message).toContain('statuspal: no Statuspal subdomain in the page’s links')
    expect(asked.indexOf('https://status.example.com/history.atom')).toBeGreaterThan(asked.indexOf('https://status.example.com/'))
    expect(asked.filter((url) => url.includes('statuspal.'))).toEqual([])
  })

  it('reads no more of the page than its budget: a link beyond it is not found', async () => {
    const body = `${' '.repeat(512 * 1024)}<a href="https://hosttech.statuspal.io/">x</a>`
    const { deps, asked } = site((url) => (url === 'https://status.example.com/' ? html(body) : null))
    failure(await detectPlatform(new URL('https://status.example.com/'), deps))
    expect(asked).not.toContain(US_API)
    expect(DISCOVERY_BYTES).toBeLessThan(512 * 1024)
  })
})

describe('Statuspal: polling the stored address', () => {
  it('reads the API only, and the incident comes out', async () => {
    const asked: string[] = []
    const outcome = await pollPage(
      { page: { base: 'https://exoscalestatus.statuspal.eu/', platform: 'statuspal' }, state: initialPageState() },
      {
        timeoutSignal: (ms) => AbortSignal.timeout(ms),
        now: () => utc('2025-03-08T09:00:00'),
        random: () => 0.5,
        fetch: (url) => {
          asked.push(url)
          return Promise.resolve(new Response(sampleText(EXOSCALE), { headers: { 'content-type': 'application/json; charset=utf-8' } }))
        },
      },
    )
    expect(asked).toEqual(['https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary'])
    expect(outcome.result).toBe('changed')
    expect(outcome.state.snapshot?.incidents.map((i) => i.id)).toEqual(['187842'])
    expect(outcome.state.snapshot?.level).toBe('minor')
  })
})

describe('Statuspal: hostile shapes', () => {
  const parse = (json: unknown) => parseStatuspal(json, HOSTTECH_KEY)
  const kind = (json: unknown) => (parse(json).ok ? 'ok' : failure(parse(json)).kind)

  it('a body that is not the documented object is bad_shape, never half a snapshot', () => {
    for (const json of [null, [], 'text', 42, {}, { status_page: {} }]) expect(kind(json)).toBe('bad_shape')
    for (const [key, bad] of [
      ['services', null],
      ['services', {}],
      ['incidents', null],
      ['incidents', 'none'],
      ['maintenances', null],
      ['upcoming_maintenances', null],
      ['status_page', null],
      ['status_page', []],
    ] as const) {
      expect(kind(edited(HOSTTECH, (root) => (root[key] = bad))), `${key}: ${JSON.stringify(bad)}`).toBe('bad_shape')
    }
  })

  it('a service or incident without its id fails the page; wrong-typed names, updates and times are read leniently', () => {
    expect(kind(edited(HOSTTECH, (root) => (item(root.services, 0).id = null)))).toBe('bad_shape')
    expect(kind(edited(HOSTTECH, (root) => (item(root.services, 0).id = { id: 1 })))).toBe('bad_shape')
    expect(kind(edited(HOSTTECH, (root) => delete item(root.incidents, 0).id))).toBe('bad_shape')
    expect(kind(edited(HOSTTECH, (root) => ((root.services as unknown[])[0] = 'DNS')))).toBe('bad_shape')
    const lenient = value(
      parse(
        edited(HOSTTECH, (root) => {
          item(root.services, 0).name = { html: '<b>x</b>' }
          item(root.services, 1).children = 'none'
          const incident = item(root.incidents, 0)
          incident.title = null
          incident.type = 42
          incident.updates = [null, 5, { id: null, type: 7, description: 42, posted_at: 'yesterday' }]
          incident.service_ids = [null, '19114', 19114, 123456, { id: 1 }]
          incident.starts_at = 12
          incident.inserted_at = null
        }),
      ),
    )
    expect(lenient.components[0]?.name).toBe('19114')
    expect(lenient.components[1]).toEqual({ id: '19189', name: 'Website Creator', groupId: null, status: 'operational' })
    expect(lenient.incidents[0]).toMatchObject({ name: 'Incident', status: 'investigating', impact: 'minor', startedAt: null, componentIds: ['19114'] })
    expect(lenient.incidents[0]?.updates).toEqual([{ id: '150399#1', status: 'investigating', text: '', at: null }])
  })

  it('markup in names and bodies becomes plain text; a hostile id stays inside one link segment', () => {
    const s = value(
      parse(
        edited(HOSTTECH, (root) => {
          item(root.services, 0).name = '<img src=x onerror=alert(1)>Web<b>hosting</b>'
          const incident = item(root.incidents, 0)
          incident.id = '../../evil?x=1#y'
          incident.title = '<script>alert(1)</script>Down'
          incident.url = 'javascript:alert(1)'
        }),
      ),
    )
    expect(s.components[0]?.name).toBe('Webhosting')
    expect(s.incidents[0]?.name).toBe('Down')
    expect(s.incidents[0]?.url).toBe('https://hosttech.statuspal.io/incidents/..%2F..%2Fevil%3Fx%3D1%23y')
  })

  it('100,000 services, a thousand incidents: all read, in order', () => {
    const json = edited(HOSTTECH, (root) => {
      root.services = Array.from({ length: 100_000 }, (_, index) => ({ id: index + 1, name: `Service ${index + 1}`, children: [], current_incident_type: index === 99_999 ? 'major' : null }))
      const incident = item(root.incidents, 0)
      root.incidents = Array.from({ length: 1000 }, (_, index) => ({ ...incident, id: index + 1, service_ids: [index + 1] }))
    })
    const s = value(parse(json))
    expect(s.components).toHaveLength(100_000)
    expect(s.components.at(-1)).toEqual({ id: '100000', name: 'Service 100000', groupId: null, status: 'partial_outage' })
    expect(s.incidents).toHaveLength(1000)
    expect(s.incidents[999]?.componentIds).toEqual(['1000'])
    // The capture's page says minor; the service in partial outage is our reading beside it.
    expect(s).toMatchObject({ level: 'minor', reading: 'major' })
  })

  it('services nested 10,000 deep are cut at a depth, not followed to a stack overflow', () => {
    let nested: Record<string, unknown> = { id: 0, name: 'leaf', children: [], current_incident_type: null }
    for (let depth = 1; depth <= 10_000; depth++) nested = { id: depth, name: `level ${depth}`, children: [nested], current_incident_type: null }
    const s = value(parse(edited(HOSTTECH, (root) => (root.services = [nested]))))
    expect(s.groups).toEqual([{ id: '10000', name: 'level 10000' }])
    expect(s.components).toHaveLength(1)
    expect(s.components[0]?.groupId).toBe('10000')
  })

  it('a repeated service or incident is read once', () => {
    const s = value(
      parse(
        edited(HOSTTECH, (root) => {
          root.services = [...(root.services as unknown[]), item(root.services, 0)]
          root.incidents = [item(root.incidents, 0), item(root.incidents, 0)]
        }),
      ),
    )
    expect(s.components).toHaveLength(13)
    expect(s.incidents).toHaveLength(1)
  })

  it('the markup scan is linear: a 1 MiB run of letters and 100,000 `statuspal.` mentions that name nothing', () => {
    expect(findPageKey(`https://${'a'.repeat(1024 * 1024)}`)).toBeNull()
    expect(findPageKey('xstatuspal.io '.repeat(100_000))).toBeNull()
    expect(findPageKey(`${'a'.repeat(200)}.statuspal.io`)).toBeNull()
  })
})
