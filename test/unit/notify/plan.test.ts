import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Component, Incident, Level, Snapshot } from '../../../src/model.ts'
import { HISTORY_LINES_MAX, planNotifications, priorityOf, type NotifyInput } from '../../../src/notify/plan.ts'
import { coalesce } from '../../../src/text/coalesce.ts'
import { consoleBlock } from '../../../src/text/console-line.ts'
import { eventText } from '../../../src/text/event-text.ts'

const NOW = Date.UTC(2025, 3, 8, 12, 0) // TZ=UTC (vitest.config.ts)
const at = (hh: number, mm: number): number => Date.UTC(2025, 3, 8, hh, mm)

const component = (id: string, groupId: string | null = null): Component => ({ id, name: id, groupId, status: 'degraded_performance' })
const incident = (id: string, componentIds: string[] = []): Incident => ({ id, name: `Incident ${id}`, status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds })
const snapshot = (level: Level = 'minor'): Snapshot => ({
  platform: 'statuspage',
  page: { name: 'Example', url: 'https://status.example.com/' },
  level,
  components: [component('chat'), component('api')],
  groups: [],
  incidents: [incident('i1', ['chat'])],
  maintenances: [],
})
const opened = (id: string, componentIds: string[] = [], updateAt: number | null = null, text = `Looking into ${id}.`): MonitorEvent => ({
  kind: 'incident_opened',
  key: `${id}:opened`,
  incident: incident(id, componentIds),
  update: updateAt === null ? null : { id: `${id}-u`, status: 'investigating', text, at: updateAt },
})
const resolved = (id: string): MonitorEvent => ({ kind: 'incident_resolved', key: `${id}:resolved`, incident: incident(id), update: null })
const change = (id: string): MonitorEvent => ({
  kind: 'component_changed',
  key: `${id}:changed`,
  component: component(id),
  label: id,
  from: 'operational',
  to: 'partial_outage',
})

const page = { key: 'status.example.com', name: 'Example', url: 'https://status.example.com/', filters: { componentIds: null, mutedUntil: null, mutedForever: false } }
const input = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  page,
  events: [opened('i1', ['chat'], at(11, 58)), change('api')],
  snapshot: snapshot(),
  notifyOnRecovery: true,
  quietHours: null,
  now: NOW,
  ...over,
})
const context = { pageKey: page.key, pageName: page.name, pageUrl: page.url, snapshot: snapshot() }

describe('planNotifications: what one poll of one page means for the user', () => {
  it('plans the notifications coalesce words, with the page level as priority, their links, and the history newest first', () => {
    const plan = planNotifications(input())
    const expected = coalesce(input().events, context)
    expect(plan.notifications).toEqual(expected.map((n) => ({ id: n.id, pageKey: page.key, title: n.title, body: n.body, url: n.url, priority: 1, attempts: 0 })))
    expect(plan.links).toEqual(expected.map((n) => ({ id: n.id, url: n.url, pageUrl: page.url })))
    expect(plan.held).toEqual([])
    expect(plan.history.map((h) => [h.kind, h.at, h.impact, h.name])).toEqual([
      ['component_changed', NOW, 'major', 'api'],
      ['incident_opened', at(11, 58), 'minor', 'Incident i1'],
    ])
  })

  it('words each event once: the notification, the history entry and the console block read the same words', () => {
    const [event] = input().events
    if (event === undefined) throw new Error('no event')
    const plan = planNotifications(input({ events: [event] }))
    const text = eventText(event, context)
    expect(plan.notifications[0]).toMatchObject({ title: text.title, body: text.body, url: text.url })
    expect(plan.history).toEqual([
      { at: at(11, 58), kind: 'incident_opened', pageKey: page.key, title: text.title, body: text.body, url: text.url, lines: consoleBlock(event, context, at(11, 58)), impact: 'minor', name: 'Incident i1' },
    ])
  })

  it('cuts a history entry’s console block to HISTORY_LINES_MAX', () => {
    const long = opened('i9', [], NOW, 'Very long. '.repeat(500))
    const [entry] = planNotifications(input({ events: [long] })).history
    expect(entry?.lines.length).toBeLessThanOrEqual(HISTORY_LINES_MAX)
  })

  it('during quiet hours holds what would notify, and still records the history', () => {
    const plan = planNotifications(input({ quietHours: { enabled: true, start: '11:00', end: '13:00' } }))
    expect(plan.notifications).toEqual([])
    expect(plan.links).toEqual([])
    expect(plan.held.map((h) => [h.id, h.kind, h.pageName])).toEqual([
      [`${page.key}|i1:opened`, 'incident', 'Example'],
      [`${page.key}|api:changed`, 'component', 'Example'],
    ])
    expect(plan.history).toHaveLength(2)
  })

  it('filters: a muted page, a component filter, recoveries off — recorded, never notified nor held', () => {
    const quiet = { enabled: true, start: '11:00', end: '13:00' }
    const muted = planNotifications(input({ page: { ...page, filters: { ...page.filters, mutedForever: true } }, quietHours: quiet }))
    expect([muted.notifications, muted.held, muted.history.length]).toEqual([[], [], 2])
    const onlyChat = planNotifications(input({ page: { ...page, filters: { ...page.filters, componentIds: ['chat'] } } }))
    expect(onlyChat.notifications.map((n) => n.id)).toEqual([`${page.key}|i1:opened`])
    const noRecovery = planNotifications(input({ events: [resolved('i2')], notifyOnRecovery: false }))
    expect([noRecovery.notifications, noRecovery.history.length]).toEqual([[], 1])
  })

  it('no events, no plan', () => {
    expect(planNotifications(input({ events: [] }))).toEqual({ notifications: [], held: [], history: [], links: [] })
  })

  it('priority follows the page level; no snapshot is operational', () => {
    expect((['operational', 'maintenance', 'minor', 'major', 'critical'] as const).map(priorityOf)).toEqual([0, 0, 1, 2, 2])
    expect(planNotifications(input({ snapshot: null })).notifications.map((n) => n.priority)).toEqual([0, 0])
    // A page that still says minor while its rows read critical is alerted on as critical.
    expect(planNotifications(input({ snapshot: { ...snapshot('minor'), reading: 'critical' } })).notifications.map((n) => n.priority)).toEqual([2, 2])
  })
})
