import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import type { Snapshot } from '../../../src/model.ts'
import { cstate, parseCState, parseGoTime } from '../../../src/providers/cstate.ts'
import { isRecord } from '../../../src/untrusted.ts'
import { failure, value } from '../../support/result.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'

const UQ = new URL('https://status.its.uq.edu.au')
const UQ_SAMPLE = 'cstate/uq-index-2026-08-30.json'

/** The capture's author wrapped the body: `{_provenance, response}`; the page served `response`. */
function uqIndex(): Record<string, unknown> {
  const wrapped = sampleJson(UQ_SAMPLE)
  if (!isRecord(wrapped) || !isRecord(wrapped.response)) throw new Error('the UQ capture lost its `response`')
  return structuredClone({ ...wrapped.response })
}

const DRUPAL = 'Information%20Management/CMS%20-%20ITS%20Drupal%207'
const AUTHENTICATE = 'Information%20Management/UQ%20Authenticate'

describe('cState index.json: real sample (UQ, 2026-08-30)', () => {
  const snapshot = (): Snapshot => value(parseCState(uqIndex(), UQ))

  it('reads the page: its title, the polled site, and its own "disrupted" as minor', () => {
    const s = snapshot()
    expect(s.platform).toBe('cstate')
    expect(s.page).toEqual({ name: 'UQ Status', url: 'https://status.its.uq.edu.au' })
    expect(s.level).toBe('minor')
    expect(s.maintenances).toEqual([])
  })

  it('turns the categories into groups in page order, without the untitled _Global, then the categories only systems name', () => {
    expect(snapshot().groups).toEqual([
      { id: 'Advancement Management', name: 'Advancement Management' },
      { id: 'Applications', name: 'Applications' },
      { id: 'Information & Communication Technology Management', name: 'Information & Communication Technology Management' },
      { id: 'Information Management', name: 'Information Management' },
    ])
  })

  it('turns the 5 systems into components with ids from category and name', () => {
    expect(snapshot().components).toEqual([
      { id: 'Information%20%26%20Communication%20Technology%20Management/AARNet%20DDoS%20Protection', name: 'AARNet DDoS Protection', groupId: 'Information & Communication Technology Management', status: 'operational' },
      { id: 'Information%20Management/AARNet%20SOC%20-%20Microsoft', name: 'AARNet SOC - Microsoft', groupId: 'Information Management', status: 'operational' },
      { id: 'Information%20Management/AD%20Envoy%20RPC%20API', name: 'AD Envoy RPC API', groupId: 'Information Management', status: 'operational' },
      { id: DRUPAL, name: 'CMS - ITS Drupal 7', groupId: 'Information Management', status: 'degraded_performance' },
      { id: AUTHENTICATE, name: 'UQ Authenticate', groupId: 'Information Management', status: 'degraded_performance' },
    ])
  })

  it('reads the two open issues: trimmed titles, Go times in epoch ms, links, affected systems', () => {
    expect(snapshot().incidents).toEqual([
      {
        id: '19999',
        name: 'Reduced Functionality on UQs Drupal 7 Websites',
        status: 'investigating',
        impact: 'minor',
        url: 'https://status.its.uq.edu.au/issues/19999/',
        startedAt: 1_786_507_620_000,
        updates: [],
        componentIds: [DRUPAL],
      },
      {
        id: '19990',
        name: 'Login disruption to some sites',
        status: 'investigating',
        impact: 'minor',
        url: 'https://status.its.uq.edu.au/issues/19990/',
        startedAt: 1_785_878_340_000,
        updates: [],
        componentIds: [AUTHENTICATE],
      },
    ])
    expect(snapshot().incidents.map((incident) => incident.startedAt)).toEqual([Date.UTC(2026, 7, 12, 4, 7), Date.UTC(2026, 7, 4, 21, 19)])
  })

  it('is what the provider polls', () => {
    const endpoints = cstate.endpoints(new URL('https://status.its.uq.edu.au/'))
    expect(endpoints.map((endpoint) => endpoint.url)).toEqual(['https://status.its.uq.edu.au/index.json'])
    for (const endpoint of endpoints) expect(value(endpoint.parse(uqIndex())).incidents).toHaveLength(2)
  })

  it('is not read from the wrapper its author added', () => {
    expect(failure(parseCState(sampleJson(UQ_SAMPLE), UQ)).message).toBe('cState index.json: $.is: expected "index"')
  })
})

describe('cState: edited from the real capture', () => {
  type Issue = Record<string, unknown>
  type System = { name: unknown; category?: unknown; status?: unknown; unresolvedIssues: unknown }
  const systemsOf = (index: Record<string, unknown>): System[] => index.systems as System[]
  const issueOf = (system: System | undefined): Issue => (system?.unresolvedIssues as Issue[])[0] ?? {}

  it('reads one issue listed under several systems as one incident on all of them', () => {
    const index = uqIndex()
    const systems = systemsOf(index)
    const drupal = issueOf(systems[3])
    // cState repeats the issue under every system it affects.
    drupal.affected = ['CMS - ITS Drupal 7', 'AD Envoy RPC API', 'Not on this page']
    const ad = systems[2]
    if (ad) {
      ad.status = 'disrupted'
      ad.unresolvedIssues = [structuredClone(drupal)]
    }
    const s = value(parseCState(index, UQ))
    expect(s.incidents.map((incident) => [incident.id, incident.componentIds])).toEqual([
      ['19999', ['Information%20Management/AD%20Envoy%20RPC%20API', DRUPAL]],
      ['19990', [AUTHENTICATE]],
    ])
  })

  it('names every affected system, even one that does not list the issue itself', () => {
    const index = uqIndex()
    issueOf(systemsOf(index)[4]).affected = ['UQ Authenticate', 'AARNet DDoS Protection']
    expect(value(parseCState(index, UQ)).incidents[1]?.componentIds).toEqual([AUTHENTICATE, 'Information%20%26%20Communication%20Technology%20Management/AARNet%20DDoS%20Protection'])
  })

  it('leaves out an issue that says it is resolved, and the page recovers with its systems', () => {
    const index = uqIndex()
    index.summaryStatus = 'ok'
    for (const system of systemsOf(index)) {
      system.status = 'ok'
      for (const issue of system.unresolvedIssues as Issue[]) {
        issue.resolved = true
        issue.resolvedAt = '2026-08-30 20:00:00 +0000 UTC'
      }
    }
    const s = value(parseCState(index, UQ))
    expect(s.incidents).toEqual([])
    expect(s.level).toBe('operational')
  })

  it('takes lastMod when createdAt is "<no value>", and null when both are', () => {
    const index = uqIndex()
    const [first, second] = [issueOf(systemsOf(index)[3]), issueOf(systemsOf(index)[4])]
    first.createdAt = '<no value>'
    first.lastMod = '2026-08-13 09:30:15.25 +1000 AEST'
    second.createdAt = '<no value>'
    second.lastMod = '<no value>'
    expect(value(parseCState(index, UQ)).incidents.map((incident) => incident.startedAt)).toEqual([Date.UTC(2026, 7, 12, 23, 30, 15, 250), null])
  })

  it('reads an informational issue as news without impact', () => {
    const index = uqIndex()
    for (const system of systemsOf(index)) {
      system.status = 'ok'
      for (const issue of system.unresolvedIssues as Issue[]) {
        issue.informational = true
        issue.severity = 'notice'
      }
    }
    index.summaryStatus = 'ok'
    const s = value(parseCState(index, UQ))
    expect(s.incidents.map((incident) => incident.impact)).toEqual(['none', 'none'])
    expect(s.level).toBe('operational')
  })

  it('keeps a permalink only when it is https on the page’s own site', () => {
    const links = ['http://status.its.uq.edu.au/issues/19999/', 'https://evil.example/issues/19999/', 'javascript:alert(1)', 'https://status.its.uq.edu.au.evil.example/x', 'https://user@status.its.uq.edu.au/x', 42]
    for (const link of links) {
      const index = uqIndex()
      issueOf(systemsOf(index)[3]).permalink = link
      expect(value(parseCState(index, UQ)).incidents[0]?.url, String(link)).toBeNull()
    }
  })

  it('reads the mapped words of systems and page: ok, disrupted, down, notice, and a new word as degraded', () => {
    const index = uqIndex()
    const words = ['ok', 'disrupted', 'down', 'notice', 'on-fire']
    systemsOf(index).forEach((system, i) => {
      system.status = words[i]
    })
    const s = value(parseCState(index, UQ))
    expect(s.components.map((component) => component.status)).toEqual(['operational', 'degraded_performance', 'major_outage', 'operational', 'degraded_performance'])
    // The capture's own summaryStatus (disrupted) stays the level; a system down is our worse reading.
    expect(s).toMatchObject({ level: 'minor', reading: 'critical' })
    const page = (summaryStatus: string): string => {
      const calm = uqIndex()
      calm.summaryStatus = summaryStatus
      calm.systems = []
      return value(parseCState(calm, UQ)).level
    }
    expect(['ok', 'notice', 'disrupted', 'down', 'unknown'].map(page)).toEqual(['operational', 'operational', 'minor', 'critical', 'minor'])
  })

  it('reads a down issue as critical even where its system and the page still say ok', () => {
    const index = uqIndex()
    index.summaryStatus = 'ok'
    const system = systemsOf(index)[3]
    if (system) system.status = 'ok'
    issueOf(system).severity = 'down'
    const s = value(parseCState(index, UQ))
    expect(s.incidents[0]?.impact).toBe('critical')
    expect(s).toMatchObject({ level: 'operational', reading: 'critical' })
  })
})

describe('cState: Go time strings', () => {
  it.each([
    ['2026-08-12 04:07:00 +0000 UTC', Date.UTC(2026, 7, 12, 4, 7)],
    ['2026-08-12 04:07:00.123456789 +0000 UTC', Date.UTC(2026, 7, 12, 4, 7, 0, 123)],
    ['2026-08-12 14:07:00 +1000 AEST', Date.UTC(2026, 7, 12, 4, 7)],
    ['2026-08-11 21:07:00 -0700 MST', Date.UTC(2026, 7, 12, 4, 7)],
    ['2026-08-12 09:37:00 +0530 IST', Date.UTC(2026, 7, 12, 4, 7)],
    ['2026-08-12 07:07:00 +0300 +03', Date.UTC(2026, 7, 12, 4, 7)],
    ['2026-08-12 04:07:00 +0000', Date.UTC(2026, 7, 12, 4, 7)],
    [' 2024-02-29 00:00:00 +0000 UTC ', Date.UTC(2024, 1, 29)],
  ])('%s', (text, expected) => {
    expect(parseGoTime(text)).toBe(expected)
  })

  it.each([
    ['Go template leak', '<no value>'],
    ['Go zero time', '0001-01-01 00:00:00 +0000 UTC'],
    ['no such day', '2026-02-29 00:00:00 +0000 UTC'],
    ['hour 24', '2026-08-12 24:00:00 +0000 UTC'],
    ['offset of 24 hours', '2026-08-12 04:07:00 +2400 UTC'],
    ['ISO 8601 instead', '2026-08-12T04:07:00Z'],
    ['no offset', '2026-08-12 04:07:00 UTC'],
    ['trailing junk', '2026-08-12 04:07:00 +0000 UTC m=+0.1'],
    ['empty', ''],
    ['a number', 1_786_507_620_000],
    ['null', null],
  ])('%s is no time', (_label, text) => {
    expect(parseGoTime(text)).toBeNull()
  })

  it('refuses a huge string without scanning it', () => {
    const huge = `2026-08-12 04:07:00 +0000 ${'U'.repeat(1_000_000)}`
    const started = performance.now()
    expect(parseGoTime(huge)).toBeNull()
    expect(parseGoTime(`${' '.repeat(500_000)}2026-08-12 04:07:00 +0000 UTC`)).toBeNull()
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('cState: wrong shapes are typed errors', () => {
  const page = (extra: Record<string, unknown>): unknown => ({ is: 'index', summaryStatus: 'ok', categories: [], systems: [], ...extra })
  const system = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'API', category: 'Core', status: 'ok', unresolvedIssues: [], ...extra })
  const message = (json: unknown): string => failure(parseCState(json, UQ)).message

  it.each([
    ['null', null, '$: expected an object'],
    ['a list', [], '$: expected an object'],
    ['no `is`', { summaryStatus: 'ok', systems: [] }, '$.is: expected "index"'],
    ['a single issue page', { is: 'issue', summaryStatus: 'ok', systems: [] }, '$.is: expected "index"'],
    ['a Better Stack index.json', { data: { id: '1', type: 'status_page', attributes: { aggregate_state: 'operational' } } }, '$.is: expected "index"'],
    ['no summaryStatus', { is: 'index', systems: [] }, '$.summaryStatus: expected a string'],
    ['systems null', page({ systems: null }), '$.systems: expected a list, not null'],
    ['systems missing', { is: 'index', summaryStatus: 'ok' }, '$.systems: expected a list'],
    ['a system that is not an object', page({ systems: [system({}), 'API'] }), '$.systems[1]: expected an object'],
    ['a system without a name', page({ systems: [system({ name: undefined })] }), '$.systems[0].name: expected an id'],
    ['a system named by a number', page({ systems: [system({ name: 7 })] }), '$.systems[0].name: expected an id'],
    ['unresolvedIssues null', page({ systems: [system({ unresolvedIssues: null })] }), '$.systems[0].unresolvedIssues: expected a list, not null'],
    ['an issue that is not an object', page({ systems: [system({ unresolvedIssues: [null] })] }), '$.systems[0].unresolvedIssues[0]: expected an object'],
    ['an issue without a title', page({ systems: [system({ unresolvedIssues: [{ filename: '1.md' }] })] }), '$.systems[0].unresolvedIssues[0].title: expected a string'],
  ])('%s', (_label, json, expected) => {
    expect(message(json)).toBe(`cState index.json: ${expected}`)
    expect(failure(parseCState(json, UQ)).kind).toBe('bad_shape')
  })

  it('reads lenient fields leniently: categories, affected, dates, severity and links of the wrong type', () => {
    const issue = { title: '  Outage ', createdAt: 12, lastMod: null, severity: ['down'], informational: 'yes', affected: 'API', permalink: {}, filename: 3 }
    const s = value(parseCState(page({ title: null, categories: 'Core', systems: [system({ status: 2, unresolvedIssues: [issue] })] }), UQ))
    expect(s.page).toEqual({ name: 'status.its.uq.edu.au', url: 'https://status.its.uq.edu.au' })
    expect(s.groups).toEqual([{ id: 'Core', name: 'Core' }])
    expect(s.components).toEqual([{ id: 'Core/API', name: 'API', groupId: 'Core', status: 'degraded_performance' }])
    expect(s.incidents).toEqual([{ id: 'Outage', name: 'Outage', status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds: ['Core/API'] }])
  })

  it('keeps two categories’ systems of one name apart, and one system listed twice once', () => {
    const outage = { title: 'Outage', filename: '1.md', severity: 'down', affected: ['Website'] }
    const s = value(parseCState(page({ systems: [system({ name: 'Website', category: 'A' }), system({ name: 'Website', category: 'B', status: 'down', unresolvedIssues: [outage] }), system({ name: 'Website', category: 'A', status: 'down', unresolvedIssues: [outage] })] }), UQ))
    expect(s.components.map((component) => [component.id, component.status])).toEqual([
      ['A/Website', 'operational'],
      ['B/Website', 'major_outage'],
    ])
    expect(s.incidents.map((incident) => incident.componentIds)).toEqual([['B/Website', 'A/Website']])
  })

  it('cannot forge another system’s id with a slash in a name', () => {
    const s = value(parseCState(page({ systems: [system({ category: 'A/B', name: 'C' }), system({ category: 'A', name: 'B/C' })] }), UQ))
    expect(s.components.map((component) => component.id)).toEqual(['A%2FB/C', 'A/B%2FC'])
  })

  it('names an issue without a file by its permalink path, then by its start and title', () => {
    const issues = [
      { title: 'Linked', permalink: 'https://status.its.uq.edu.au/issues/linked/' },
      { title: 'Bare', createdAt: '2026-08-12 04:07:00 +0000 UTC' },
    ]
    expect(value(parseCState(page({ systems: [system({ unresolvedIssues: issues })] }), UQ)).incidents.map((incident) => incident.id)).toEqual(['/issues/linked/', '2026-08-12 04:07:00 +0000 UTC Bare'])
  })

  it('hides the systems of a hideTitle category from the groups but keeps them', () => {
    const s = value(parseCState(page({ categories: [{ name: '_Global', hideTitle: true }, null, 3, { name: '' }], systems: [system({ category: '_Global' }), system({ category: undefined, name: 'Loose' })] }), UQ))
    expect(s.groups).toEqual([])
    expect(s.components.map((component) => [component.id, component.groupId])).toEqual([
      ['_Global/API', null],
      ['/Loose', null],
    ])
  })
})

describe('cState: huge lists', () => {
  const page = (systems: unknown[]): unknown => ({ is: 'index', summaryStatus: 'down', categories: [], systems })

  it('one issue under 50,000 systems is one incident, its systems capped at 500', () => {
    const issue = { title: 'Network down', filename: 'net.md', severity: 'down', affected: Array.from({ length: 50_000 }, (_, i) => `System ${i}`) }
    const systems = Array.from({ length: 50_000 }, (_, i) => ({ name: `System ${i}`, category: `C${i % 100}`, status: 'down', unresolvedIssues: [issue] }))
    const s = value(parseCState(page(systems), UQ))
    expect(s.components).toHaveLength(50_000)
    expect(s.groups).toHaveLength(100)
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]?.componentIds).toHaveLength(500)
    expect(s.incidents[0]?.componentIds[0]).toBe('C0/System%200')
    expect(s.level).toBe('critical')
  })

  it('20,000 systems sharing one name, each listing its own issue that names them all', () => {
    const names = Array.from({ length: 200 }, () => 'Shared')
    const systems = Array.from({ length: 20_000 }, (_, i) => ({ name: 'Shared', category: `C${i}`, status: 'disrupted', unresolvedIssues: [{ title: `Issue ${i}`, filename: `${i}.md`, severity: 'disrupted', affected: names }] }))
    const s = value(parseCState(page(systems), UQ))
    expect(s.incidents).toHaveLength(20_000)
    expect(s.incidents[19_999]).toMatchObject({ id: '19999', name: 'Issue 19999' })
    expect(s.incidents.every((incident) => incident.componentIds.length === 500)).toBe(true)
    expect(s.incidents[19_999]?.componentIds[0]).toBe('C19999/Shared')
  })
})

describe('cState: detection', () => {
  it('finds cState after the JSON platforms, Better Stack’s index.json included, before feeds', async () => {
    const body = JSON.stringify(uqIndex())
    const asked: string[] = []
    const found = await detectPlatform(new URL('https://status.its.uq.edu.au/'), {
      fetch: (url) => {
        const path = new URL(String(url)).pathname
        asked.push(path)
        return Promise.resolve(path === '/index.json' ? new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 }))
      },
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => 1_788_000_000_000,
    })
    expect(value(found).platform).toBe('cstate')
    expect(value(found).snapshot.incidents.map((incident) => incident.id)).toEqual(['19999', '19990'])
    expect(asked).toEqual(['/proxy/status.its.uq.edu.au', '/api/v2/summary.json', '/summary.json', '/index.json'])
  })

  it('does not take a Better Stack page for cState', async () => {
    const body = sampleText('betterstack/together-index-2026-09-04.json')
    const found = await detectPlatform(new URL('https://status.together.ai/'), {
      fetch: (url) => Promise.resolve(new URL(String(url)).pathname === '/index.json' ? new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 })),
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => 1_788_000_000_000,
    })
    expect(value(found).platform).toBe('betterstack')
    expect(failure(parseCState(JSON.parse(body) as unknown, new URL('https://status.together.ai/'))).kind).toBe('bad_shape')
  })
})
