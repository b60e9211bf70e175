import { describe, expect, it } from 'vitest'
import type { Component, Incident, Maintenance, Snapshot } from '../../../src/model.ts'
import type { ComponentHistory } from '../../../src/providers/incidentio-history.ts'
import {
  hostileMarkup,
  idOf,
  incidentioName,
  IO_GROUP_ID,
  IO_PARAGRAPH,
  minuteBefore,
  NESTED_DEPTH,
  readBuilt,
  shapeNamed,
  STATUSPAGE_GROUP,
  statuspageChild,
  type Built,
} from '../../../scripts/bench/shapes.ts'
import { value } from '../../support/result.ts'
import { sampleJson } from '../../support/samples.ts'

/**
 * Statuspage and incident.io on the worst bodies a page can send within the poll's 2 MiB
 * (scripts/bench/shapes.ts: the recorded payloads with one part repeated under new ids). These
 * check the parse is right at that scale; how fast it is, is the benchmark's business
 * (npm run bench:parsers, docs/benchmarks.md).
 */

const MIB = 1024 * 1024

function parse<T>(provider: string, shape: string, bytes: number): { built: Built; parsed: T } {
  const chosen = shapeNamed(provider, shape)
  const built = chosen.build(bytes)
  return { built, parsed: value(readBuilt(chosen, built)) as T }
}

const INSTRUCTURE = sampleJson('statuspage/instructure-summary-2021-12-07.json') as {
  incidents: { name: string; incident_updates: { body: string }[] }[]
}
const REAL_INCIDENT = INSTRUCTURE.incidents[0]

/** What the one-group shapes must give: every child in the group, in position order, 1 in 100 in a partial outage. */
function expectOneGroup(components: readonly Component[], count: number): void {
  expect(components).toHaveLength(count)
  expect(count).toBeGreaterThan(10_000)
  for (const index of [0, 1, 4_321, count - 1]) {
    const row = statuspageChild(index)
    expect(components[index]).toEqual({ id: row.id, name: row.name, groupId: STATUSPAGE_GROUP.id, status: row.status })
  }
  expect(components.filter((component) => component.status === 'partial_outage')).toHaveLength(Math.floor((count - 8) / 100) + 1)
}

describe('Statuspage summary.json at 2 MiB', () => {
  it('one group of tens of thousands of components', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'one group of N components', 2 * MIB)
    expect(parsed.groups).toEqual([{ id: STATUSPAGE_GROUP.id, name: STATUSPAGE_GROUP.name }])
    expectOneGroup(parsed.components, built.items)
    // The built page's indicator says minor; the partial outages are our worse reading.
    expect(parsed).toMatchObject({ level: 'minor', reading: 'major' })
  })

  it('one group of 39,557 bare rows (id and group only)', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'one group of N bare rows (id, group_id)', 2 * MIB)
    expect(built.items).toBe(39_557)
    expect(parsed.components).toHaveLength(39_557)
    expect(parsed.components[20_000]).toEqual({ id: idOf('c', 20_000), name: '', groupId: STATUSPAGE_GROUP.id, status: 'degraded_performance' })
    expect(new Set(parsed.components.map((component) => component.groupId))).toEqual(new Set([STATUSPAGE_GROUP.id]))
  })

  it('thousands of open incidents', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'N open incidents', MIB)
    expect(parsed.incidents).toHaveLength(built.items)
    const sample = parsed.incidents[built.items - 1]
    expect(sample).toMatchObject({ id: idOf('i', built.items - 1), name: REAL_INCIDENT?.name, status: 'identified', url: `https://stspg.io/${idOf('s', built.items - 1)}` })
    expect(sample?.updates.map((update) => [update.id, update.text])).toEqual([[idOf('u', built.items - 1), 'We are currently investigating this issue.']])
  })

  it('one incident with thousands of updates, newest first', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'one incident, N updates', MIB)
    const updates = parsed.incidents[0]?.updates ?? []
    expect(built.items).toBeGreaterThan(1_000)
    expect(updates).toHaveLength(built.items)
    expect(updates.map((update) => update.at)).toEqual(updates.map((_, index) => minuteBefore(index)))
    expect(updates[11]).toMatchObject({ id: idOf('u', 11), text: REAL_INCIDENT?.incident_updates[0]?.body })
  })

  it('one update body of thousands of HTML paragraphs, flattened paragraph by paragraph', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'one update body, N HTML paragraphs', MIB)
    const text = parsed.incidents[0]?.updates[0]?.text ?? ''
    const paragraphs = text.split('\n\n')
    expect(paragraphs).toHaveLength(built.items)
    expect(paragraphs[0]).toBe(`${REAL_INCIDENT?.incident_updates[0]?.body ?? ''} See AWS & our updates.`)
    expect(text).not.toMatch(/<|&amp;/)
  })

  it('one update body of hostile markup, every run read the same way', () => {
    const { built, parsed } = parse<Snapshot>('statuspage summary', 'one update body, N hostile markup runs', MIB)
    const text = parsed.incidents[0]?.updates[0]?.text ?? ''
    expect(text.match(/&& x > y/g)).toHaveLength(built.items)
    expect(text).toContain(`${built.items - 1} < ${built.items} && x > y`)
    for (const gone of ['\u202e', '\u0007', 'var t', '<script', '<!--']) expect(text).not.toContain(gone)
    expect(hostileMarkup(0)).toContain('<Tenant>')
    expect(text.match(/<Tenant>/g)).toHaveLength(built.items)
  })
})

describe('Statuspage’s other endpoints at 2 MiB', () => {
  it('components.json: one group of tens of thousands', () => {
    const { built, parsed } = parse<{ components: Component[] }>('statuspage components', 'one group of N components', 2 * MIB)
    expectOneGroup(parsed.components, built.items)
  })

  it('incidents.json: hundreds of incidents with all their updates', () => {
    const real = sampleJson('statuspage/codametrix-incidents-2026-08-02.json') as { incidents: { name: string; incident_updates: unknown[] }[] }
    const { built, parsed } = parse<Incident[]>('statuspage incidents', 'N incidents', 2 * MIB)
    expect(parsed).toHaveLength(built.items)
    const index = built.items - 1
    const source = real.incidents[index % real.incidents.length]
    expect(parsed[index]).toMatchObject({ id: idOf('i', index), name: source?.name })
    expect(parsed[index]?.updates).toHaveLength(source?.incident_updates.length ?? -1)
  })

  it('scheduled-maintenances.json: hundreds of maintenances', () => {
    const { built, parsed } = parse<Maintenance[]>('statuspage maintenances', 'N maintenances', 2 * MIB)
    expect(parsed).toHaveLength(built.items)
    expect(parsed.map((maintenance) => maintenance.id)).toEqual(parsed.map((_, index) => idOf('m', index)))
  })
})

describe('incident.io at 2 MiB', () => {
  it('compatible summary.json: one group of tens of thousands, under incident.io’s name', () => {
    const { built, parsed } = parse<Snapshot>('incidentio compat', 'one group of N components', 2 * MIB)
    expect(parsed.platform).toBe('incidentio')
    expectOneGroup(parsed.components, built.items)
  })

  it('compatible summary.json: thousands of open incidents', () => {
    const { built, parsed } = parse<Snapshot>('incidentio compat', 'N open incidents', MIB)
    expect(parsed.incidents.map((incident) => incident.id)).toEqual(Array.from({ length: built.items }, (_, index) => idOf('i', index)))
  })

  it('native: one group of thousands, 1 in 100 affected', () => {
    const { built, parsed } = parse<Snapshot>('incidentio native', 'one group of N components', 2 * MIB)
    expect(parsed.groups).toEqual([{ id: IO_GROUP_ID, name: 'APIs' }])
    expect(parsed.components).toHaveLength(built.items)
    expect(parsed.components[4_107]).toEqual({ id: idOf('c', 4_107), name: incidentioName(4_107), groupId: IO_GROUP_ID, status: 'partial_outage' })
    expect(parsed.components[4_108]).toEqual({ id: idOf('c', 4_108), name: incidentioName(4_108), groupId: IO_GROUP_ID, status: 'operational' })
    expect(parsed.components.filter((component) => component.status !== 'operational')).toHaveLength(Math.floor((built.items - 8) / 100) + 1)
  })

  it('native: thousands of open incidents', () => {
    const { built, parsed } = parse<Snapshot>('incidentio native', 'N open incidents', MIB)
    expect(parsed.incidents).toHaveLength(built.items)
    expect(parsed.incidents[built.items - 1]).toMatchObject({
      id: idOf('i', built.items - 1),
      name: 'New users may experience temporary delays in video generation capabilities',
      status: 'monitoring',
      impact: 'minor',
    })
  })

  it('native: one incident with thousands of updates, newest first', () => {
    const { built, parsed } = parse<Snapshot>('incidentio native', 'one incident, N updates', MIB)
    const updates = parsed.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    expect(updates.at(-1)).toMatchObject({ id: idOf('u', built.items - 1), at: minuteBefore(built.items - 1), status: 'monitoring' })
  })

  it('native: one ProseMirror message of thousands of paragraphs and lists', () => {
    const { built, parsed } = parse<Snapshot>('incidentio native', 'one ProseMirror message, N nodes', MIB)
    const text = parsed.incidents[0]?.updates[0]?.text ?? ''
    const lists = Math.floor(built.items / 2)
    const paragraph = (IO_PARAGRAPH.content as { text: string }[])[0]?.text ?? ''
    expect(text.split(paragraph)).toHaveLength(built.items - lists + 3 * lists + 1)
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(3 * lists)
  })

  it(`native: updates nested ${NESTED_DEPTH} deep, read to the depth the reader walks`, () => {
    const { built, parsed } = parse<Snapshot>('incidentio native', `N updates, ProseMirror ${NESTED_DEPTH} deep`, MIB)
    const updates = parsed.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    const paragraph = (IO_PARAGRAPH.content as { text: string }[])[0]?.text ?? ''
    const depthRead = (updates[0]?.text ?? '').split(paragraph).length - 1
    expect(depthRead).toBeGreaterThan(10)
    expect(depthRead).toBeLessThan(NESTED_DEPTH)
    expect(new Set(updates.map((update) => update.text)).size).toBe(1)
  })

  it('component history: thousands of impacts, links and uptimes', () => {
    const { built, parsed } = parse<ComponentHistory>('incidentio history', 'N impacts, links, uptimes', 2 * MIB)
    expect([parsed.incidents.length, parsed.impacts.length, parsed.uptimes.length]).toEqual([built.items, built.items, built.items])
    expect(parsed.impacts[1_234]).toMatchObject({ id: idOf('m', 1_234), componentId: idOf('c', 234), incidentId: idOf('i', 1_234), status: 'degraded_performance' })
  })
})
