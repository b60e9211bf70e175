import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../../src/diff.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import { ORDINARY_POLL, type Occasion } from '../../../src/history/occasion.ts'
import type { PastItems } from '../../../src/history/read-past.ts'
import { BACKFILL_MAX, BACKFILL_MS, backfillEvents, withPast } from '../../../src/history/reconcile.ts'
import type { Incident, Maintenance, Snapshot } from '../../../src/model.ts'
import type { PollError } from '../../../src/poll-error.ts'
import { parseIncidents, parseScheduledMaintenances, parseSummary } from '../../../src/providers/statuspage.ts'
import type { Result } from '../../../src/result.ts'
import type { SeenState } from '../../../src/seen-state.ts'
import { editedSample, isObject, sampleJson } from '../../support/samples.ts'

// CodaMetrix, recorded 2026-08-02: a summary with nothing ongoing, its last 15 incidents and its maintenances.
const BASE = new URL('https://status.codametrix.com')
const SUMMARY = 'statuspage/codametrix-summary-2026-08-02.json'
const INCIDENTS = 'statuspage/codametrix-incidents-2026-08-02.json'
const MAINTENANCES = 'statuspage/codametrix-scheduled-maintenances-2026-08-02.json'

const DASHBOARD = 'q7gd3y91r8sd' // "Dashboard delay": identified → monitoring → resolved, 2026-05-08
const IDENTIFIED_AT = Date.parse('2026-05-08T10:49:55.000-04:00') // display_at (created 10:49:55.936)
const MONITORING_AT = Date.parse('2026-05-08T15:54:54.117-04:00')
const RESOLVED_AT = Date.parse('2026-05-08T16:54:24.137-04:00')
const ROUTINE = '17cb5x66pljj' // "Routine Maintenance - Minor delays possible", completed 2026-07-18

function value<T>(result: Result<T, PollError>): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const realSummary = (): Snapshot => value(parseSummary(sampleJson(SUMMARY), BASE))
const history = (): Incident[] => value(parseIncidents(sampleJson(INCIDENTS), BASE))
const maintenanceHistory = (): Maintenance[] => value(parseScheduledMaintenances(sampleJson(MAINTENANCES), BASE))
/** The list as the page served it at `at`: nothing that started later. */
const historyAsOf = (at: number): Incident[] => history().filter((i) => i.startedAt !== null && i.startedAt <= at)
function dashboard(): Incident {
  const found = history().find((i) => i.id === DASHBOARD)
  if (found === undefined) throw new Error('no Dashboard delay')
  return found
}
const past = (incidents: readonly Incident[], maintenances: readonly Maintenance[] = [], sameUpdateIds = true): PastItems => ({ incidents, maintenances, sameUpdateIds, problems: [] })

/** The raw record `id` of a recorded list, a fresh copy. */
function rawRecord(file: string, key: string, id: string): Record<string, unknown> {
  const root = sampleJson(file)
  const list: unknown = isObject(root) ? root[key] : undefined
  const found: unknown = Array.isArray(list) ? list.find((r: unknown) => isObject(r) && r.id === id) : undefined
  if (!isObject(found)) throw new Error(`${id} not in ${file}`)
  return found
}

/** The updates of a raw record whose status is one of `statuses`. */
function keepUpdates(record: Record<string, unknown>, statuses: readonly string[]): unknown[] {
  const updates: unknown = record.incident_updates
  return Array.isArray(updates) ? updates.filter((u: unknown) => isObject(u) && typeof u.status === 'string' && statuses.includes(u.status)) : []
}

/** The real summary as it was on 2026-05-08 at 11:00 ET: "Dashboard delay" identified, nothing more yet. */
function summaryWithDashboardOpen(): Snapshot {
  const incident = rawRecord(INCIDENTS, 'incidents', DASHBOARD)
  const open = { ...incident, status: 'identified', resolved_at: null, incident_updates: keepUpdates(incident, ['identified']) }
  return value(parseSummary(editedSample(SUMMARY, (root) => void (root.incidents = [open])), BASE))
}

/** Seen as the first answer would leave it. */
const seenOf = (snapshot: Snapshot): SeenState => diffSnapshot(null, snapshot).seen

const catchUp = (since: number): Occasion => ({ kind: 'catch_up', since, why: 'away' })

/** What the monitor does: the history joins the diff's input, the gap option on a catch-up. */
function told(seen: SeenState, snapshot: Snapshot, items: PastItems, occasion: Occasion): { events: MonitorEvent[]; seen: SeenState } {
  return diffSnapshot(seen, withPast(snapshot, seen, items, occasion), { gap: occasion.kind === 'catch_up' })
}

const brief = (events: readonly MonitorEvent[]) =>
  events.map((e) => ('update' in e ? { key: e.key, update: e.update === null ? null : { id: e.update.id, status: e.update.status, at: e.update.at } } : { key: e.key }))

describe('the recorded CodaMetrix payloads', () => {
  it('hold what these tests rely on', () => {
    expect(history()).toHaveLength(15)
    expect(realSummary().incidents).toEqual([])
    expect(realSummary().maintenances).toEqual([])
    expect(dashboard()).toMatchObject({ name: 'Dashboard delay', status: 'resolved', impact: 'minor', startedAt: Date.parse('2026-05-08T10:49:55.000-04:00'), componentIds: ['c7ddhzc8g0yn'] })
    expect(dashboard().updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['7ty6qyvxmmqs', 'resolved', RESOLVED_AT],
      ['17b54ygb1k1x', 'monitoring', MONITORING_AT],
      ['gnvhp9hydhcb', 'identified', IDENTIFIED_AT],
    ])
  })
})

describe('withPast: an open incident the summary dropped', () => {
  it('resolved in the history: its unseen update, then the page\'s own resolution, at the first answer', () => {
    const seen = seenOf(summaryWithDashboardOpen())
    expect(seen.incidents.map((r) => [r.id, r.open, r.updateIds])).toEqual([[DASHBOARD, true, ['gnvhp9hydhcb']]])

    const summary = realSummary()
    const { events, seen: after } = told(seen, summary, past(history()), ORDINARY_POLL)
    expect(brief(events)).toEqual([
      { key: `incident:${DASHBOARD}:update:17b54ygb1k1x`, update: { id: '17b54ygb1k1x', status: 'monitoring', at: MONITORING_AT } },
      { key: `incident:${DASHBOARD}:resolved`, update: { id: '7ty6qyvxmmqs', status: 'resolved', at: RESOLVED_AT } },
    ])
    expect(events.map((e) => e.kind)).toEqual(['incident_updated', 'incident_resolved'])
    const [update, resolution] = events
    expect(update && 'update' in update ? update.update?.text : null).toBe('A fix has been implemented and we are monitoring the results.')
    expect(resolution && 'update' in resolution ? resolution.update?.text : null).toBe('This incident has been resolved.')
    expect(resolution && 'incident' in resolution ? resolution.incident.name : null).toBe('Dashboard delay')
    // Decided now: nothing left missing, and the same answer again is quiet.
    expect(after.missingIncidents).toEqual([])
    expect(after.incidents.map((r) => [r.id, r.open])).toEqual([[DASHBOARD, false]])
    expect(told(after, summary, past(history()), ORDINARY_POLL).events).toEqual([])
    // The stored snapshot is not touched: it stays what is ongoing now.
    expect(summary.incidents).toEqual([])
  })

  it("from a source with other update ids (incident.io's compatible list): only the closing word, no update re-told", () => {
    const seen = seenOf(summaryWithDashboardOpen())
    const { events } = told(seen, realSummary(), past(history(), [], false), ORDINARY_POLL)
    expect(brief(events)).toEqual([{ key: `incident:${DASHBOARD}:resolved`, update: { id: '7ty6qyvxmmqs', status: 'resolved', at: RESOLVED_AT } }])
    const stillOpen = history().map((i) => (i.id === DASHBOARD ? { ...i, status: 'monitoring' as const, updates: i.updates.slice(1) } : i))
    const quiet = told(seen, realSummary(), past(stillOpen, [], false), ORDINARY_POLL)
    expect(quiet.events).toEqual([])
    expect(quiet.seen.missingIncidents).toEqual([])
  })

  it('still open in the history: stays listed, nothing said, not missing', () => {
    const seen = seenOf(summaryWithDashboardOpen())
    const stillOpen = history().map((i) =>
      i.id === DASHBOARD ? { ...i, status: 'identified' as const, updates: i.updates.filter((u) => u.status === 'identified') } : i,
    )
    const { events, seen: after } = told(seen, realSummary(), past(stillOpen), ORDINARY_POLL)
    expect(events).toEqual([])
    expect(after.missingIncidents).toEqual([])
    expect(after.incidents.map((r) => [r.id, r.open])).toEqual([[DASHBOARD, true]])
  })

  it('not in the history: the two-answer rule, ended with no words', () => {
    const seen = seenOf(summaryWithDashboardOpen())
    const without = past(history().filter((i) => i.id !== DASHBOARD))
    const first = told(seen, realSummary(), without, ORDINARY_POLL)
    expect(first.events).toEqual([])
    expect(first.seen.missingIncidents.map((r) => r.id)).toEqual([DASHBOARD])
    const second = told(first.seen, realSummary(), without, ORDINARY_POLL)
    expect(brief(second.events)).toEqual([{ key: `incident:${DASHBOARD}:resolved`, update: null }])
    expect(second.seen.missingIncidents).toEqual([])
  })

  it('the history read failed (empty): the same two-answer rule', () => {
    const seen = seenOf(summaryWithDashboardOpen())
    const first = told(seen, realSummary(), past([]), ORDINARY_POLL)
    expect(first.events).toEqual([])
    expect(brief(told(first.seen, realSummary(), past([]), ORDINARY_POLL).events)).toEqual([{ key: `incident:${DASHBOARD}:resolved`, update: null }])
  })
})

describe('withPast: a catch-up', () => {
  const healthySeen = (): SeenState => seenOf(realSummary())

  it('tells each unseen incident closed inside the window as opened and resolved, at their real times', () => {
    const { events } = told(healthySeen(), realSummary(), past(history()), catchUp(Date.parse('2026-05-08T00:00:00-04:00')))
    expect(brief(events)).toEqual([
      // "Important Notice: Scheduled System Update": its one update is the resolution, so it never opened.
      { key: 'incident:ypr5f65wbzrw:resolved', update: { id: '1sbhl8nzwp3p', status: 'resolved', at: Date.parse('2026-06-29T18:00:48.129-04:00') } },
      { key: 'incident:83dyq5fyccv9:opened', update: { id: '8j4t0qmt5h5k', status: 'investigating', at: Date.parse('2026-06-26T19:05:39.076-04:00') } },
      { key: 'incident:83dyq5fyccv9:resolved', update: { id: '0fm83jzscmxd', status: 'resolved', at: Date.parse('2026-06-28T08:12:29.725-04:00') } },
      { key: `incident:${DASHBOARD}:opened`, update: { id: 'gnvhp9hydhcb', status: 'identified', at: IDENTIFIED_AT } },
      { key: `incident:${DASHBOARD}:resolved`, update: { id: '7ty6qyvxmmqs', status: 'resolved', at: RESOLVED_AT } },
    ])
  })

  it('without the gap option only the end would be new: the option is what tells the opening', () => {
    const seen = healthySeen()
    const joined = withPast(realSummary(), seen, past(history()), catchUp(Date.parse('2026-06-01T00:00:00-04:00')))
    expect(diffSnapshot(seen, joined).events.map((e) => e.kind)).toEqual(['incident_resolved', 'incident_resolved'])
  })

  it('one closed before the window is the past: nothing', () => {
    const { events } = told(healthySeen(), realSummary(), past(history()), catchUp(RESOLVED_AT + 1))
    expect(events.map((e) => e.key)).toEqual(['incident:ypr5f65wbzrw:resolved', 'incident:83dyq5fyccv9:opened', 'incident:83dyq5fyccv9:resolved'])
    // Closed exactly at the window's start still counts.
    expect(told(healthySeen(), realSummary(), past([dashboard()]), catchUp(RESOLVED_AT)).events).toHaveLength(2)
  })

  it('one already known (told resolved, then gone from the list) is not told again', () => {
    const resolved = told(seenOf(summaryWithDashboardOpen()), realSummary(), past(history()), ORDINARY_POLL).seen
    const gone = diffSnapshot(resolved, realSummary()).seen
    expect(gone.goneIncidents.map((r) => r.id)).toEqual([DASHBOARD])
    for (const seen of [resolved, gone]) {
      const { events } = told(seen, realSummary(), past(history()), catchUp(Date.parse('2026-05-08T00:00:00-04:00')))
      expect(events.filter((e) => e.key.includes(DASHBOARD))).toEqual([])
      expect(events).toHaveLength(3)
    }
  })

  it('an ordinary poll never adds unseen closed incidents: the snapshot comes back as it was', () => {
    const summary = realSummary()
    expect(withPast(summary, healthySeen(), past(history(), maintenanceHistory()), ORDINARY_POLL)).toBe(summary)
  })

  it('an incident still listed in the summary is taken from the summary, not the history', () => {
    const summary = summaryWithDashboardOpen()
    const seen = seenOf(summary)
    const joined = withPast(summary, seen, past(history()), ORDINARY_POLL)
    expect(joined).toBe(summary)
  })
})

describe('withPast: a started maintenance the summary dropped', () => {
  function summaryWithRoutine(status: 'in_progress' | 'scheduled'): Snapshot {
    const raw = rawRecord(MAINTENANCES, 'scheduled_maintenances', ROUTINE)
    const statuses = status === 'in_progress' ? ['scheduled', 'in_progress'] : ['scheduled']
    const ongoing = { ...raw, status, resolved_at: null, incident_updates: keepUpdates(raw, statuses) }
    return value(parseSummary(editedSample(SUMMARY, (root) => void (root.scheduled_maintenances = [ongoing])), BASE))
  }

  it('completed in the history: completed at the first answer, with the page\'s words on it', () => {
    const seen = seenOf(summaryWithRoutine('in_progress'))
    expect(seen.maintenances.map((r) => [r.id, r.phase])).toEqual([[ROUTINE, 'started']])
    const { events, seen: after } = told(seen, realSummary(), past([], maintenanceHistory()), ORDINARY_POLL)
    expect(events.map((e) => [e.kind, e.key])).toEqual([['maintenance_completed', `maintenance:${ROUTINE}:completed`]])
    const [completed] = events
    const maintenance = completed && 'maintenance' in completed ? completed.maintenance : null
    expect(maintenance?.name).toBe('Routine Maintenance - Minor delays possible')
    expect(maintenance?.updates[0]).toEqual({
      id: 'crqnfmkhyhsb',
      status: 'completed',
      text: 'The scheduled maintenance has been completed.',
      at: Date.parse('2026-07-18T16:00:07.719-04:00'),
    })
    expect(after.missingMaintenances).toEqual([])
  })

  it('not in the history: completed only at the second answer', () => {
    const seen = seenOf(summaryWithRoutine('in_progress'))
    const first = told(seen, realSummary(), past([]), ORDINARY_POLL)
    expect(first.events).toEqual([])
    expect(told(first.seen, realSummary(), past([]), ORDINARY_POLL).events.map((e) => e.key)).toEqual([`maintenance:${ROUTINE}:completed`])
  })

  it('a scheduled one that dropped is a cancellation: the history does not bring it back', () => {
    const seen = seenOf(summaryWithRoutine('scheduled'))
    const summary = realSummary()
    expect(withPast(summary, seen, past([], maintenanceHistory()), ORDINARY_POLL)).toBe(summary)
    expect(told(seen, summary, past([], maintenanceHistory()), ORDINARY_POLL).events).toEqual([])
  })
})

describe('backfillEvents: a page seen for the first time', () => {
  it('tells the closed incidents of the last 7 days as opened and resolved, at their times', () => {
    const now = Date.parse('2026-07-01T00:00:00-04:00')
    expect(brief(backfillEvents(realSummary(), past(history()), now))).toEqual([
      { key: 'incident:ypr5f65wbzrw:resolved', update: { id: '1sbhl8nzwp3p', status: 'resolved', at: Date.parse('2026-06-29T18:00:48.129-04:00') } },
      { key: 'incident:83dyq5fyccv9:opened', update: { id: '8j4t0qmt5h5k', status: 'investigating', at: Date.parse('2026-06-26T19:05:39.076-04:00') } },
      { key: 'incident:83dyq5fyccv9:resolved', update: { id: '0fm83jzscmxd', status: 'resolved', at: Date.parse('2026-06-28T08:12:29.725-04:00') } },
    ])
  })

  it('nothing older than 7 days: the edge is the last activity', () => {
    const edge = RESOLVED_AT + BACKFILL_MS
    expect(backfillEvents(realSummary(), past(historyAsOf(edge)), edge).map((e) => e.key)).toEqual([`incident:${DASHBOARD}:opened`, `incident:${DASHBOARD}:resolved`])
    expect(backfillEvents(realSummary(), past(historyAsOf(edge + 1)), edge + 1)).toEqual([])
    // The recording's own day: the newest closed one is a month old.
    expect(backfillEvents(realSummary(), past(history()), Date.parse('2026-08-02T15:00:00-04:00'))).toEqual([])
  })

  it('no open incident and none the summary lists: those are told as ongoing, not as history', () => {
    const now = RESOLVED_AT + 60_000
    const open = { ...dashboard(), id: 'still-open', status: 'monitoring' as const, updates: dashboard().updates.slice(1) }
    expect(backfillEvents(realSummary(), past([open]), now)).toEqual([])
    expect(backfillEvents(summaryWithDashboardOpen(), past([dashboard()]), now)).toEqual([])
  })

  it('at most BACKFILL_MAX incidents, the newest (the list comes newest first)', () => {
    const hour = 3_600_000
    const many = Array.from({ length: BACKFILL_MAX + 10 }, (_, n): Incident => ({
      ...dashboard(),
      id: `copy-${n}`,
      updates: dashboard().updates.map((u) => ({ ...u, id: `${u.id}-${n}`, at: (u.at ?? 0) - n * hour })),
    }))
    const events = backfillEvents(realSummary(), past(many), RESOLVED_AT)
    const ids = [...new Set(events.map((e) => ('incident' in e ? e.incident.id : '')))]
    expect(ids).toEqual(many.slice(0, BACKFILL_MAX).map((i) => i.id))
    expect(events.map((e) => e.kind)).toEqual(Array.from({ length: BACKFILL_MAX }, () => ['incident_opened', 'incident_resolved']).flat())
  })
})
