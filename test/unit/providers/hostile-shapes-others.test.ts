import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import { parseBetterStackHistory } from '../../../src/providers/betterstack.ts'
import { parseFeedHistory } from '../../../src/providers/feed.ts'
import {
  AWS_REGIONS,
  awsArn,
  BS_SECTION,
  betterStackResource,
  idOf,
  INSTATUS_GROUP,
  instatusComponent,
  minuteBefore,
  readBuilt,
  shapeNamed,
  type Built,
} from '../../../scripts/bench/shapes.ts'
import { value } from '../../support/result.ts'
import { sampleJson } from '../../support/samples.ts'

/**
 * Instatus, Better Stack, AWS and feeds on the worst bodies a page can send within the poll's
 * 2 MiB (scripts/bench/shapes.ts: the recorded payloads with one part repeated under new ids).
 * These check the parse is right at that scale; its speed is the benchmark's business.
 */

const MIB = 1024 * 1024

function parse(provider: string, shape: string, bytes: number): { built: Built; snapshot: Snapshot } {
  const chosen = shapeNamed(provider, shape)
  const built = chosen.build(bytes)
  return { built, snapshot: value(readBuilt(chosen, built)) as Snapshot }
}

const text = (built: Built): string => new TextDecoder().decode(built.bodies[0]?.bytes)

const TOGETHER_UPDATES = (sampleJson('betterstack/together-index-2026-09-04.json') as { included: { type: string; attributes: { message?: string } }[] }).included
  .filter((item) => item.type === 'status_update')
  .map((item) => item.attributes.message ?? '')

describe('Instatus at 2 MiB', () => {
  it('one group of thousands of components, from the companion components.json', () => {
    const { built, snapshot } = parse('instatus', 'one group of N components', 2 * MIB)
    expect(built.items).toBeGreaterThan(10_000)
    expect(snapshot.groups).toEqual([INSTATUS_GROUP])
    expect(snapshot.components).toHaveLength(built.items)
    const sample = instatusComponent(9_876)
    expect(snapshot.components[9_876]).toEqual({ id: sample.id, name: sample.name, groupId: INSTATUS_GROUP.id, status: 'operational' })
  })

  it('thousands of incidents and maintenances', () => {
    const { built, snapshot } = parse('instatus', 'N incidents + N maintenances', 2 * MIB)
    expect(snapshot.incidents).toHaveLength(built.items)
    expect(snapshot.maintenances).toHaveLength(built.items)
    expect(snapshot.incidents[1_000]).toMatchObject({ id: idOf('i', 1_000), status: 'identified', impact: 'critical', startedAt: minuteBefore(1_000) })
    expect(snapshot.maintenances[1_000]).toMatchObject({ id: idOf('m', 1_000), status: 'scheduled', scheduledFor: minuteBefore(-1_000), scheduledUntil: minuteBefore(-1_000) + 120 * 60_000 })
    // The built page says HASISSUES (minor); its critical incidents are our worse reading.
    expect(snapshot).toMatchObject({ level: 'minor', reading: 'critical' })
  })
})

describe('Better Stack at 2 MiB', () => {
  it('one section of thousands of resources, in position order', () => {
    const { built, snapshot } = parse('betterstack', 'one section of N resources', 2 * MIB)
    expect(snapshot.groups).toEqual([{ id: BS_SECTION.id, name: 'Website' }])
    expect(snapshot.components).toHaveLength(built.items)
    const sample = betterStackResource(2_000) as { attributes: { public_name: string } }
    expect(snapshot.components[2_000]).toEqual({ id: idOf('r', 2_000), name: sample.attributes.public_name, groupId: BS_SECTION.id, status: 'operational' })
  })

  it('hundreds of reports, each with its own two updates, newest first', () => {
    const { built } = parse('betterstack', 'N reports × 2 updates', 2 * MIB)
    const history = value(parseBetterStackHistory(JSON.parse(text(built))))
    expect(history.incidents).toHaveLength(Math.floor(built.items / 2))
    expect(history.maintenances).toHaveLength(Math.ceil(built.items / 2))
    const report = built.items - 1 - ((built.items - 1) % 2 === 1 ? 0 : 1)
    const incident = history.incidents.find((candidate) => candidate.id === idOf('p', report))
    expect(incident?.updates.map((update) => [update.id, update.text, update.at])).toEqual([
      [idOf('s', 2 * report), TOGETHER_UPDATES[0], minuteBefore(2 * report)],
      [idOf('s', 2 * report + 1), TOGETHER_UPDATES[1]?.replaceAll(' \n', '\n'), minuteBefore(2 * report + 1)],
    ])
  })

  it('thousands of bare reports, each finding the update that names it', () => {
    const { built, snapshot } = parse('betterstack', 'N bare reports, 1 update each', 2 * MIB)
    expect(snapshot.incidents).toEqual([])
    const history = value(parseBetterStackHistory(JSON.parse(text(built))))
    expect(history.incidents).toHaveLength(built.items)
    expect(history.incidents.every((incident, index) => incident.updates.length === 1 && incident.updates[0]?.id === idOf('s', index))).toBe(true)
  })

  it('one open report with thousands of updates, newest first', () => {
    const { built, snapshot } = parse('betterstack', 'one report, N updates', 2 * MIB)
    const updates = snapshot.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    expect(updates.map((update) => update.id)).toEqual(Array.from({ length: built.items }, (_, index) => idOf('s', index)))
    expect(updates.map((update) => update.status)).toEqual(['investigating', ...updates.slice(1).map(() => 'investigating')])
  })

  it('one open report with hundreds of 2 KB updates', () => {
    const { built, snapshot } = parse('betterstack', 'one report, N updates of 2 KB', 2 * MIB)
    const updates = snapshot.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    expect(updates[7]?.text.match(/\(7\)/g)).toHaveLength(5)
  })
})

describe('AWS at 2 MiB (UTF-16)', () => {
  it('thousands of events across five regions', () => {
    const { built, snapshot } = parse('aws', 'N events', 2 * MIB)
    expect(snapshot.incidents).toHaveLength(built.items)
    expect(snapshot.groups.map((group) => group.id)).toEqual(AWS_REGIONS)
    expect(snapshot.incidents[777]).toMatchObject({ id: awsArn(777), name: 'Increased Error Rates (Multiple services, UAE)', impact: 'critical', startedAt: minuteBefore(777) })
    expect(snapshot.components.map((component) => component.id)).toEqual(['signin-me-central-1', 'sts-me-central-1', 'bedrock-me-central-1'])
  })

  it('one event with thousands of log entries, newest first, ids counted from the oldest', () => {
    const { built, snapshot } = parse('aws', 'one event, N log entries', 2 * MIB)
    const [incident] = snapshot.incidents
    expect(incident?.updates).toHaveLength(built.items)
    expect(incident?.updates[0]).toMatchObject({ id: `${incident?.id ?? ''}#${built.items}`, at: minuteBefore(0) })
    expect(incident?.updates.at(-1)).toMatchObject({ id: `${incident?.id ?? ''}#1`, at: minuteBefore(built.items - 1) })
  })

  it('one event with thousands of services', () => {
    const { built, snapshot } = parse('aws', 'one event, N services', 2 * MIB)
    expect(snapshot.components).toHaveLength(built.items)
    expect(snapshot.components[5_000]).toEqual({ id: `svc${idOf('', 5_000)}-me-central-1`, name: 'Service 5000', groupId: 'me-central-1', status: 'partial_outage' })
    expect(snapshot.incidents[0]?.componentIds).toHaveLength(built.items)
  })
})

describe('Feeds at 2 MiB', () => {
  const JULY_9 = (hour: number, minute: number, year = 2026): number => Date.UTC(year, 6, 9, hour, minute)

  it('Atom: thousands of entries, each an ongoing incident with its three updates', () => {
    const { built, snapshot } = parse('feed atom', 'N entries', 2 * MIB)
    expect(snapshot.incidents).toHaveLength(built.items)
    const code = idOf('x', 1_500)
    expect(snapshot.incidents[1_500]).toMatchObject({ id: code, name: 'Delays starting Actions runs', status: 'investigating', url: `https://www.githubstatus.com/incidents/${code}` })
    expect(snapshot.incidents[1_500]?.updates.map((update) => [update.id, update.at])).toEqual([
      [`${code}#3`, JULY_9(6, 1)],
      [`${code}#2`, JULY_9(4, 51)],
      [`${code}#1`, JULY_9(4, 34)],
    ])
  })

  it('Atom: one entry with thousands of updates, each status carried from the last label that had one', () => {
    const { built, snapshot } = parse('feed atom', 'one entry, N updates', 2 * MIB)
    const updates = snapshot.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    expect(updates.slice(0, 4).map((update) => [update.id, update.status, update.at])).toEqual([
      [`${idOf('x', 0)}#${built.items}`, 'identified', JULY_9(23, 59)],
      [`${idOf('x', 0)}#${built.items - 1}`, 'identified', JULY_9(23, 58)],
      [`${idOf('x', 0)}#${built.items - 2}`, 'monitoring', JULY_9(23, 57)],
      // An Update carries the status of the older update before it: here Identified.
      [`${idOf('x', 0)}#${built.items - 3}`, 'identified', JULY_9(23, 56)],
    ])
    expect(updates[1_440]?.at).toBe(Date.UTC(2026, 6, 8, 23, 59))
  })

  it('Atom: one update that runs for 2 MiB', () => {
    const { built, snapshot } = parse('feed atom', 'one update, N sentences', 2 * MIB)
    const [update, ...others] = snapshot.incidents[0]?.updates ?? []
    expect(others).toEqual([])
    expect(update?.text.match(/a mitigation \(\d+\)\./g)).toHaveLength(built.items - 1)
    expect(update?.text).toContain(`a mitigation (${built.items - 1}).`)
  })

  it('Atom: hundreds of thousands of declarations before one entry', () => {
    const { built, snapshot } = parse('feed atom', 'N declarations <!x> before an entry', 2 * MIB)
    expect(built.items).toBeGreaterThan(500_000)
    expect(snapshot.incidents.map((incident) => incident.id)).toEqual([idOf('x', 0)])
  })

  it('RSS: thousands of items, all resolved', () => {
    const { built, snapshot } = parse('feed rss', 'N items', 2 * MIB)
    expect(snapshot.incidents).toEqual([])
    const history = value(parseFeedHistory(text(built)))
    expect(history.entries).toHaveLength(built.items)
    expect(history.entries[1_800]).toMatchObject({ id: idOf('x', 1_800), name: 'Elevated errors on Claude models', status: 'resolved', ongoing: false })
  })

  it('RSS: one item with thousands of updates, stamped the year before the item', () => {
    const { built, snapshot } = parse('feed rss', 'one item, N updates', 2 * MIB)
    const updates = snapshot.incidents[0]?.updates ?? []
    expect(updates).toHaveLength(built.items)
    expect(updates[0]?.at).toBe(JULY_9(23, 59, 2025))
  })
})
