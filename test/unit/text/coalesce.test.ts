import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Component, ComponentStatus, Incident, Maintenance, Snapshot } from '../../../src/model.ts'
import { MAX_SEPARATE_NOTICES, coalesce, fnv1a, type CoalesceContext } from '../../../src/text/coalesce.ts'
import { NOTIFICATION_BODY_MAX } from '../../../src/text/event-text.ts'

const PAGE_URL = 'https://status.openai.com'

const component = (id: string, name: string): Component => ({ id, name, groupId: null, status: 'operational' })
const NAMES = ['Chat', 'Images', 'Audio', 'Embeddings', 'Files', 'Batch', 'Moderations', 'Realtime', 'Sora', 'Codex']
const components = NAMES.map((name) => component(`c-${name.toLowerCase()}`, name))

const snapshot: Snapshot = {
  platform: 'incidentio',
  page: { name: 'OpenAI', url: PAGE_URL },
  level: 'major',
  components,
  groups: [],
  incidents: [],
  maintenances: [],
}
const context: CoalesceContext = { pageKey: 'openai', pageName: 'OpenAI', pageUrl: PAGE_URL, snapshot }

const change = (name: string, to: ComponentStatus, from: ComponentStatus = 'operational'): MonitorEvent => {
  const c = components.find((x) => x.name === name) ?? component(`c-${name}`, name)
  return { kind: 'component_changed', key: `${c.id}:${from}>${to}`, component: { ...c, status: to }, label: name, from, to }
}

const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  id,
  name: `Incident ${id}`,
  status: 'investigating',
  impact: 'minor',
  url: `https://status.openai.com/incidents/${id}`,
  startedAt: null,
  updates: [],
  componentIds: [],
  ...over,
})
const opened = (id: string): MonitorEvent => ({
  kind: 'incident_opened',
  key: `${id}:opened`,
  incident: incident(id),
  update: { id: 'u1', status: 'investigating', text: 'We are investigating.', at: null },
})
const maintenance: Maintenance = {
  id: 'm1',
  name: 'Database upgrade',
  status: 'scheduled',
  impact: 'maintenance',
  url: null,
  scheduledFor: null,
  scheduledUntil: null,
  updates: [],
  componentIds: [],
}

describe('coalesce: single events', () => {
  it('nothing in, nothing out', () => {
    expect(coalesce([], context)).toEqual([])
  })

  it('one incident event is one notification with the event text', () => {
    expect(coalesce([opened('i1')], context)).toEqual([
      {
        id: 'openai|i1:opened',
        title: 'OpenAI — Incident i1',
        body: 'Minor · Investigating: We are investigating.',
        url: 'https://status.openai.com/incidents/i1',
        keys: ['i1:opened'],
      },
    ])
  })

  it('one component change is one notification', () => {
    const [only, ...rest] = coalesce([change('Chat', 'degraded_performance')], context)
    expect(rest).toEqual([])
    expect(only).toEqual({
      id: 'openai|c-chat:operational>degraded_performance',
      title: 'OpenAI — Chat',
      body: 'Degraded performance (was Operational)',
      url: 'https://status.openai.com/',
      keys: ['c-chat:operational>degraded_performance'],
    })
  })

  it(`up to ${MAX_SEPARATE_NOTICES} incident and maintenance events stay one notification each, in order`, () => {
    const events: MonitorEvent[] = [
      opened('i1'),
      { kind: 'maintenance_scheduled', key: 'm1:scheduled', maintenance },
      opened('i2'),
      { kind: 'incident_resolved', key: 'i3:resolved', incident: incident('i3'), update: null },
    ]
    const out = coalesce(events, context)
    expect(out.map((n) => n.keys)).toEqual([['i1:opened'], ['m1:scheduled'], ['i2:opened'], ['i3:resolved']])
    expect(out.map((n) => n.title)).toEqual(['OpenAI — Incident i1', 'OpenAI — Database upgrade', 'OpenAI — Incident i2', 'OpenAI — Incident i3'])
  })

  it('every kind produces a notification', () => {
    const upd = { id: 'u', status: 'identified', text: 'Found it.', at: null } as const
    const events: MonitorEvent[] = [
      opened('i1'),
      { kind: 'incident_updated', key: 'i1:u', incident: incident('i1'), update: upd },
      { kind: 'incident_resolved', key: 'i1:r', incident: incident('i1'), update: { ...upd, status: 'resolved' } },
      { kind: 'maintenance_started', key: 'm1:s', maintenance: { ...maintenance, status: 'in_progress' } },
    ]
    expect(coalesce(events, context).map((n) => n.body)).toEqual([
      'Minor · Investigating: We are investigating.',
      'Minor · Identified: Found it.',
      'Minor · Resolved: Found it.',
      'Maintenance · In progress: Database upgrade',
    ])
    expect(coalesce([{ kind: 'maintenance_completed', key: 'm1:c', maintenance }], context)[0]?.body).toBe(
      'Maintenance · Completed: "Database upgrade" has ended.',
    )
  })
})

describe('coalesce: bursts', () => {
  const burst: MonitorEvent[] = [
    change('Chat', 'degraded_performance'),
    change('Images', 'partial_outage'),
    change('Audio', 'degraded_performance'),
    change('Embeddings', 'major_outage'),
    change('Files', 'degraded_performance'),
    change('Batch', 'under_maintenance'),
    change('Sora', 'degraded_performance'),
  ]

  it('many component changes in one poll are one notification, worst first', () => {
    const out = coalesce(burst, context)
    expect(out).toHaveLength(1)
    expect(out[0]?.title).toBe('OpenAI — 7 components changed')
    expect(out[0]?.body).toBe('Embeddings: Major outage, Images: Partial outage, Chat: Degraded performance, +4 more')
    expect(out[0]?.url).toBe('https://status.openai.com/')
    expect(out[0]?.keys).toEqual(burst.map((e) => e.key))
  })

  it('two changes are already one notification', () => {
    const out = coalesce([change('Chat', 'degraded_performance'), change('Images', 'partial_outage')], context)
    expect(out).toHaveLength(1)
    expect(out[0]?.title).toBe('OpenAI — 2 components changed')
    expect(out[0]?.body).toBe('Images: Partial outage, Chat: Degraded performance')
  })

  it('a burst of recoveries says "recovered"', () => {
    const out = coalesce(
      [change('Chat', 'operational', 'partial_outage'), change('Images', 'operational', 'degraded_performance'), change('Audio', 'operational', 'major_outage')],
      context,
    )
    expect(out[0]?.title).toBe('OpenAI — 3 components recovered')
    expect(out[0]?.body).toBe('Chat: Operational, Images: Operational, Audio: Operational')
  })

  it('a mixed burst says "changed"', () => {
    const out = coalesce([change('Chat', 'operational', 'partial_outage'), change('Images', 'partial_outage')], context)
    expect(out[0]?.title).toBe('OpenAI — 2 components changed')
  })

  it('incidents come first and stay separate next to a component summary', () => {
    const out = coalesce([change('Chat', 'degraded_performance'), opened('i1'), change('Images', 'partial_outage')], context)
    expect(out.map((n) => n.keys)).toEqual([['i1:opened'], ['c-chat:operational>degraded_performance', 'c-images:operational>partial_outage']])
  })

  it(`more than ${MAX_SEPARATE_NOTICES} incident and maintenance events are one summary`, () => {
    const events: MonitorEvent[] = [
      opened('i1'),
      { kind: 'incident_resolved', key: 'i2:resolved', incident: incident('i2'), update: null },
      { kind: 'incident_updated', key: 'i3:u', incident: incident('i3'), update: { id: 'u', status: 'monitoring', text: '', at: null } },
      { kind: 'maintenance_scheduled', key: 'm1:scheduled', maintenance },
      opened('i4'),
    ]
    const out = coalesce(events, context)
    expect(out).toHaveLength(1)
    expect(out[0]?.title).toBe('OpenAI — 5 incident and maintenance updates')
    expect(out[0]?.body).toBe('New: Incident i1, Ended: Incident i2, Updated: Incident i3, +2 more')
    expect(out[0]?.url).toBe('https://status.openai.com/')
    expect(out[0]?.keys).toEqual(events.map((e) => e.key))
  })

  it('a summary body is truncated when labels are long', () => {
    const long = (n: number): MonitorEvent => change(`${'Very long component name '.repeat(4)}${n}`, 'major_outage')
    const out = coalesce([long(1), long(2), long(3), long(4)], context)
    expect(Array.from(out[0]?.body ?? '').length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(out[0]?.body.endsWith('…')).toBe(true)
  })

  it('hostile labels are cleaned in summaries', () => {
    const out = coalesce([change('Chat\u001b[31m\nfake', 'partial_outage'), change('Images', 'partial_outage')], context)
    expect(out[0]?.body).toBe('Chat fake: Partial outage, Images: Partial outage')
  })

  it('a repeated event key is notified once', () => {
    const out = coalesce([opened('i1'), opened('i1')], context)
    expect(out.map((n) => n.id)).toEqual(['openai|i1:opened'])
  })
})

describe('coalesce: ids', () => {
  const burst = [change('Chat', 'degraded_performance'), change('Images', 'partial_outage'), change('Audio', 'major_outage')]

  it('are deterministic: the same events give the same ids (a re-delivery replaces)', () => {
    const first = coalesce([opened('i1'), ...burst], context).map((n) => n.id)
    const again = coalesce([opened('i1'), ...burst], structuredClone(context)).map((n) => n.id)
    expect(again).toEqual(first)
  })

  it('are pinned, so they stay stable across runs and releases', () => {
    expect(coalesce([opened('i1'), ...burst], context).map((n) => n.id)).toEqual([
      'openai|i1:opened',
      // FNV-1a of the sorted keys joined by \n: a change here re-notifies everything pending in outboxes.
      'openai|*components:3:28389584',
    ])
    expect(fnv1a('')).toBe('811c9dc5')
    expect(fnv1a('a')).toBe('e40c292c')
    expect(fnv1a('foobar')).toBe('bf9cf968')
  })

  it('do not depend on event order', () => {
    const a = coalesce(burst, context)[0]?.id
    const b = coalesce([...burst].reverse(), context)[0]?.id
    expect(a).toBe(b)
  })

  it('differ for different sets of events and different pages', () => {
    const ids = new Set([
      coalesce(burst, context)[0]?.id,
      coalesce(burst.slice(0, 2), context)[0]?.id,
      coalesce([burst[0] as MonitorEvent, change('Sora', 'partial_outage'), burst[2] as MonitorEvent], context)[0]?.id,
      coalesce(burst, { ...context, pageKey: 'github' })[0]?.id,
    ])
    expect(ids.size).toBe(4)
  })

  it('are short and start with the page key', () => {
    const many = NAMES.map((n) => change(n, 'major_outage'))
    const id = coalesce(many, context)[0]?.id ?? ''
    expect(id.startsWith('openai|')).toBe(true)
    expect(id.length).toBeLessThan(40)
  })
})

describe('coalesce: what a summary names', () => {
  const started = (over: Partial<Maintenance> = {}): MonitorEvent => ({ kind: 'maintenance_started', key: `${over.id ?? 'm1'}:started`, maintenance: { ...maintenance, status: 'in_progress', ...over } })

  it('names each maintenance event by what happened to it', () => {
    const events: MonitorEvent[] = [
      { kind: 'maintenance_scheduled', key: 'm1:scheduled', maintenance },
      started({ id: 'm2', name: 'Network upgrade' }),
      { kind: 'maintenance_completed', key: 'm3:completed', maintenance: { ...maintenance, id: 'm3', name: 'Cache flush', status: 'completed' } },
      opened('i1'),
      opened('i2'),
    ]
    expect(coalesce(events, context)[0]?.body).toBe(
      'Maintenance scheduled: Database upgrade, Maintenance started: Network upgrade, Maintenance completed: Cache flush, +2 more',
    )
  })

  it('says "Resolved" for an incident resolved by an update, "Ended" for one that dropped out of the list', () => {
    const resolvedBy = (id: string): MonitorEvent => ({
      kind: 'incident_resolved',
      key: `${id}:resolved`,
      incident: incident(id, { status: 'resolved' }),
      update: { id: 'u9', status: 'resolved', text: 'This incident has been resolved.', at: null },
    })
    const dropped: MonitorEvent = { kind: 'incident_resolved', key: 'i2:resolved', incident: incident('i2'), update: null }
    const out = coalesce([resolvedBy('i1'), dropped, opened('i3'), opened('i4'), opened('i5')], context)
    expect(out[0]?.body).toBe('Resolved: Incident i1, Ended: Incident i2, New: Incident i3, +2 more')
  })

  it('gives unnamed incidents and maintenances a placeholder name', () => {
    const untitled = incident('i1', { name: ' \u001b[0m ' })
    const incidents: MonitorEvent[] = [
      { kind: 'incident_opened', key: 'i1:opened', incident: untitled, update: null },
      { kind: 'incident_updated', key: 'i1:u', incident: untitled, update: { id: 'u', status: 'identified', text: 'Found it.', at: null } },
      { kind: 'incident_resolved', key: 'i1:resolved', incident: untitled, update: null },
      opened('i2'),
      opened('i3'),
    ]
    expect(coalesce(incidents, context)[0]?.body).toBe('New: Untitled incident, Updated: Untitled incident, Ended: Untitled incident, +2 more')
    const untitledMaintenance = { ...maintenance, name: '' }
    const maintenances: MonitorEvent[] = [
      { kind: 'maintenance_scheduled', key: 'm1:scheduled', maintenance: untitledMaintenance },
      { kind: 'maintenance_started', key: 'm1:started', maintenance: untitledMaintenance },
      { kind: 'maintenance_completed', key: 'm1:completed', maintenance: untitledMaintenance },
      opened('i2'),
      opened('i3'),
    ]
    expect(coalesce(maintenances, context)[0]?.body).toBe(
      'Maintenance scheduled: Untitled maintenance, Maintenance started: Untitled maintenance, Maintenance completed: Untitled maintenance, +2 more',
    )
  })

  it('names components by their label on the page ("Group / Component"), else their own name, else a placeholder', () => {
    const grouped: MonitorEvent = { ...(change('Chat', 'major_outage') as Extract<MonitorEvent, { kind: 'component_changed' }>), label: 'APIs / Chat' }
    const unlabelled: MonitorEvent = { ...(change('Images', 'partial_outage') as Extract<MonitorEvent, { kind: 'component_changed' }>), label: '' }
    const nameless: MonitorEvent = {
      kind: 'component_changed',
      key: 'c-x:operational>degraded_performance',
      component: { id: 'c-x', name: '', groupId: null, status: 'degraded_performance' },
      label: '',
      from: 'operational',
      to: 'degraded_performance',
    }
    expect(coalesce([grouped, unlabelled, nameless], context)[0]?.body).toBe(
      'APIs / Chat: Major outage, Images: Partial outage, Unnamed component: Degraded performance',
    )
  })

  it('a summary of incident and maintenance updates has its own pinned id, whose hash keeps its leading zero', () => {
    const events = ['i31', 'i32', 'i33', 'i34', 'i35'].map(opened)
    expect(coalesce(events, context).map((n) => n.id)).toEqual(['openai|*notices:5:0b1b6aa7'])
  })
})
