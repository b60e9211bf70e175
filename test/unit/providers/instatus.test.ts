import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import type { Endpoint } from '../../../src/providers/provider.ts'

type EndpointWithCompanions = Required<Pick<Endpoint, 'companions'>> & Endpoint
import {
  instatus,
  mergeInstatusComponents,
  parseInstatusComponents,
  parseInstatusSummary,
} from '../../../src/providers/instatus.ts'
import { sampleJson } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/instatus/${name}`, import.meta.url), 'utf8')) as unknown

const PERPLEXITY = new URL('https://status.perplexity.com')
const EXAMPLE = new URL('https://status.example.com')

describe('Instatus: real samples (Perplexity, 2026-09-04, healthy)', () => {
  const summary = (): Snapshot => value(parseInstatusSummary(sampleJson('instatus/perplexity-summary-2026-09-04.json'), PERPLEXITY))

  it('reads a summary that has only `page`: absent incident and maintenance lists are empty', () => {
    const s = summary()
    expect(s.platform).toBe('instatus')
    expect(s.page).toEqual({ name: 'Perplexity', url: 'https://status.perplexity.com' })
    expect(s.level).toBe('operational')
    expect(s.incidents).toEqual([])
    expect(s.maintenances).toEqual([])
    expect(s.components).toEqual([])
  })

  it('merges the 3 components of /v2/components.json, ungrouped and operational', () => {
    const s = value(mergeInstatusComponents(summary(), sampleJson('instatus/perplexity-v2-components-2026-09-04.json')))
    expect(s.components).toEqual([
      { id: 'clyi6jhgg31469ihojbwbsmeeg', name: 'Website', groupId: null, status: 'operational' },
      { id: 'clyiakn7i60113hvojwho6za6j', name: 'API', groupId: null, status: 'operational' },
      { id: 'cmr18ih7201l20rqmap66bx4l', name: 'Computer', groupId: null, status: 'operational' },
    ])
    expect(s.groups).toEqual([])
    expect(s.level).toBe('operational')
    expect(s.page.name).toBe('Perplexity')
  })

  it('polls through the provider: summary endpoint, components as its companion', () => {
    const endpoints = instatus.endpoints(PERPLEXITY) as readonly EndpointWithCompanions[]
    expect(endpoints.map((e) => e.url)).toEqual(['https://status.perplexity.com/summary.json'])
    for (const endpoint of endpoints) {
      expect(endpoint.companions.map((c) => c.url)).toEqual(['https://status.perplexity.com/v2/components.json'])
      let snapshot = value(endpoint.parse(sampleJson('instatus/perplexity-summary-2026-09-04.json')))
      for (const companion of endpoint.companions) {
        snapshot = value(companion.merge(snapshot, sampleJson('instatus/perplexity-v2-components-2026-09-04.json')))
      }
      expect(snapshot.components.map((c) => c.name)).toEqual(['Website', 'API', 'Computer'])
    }
  })
})

describe('Instatus: hand-made active incidents and maintenances', () => {
  const snapshot = (): Snapshot => value(parseInstatusSummary(fixture('summary-active.json'), EXAMPLE))

  it('keeps the open incidents, first of a repeated id, and drops the resolved one', () => {
    const s = snapshot()
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.impact])).toEqual([
      ['cm0incident1aaaaaaaaaaaaaa', 'Elevated API error rates', 'identified', 'critical'],
      ['cm0incident3cccccccccccccc', 'Login delays', 'investigating', 'minor'],
    ])
    const [first] = s.incidents
    expect(first?.startedAt).toBe(Date.UTC(2026, 8, 4, 10, 12))
    expect(first?.url).toBe('https://status.example.com/incident/cm0incident1aaaaaaaaaaaaaa')
    expect(first?.updates).toEqual([])
  })

  it('keeps only https links (plain http on a public host is dropped)', () => {
    expect(snapshot().incidents[1]?.url).toBeNull()
  })

  it('flattens markup and strips bidi overrides from names', () => {
    expect(snapshot().incidents[1]?.name).toBe('Login delays')
  })

  it('reads maintenances with their window from start + duration minutes (string or number)', () => {
    expect(snapshot().maintenances).toEqual([
      {
        id: 'cm0maint1dddddddddddddddd',
        name: 'Database upgrade',
        status: 'in_progress',
        impact: 'maintenance',
        url: 'https://status.example.com/maintenance/cm0maint1dddddddddddddddd',
        scheduledFor: Date.UTC(2026, 8, 4, 8, 0),
        scheduledUntil: Date.UTC(2026, 8, 4, 10, 0),
        updates: [],
        componentIds: [],
      },
      {
        id: 'cm0maint2eeeeeeeeeeeeeeee',
        name: 'Network work',
        status: 'scheduled',
        impact: 'maintenance',
        url: 'https://status.example.com/maintenance/cm0maint2eeeeeeeeeeeeeeee',
        scheduledFor: Date.UTC(2026, 8, 10, 22, 0),
        scheduledUntil: Date.UTC(2026, 8, 10, 22, 45),
        updates: [],
        componentIds: [],
      },
    ])
  })

  it("the page status is the level; its incidents' worse impact is our reading beside it", () => {
    expect(snapshot()).toMatchObject({ level: 'minor', reading: 'critical' })
  })

  it('reads grouped components; group objects, group names, unknown statuses, repeated ids', () => {
    const parsed = value(parseInstatusComponents(fixture('components-grouped.json')))
    expect(parsed.groups).toEqual([
      { id: 'cm0group1', name: 'Platform' },
      { id: 'Back office', name: 'Back office' },
    ])
    expect(parsed.components).toEqual([
      { id: 'cm0comp1', name: 'API', groupId: 'cm0group1', status: 'partial_outage' },
      { id: 'cm0comp2', name: 'Dashboard', groupId: 'cm0group1', status: 'degraded_performance' },
      { id: 'cm0comp3', name: 'Website', groupId: null, status: 'operational' },
      { id: 'cm0comp4', name: 'Billing', groupId: 'Back office', status: 'degraded_performance' },
    ])
  })

  it('reads the merged components as our reading beside the page status, and drops a reading they no longer support', () => {
    const healthy = value(parseInstatusSummary({ page: { name: 'X', url: 'https://status.example.com', status: 'UP' } }, EXAMPLE))
    expect(healthy.level).toBe('operational')
    expect(healthy).not.toHaveProperty('reading')
    const merged = value(mergeInstatusComponents(healthy, fixture('components-grouped.json')))
    expect(merged).toMatchObject({ level: 'operational', reading: 'major' })
    expect(value(mergeInstatusComponents(merged, { components: [] }))).not.toHaveProperty('reading')
  })

  it('maps the page statuses to levels', () => {
    const level = (status: string): string => value(parseInstatusSummary({ page: { name: 'X', status } }, EXAMPLE)).level
    expect(level('UP')).toBe('operational')
    expect(level('HASISSUES')).toBe('minor')
    expect(level('UNDERMAINTENANCE')).toBe('maintenance')
  })
})

describe('Instatus: wrong shapes are typed errors', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['a string', 'UP'],
    ['no page', { activeIncidents: [] }],
    ['a page without status', { page: { name: 'X' } }],
    ['incidents not a list', { page: { status: 'UP' }, activeIncidents: {} }],
    ['an incident without id', { page: { status: 'HASISSUES' }, activeIncidents: [{ name: 'x', status: 'INVESTIGATING' }] }],
    ['a maintenance without name', { page: { status: 'UP' }, activeMaintenances: [{ id: 'm', status: 'INPROGRESS' }] }],
  ])('summary: %s', (_label, json) => {
    expect(failure(parseInstatusSummary(json, EXAMPLE)).kind).toBe('bad_shape')
  })

  it('reads absent incident and maintenance lists as empty (Instatus omits them when healthy)', () => {
    const s = value(parseInstatusSummary({ page: { status: 'UP' } }, EXAMPLE))
    expect(s.incidents).toEqual([])
    expect(s.page).toEqual({ name: 'status.example.com', url: 'https://status.example.com' })
  })

  // Reading null as "none" would announce every open incident as resolved.
  it.each(['activeIncidents', 'activeMaintenances'])('rejects %s: null as a wrong shape', (key) => {
    expect(failure(parseInstatusSummary({ page: { status: 'UP' }, [key]: null }, EXAMPLE)).kind).toBe('bad_shape')
  })

  it.each([
    ['null', null],
    ['no components key', {}],
    ['components not a list', { components: 'x' }],
    ['a component without id', { components: [{ name: 'API', status: 'OPERATIONAL' }] }],
  ])('components: %s', (_label, json) => {
    const summary = value(parseInstatusSummary({ page: { status: 'UP' } }, EXAMPLE))
    expect(failure(mergeInstatusComponents(summary, json)).kind).toBe('bad_shape')
  })
})

describe('Instatus: statuses, fallbacks and maintenance windows', () => {
  const T0 = Date.UTC(2026, 8, 4, 8, 0)
  const summaryWith = (extra: Record<string, unknown>, pageStatus = 'HASISSUES'): Snapshot =>
    value(parseInstatusSummary({ page: { name: 'Example Cloud', url: 'https://status.example.com', status: pageStatus }, ...extra }, EXAMPLE))
  const untilFor = (maintenance: Record<string, unknown>): number | null | undefined =>
    summaryWith({ activeMaintenances: [{ id: 'm1', name: 'Upgrade', status: 'NOTSTARTEDYET', ...maintenance }] }).maintenances[0]?.scheduledUntil

  it('maps every component status word', () => {
    const statuses = ['OPERATIONAL', 'UNDERMAINTENANCE', 'DEGRADEDPERFORMANCE', 'MINOROUTAGE', 'PARTIALOUTAGE', 'MAJOROUTAGE', '']
    const parsed = value(parseInstatusComponents({ components: statuses.map((status, i) => ({ id: `c${i}`, name: `C${i}`, status, group: null })) }))
    expect(parsed.components.map((c) => c.status)).toEqual([
      'operational',
      'under_maintenance',
      'degraded_performance',
      'partial_outage',
      'partial_outage',
      'major_outage',
      'degraded_performance',
    ])
  })

  it('reads a MONITORING incident as monitoring, a minor outage as a partial outage (major impact)', () => {
    const s = summaryWith({ activeIncidents: [{ id: 'i1', name: 'Slow API', status: 'MONITORING', impact: 'MINOROUTAGE', started: '2026-09-04T10:00:00.000Z' }] }, 'UP')
    expect(s.incidents.map((i) => [i.status, i.impact])).toEqual([['monitoring', 'major']])
  })

  it('drops a COMPLETED maintenance from the snapshot', () => {
    const s = summaryWith({ activeMaintenances: [{ id: 'm1', name: 'Done', status: 'COMPLETED', start: '2026-09-04T08:00:00.000Z', duration: 30 }] }, 'UP')
    expect(s.maintenances).toEqual([])
    expect(s.level).toBe('operational')
  })

  it('puts the page in maintenance only while a maintenance is in progress', () => {
    const maintenance = (status: string): unknown[] => [{ id: 'm1', name: 'Upgrade', status, start: '2026-09-04T08:00:00.000Z', duration: 30 }]
    expect(summaryWith({ activeMaintenances: maintenance('INPROGRESS') }, 'UP')).toMatchObject({ level: 'operational', reading: 'maintenance' })
    expect(summaryWith({ activeMaintenances: maintenance('NOTSTARTEDYET') }, 'UP')).not.toHaveProperty('reading')
  })

  it('names unnamed incidents and maintenances', () => {
    const s = summaryWith({
      activeIncidents: [{ id: 'i1', name: '<b></b>', status: 'INVESTIGATING', impact: 'MAJOROUTAGE' }],
      activeMaintenances: [{ id: 'm1', name: ' ', status: 'NOTSTARTEDYET' }],
    })
    expect(s.incidents[0]?.name).toBe('Incident')
    expect(s.maintenances[0]?.name).toBe('Maintenance')
  })

  it('reads the duration in minutes from a number or a plain decimal string, nothing else', () => {
    expect(untilFor({ start: '2026-09-04T08:00:00.000Z', duration: ' 90 ' })).toBe(T0 + 90 * 60_000)
    expect(untilFor({ start: '2026-09-04T08:00:00.000Z', duration: '1.25' })).toBe(T0 + 75_000)
    expect(untilFor({ start: '2026-09-04T08:00:00.000Z', duration: 0 })).toBe(T0)
    for (const duration of ['', ' ', '1e3', '0x10', 'abc', '-5', -5, null, true, JSON.parse('1e999') as number]) {
      expect(untilFor({ start: '2026-09-04T08:00:00.000Z', duration })).toBeNull()
    }
  })

  it('has no end without a start or without a duration', () => {
    expect(untilFor({ duration: 30 })).toBeNull()
    expect(untilFor({ start: '2026-09-04T08:00:00.000Z' })).toBeNull()
    expect(summaryWith({ activeMaintenances: [{ id: 'm1', name: 'Upgrade', status: 'NOTSTARTEDYET', start: '2026-09-04T08:00:00.000Z' }] }).maintenances[0]?.scheduledFor).toBe(T0)
  })

  it('reads group names and group objects with only an id or only a name; blank ones are no group', () => {
    const parsed = value(
      parseInstatusComponents({
        components: [
          { id: 'c1', name: 'API', status: 'OPERATIONAL', group: { id: 'g1' } },
          { id: 'c2', name: 'Web', status: 'OPERATIONAL', group: { name: 'Front' } },
          { id: 'c3', name: 'DB', status: 'OPERATIONAL', group: {} },
          { id: 'c4', name: 'Mail', status: 'OPERATIONAL', group: { id: '', name: ' ' } },
          { id: 'c5', name: 'CDN', status: 'OPERATIONAL', group: ' ' },
          { id: 'c6', name: 'DNS', status: 'OPERATIONAL', group: 'Edge' },
        ],
      }),
    )
    expect(parsed.groups).toEqual([
      { id: 'g1', name: 'g1' },
      { id: 'Front', name: 'Front' },
      { id: 'Edge', name: 'Edge' },
    ])
    expect(parsed.components.map((c) => [c.id, c.groupId])).toEqual([
      ['c1', 'g1'],
      ['c2', 'Front'],
      ['c3', null],
      ['c4', null],
      ['c5', null],
      ['c6', 'Edge'],
    ])
  })

  it('names an unnamed component by its place in the list', () => {
    const parsed = value(parseInstatusComponents({ components: [{ id: 'c1', name: 'API', status: 'OPERATIONAL' }, { id: 'c2', name: '', status: 'OPERATIONAL' }] }))
    expect(parsed.components.map((c) => c.name)).toEqual(['API', 'Component 2'])
  })

  it('says where a summary or components payload is wrong', () => {
    const message = (json: unknown): string => failure(parseInstatusSummary(json, EXAMPLE)).message
    expect(message(null)).toBe('Instatus summary.json: $: expected an object')
    expect(message({})).toBe('Instatus summary.json: $.page: expected an object')
    expect(message({ page: {} })).toBe('Instatus summary.json: $.page.status: expected a string')
    expect(message({ page: { status: 'UP' }, activeIncidents: {} })).toBe('Instatus summary.json: $.activeIncidents: expected a list')
    expect(message({ page: { status: 'UP' }, activeIncidents: [{ id: 'i1', name: 'A' }, { name: 'B' }] })).toBe(
      'Instatus summary.json: $.activeIncidents[1].id: expected an id',
    )
    expect(message({ page: { status: 'UP' }, activeMaintenances: [{ id: 'm1', name: 'A' }, { id: 'm2' }] })).toBe(
      'Instatus summary.json: $.activeMaintenances[1].name: expected a string',
    )
    const components = (json: unknown): string => failure(parseInstatusComponents(json)).message
    expect(components(null)).toBe('Instatus v2/components.json: $: expected an object')
    expect(components({})).toBe('Instatus v2/components.json: $.components: expected a list')
    expect(components({ components: [{ id: 'c1', name: 'A' }, { id: 'c2' }] })).toBe('Instatus v2/components.json: $.components[1].name: expected a string')
  })
})
