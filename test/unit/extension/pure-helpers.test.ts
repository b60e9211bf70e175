import { describe, expect, it } from 'vitest'
import { BADGE_COLORS, badgeFor, type BadgePage } from '../../../extension/background/badge-state.ts'
import { notifiableEvents } from '../../../src/notify/filters.ts'
import { offlineAfterCycle } from '../../../extension/background/offline.ts'
import { EMPTY_ENTRY, type ScheduleEntry } from '../../../extension/storage/records.ts'
import { NO_FILTERS } from '../../../extension/storage/settings.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Component, Incident, Snapshot } from '../../../src/model.ts'

const component = (id: string, groupId: string | null): Component => ({ id, name: id, groupId, status: 'degraded_performance' })
const incident = (id: string, componentIds: string[]): Incident => ({
  id,
  name: id,
  status: 'investigating',
  impact: 'minor',
  url: null,
  startedAt: null,
  updates: [],
  componentIds,
})
const snapshot: Snapshot = {
  platform: 'statuspage',
  page: { name: 'P', url: 'https://p.example.com' },
  level: 'minor',
  components: [component('chat', 'apis'), component('images', 'apis'), component('video', 'sora'), component('login', null)],
  groups: [
    { id: 'apis', name: 'APIs' },
    { id: 'sora', name: 'Sora' },
  ],
  incidents: [],
  maintenances: [],
}

const events: MonitorEvent[] = [
  { kind: 'incident_opened', key: 'i1', incident: incident('i1', ['video']), update: null },
  { kind: 'incident_opened', key: 'i2', incident: incident('i2', ['chat']), update: null },
  { kind: 'incident_opened', key: 'i3', incident: incident('i3', []), update: null },
  { kind: 'component_changed', key: 'c1', component: component('images', 'apis'), label: 'APIs / images', from: 'operational', to: 'partial_outage' },
  { kind: 'component_changed', key: 'c2', component: component('video', 'sora'), label: 'Sora / video', from: 'partial_outage', to: 'operational' },
  { kind: 'incident_resolved', key: 'i4', incident: incident('i4', ['chat']), update: null },
]
const keys = (list: MonitorEvent[]): string[] => list.map((e) => e.key)

describe('notification filters', () => {
  it('pass everything by default', () => {
    expect(keys(notifiableEvents(events, NO_FILTERS, true, 0, snapshot))).toEqual(['i1', 'i2', 'i3', 'c1', 'c2', 'i4'])
  })

  it('muted: nothing, until the time has come', () => {
    expect(notifiableEvents(events, { ...NO_FILTERS, mutedForever: true }, true, 0, snapshot)).toEqual([])
    expect(notifiableEvents(events, { ...NO_FILTERS, mutedUntil: 100 }, true, 99, snapshot)).toEqual([])
    expect(notifiableEvents(events, { ...NO_FILTERS, mutedUntil: 100 }, true, 100, snapshot)).toHaveLength(6)
  })

  it('by component or by group; incidents naming no component always pass', () => {
    expect(keys(notifiableEvents(events, { ...NO_FILTERS, componentIds: ['chat'] }, true, 0, snapshot))).toEqual(['i2', 'i3', 'i4'])
    expect(keys(notifiableEvents(events, { ...NO_FILTERS, componentIds: ['apis'] }, true, 0, snapshot))).toEqual(['i2', 'i3', 'c1', 'i4'])
    expect(keys(notifiableEvents(events, { ...NO_FILTERS, componentIds: [] }, true, 0, snapshot))).toEqual(['i3'])
  })

  it('an incident passes when any one of its components is wanted', () => {
    const both: MonitorEvent = { kind: 'incident_opened', key: 'i5', incident: incident('i5', ['chat', 'video']), update: null }
    expect(keys(notifiableEvents([both], { ...NO_FILTERS, componentIds: ['chat'] }, true, 0, snapshot))).toEqual(['i5'])
  })

  it('no recoveries when notifyOnRecovery is off', () => {
    expect(keys(notifiableEvents(events, NO_FILTERS, false, 0, snapshot))).toEqual(['i1', 'i2', 'i3', 'c1'])
  })
})

const entry = (e: Partial<ScheduleEntry>): ScheduleEntry => ({ ...EMPTY_ENTRY, lastCheckedAt: 1, ...e })
const online = { offline: false, since: null }

describe('the badge', () => {
  const page = (name: string, e: Partial<ScheduleEntry>): BadgePage => ({ name, entry: entry(e) })

  it('all well: green, no text', () => {
    expect(badgeFor([page('OpenAI', { level: 'operational' })], online)).toEqual({
      text: '',
      color: BADGE_COLORS.operational,
      title: 'Status Monitor\nOpenAI: Operational',
    })
  })

  it('worst level, incidents counted over all pages', () => {
    const badge = badgeFor(
      [page('OpenAI', { level: 'minor', incidents: 1 }), page('GitHub', { level: 'critical', incidents: 2 }), page('Slack', { level: 'maintenance' })],
      online,
    )
    expect(badge).toEqual({
      text: '3',
      color: BADGE_COLORS.critical,
      title: 'Status Monitor\nOpenAI: Minor — 1 incident\nGitHub: Critical — 2 incidents\nSlack: Maintenance',
    })
  })

  it('"!" when something is wrong without an incident; colours per level', () => {
    expect(badgeFor([page('A', { level: 'maintenance' })], online)).toMatchObject({ text: '!', color: BADGE_COLORS.maintenance })
    expect(badgeFor([page('A', { level: 'major' })], online)).toMatchObject({ text: '!', color: '#e16f24' })
    expect(badgeFor([page('A', { level: 'minor', incidents: 150 })], online)).toMatchObject({ text: '99+', color: '#bf8700' })
  })

  it('grey "off" offline, grey "?" when nothing is known; a page in error keeps its last level', () => {
    const pages = [page('A', { level: 'minor', incidents: 1, error: 'timeout' })]
    expect(badgeFor(pages, { offline: true, since: 5 })).toEqual({ text: 'off', color: BADGE_COLORS.unknown, title: 'Status Monitor — offline\nA: Minor — 1 incident' })
    expect(badgeFor(pages, online)).toEqual({ text: '1', color: BADGE_COLORS.minor, title: 'Status Monitor\nA: Minor — 1 incident (unreachable)' })
    expect(badgeFor([page('A', { error: 'bot_wall' }), page('B', { level: 'major', error: 'permission' })], online)).toEqual({
      text: '?',
      color: BADGE_COLORS.unknown,
      title: 'Status Monitor — no page can be read\nA: not checked yet (unreadable)\nB: Major (permission missing)',
    })
    expect(badgeFor([], online)).toMatchObject({ text: '', title: 'Status Monitor — no pages watched' })
  })

  it('a tooltip of 1,000 pages names the ones that need attention first, a dozen lines at most', () => {
    const pages = Array.from({ length: 1000 }, (_, i) => page(`Page ${i}`, { level: i === 900 ? 'major' : 'operational', incidents: i === 900 ? 1 : 0 }))
    const lines = badgeFor(pages, online).title.split('\n')
    expect(lines).toHaveLength(1 + 12 + 1)
    expect(lines[1]).toBe('Page 900: Major — 1 incident')
    expect(lines.at(-1)).toBe('+988 more pages')
  })
})

describe('the offline state', () => {
  const was = { offline: false, since: null }

  it('offline when every page with a known outcome failed at the network, or the browser says so', () => {
    expect(offlineAfterCycle(was, [entry({ error: 'network' }), entry({ error: 'timeout' }), entry({ error: 'permission' }), { ...EMPTY_ENTRY }], 1, true, 7)).toEqual({
      offline: true,
      since: 7,
    })
    expect(offlineAfterCycle(was, [entry({ level: 'operational' })], 0, false, 7)).toEqual({ offline: true, since: 7 })
    expect(offlineAfterCycle({ offline: true, since: 3 }, [entry({ error: 'network' })], 1, true, 7)).toEqual({ offline: true, since: 3 })
  })

  it('timeouts alone are the servers’ trouble, not ours (a hanging page is not "offline")', () => {
    expect(offlineAfterCycle(was, [entry({ error: 'timeout' }), entry({ error: 'timeout' })], 2, true, 7)).toBe(was)
  })

  it('online as soon as any page answers, even with an error; a cycle that polled nothing changes nothing', () => {
    const down = { offline: true, since: 3 }
    expect(offlineAfterCycle(down, [entry({ error: 'network' }), entry({ error: 'http' })], 1, true, 7)).toEqual(was)
    expect(offlineAfterCycle(down, [entry({ error: 'network' }), entry({})], 2, true, 7)).toEqual(was)
    expect(offlineAfterCycle(down, [entry({})], 0, true, 7)).toBe(down)
  })
})
