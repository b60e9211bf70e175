import { describe, expect, it } from 'vitest'
import type { PollError } from '../../../src/poll-error.ts'
import { parseComponentImpacts, type ComponentHistory } from '../../../src/providers/incidentio-history.ts'
import type { Result } from '../../../src/result.ts'
import { sampleJson } from '../../support/samples.ts'

function value(result: Result<ComponentHistory, PollError>): ComponentHistory {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const VIDEO_GENERATION = '01JMXCAX0QN2ZHVMS54EEN1HXB'

describe('incident.io component impacts (OpenAI, 2025-04)', () => {
  const history = (): ComponentHistory => value(parseComponentImpacts(sampleJson('incidentio/openai-proxy-component-impacts-2025-04.json')))

  it('reads every incident link, impact and uptime', () => {
    const { incidents, impacts, uptimes } = history()
    expect(incidents).toHaveLength(73)
    expect(impacts).toHaveLength(636)
    expect(uptimes).toHaveLength(40)
  })

  it('maps full_outage to major_outage and keeps the counts of each status', () => {
    const counts = new Map<string, number>()
    for (const impact of history().impacts) counts.set(impact.status, (counts.get(impact.status) ?? 0) + 1)
    expect(Object.fromEntries(counts)).toEqual({ degraded_performance: 446, partial_outage: 132, major_outage: 58 })
  })

  it('the one impact without an end is the ongoing Sora incident, the one link not resolved', () => {
    const ongoing = history().impacts.filter((impact) => impact.endAt === null)
    expect(ongoing).toEqual([
      {
        id: '01JRB89XE4EQ1ZW0XMWXZEQQF8',
        componentId: VIDEO_GENERATION,
        incidentId: '01JRB888M6TJVDDKGCA1YZ3ZHT',
        status: 'degraded_performance',
        startAt: Date.parse('2025-04-01T06:30:00Z'),
        endAt: null,
      },
    ])
    const open = history().incidents.filter((incident) => incident.status !== 'resolved')
    expect(open.map((incident) => [incident.name, incident.status])).toEqual([
      ['New users may experience temporary delays in video generation capabilities', 'monitoring'],
    ])
  })

  it('reads uptimes given as strings, for components and for groups', () => {
    const { uptimes } = history()
    expect(uptimes.filter((u) => u.kind === 'group')).toHaveLength(3)
    expect(uptimes.find((u) => u.id === '01JMDK9XYN8Z6K633X01G7WFD9')).toEqual({ id: '01JMDK9XYN8Z6K633X01G7WFD9', kind: 'component', percent: 99.92 })
    expect(uptimes.every((u) => u.percent !== null && u.percent > 90 && u.percent <= 100)).toBe(true)
  })
})

describe('incident.io component impacts: wrong shapes', () => {
  it.each([null, [], {}, { incident_links: null, component_impacts: [], component_uptimes: [] }, { incident_links: [], component_impacts: [{ id: 7 }], component_uptimes: [] }])(
    'is a typed error: %j',
    (json) => {
      const result = parseComponentImpacts(json)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.kind).toBe('bad_shape')
    },
  )

  it('an uptime that is not a percentage reads as unknown', () => {
    const history = value(
      parseComponentImpacts({ incident_links: [], component_impacts: [], component_uptimes: [{ component_id: 'a', uptime: 'n/a' }, { component_id: 'b', uptime: '250' }] }),
    )
    expect(history.uptimes.map((u) => u.percent)).toEqual([null, null])
  })
})

describe('incident.io component impacts: lenient fields', () => {
  const empty = { incident_links: [], component_impacts: [] }

  it('reads uptimes given as numbers, keeps 0 and 100, and reads blank, negative or missing ones as unknown', () => {
    const history = value(
      parseComponentImpacts({
        ...empty,
        component_uptimes: [
          { component_id: 'a', uptime: 99.5 },
          { component_id: 'b', uptime: 0 },
          { component_id: 'c', uptime: '100' },
          { component_id: 'd', uptime: '' },
          { component_id: 'e', uptime: '  ' },
          { component_id: 'f', uptime: '-0.5' },
          { component_id: 'g', uptime: null },
          { component_id: 'h' },
          { component_id: 'i', uptime: true },
        ],
      }),
    )
    expect(history.uptimes.map((u) => [u.id, u.percent])).toEqual([
      ['a', 99.5],
      ['b', 0],
      ['c', 100],
      ['d', null],
      ['e', null],
      ['f', null],
      ['g', null],
      ['h', null],
      ['i', null],
    ])
  })

  it('skips uptime entries that are not objects or name neither a component nor a group', () => {
    const history = value(
      parseComponentImpacts({
        ...empty,
        component_uptimes: [null, 'x', { uptime: '99' }, { status_page_component_group_id: 'g1', uptime: '98.5' }, { component_id: 'c1', uptime: '97' }],
      }),
    )
    expect(history.uptimes).toEqual([
      { id: 'g1', kind: 'group', percent: 98.5 },
      { id: 'c1', kind: 'component', percent: 97 },
    ])
  })

  it('an incident link without a usable name has an empty name', () => {
    const history = value(
      parseComponentImpacts({
        ...empty,
        component_uptimes: [],
        incident_links: [
          { id: 'i1', status: 'resolved', published_at: '2025-04-01T06:30:00Z' },
          { id: 'i2', name: 42, status: 'identified', published_at: '2025-04-02T06:30:00Z' },
        ],
      }),
    )
    expect(history.incidents.map((i) => [i.id, i.name, i.status, i.publishedAt])).toEqual([
      ['i1', '', 'resolved', Date.parse('2025-04-01T06:30:00Z')],
      ['i2', '', 'identified', Date.parse('2025-04-02T06:30:00Z')],
    ])
  })

  it.each([
    [null, 'incident.io component impacts: $: expected an object'],
    [{ incident_links: null, component_impacts: [], component_uptimes: [] }, 'incident.io component impacts: $.incident_links: expected a list, not null'],
    [{ incident_links: [], component_impacts: {}, component_uptimes: [] }, 'incident.io component impacts: $.component_impacts: expected a list'],
    [{ incident_links: [], component_impacts: [] }, 'incident.io component impacts: $.component_uptimes: expected a list'],
    [{ incident_links: [{ id: 'a' }, { name: 'x' }], component_impacts: [], component_uptimes: [] }, 'incident.io component impacts: incident_links[1].id: expected an id'],
    [{ incident_links: [], component_impacts: [{ id: 'a', component_id: 'c' }, 7], component_uptimes: [] }, 'incident.io component impacts: component_impacts[1]: expected an object'],
    [{ incident_links: [], component_impacts: [{ id: 'a', component_id: ' ' }], component_uptimes: [] }, 'incident.io component impacts: component_impacts[0].component_id: expected an id'],
  ])('a wrong shape says where: %j', (json, message) => {
    const result = parseComponentImpacts(json)
    expect(result.ok).toBe(false)
    if (!result.ok) expect([result.error.kind, result.error.message]).toEqual(['bad_shape', message])
  })
})
