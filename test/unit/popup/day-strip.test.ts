import { afterEach, describe, expect, it } from 'vitest'
import type { Impact, Snapshot } from '../../../src/model.ts'
import type { HistoryMark } from '../../../extension/messaging/protocol.ts'
import { dayStrip, NAMES_SHOWN, STRIP_DAYS } from '../../../extension/popup/view/day-strip.ts'
import { first, healthySnapshot, maintenanceSnapshot, NOW, openaiSnapshot } from '../../support/popup-states.ts'

const PAGE = 'status.openai.com'
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** NOW is 2025-04-08 18:00 UTC (the suite's zone); today starts at midnight. */
const TODAY = Date.UTC(2025, 3, 8)

const mark = (at: number, impact: Impact, name: string, pageKey = PAGE): HistoryMark => ({ at, kind: impact === 'none' ? 'incident_resolved' : 'incident_opened', pageKey, impact, name })
const calm = healthySnapshot()

function last<T>(items: readonly T[]): T {
  return first([...items].reverse())
}

describe('dayStrip: the last 7 days of one page', () => {
  const zone = process.env.TZ
  afterEach(() => {
    process.env.TZ = zone
  })

  it('gives 7 cells, oldest first, each starting at local midnight, today last and named so', () => {
    const cells = dayStrip([], calm, NOW, PAGE)
    expect(cells).toHaveLength(STRIP_DAYS)
    expect(cells.map((c) => c.dayStart)).toEqual([6, 5, 4, 3, 2, 1, 0].map((back) => TODAY - back * DAY))
    expect(last(cells).label).toBe('Today (Tue, Apr 8): nothing recorded')
    expect(first(cells).label).toBe('Wed, Apr 2: nothing recorded')
    expect(cells.every((c) => c.worst === null && c.names.length === 0)).toBe(true)
  })

  it('cuts days at local midnight, across a daylight-saving change (a 23-hour day)', () => {
    process.env.TZ = 'America/New_York'
    // 2025-03-10 10:00 EDT; 2025-03-09 was 23 hours long (clocks went forward at 02:00).
    const now = Date.UTC(2025, 2, 10, 14)
    const midnight10 = Date.UTC(2025, 2, 10, 4)
    const midnight9 = Date.UTC(2025, 2, 9, 5)
    const cells = dayStrip([mark(midnight10 - 1, 'major', 'Late last night'), mark(midnight10, 'minor', 'Just after midnight')], null, now, PAGE)
    expect(last(cells).dayStart).toBe(midnight10)
    expect(cells[5]?.dayStart).toBe(midnight9)
    expect(midnight10 - midnight9).toBe(23 * HOUR)
    expect(cells[4]?.dayStart).toBe(midnight9 - DAY)
    expect(last(cells)).toMatchObject({ worst: 'minor', names: ['Just after midnight'] })
    expect(cells[5]).toMatchObject({ worst: 'major', names: ['Late last night'] })
  })

  it("colours a day by its worst impact and says it in words, worst names first", () => {
    const day = TODAY - 2 * DAY
    const cells = dayStrip([mark(day + HOUR, 'minor', 'Slow logins'), mark(day + 2 * HOUR, 'critical', 'Everything down'), mark(day + 3 * HOUR, 'none', 'Chat'), mark(day + 4 * HOUR, 'maintenance', 'DB upgrade')], calm, NOW, PAGE)
    expect(cells[4]).toEqual({ dayStart: day, worst: 'critical', names: ['Everything down', 'Slow logins', 'DB upgrade'], label: 'Sun, Apr 6: worst critical — Everything down; Slow logins; DB upgrade' })
  })

  it('a day of only recoveries is calm, not empty, and names nothing', () => {
    const day = TODAY - DAY
    const cell = dayStrip([mark(day + HOUR, 'none', 'Chat')], calm, NOW, PAGE)[5]
    expect(cell).toEqual({ dayStart: day, worst: 'none', names: [], label: 'Mon, Apr 7: no incidents, only recoveries or calm checks' })
  })

  it("counts the snapshot's ongoing incident today, with its name, though history has nothing", () => {
    const snapshot = openaiSnapshot()
    const incident = first(snapshot.incidents)
    const cells = dayStrip([], snapshot, NOW, PAGE)
    expect(last(cells)).toMatchObject({ worst: incident.impact, names: [incident.name] })
    expect(last(cells).label).toBe(`Today (Tue, Apr 8): worst minor — ${incident.name}`)
    expect(cells.slice(0, 6).every((c) => c.worst === null)).toBe(true)
  })

  it('an ongoing incident that began 2 days ago colours every day since; one from before the window, all 7', () => {
    const base = openaiSnapshot()
    const incident = first(base.incidents)
    const since = (startedAt: number): Snapshot => ({ ...base, incidents: [{ ...incident, impact: 'major', startedAt }] })
    expect(dayStrip([], since(TODAY - 2 * DAY + 20 * HOUR), NOW, PAGE).map((c) => c.worst)).toEqual([null, null, null, null, 'major', 'major', 'major'])
    expect(dayStrip([], since(TODAY - 30 * DAY), NOW, PAGE).map((c) => c.worst)).toEqual(Array(7).fill('major'))
  })

  it('a maintenance in progress counts today; a scheduled one does not', () => {
    const snapshot = maintenanceSnapshot()
    const inProgress = snapshot.maintenances.filter((m) => m.status === 'in_progress').map((m) => m.name)
    expect(inProgress.length).toBeGreaterThan(0)
    const today = last(dayStrip([], { ...snapshot, incidents: [], maintenances: snapshot.maintenances.map((m) => ({ ...m, scheduledFor: NOW })) }, NOW, 'status.example.com'))
    expect(today).toMatchObject({ worst: 'maintenance', names: inProgress })
  })

  it("ignores other pages' entries, and entries before the window or after today", () => {
    const cells = dayStrip(
      [mark(NOW - HOUR, 'critical', 'Someone else', 'status.other.example'), mark(TODAY - 6 * DAY - 1, 'major', 'Too old'), mark(TODAY + DAY, 'major', 'Tomorrow')],
      calm,
      NOW,
      PAGE,
    )
    expect(cells.every((c) => c.worst === null)).toBe(true)
  })

  it(`names each thing once, at its worst, and shows ${NAMES_SHOWN} then "+N more"`, () => {
    const at = TODAY + HOUR
    const marks = [mark(at, 'minor', 'A'), mark(at + 1, 'minor', 'B'), mark(at + 2, 'major', 'A'), mark(at + 3, 'minor', 'C'), mark(at + 4, 'minor', 'D'), mark(at + 5, 'minor', '  B ')]
    const today = last(dayStrip(marks, calm, NOW, PAGE))
    expect(today.names).toEqual(['A', 'B', 'C', 'D'])
    expect(today.label).toBe('Today (Tue, Apr 8): worst major — A; B; C; +1 more')
  })

  it('a very long name is cut in the label, and markup in a name stays text', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const long = 'x'.repeat(300)
    const today = last(dayStrip([mark(TODAY + HOUR, 'major', hostile), mark(TODAY + 2 * HOUR, 'minor', long)], calm, NOW, PAGE))
    expect(today.names).toEqual([hostile, `${'x'.repeat(79)}…`])
    expect(today.label).toContain(hostile)
  })
})
