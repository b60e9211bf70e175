import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../../src/diff.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Component, Incident, Maintenance, Snapshot } from '../../../src/model.ts'
import { parseProxySummary } from '../../../src/providers/incidentio.ts'
import { notificationsFor, type CoalesceContext } from '../../../src/text/coalesce.ts'
import { awayWords, catchUpSummary, firstSightSummary } from '../../../src/text/occasion-summary.ts'
import { sampleJson } from '../../support/samples.ts'

// vitest pins TZ=UTC (vitest.config.ts): the clock words below are UTC.

const MIN = 60_000
const HOUR = 60 * MIN

function openaiSnapshot(): Snapshot {
  const parsed = parseProxySummary(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'), new URL('https://status.openai.com/'))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value
}

describe('firstSightSummary on the real OpenAI summary (2025-04-08)', () => {
  it('one line of counts, then the names: one incident ongoing, Video generation degraded', () => {
    const snapshot = openaiSnapshot()
    const { events } = diffSnapshot(null, snapshot)
    // The payload: one ongoing incident, one affected component (Sora / Video generation), no maintenance.
    expect(events.map((e) => e.kind)).toEqual(['incident_opened', 'component_changed'])
    const words = firstSightSummary(events, { pageName: 'OpenAI', pageUrl: 'https://status.openai.com/', snapshot })
    expect(words.title).toBe('OpenAI — 1 incident ongoing; 1 component affected')
    expect(words.body).toBe('New users may experience temporary delays in video generation capabilities · Sora / Video generation: Degraded performance')
    expect(words.url).toBe('https://status.openai.com/')
    expect(words.body).not.toContain('was')
  })
})

// --- hand-made events for the exact catch-up words

const NOW = Date.parse('2026-11-30T12:00:00Z')
const page: Snapshot = { platform: 'statuspage', page: { name: 'GitHub', url: 'https://www.githubstatus.com' }, level: 'minor', components: [], groups: [], incidents: [], maintenances: [] }
const context: CoalesceContext = { pageKey: 'github', pageName: 'GitHub', pageUrl: 'https://www.githubstatus.com', snapshot: page }

const incident = (id: string, name: string, startedAt: number | null, status: Incident['status'] = 'resolved'): Incident => ({
  id,
  name,
  status,
  impact: 'minor',
  url: null,
  startedAt,
  updates: [],
  componentIds: [],
})
const resolved = (i: Incident, at: number | null): MonitorEvent => ({
  kind: 'incident_resolved',
  key: `incident:${i.id}:resolved`,
  incident: i,
  update: at === null ? null : { id: `${i.id}-r`, status: 'resolved', text: 'This incident has been resolved.', at },
})
const opened = (i: Incident, status: Incident['status'], at: number): MonitorEvent => ({
  kind: 'incident_opened',
  key: `incident:${i.id}:opened`,
  incident: i,
  update: { id: `${i.id}-o`, status, text: 'We are investigating.', at },
})
const maintenance = (id: string, name: string): Maintenance => ({
  id,
  name,
  status: 'in_progress',
  impact: 'maintenance',
  url: null,
  scheduledFor: null,
  scheduledUntil: null,
  updates: [],
  componentIds: [],
})
const component = (id: string, name: string): Component => ({ id, name, groupId: null, status: 'operational' })
const changed = (c: Component, from: Component['status'], to: Component['status']): MonitorEvent => ({
  kind: 'component_changed',
  key: `component:${c.id}:${to}`,
  component: { ...c, status: to },
  label: c.name,
  from,
  to,
})

const actions = incident('a', 'Incident with GitHub Actions', Date.parse('2026-11-30T09:12:00Z'))
const actionsResolved = resolved(actions, Date.parse('2026-11-30T10:40:00Z'))
const AWAY = { since: NOW - 6 * HOUR, why: 'away' as const }

describe('catchUpSummary', () => {
  it('one resolved incident: name, start–end, resolved', () => {
    expect(catchUpSummary([actionsResolved], context, AWAY, NOW)).toEqual({
      title: 'GitHub — While you were away (6 h)',
      body: 'Incident with GitHub Actions — 09:12–10:40, resolved',
      url: 'https://www.githubstatus.com/',
    })
  })

  it('opened and resolved meanwhile is one item: where it stands now', () => {
    const openedThen = opened(actions, 'investigating', Date.parse('2026-11-30T09:12:00Z'))
    expect(catchUpSummary([openedThen, actionsResolved], context, AWAY, NOW).body).toBe('Incident with GitHub Actions — 09:12–10:40, resolved')
  })

  it('its end filtered out (recovery notifications off): the opening of an incident that is over still says it ended', () => {
    const over: Incident = {
      ...actions,
      status: 'resolved',
      updates: [
        { id: 'r', status: 'resolved', text: 'Resolved.', at: Date.parse('2026-11-30T10:40:00Z') },
        { id: 'o', status: 'investigating', text: 'Looking.', at: Date.parse('2026-11-30T09:12:00Z') },
      ],
    }
    const openedThen: MonitorEvent = { kind: 'incident_opened', key: 'incident:a:opened', incident: over, update: over.updates[1] ?? null }
    expect(catchUpSummary([openedThen], context, AWAY, NOW).body).toBe('Incident with GitHub Actions — 09:12–10:40, resolved')
  })

  it('still open: since when, and its status', () => {
    const pages = incident('p', 'Pages builds delayed', Date.parse('2026-11-30T11:05:00Z'), 'monitoring')
    expect(catchUpSummary([opened(pages, 'monitoring', Date.parse('2026-11-30T11:30:00Z'))], context, AWAY, NOW).body).toBe('Pages builds delayed — since 11:05, monitoring')
  })

  it('maintenances say their stage', () => {
    const events: MonitorEvent[] = [
      { kind: 'maintenance_started', key: 'maintenance:m1:started', maintenance: maintenance('m1', 'Database upgrade') },
      { kind: 'maintenance_completed', key: 'maintenance:m2:completed', maintenance: maintenance('m2', 'Network work') },
    ]
    expect(catchUpSummary(events, context, AWAY, NOW).body).toBe('Database upgrade — maintenance in progress; Network work — maintenance completed')
  })

  it('another day is written out; an end the page did not confirm says "ended"', () => {
    const overnight = incident('n', 'Overnight errors', Date.parse('2026-11-29T23:50:00Z'))
    const quiet = incident('q', 'Quiet drop', Date.parse('2026-11-30T08:00:00Z'))
    const events = [resolved(overnight, Date.parse('2026-11-30T00:30:00Z')), resolved(quiet, null)]
    expect(catchUpSummary(events, context, { since: NOW - 14 * HOUR, why: 'away' }, NOW)).toEqual({
      title: 'GitHub — While you were away (14 h)',
      body: 'Overnight errors — 2026-11-29 23:50–2026-11-30 00:30, resolved; Quiet drop — ended',
      url: 'https://www.githubstatus.com/',
    })
  })

  it('past three items: "+N more", then the components part', () => {
    const events = ['one', 'two', 'three', 'four', 'five'].map((n, i) => resolved(incident(n, `Incident ${n}`, NOW - (5 - i) * HOUR), NOW - (5 - i) * HOUR + 30 * MIN))
    const api = component('api', 'API')
    const web = component('web', 'Web')
    const summary = catchUpSummary([...events, changed(api, 'operational', 'degraded_performance'), changed(web, 'operational', 'major_outage')], context, AWAY, NOW)
    expect(summary.body).toBe(
      'Incident one — 07:00–07:30, resolved; Incident two — 08:00–08:30, resolved; Incident three — 09:00–09:30, resolved; +2 more · Web: Major outage, API: Degraded performance',
    )
  })

  it('components that all recovered are counted, not listed; components alone make the body', () => {
    const api = component('api', 'API')
    const web = component('web', 'Web')
    const body = catchUpSummary([changed(api, 'major_outage', 'operational'), changed(web, 'partial_outage', 'operational')], context, AWAY, NOW).body
    expect(body).toBe('2 components recovered')
  })

  it('an unreachable page says so', () => {
    expect(catchUpSummary([actionsResolved], context, { since: NOW - HOUR, why: 'unreachable' }, NOW).title).toBe('GitHub — While it was unreachable (1 h)')
  })
})

describe('awayWords', () => {
  it.each([
    [0, '0 min'],
    [59 * MIN, '59 min'],
    [59 * MIN + 29_999, '59 min'],
    [59 * MIN + 30_000, '1 h'],
    [HOUR, '1 h'],
    [90 * MIN, '2 h'],
    [47 * HOUR, '47 h'],
    [47 * HOUR + 29 * MIN, '47 h'],
    [47 * HOUR + 30 * MIN, '2 days'],
    [48 * HOUR, '2 days'],
    [3 * 24 * HOUR, '3 days'],
    [-5 * HOUR, '0 min'],
  ])('%i ms is "%s"', (gap, words) => {
    expect(awayWords(NOW - gap, NOW)).toBe(words)
  })
})

describe('notificationsFor by occasion', () => {
  const pagesIncident = incident('p', 'Pages builds delayed', Date.parse('2026-11-30T11:05:00Z'), 'investigating')
  const one = opened(pagesIncident, 'investigating', Date.parse('2026-11-30T11:05:00Z'))
  const api = changed(component('api', 'API'), 'operational', 'degraded_performance')

  it('first sight with one event is that event\'s own notification', () => {
    const [only, ...rest] = notificationsFor([one], context, { kind: 'first_sight' }, NOW)
    expect(rest).toEqual([])
    expect(only?.id).toBe('github|incident:p:opened')
    expect(only?.keys).toEqual(['incident:p:opened'])
    expect(only?.title).toContain('Pages builds delayed')
  })

  it('first sight with two or more is one summary', () => {
    const planned = notificationsFor([one, api], context, { kind: 'first_sight' }, NOW)
    expect(planned).toHaveLength(1)
    expect(planned[0]).toMatchObject({ title: 'GitHub — 1 incident ongoing; 1 component affected', body: 'Pages builds delayed · API: Degraded performance', keys: [one.key, api.key] })
    expect(planned[0]?.id).toMatch(/^github\|\*first:2:[0-9a-f]{8}$/u)
  })

  it('a catch-up with any event is one summary; with none, nothing', () => {
    const catchUp = { kind: 'catch_up' as const, ...AWAY }
    for (const events of [[actionsResolved], [actionsResolved, one, api]]) {
      const planned = notificationsFor(events, context, catchUp, NOW)
      expect(planned).toHaveLength(1)
      expect(planned[0]?.id).toMatch(new RegExp(`^github\\|\\*away:${events.length}:[0-9a-f]{8}$`, 'u'))
      expect(planned[0]?.title).toBe('GitHub — While you were away (6 h)')
    }
    expect(notificationsFor([], context, catchUp, NOW)).toEqual([])
  })

  it('an ordinary poll tells each one', () => {
    expect(notificationsFor([one, actionsResolved], context, { kind: 'poll' }, NOW).map((n) => n.id)).toEqual(['github|incident:p:opened', 'github|incident:a:resolved'])
  })

  it('ids are deterministic: the same events in any order, or repeated, give the same id; other events another', () => {
    const catchUp = { kind: 'catch_up' as const, ...AWAY }
    const a = notificationsFor([actionsResolved, one, api], context, catchUp, NOW)[0]?.id
    expect(notificationsFor([api, one, actionsResolved, one], context, catchUp, NOW)[0]?.id).toBe(a)
    expect(notificationsFor([actionsResolved, one], context, catchUp, NOW)[0]?.id).not.toBe(a)
    expect(notificationsFor([one, api], context, { kind: 'first_sight' }, NOW)[0]?.id).toBe(notificationsFor([api, one], context, { kind: 'first_sight' }, NOW)[0]?.id)
  })
})
