import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import {
  parseComponents,
  parseIncidents,
  parseScheduledMaintenances,
  parseStatus,
  parseSummary,
  statuspage,
} from '../../../src/providers/statuspage.ts'
import { sampleJson } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/statuspage/${name}`, import.meta.url), 'utf8')) as unknown

const INSTRUCTURE = new URL('https://status.instructure.com')
const CODAMETRIX = new URL('https://status.codametrix.com')
const EXAMPLE = new URL('https://status.example.com')

describe('Statuspage summary.json: real samples', () => {
  describe('Instructure, 2021-12-07, an active AWS incident', () => {
    const snapshot = (): Snapshot => value(parseSummary(sampleJson('statuspage/instructure-summary-2021-12-07.json'), INSTRUCTURE))

    it('reads the page and a level no better than its indicator', () => {
      const s = snapshot()
      expect(s.platform).toBe('statuspage')
      expect(s.page).toEqual({ name: 'Instructure', url: 'https://status.instructure.com' })
      expect(s.level).toBe('minor')
    })

    it('turns the 3 group rows into groups, in page order, and not into components', () => {
      const s = snapshot()
      expect(s.groups).toEqual([
        { id: '41wg86q5vc14', name: 'Canvas' },
        { id: '9c01dg04bfg5', name: 'Portfolium' },
        { id: 'qw5j90r2w7k1', name: 'MasteryConnect' },
      ])
      expect(s.components).toHaveLength(21)
      const ids = s.components.map((c) => c.id)
      for (const group of s.groups) expect(ids).not.toContain(group.id)
    })

    it('orders components by group position, then by position within the group', () => {
      const s = snapshot()
      const canvas = s.components.filter((c) => c.groupId === '41wg86q5vc14').map((c) => c.name)
      expect(canvas).toHaveLength(14)
      expect(canvas.slice(0, 3)).toEqual(['Canvas', '— Catalog', '— Chat'])
      expect(canvas.at(-1)).toBe('— Gauge')
      expect(s.components.slice(14).map((c) => c.name)).toEqual([
        'Website',
        'Web Application',
        'EDU Platform',
        'Assessments',
        'Benchmarks',
        'Portal',
        'Reporting',
      ])
      // Groups are contiguous: no component of a group sits between two of another.
      const groupRuns = s.components.map((c) => c.groupId).filter((id, i, all) => id !== all[i - 1])
      expect(groupRuns).toEqual(['41wg86q5vc14', '9c01dg04bfg5', 'qw5j90r2w7k1'])
    })

    it('knows which 8 components are degraded', () => {
      const degraded = snapshot()
        .components.filter((c) => c.status !== 'operational')
        .map((c) => c.id)
      expect(degraded.sort()).toEqual(
        ['9dlvqx1drp3d', 'j7jp6sq831c2', '100xy482gkyf', 'c8zkn4rlhvw6', 'v6m5nhwgtshj', 'jt1kl5fj472f', '142661pcf7h1', 'xwqppk51m3mm'].sort(),
      )
      expect(new Set(snapshot().components.filter((c) => c.status !== 'operational').map((c) => c.status))).toEqual(
        new Set(['degraded_performance']),
      )
    })

    it('reads the incident g1zp3jpycgbz with its 11 updates newest first', () => {
      const [incident, ...others] = snapshot().incidents
      expect(others).toEqual([])
      expect(incident).toMatchObject({
        id: 'g1zp3jpycgbz',
        status: 'identified',
        impact: 'minor',
        url: 'https://stspg.io/0vf16sb2j8xn',
        startedAt: Date.UTC(2021, 11, 7, 16, 6, 43, 172),
      })
      expect(incident?.name).toMatch(/^Amazon Web Services \(AWS\) is currently experiencing an outage/)
      expect(incident?.componentIds).toHaveLength(8)
      const updates = incident?.updates ?? []
      expect(updates).toHaveLength(11)
      expect(updates[0]).toEqual({
        id: 'bkwp1fjx0sxj',
        status: 'identified',
        text: 'We are actively working towards recovery. We will post an update as soon as we have more information. You can also review updates at: https://status.aws.amazon.com/',
        // display_at (10:39:58.000), not created_at (10:39:58.550): the time the page shows.
        at: Date.UTC(2021, 11, 7, 17, 39, 58, 0),
      })
      expect(updates.at(-1)).toMatchObject({ id: '1vph9j425rvt', status: 'investigating', text: 'We are currently investigating this issue.' })
      const times = updates.map((u) => u.at ?? 0)
      expect(times).toEqual([...times].sort((a, b) => b - a))
    })

    it('has no pending maintenance', () => {
      expect(snapshot().maintenances).toEqual([])
    })
  })

  it('CodaMetrix, healthy: operational, 2 groups, nothing open', () => {
    const s = value(parseSummary(sampleJson('statuspage/codametrix-summary-2026-08-02.json'), CODAMETRIX))
    expect(s.level).toBe('operational')
    expect(s.groups.map((g) => g.name)).toEqual(['CMX-Automate', 'CMX-Amplify'])
    expect(s.components.map((c) => [c.name, c.groupId])).toEqual([
      ['CMX Automate', 'nnwklq0zfgxj'],
      ['Analytics Dashboards', 'nnwklq0zfgxj'],
      ['CMX-Amplify', 'x9r0fqpt6f8g'],
    ])
    expect(s.incidents).toEqual([])
    expect(s.maintenances).toEqual([])
  })
})

describe('Statuspage other endpoints: real samples', () => {
  it('status.json gives the page and its level', () => {
    expect(value(parseStatus(sampleJson('statuspage/codametrix-status-2026-08-02.json'), CODAMETRIX))).toEqual({
      page: { name: 'CodaMetrix', url: 'https://status.codametrix.com' },
      level: 'operational',
    })
  })

  it('components.json reads like the summary of the same moment', () => {
    const components = value(parseComponents(sampleJson('statuspage/codametrix-components-2026-08-02.json')))
    const summary = value(parseSummary(sampleJson('statuspage/codametrix-summary-2026-08-02.json'), CODAMETRIX))
    expect(components).toEqual({ components: summary.components, groups: summary.groups })
  })

  it('GitHub components.json: GitHub Actions in partial outage, the pseudo-component kept, page order', () => {
    const { components, groups } = value(parseComponents(sampleJson('statuspage/github-components-with-problem-2021-12-10.json')))
    expect(groups).toEqual([])
    expect(components.map((c) => c.name)).toEqual([
      'Git Operations',
      'API Requests',
      'Webhooks',
      'Visit www.githubstatus.com for more information',
      'Issues',
      'Pull Requests',
      'GitHub Actions',
      'GitHub Packages',
      'GitHub Pages',
      'Codespaces',
    ])
    expect(components.filter((c) => c.status !== 'operational')).toEqual([
      { id: 'br0l2tvcx85d', name: 'GitHub Actions', groupId: null, status: 'partial_outage' },
    ])
  })

  it('Linode components.json: 62 components in 6 groups; 7 regions in partial outage (the 8th is the group row)', () => {
    const { components, groups } = value(parseComponents(sampleJson('statuspage/linode-components-problems-2021-12-17.json')))
    expect(components).toHaveLength(62)
    expect(groups.map((g) => g.name)).toEqual([
      'Regions',
      'Backups',
      'Block Storage',
      'NodeBalancers',
      'Object Storage',
      'Linode Kubernetes Engine',
    ])
    expect(components.slice(0, 5).map((c) => c.name)).toEqual([
      'Linode.com',
      'Linode Manager and API',
      'Hosted DNS Service',
      'Longview',
      'US-East (Newark)',
    ])
    const down = components.filter((c) => c.status === 'partial_outage')
    expect(down.map((c) => c.name)).toEqual([
      'US-East (Newark)',
      'US-Central (Dallas)',
      'US-West (Fremont)',
      'EU-West (London)',
      'EU-Central (Frankfurt)',
      'AP-South (Singapore)',
      'AP-Northeast-2 (Tokyo 2)',
    ])
    expect(new Set(down.map((c) => c.groupId))).toEqual(new Set(['kb0cf2d0rryb']))
    expect(components.filter((c) => c.status !== 'operational' && c.status !== 'partial_outage')).toEqual([])
  })

  describe('CodaMetrix incidents.json: history, resolved and postmortem included', () => {
    const incidents = () => value(parseIncidents(sampleJson('statuspage/codametrix-incidents-2026-08-02.json'), CODAMETRIX))

    it('reads all 15 with their statuses and impacts', () => {
      const all = incidents()
      expect(all).toHaveLength(15)
      expect(all.filter((i) => i.status === 'postmortem').map((i) => i.id)).toEqual(['r76hs9g9h435', '258x30zmwgtm'])
      expect(new Set(all.map((i) => i.impact))).toEqual(new Set(['none', 'minor', 'major', 'critical']))
      expect(new Set(all.flatMap((i) => i.updates.map((u) => u.status)))).toEqual(
        new Set(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
      )
    })

    it('reads updates whose affected_components is null', () => {
      const radiology = incidents().find((i) => i.id === '5jn4v8qdmqdn')
      expect(radiology?.updates.map((u) => u.status)).toEqual(['resolved', 'investigating'])
      expect(radiology?.componentIds).toEqual(['pg7c1ssg6zpr'])
      const postmortem = incidents().find((i) => i.id === 'r76hs9g9h435')
      expect(postmortem?.updates[0]).toMatchObject({ id: 'clv1bsjt2pwb', status: 'postmortem' })
      expect(postmortem?.updates[0]?.text).toMatch(/^Earlier this week claims edit requests were failing/)
    })

    it('keeps paragraphs and curly quotes of multi-paragraph bodies', () => {
      const notice = incidents().find((i) => i.id === 'ypr5f65wbzrw')
      const text = notice?.updates[0]?.text ?? ''
      expect(text.startsWith('Dear CodaMetrix User,\n\nWe are writing')).toBe(true)
      expect(text).toContain('Choose “Cached images and files,” then click Clear data.')
      expect(text).toContain('File → “New Private Window.”')
      expect(text.endsWith('The CodaMetrix Team')).toBe(true)
    })

    it('links through the shortlink and keeps an incident with no components', () => {
      const oldest = incidents().at(-1)
      expect(oldest).toMatchObject({ id: 'r558ghw0y77r', url: 'https://stspg.io/88ckg2gd8g4f', componentIds: [] })
    })

    it('incidents/unresolved.json, empty while healthy', () => {
      expect(value(parseIncidents(sampleJson('statuspage/codametrix-incidents-unresolved-2026-08-02.json'), CODAMETRIX))).toEqual([])
    })
  })

  describe('CodaMetrix scheduled-maintenances.json', () => {
    it('reads all 50, completed included, with every update state', () => {
      const all = value(
        parseScheduledMaintenances(sampleJson('statuspage/codametrix-scheduled-maintenances-2026-08-02.json'), CODAMETRIX),
      )
      expect(all).toHaveLength(50)
      expect(new Set(all.map((m) => m.status))).toEqual(new Set(['completed']))
      expect(new Set(all.map((m) => m.impact))).toEqual(new Set(['maintenance']))
      expect(new Set(all.flatMap((m) => m.updates.map((u) => u.status)))).toEqual(
        new Set(['scheduled', 'in_progress', 'verifying', 'completed']),
      )
      const [first] = all
      expect(first).toMatchObject({
        id: '17cb5x66pljj',
        name: 'Routine Maintenance - Minor delays possible',
        url: 'https://stspg.io/tvpxv0j80408',
        scheduledFor: Date.UTC(2026, 6, 17, 20, 0, 0),
        scheduledUntil: Date.UTC(2026, 6, 18, 20, 0, 0),
      })
      expect(first?.updates.map((u) => u.status)).toEqual(['completed', 'verifying', 'in_progress', 'scheduled'])
      for (const m of all) expect(m.scheduledFor).toBeLessThan(m.scheduledUntil ?? 0)
    })

    it.each([
      'statuspage/codametrix-scheduled-maintenances-upcoming-2026-08-02.json',
      'statuspage/codametrix-scheduled-maintenances-active-2026-08-02.json',
    ])('%s, empty', (file) => {
      const json = sampleJson(file)
      expect(value(parseScheduledMaintenances(json, CODAMETRIX))).toEqual([])
    })
  })
})

describe('Statuspage summary.json: hand-made fixture with maintenances', () => {
  const s = value(parseSummary(fixture('summary-with-maintenances.json'), EXAMPLE))

  it('keeps scheduled and in-progress maintenances, drops the completed one', () => {
    expect(s.maintenances.map((m) => [m.id, m.status])).toEqual([
      ['mnt-now', 'in_progress'],
      ['mnt-later', 'scheduled'],
    ])
    expect(s.maintenances[0]).toMatchObject({
      url: 'https://stspg.io/mntnow',
      componentIds: ['cmp-api'],
      scheduledFor: Date.UTC(2025, 4, 1, 8),
      scheduledUntil: Date.UTC(2025, 4, 1, 12),
    })
    expect(s.maintenances[0]?.updates.map((u) => u.status)).toEqual(['in_progress', 'scheduled'])
    // No shortlink: the page's own incident URL.
    expect(s.maintenances[1]?.url).toBe('https://status.example.com/incidents/mnt-later')
  })

  it('drops an incident that is already resolved: the snapshot holds open ones only', () => {
    expect(s.incidents.map((i) => i.id)).toEqual(['inc-open'])
  })

  it('flattens HTML in bodies and names to plain text', () => {
    const [incident] = s.incidents
    expect(s.page.name).toBe('Example & Co')
    expect(incident?.name).toBe('Slow exports')
    expect(incident?.updates[0]?.text).toBe('Exports are slow.\nWe are looking into it — more soon.\n\nSee the FAQ → done')
  })

  it('replaces an unsafe shortlink by the page link', () => {
    expect(s.incidents[0]?.url).toBe('https://status.example.com/incidents/inc-open')
  })

  it('puts top-level components and groups in one position sequence', () => {
    expect(s.components.map((c) => `${c.groupId ?? '-'}/${c.name}`)).toEqual(['-/Website', 'grp-core/API', 'grp-core/Billing'])
    expect(s.level).toBe('maintenance')
  })
})

/** A valid summary to break one piece at a time. */
function summary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    page: { id: 'p', name: 'Example', url: 'https://status.example.com' },
    status: { indicator: 'none', description: 'All Systems Operational' },
    components: [
      { id: 'a', name: 'A', status: 'operational', position: 1, group_id: null, group: false },
      { id: 'b', name: 'B', status: 'operational', position: 2, group_id: null, group: false },
    ],
    incidents: [],
    scheduled_maintenances: [],
    ...overrides,
  }
}

const incident = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'i1',
  name: 'Trouble',
  status: 'investigating',
  impact: 'minor',
  shortlink: 'https://stspg.io/i1',
  incident_updates: [{ id: 'u1', status: 'investigating', body: 'Looking.', display_at: '2025-01-01T00:00:00Z' }],
  components: [{ id: 'a' }],
  ...overrides,
})

const parse = (json: unknown) => parseSummary(json, EXAMPLE)

describe('Statuspage: hostile and odd payloads', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['a string', '<html>blocked</html>'],
    ['a number', 42],
    ['an object without page', { components: [] }],
    ['page as a string', { page: 'x', components: [] }],
    ['an object without components', { page: { name: 'x' } }],
    ['components as an object', { page: { name: 'x' }, components: {} }],
  ])('rejects %s as bad_shape', (_label, json) => {
    const error = failure(parse(json))
    expect(error.kind).toBe('bad_shape')
    expect(error.message).toMatch(/summary\.json/)
  })

  it('rejects a component without an id, saying where', () => {
    const json = summary({ components: [{ id: 'a', name: 'A', status: 'operational' }, { name: 'no id', status: 'operational' }] })
    expect(failure(parse(json))).toEqual({ kind: 'bad_shape', message: 'Statuspage summary.json: components[1].id: expected an id' })
  })

  it('rejects a component that is null or an incident that is a string', () => {
    expect(failure(parse(summary({ components: [null] }))).message).toMatch(/components\[0\]: expected an object/)
    expect(failure(parse(summary({ incidents: ['oops'] }))).message).toMatch(/incidents\[0\]: expected an object/)
    expect(failure(parse(summary({ incidents: [incident({ incident_updates: [{ body: 'x' }] })] }))).message).toMatch(
      /incidents\[0\]\.incident_updates\[0\]\.id/,
    )
  })

  it('reads null everywhere an optional value or list may be', () => {
    const json = {
      page: { name: null, url: null },
      status: null,
      components: [{ id: 'a', name: null, status: null, position: null, group: null, group_id: null, components: null }],
      incidents: [
        { id: 'i', name: null, status: null, impact: null, shortlink: null, started_at: null, incident_updates: null, components: null },
      ],
      scheduled_maintenances: [],
    }
    const s = value(parse(json))
    expect(s.page).toEqual({ name: 'status.example.com', url: 'https://status.example.com' })
    expect(s.components).toEqual([{ id: 'a', name: '', groupId: null, status: 'degraded_performance' }])
    expect(s.incidents).toEqual([
      {
        id: 'i',
        name: '',
        status: 'investigating',
        impact: 'none',
        url: 'https://status.example.com/incidents/i',
        startedAt: null,
        updates: [],
        componentIds: [],
      },
    ])
    expect(s.maintenances).toEqual([])
    expect(s.level).toBe('minor')
  })

  it('reads missing incident and maintenance lists as empty', () => {
    const json = summary({})
    delete json.incidents
    delete json.scheduled_maintenances
    const s = value(parse(json))
    expect(s).toMatchObject({ incidents: [], maintenances: [], level: 'operational' })
  })

  // Reading null as "none" here would announce every open incident as resolved.
  it.each(['components', 'incidents', 'scheduled_maintenances'])('rejects %s: null as a wrong shape', (key) => {
    const error = failure(parse(summary({ [key]: null })))
    expect(error.kind).toBe('bad_shape')
    expect(error.message).toContain(key)
  })

  it('keeps the first of duplicate components, groups, incidents and updates', () => {
    const s = value(
      parse(
        summary({
          components: [
            { id: 'a', name: 'First A', status: 'operational', position: 1 },
            { id: 'g', name: 'First group', group: true, position: 2, components: ['c'] },
            { id: 'c', name: 'C', status: 'operational', position: 1, group_id: 'g' },
            { id: 'a', name: 'Second A', status: 'major_outage', position: 3 },
            { id: 'g', name: 'Second group', group: true, position: 0, components: [] },
          ],
          incidents: [
            incident({
              name: 'First',
              incident_updates: [
                { id: 'u1', status: 'identified', body: 'one', display_at: '2025-01-01T00:00:00Z' },
                { id: 'u1', status: 'resolved', body: 'again', display_at: '2025-01-02T00:00:00Z' },
              ],
            }),
            incident({ name: 'Second', impact: 'critical' }),
          ],
        }),
      ),
    )
    expect(s.components).toEqual([
      { id: 'a', name: 'First A', groupId: null, status: 'operational' },
      { id: 'c', name: 'C', groupId: 'g', status: 'operational' },
    ])
    expect(s.groups).toEqual([{ id: 'g', name: 'First group' }])
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]?.name).toBe('First')
    expect(s.incidents[0]?.updates.map((u) => u.text)).toEqual(['one'])
    // The indicator says none; the first incident (impact minor) is our reading.
    expect(s).toMatchObject({ level: 'operational', reading: 'minor' })
  })

  it('maps unknown enum values instead of failing the page', () => {
    const s = value(
      parse(
        summary({
          status: { indicator: 'apocalyptic' },
          components: [{ id: 'a', name: 'A', status: 'under_investigation' }],
          incidents: [incident({ status: 'triaging', impact: 'huge', incident_updates: [{ id: 'u', status: 'weird', body: '' }] })],
        }),
      ),
    )
    expect(s.components[0]?.status).toBe('degraded_performance')
    expect(s.incidents[0]).toMatchObject({ status: 'investigating', impact: 'minor' })
    // An unknown update status takes its incident's status.
    expect(s.incidents[0]?.updates[0]?.status).toBe('investigating')
    expect(s.level).toBe('minor')
  })

  it("the page's own indicator is the level; rows that say worse are our reading beside it, never hidden", () => {
    const outage = summary({ components: [{ id: 'a', name: 'A', status: 'major_outage' }] })
    expect(value(parse(outage))).toMatchObject({ level: 'operational', reading: 'critical' })
    // Anthropic's page, 2026: indicator minor ("Partially Degraded Service") while its incident is rated major.
    const anthropic = summary({ status: { indicator: 'minor', description: 'Partially Degraded Service' }, incidents: [incident({ impact: 'major', components: [] })] })
    expect(value(parse(anthropic))).toMatchObject({ level: 'minor', reading: 'major' })
    const indicatorOnly = summary({ status: { indicator: 'critical' } })
    expect(value(parse(indicatorOnly))).toEqual(expect.objectContaining({ level: 'critical' }))
    expect(value(parse(indicatorOnly))).not.toHaveProperty('reading')
    // No indicator, or a word Statuspage does not define: the rows alone say the level.
    for (const status of [undefined, { indicator: 'apocalyptic' }]) {
      const rowsOnly = value(parse(summary({ status, incidents: [incident({ impact: 'major', components: [] })] })))
      expect(rowsOnly.level).toBe('major')
      expect(rowsOnly).not.toHaveProperty('reading')
    }
  })

  it('CloudAMQP during a maintenance: the indicator says maintenance, and so do the rows', () => {
    const s = value(parse(sampleJson('statuspage/cloudamqp-summary-2020-07-16.json')))
    expect(s.level).toBe('maintenance')
    expect(s).not.toHaveProperty('reading')
    expect(s.maintenances.map((m) => [m.name, m.status])).toEqual([['Upgrade of shared servers “jellyfish”, “wildboar”, and “reindeer”', 'in_progress']])
    expect(s.components.filter((c) => c.status !== 'operational').map((c) => [c.name, c.status])).toEqual([['Shared servers', 'under_maintenance']])
  })

  it('keeps payload order among rows without a position or with the same one, groups and components alike', () => {
    const s = value(
      parse(
        summary({
          components: [
            { id: 'c1', name: 'C1', status: 'operational', group_id: null },
            { id: 'c2', name: 'C2', status: 'operational', position: null, group_id: null },
            { id: 'g', name: 'G', group: true, components: ['k1', 'k2', 'k3'] },
            { id: 'k1', name: 'K1', status: 'operational', position: 4, group_id: 'g' },
            { id: 'k2', name: 'K2', status: 'operational', position: 4, group_id: 'g' },
            { id: 'k3', name: 'K3', status: 'operational', position: 4, group_id: 'g' },
            { id: 'c3', name: 'C3', status: 'operational', group_id: null },
          ],
        }),
      ),
    )
    expect(s.components.map((c) => `${c.groupId ?? '-'}/${c.id}`)).toEqual(['-/c1', '-/c2', 'g/k1', 'g/k2', 'g/k3', '-/c3'])
  })

  it('shows a group without children as a group with no components', () => {
    const s = value(
      parse(
        summary({
          components: [
            { id: 'a', name: 'A', status: 'operational', position: 1, group_id: null },
            { id: 'empty', name: 'Empty', group: true, position: 2, components: [] },
          ],
        }),
      ),
    )
    expect(s.groups).toEqual([{ id: 'empty', name: 'Empty' }])
    expect(s.components).toEqual([{ id: 'a', name: 'A', groupId: null, status: 'operational' }])
  })

  it('keeps updates without a time in payload order, an update without a body as empty text', () => {
    const updates = [
      { id: 'u1', status: 'investigating' },
      { id: 'u2', status: 'identified', body: 'Found it.' },
      { id: 'u3', status: 'monitoring', body: 'Watching.' },
      { id: 'u4', status: 'monitoring', body: 'Still watching.', created_at: '2025-01-01T00:00:00Z' },
    ]
    const s = value(parse(summary({ incidents: [incident({ incident_updates: updates })] })))
    expect(s.incidents[0]?.updates.map((u) => [u.id, u.text])).toEqual([
      ['u4', 'Still watching.'],
      ['u1', ''],
      ['u2', 'Found it.'],
      ['u3', 'Watching.'],
    ])
  })

  it('a shortlink with a user name or a password alone falls back to the page link', () => {
    const s = value(parse(summary({ incidents: [incident({ id: 'i1', shortlink: 'https://user@stspg.io/x' }), incident({ id: 'i2', shortlink: 'https://:pass@stspg.io/y' })] })))
    expect(s.incidents.map((i) => i.url)).toEqual(['https://status.example.com/incidents/i1', 'https://status.example.com/incidents/i2'])
  })

  it('reads component references given as objects or ids, skipping the rest', () => {
    const s = value(parse(summary({ incidents: [incident({ components: [null, { name: 'no id' }, { id: 'a' }, 'b', 7, 'a'] })] })))
    expect(s.incidents[0]?.componentIds).toEqual(['a', 'b', '7'])
  })

  it('a maintenance without a name is named empty; without an impact it has maintenance impact, and keeps a stated one', () => {
    const maintenance = { id: 'm1', status: 'scheduled', scheduled_for: '2025-01-01T00:00:00Z', incident_updates: [] }
    const s = value(parse(summary({ scheduled_maintenances: [maintenance, { ...maintenance, id: 'm2', name: 'Stated', impact: 'none' }] })))
    expect(s.maintenances.map((m) => [m.id, m.name, m.impact])).toEqual([
      ['m1', '', 'maintenance'],
      ['m2', 'Stated', 'none'],
    ])
  })

  it('a page without a status object takes its level from its rows alone', () => {
    expect(value(parse(summary({ status: undefined }))).level).toBe('operational')
    expect(value(parse(summary({ status: 'none', incidents: [incident({ impact: 'major' })] }))).level).toBe('major')
  })

  it("files a child under the group it names, even when another group's list claims it; else under the first group listing it", () => {
    const s = value(
      parse(
        summary({
          components: [
            { id: 'g1', name: 'G1', group: true, position: 1, components: [] },
            { id: 'g2', name: 'G2', group: true, position: 2, components: ['x', 'y'] },
            { id: 'g3', name: 'G3', group: true, position: 3, components: ['y'] },
            { id: 'x', name: 'X', status: 'operational', position: 1, group_id: 'g1' },
            { id: 'y', name: 'Y', status: 'operational', position: 2, group_id: null },
          ],
        }),
      ),
    )
    expect(s.components.map((c) => [c.id, c.groupId])).toEqual([
      ['x', 'g1'],
      ['y', 'g2'],
    ])
  })

  it('files a child under the group that lists it when the child names no (existing) group', () => {
    const s = value(
      parse(
        summary({
          components: [
            { id: 'g', name: 'G', group: true, position: 1, components: ['x'] },
            { id: 'x', name: 'X', status: 'operational', position: 1, group_id: null },
            { id: 'y', name: 'Y', status: 'operational', position: 2, group_id: 'missing-group' },
          ],
        }),
      ),
    )
    expect(s.components.map((c) => [c.id, c.groupId])).toEqual([
      ['x', 'g'],
      ['y', null],
    ])
  })

  it('keeps links https: unsafe page and incident links fall back, hostile ids stay one path segment', () => {
    const s = value(
      parse(
        summary({
          page: { name: 'Evil', url: 'http://evil.example.net' },
          incidents: [
            incident({ id: '../../admin?x=1', shortlink: 'data:text/html,<script>alert(1)</script>' }),
            incident({ id: 'i2', shortlink: 'https://user:pass@stspg.io/x' }),
          ],
        }),
      ),
    )
    expect(s.page.url).toBe('https://status.example.com')
    expect(s.incidents.map((i) => i.url)).toEqual([
      'https://status.example.com/incidents/..%2F..%2Fadmin%3Fx%3D1',
      'https://status.example.com/incidents/i2',
    ])
  })

  it('keeps http links for a loopback page only', () => {
    const local = new URL('http://127.0.0.1:8080')
    const s = value(
      parseSummary(summary({ page: { name: 'Local', url: 'http://127.0.0.1:8080' }, incidents: [incident({ shortlink: null })] }), local),
    )
    expect(s.page.url).toBe('http://127.0.0.1:8080')
    expect(s.incidents[0]?.url).toBe('http://127.0.0.1:8080/incidents/i1')
  })

  it('strips markup and bidi overrides from names, keeps plain angle brackets in bodies', () => {
    const s = value(
      parse(
        summary({
          components: [{ id: 'a', name: '<img src=x onerror=alert(1)>API\u202E\n  v2', status: 'operational' }],
          incidents: [incident({ incident_updates: [{ id: 'u', status: 'identified', body: 'Latency < 100ms for <Tenant> users &amp; more' }] })],
        }),
      ),
    )
    expect(s.components[0]?.name).toBe('API v2')
    expect(s.incidents[0]?.updates[0]?.text).toBe('Latency < 100ms for <Tenant> users & more')
  })

  // Statuspage ids are always strings: numbers mean the payload is not what it claims to be.
  it('rejects numeric ids', () => {
    expect(failure(parse(summary({ components: [{ id: 7, name: 'Seven', status: 'operational' }] }))).kind).toBe('bad_shape')
  })

  it.each([
    ['no page', summary({ page: undefined }), 'page: expected an object'],
    ['not an object', 'oops', '$: expected an object'],
    ['no components', summary({ components: undefined }), '$.components: expected a list'],
    ['null incidents', summary({ incidents: null }), '$.incidents: expected a list, not null'],
    ['maintenance update without id', summary({ scheduled_maintenances: [{ id: 'm', status: 'in_progress', incident_updates: [{ id: 'u' }, { body: 'x' }] }] }), 'scheduled_maintenances[0].incident_updates[1].id: expected an id'],
  ])('summary.json says where the shape is wrong: %s', (_label, json, where) => {
    expect(failure(parse(json))).toEqual({ kind: 'bad_shape', message: `Statuspage summary.json: ${where}` })
  })

  it('the other endpoint parsers reject wrong shapes too, saying where', () => {
    expect(failure(parseComponents({ page: {} }))).toEqual({ kind: 'bad_shape', message: 'Statuspage components.json: $.components: expected a list' })
    expect(failure(parseComponents('x')).message).toBe('Statuspage components.json: $: expected an object')
    expect(failure(parseIncidents({ page: {}, incidents: 'none' }, EXAMPLE))).toEqual({ kind: 'bad_shape', message: 'Statuspage incidents: $.incidents: expected a list' })
    expect(failure(parseIncidents({ incidents: [] }, EXAMPLE)).message).toBe('Statuspage incidents: page: expected an object')
    expect(failure(parseIncidents(null, EXAMPLE)).message).toBe('Statuspage incidents: $: expected an object')
    expect(failure(parseIncidents({ page: {}, incidents: [incident(), { name: 'x' }] }, EXAMPLE)).message).toBe('Statuspage incidents: incidents[1].id: expected an id')
    expect(failure(parseScheduledMaintenances([], EXAMPLE))).toEqual({ kind: 'bad_shape', message: 'Statuspage scheduled maintenances: $: expected an object' })
    expect(failure(parseScheduledMaintenances({ scheduled_maintenances: [] }, EXAMPLE)).message).toBe('Statuspage scheduled maintenances: page: expected an object')
    expect(failure(parseScheduledMaintenances({ page: {}, scheduled_maintenances: null }, EXAMPLE)).message).toBe(
      'Statuspage scheduled maintenances: $.scheduled_maintenances: expected a list, not null',
    )
    expect(failure(parseScheduledMaintenances({ page: {}, scheduled_maintenances: [{ id: 'm' }, 3] }, EXAMPLE)).message).toBe(
      'Statuspage scheduled maintenances: scheduled_maintenances[1]: expected an object',
    )
    expect(failure(parseStatus({ page: { name: 'x' } }, EXAMPLE))).toEqual({ kind: 'bad_shape', message: 'Statuspage status.json: status: expected an object' })
    expect(failure(parseStatus([], EXAMPLE)).message).toBe('Statuspage status.json: $: expected an object')
    expect(failure(parseStatus({ status: {} }, EXAMPLE)).message).toBe('Statuspage status.json: page: expected an object')
    expect(value(parseStatus({ page: { name: 'x' }, status: { indicator: 'major' } }, EXAMPLE)).level).toBe('major')
  })

  it.each([
    ['none', 'operational'],
    ['minor', 'minor'],
    ['major', 'major'],
    ['critical', 'critical'],
    ['maintenance', 'maintenance'],
    ['apocalypse', 'operational'],
  ])('status.json indicator %s is level %s', (indicator, level) => {
    expect(value(parseStatus({ page: { name: 'x' }, status: { indicator, description: '' } }, EXAMPLE)).level).toBe(level)
  })
})

describe('Statuspage provider', () => {
  it('polls summary.json under the base, keeping a base path', () => {
    expect(statuspage.endpoints(new URL('https://status.example.com/')).map((e) => e.url)).toEqual([
      'https://status.example.com/api/v2/summary.json',
    ])
    expect(statuspage.endpoints(new URL('http://127.0.0.1:8080/pages/one')).map((e) => e.url)).toEqual([
      'http://127.0.0.1:8080/pages/one/api/v2/summary.json',
    ])
  })

  it("its endpoint parses with the page's base as the link fallback", () => {
    const [endpoint] = statuspage.endpoints(EXAMPLE)
    const parsed = endpoint?.parse(summary({ page: { name: 'x' }, incidents: [incident({ shortlink: null })] }))
    expect(parsed?.ok && parsed.value.incidents[0]?.url).toBe('https://status.example.com/incidents/i1')
  })
})
