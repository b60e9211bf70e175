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

  it('takes the worst of page status and incident impacts as the level', () => {
    expect(snapshot().level).toBe('critical')
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

  it('raises the level to what the merged components say', () => {
    const healthy = value(parseInstatusSummary({ page: { name: 'X', url: 'https://status.example.com', status: 'UP' } }, EXAMPLE))
    expect(healthy.level).toBe('operational')
    expect(value(mergeInstatusComponents(healthy, fixture('components-grouped.json'))).level).toBe('major')
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
