import { describe, expect, it } from 'vitest'
import { awaitsConfirmation, diffSnapshot } from '../../src/diff.ts'
import type { MonitorEvent } from '../../src/events.ts'
import type { Component, ComponentStatus, Group, Incident, IncidentStatus, Maintenance, MaintenanceStatus, Snapshot, Update } from '../../src/model.ts'
import { EMPTY_SEEN_STATE, SEEN_STATE_LIMITS, parseSeenState, type SeenState } from '../../src/seen-state.ts'

// ---------------------------------------------------------------------------------------------
// Builders: the smallest snapshot that says what a scenario needs.

const minute = (n: number): number => 1_700_000_000_000 + n * 60_000

function update(id: string, status: IncidentStatus | MaintenanceStatus, at = 0): Update {
  return { id, status, text: `${status} (${id})`, at: minute(at) }
}

/** Updates newest first, as the model says; the incident's status is its newest update's. */
function incident(id: string, updates: Update[], extra: Partial<Incident> = {}): Incident {
  const newest = updates[0]?.status
  const status: IncidentStatus = newest !== undefined && newest !== 'scheduled' && newest !== 'in_progress' && newest !== 'verifying' && newest !== 'completed' ? newest : 'investigating'
  return {
    id,
    name: `Incident ${id}`,
    status,
    impact: 'minor',
    url: `https://status.example.com/incidents/${id}`,
    startedAt: minute(0),
    updates,
    componentIds: [],
    ...extra,
  }
}

function component(id: string, status: ComponentStatus, groupId: string | null = null, name = id): Component {
  return { id, name, groupId, status }
}

function maintenance(id: string, status: MaintenanceStatus): Maintenance {
  return {
    id,
    name: `Maintenance ${id}`,
    status,
    impact: 'maintenance',
    url: `https://status.example.com/incidents/${id}`,
    scheduledFor: minute(60),
    scheduledUntil: minute(120),
    updates: [],
    componentIds: ['api'],
  }
}

const GROUPS: Group[] = [
  { id: 'g-api', name: 'APIs' },
  { id: 'g-chat', name: 'ChatGPT' },
]

function page(parts: { components?: readonly Component[]; incidents?: readonly Incident[]; maintenances?: readonly Maintenance[] } = {}): Snapshot {
  return {
    platform: 'statuspage',
    page: { name: 'Example', url: 'https://status.example.com' },
    level: 'operational',
    components: parts.components ?? [component('api', 'operational'), component('web', 'operational')],
    groups: GROUPS,
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
  }
}

/** One line per event, so a scenario reads like the notifications it would give. */
function line(event: MonitorEvent): string {
  switch (event.kind) {
    case 'incident_opened':
    case 'incident_updated':
    case 'incident_resolved':
      return `${event.kind} ${event.incident.id}${event.update ? ` ${event.update.id}` : ''}`
    case 'component_changed':
      return `${event.kind} ${event.label} ${event.from}→${event.to}`
    default:
      return `${event.kind} ${event.maintenance.id}`
  }
}

/** Plays snapshots through the diff like the monitor does, returning each poll's events. */
function play(snapshots: Snapshot[], start: SeenState | null = null): { polls: MonitorEvent[][]; seen: SeenState | null } {
  let seen = start
  const polls = snapshots.map((snapshot) => {
    const result = diffSnapshot(seen, snapshot)
    seen = result.seen
    return result.events
  })
  return { polls, seen }
}

const lines = (snapshots: Snapshot[], start: SeenState | null = null): string[][] => play(snapshots, start).polls.map((events) => events.map(line))

// ---------------------------------------------------------------------------------------------

describe('diffSnapshot: an outage from start to end', () => {
  it('reports each step once: open, update, component degradation, resolution, recovery', () => {
    const u1 = update('u1', 'investigating', 1)
    const u2 = update('u2', 'identified', 2)
    const u3 = update('u3', 'resolved', 3)
    const steps = [
      page(),
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [u2, u1])] }),
      page({ incidents: [incident('inc', [u2, u1])], components: [component('api', 'major_outage'), component('web', 'operational')] }),
      page({ incidents: [incident('inc', [u3, u2, u1])], components: [component('api', 'operational'), component('web', 'operational')] }),
      page(),
      page(),
    ]
    expect(lines(steps)).toEqual([
      [],
      ['incident_opened inc u1'],
      ['incident_updated inc u2'],
      ['component_changed api operational→major_outage'],
      ['incident_resolved inc u3', 'component_changed api major_outage→operational'],
      [],
      [],
    ])
  })

  it('gives each event a readable, deterministic key', () => {
    const { polls } = play([
      page(),
      page({ incidents: [incident('inc', [update('u1', 'investigating')])], components: [component('api', 'degraded_performance')] }),
      page({ incidents: [incident('inc', [update('u2', 'monitoring'), update('u1', 'investigating')])] }),
      page({ incidents: [incident('inc', [update('u3', 'resolved'), update('u2', 'monitoring'), update('u1', 'investigating')])] }),
    ])
    expect(polls.flat().map((e) => e.key)).toEqual([
      'incident:inc:opened',
      'component:api:degraded_performance:1',
      'incident:inc:update:u2',
      'component:api:operational:2',
      'incident:inc:resolved',
    ])
  })

  it('carries the snapshot incident and component in the events', () => {
    const inc = incident('inc', [update('u1', 'investigating')], { componentIds: ['api'] })
    const api = component('api', 'partial_outage', 'g-api', 'Login')
    const [first] = play([page(), page({ incidents: [inc], components: [api] })]).polls.slice(1)
    expect(first).toEqual([
      { kind: 'incident_opened', key: 'incident:inc:opened', incident: inc, update: inc.updates[0] },
      { kind: 'component_changed', key: 'component:api:partial_outage:1', component: api, label: 'APIs / Login', from: 'operational', to: 'partial_outage' },
    ])
  })
})

describe('diffSnapshot: first sight', () => {
  const history = [update('u3', 'monitoring', 3), update('u2', 'identified', 2), update('u1', 'investigating', 1)]
  const first = page({
    incidents: [incident('live', history), incident('old', [update('r1', 'resolved'), update('o1', 'investigating')])],
    components: [component('api', 'degraded_performance'), component('web', 'operational')],
    maintenances: [maintenance('now', 'in_progress'), maintenance('later', 'scheduled'), maintenance('done', 'completed')],
  })

  it('reports what is ongoing now once, never the past', () => {
    expect(lines([first])).toEqual([
      [
        'incident_opened live u3',
        'component_changed api null→degraded_performance',
        'maintenance_started now',
        'maintenance_scheduled later',
      ],
    ])
  })

  it('marks the whole history seen, so the next identical poll is quiet', () => {
    expect(lines([first, first, first])).toEqual([expect.any(Array), [], []])
  })

  it('reports an update arriving after first sight, and only that one', () => {
    const next = page({ ...first, incidents: [incident('live', [update('u4', 'monitoring', 4), ...history])] })
    expect(lines([first, next])[1]).toEqual(['incident_updated live u4'])
  })

  it('treats a corrupt stored state as first sight', () => {
    const corrupt = parseSeenState({ version: 1, seq: 'x' })
    expect(corrupt).toBeNull()
    expect(lines([first], corrupt)[0]).toHaveLength(4)
  })
})

describe('diffSnapshot: incidents', () => {
  it('opens an incident that appears with several updates as one event carrying the latest', () => {
    const three = [update('u3', 'monitoring', 3), update('u2', 'identified', 2), update('u1', 'investigating', 1)]
    const { polls } = play([page(), page({ incidents: [incident('inc', three)] }), page({ incidents: [incident('inc', three)] })])
    expect(polls.map((events) => events.map(line))).toEqual([[], ['incident_opened inc u3'], []])
  })

  it('opens an incident without updates with update null', () => {
    const [, opened] = play([page(), page({ incidents: [incident('inc', [])] })]).polls
    expect(opened).toMatchObject([{ kind: 'incident_opened', update: null }])
  })

  it('reports several new updates oldest first', () => {
    const u1 = update('u1', 'investigating', 1)
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [update('u4', 'monitoring', 4), update('u3', 'identified', 3), update('u2', 'identified', 2), u1])] }),
    ]
    expect(lines(steps)[1]).toEqual(['incident_updated inc u2', 'incident_updated inc u3', 'incident_updated inc u4'])
  })

  it('resolves with the resolving update, reporting the other new updates before it and never twice', () => {
    const u1 = update('u1', 'investigating', 1)
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [update('u3', 'resolved', 3), update('u2', 'monitoring', 2), u1])] }),
    ]
    const { polls } = play(steps)
    expect(polls[1]?.map(line)).toEqual(['incident_updated inc u2', 'incident_resolved inc u3'])
    expect(polls[1]?.[1]).toMatchObject({ key: 'incident:inc:resolved', update: { id: 'u3', status: 'resolved' } })
  })

  it('resolves with update null when the newest new update does not itself close it, reporting every new update', () => {
    const u1 = update('u1', 'investigating', 1)
    // The page says resolved, but its newest update still reads "monitoring".
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [update('u3', 'monitoring', 3), update('u2', 'identified', 2), u1], { status: 'resolved' })] }),
    ]
    const { polls } = play(steps)
    expect(polls[1]?.map(line)).toEqual(['incident_updated inc u2', 'incident_updated inc u3', 'incident_resolved inc'])
    expect(polls[1]?.[2]).toMatchObject({ key: 'incident:inc:resolved', update: null })
  })

  it('remembers exactly the update ids an incident is first seen with, newest first', () => {
    const inc = incident('inc', [update('u3', 'monitoring', 3), update('u2', 'identified', 2), update('u1', 'investigating', 1)])
    for (const previous of [null, EMPTY_SEEN_STATE]) {
      expect(diffSnapshot(previous, page({ incidents: [inc] })).seen.incidents.map((r) => r.updateIds)).toEqual([['u3', 'u2', 'u1']])
    }
  })

  it('counts postmortem as resolution', () => {
    const u1 = update('u1', 'investigating', 1)
    const steps = [page({ incidents: [incident('inc', [u1])] }), page({ incidents: [incident('inc', [update('pm', 'postmortem', 2), u1])] })]
    expect(lines(steps)[1]).toEqual(['incident_resolved inc pm'])
  })

  it('resolves with update null when only the status changed, and reports the late update afterwards', () => {
    const u1 = update('u1', 'investigating', 1)
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [u1], { status: 'resolved' })] }),
      page({ incidents: [incident('inc', [update('u2', 'resolved', 2), u1])] }),
    ]
    expect(lines(steps)).toEqual([['incident_opened inc u1'], ['incident_resolved inc'], ['incident_updated inc u2']])
  })

  it('resolves an incident absent from two answers in a row, rebuilt from memory', () => {
    const listed = incident('inc', [update('u1', 'investigating', 1)], {
      name: 'Elevated errors',
      impact: 'major',
      url: 'https://stspg.io/abc',
      componentIds: ['api', 'web'],
    })
    const { polls } = play([page({ incidents: [listed] }), page(), page(), page()])
    expect(polls[1]).toEqual([])
    expect(polls[2]).toEqual([
      {
        kind: 'incident_resolved',
        key: 'incident:inc:resolved',
        update: null,
        incident: {
          id: 'inc',
          name: 'Elevated errors',
          status: 'resolved',
          impact: 'major',
          url: 'https://stspg.io/abc',
          startedAt: minute(0),
          updates: [],
          componentIds: ['api', 'web'],
        },
      },
    ])
    expect(polls[3]).toEqual([])
  })

  it('does not announce a flapping incident as new, nor repeat its old updates', () => {
    const u1 = update('u1', 'investigating', 1)
    const u2 = update('u2', 'identified', 2)
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page(), // missing once: it may be an incomplete answer
      page({ incidents: [incident('inc', [u1])] }), // back: nothing happened
      page(),
      page(), // absent twice: reported resolved
      page({ incidents: [incident('inc', [u1])] }), // back, nothing new: silent
      page(), // out again: the user was last told "resolved", so nothing to say
      page(),
      page({ incidents: [incident('inc', [u2, u1])] }), // back with a new update: open again
      page({ incidents: [incident('inc', [update('u3', 'resolved', 3), u2, u1])] }),
      page({ incidents: [incident('inc', [update('u4', 'monitoring', 4), update('u3', 'resolved', 3), u2, u1])] }),
      page(),
      page(),
    ]
    const { polls } = play(steps)
    expect(polls.map((events) => events.map((e) => e.key))).toEqual([
      ['incident:inc:opened'],
      [],
      [],
      [],
      ['incident:inc:resolved'],
      [],
      [],
      [],
      ['incident:inc:update:u2'],
      ['incident:inc:resolved:2'],
      ['incident:inc:update:u4'],
      [],
      ['incident:inc:resolved:3'],
    ])
  })

  it('reports a reopened incident through its new updates only', () => {
    const u1 = update('u1', 'investigating', 1)
    const r1 = update('r1', 'resolved', 2)
    const steps = [
      page({ incidents: [incident('inc', [u1])] }),
      page({ incidents: [incident('inc', [r1, u1])] }), // resolved, still listed
      page(), // gone: already reported
      page({ incidents: [incident('inc', [update('u3', 'investigating', 3), r1, u1])] }), // reopened
      page({ incidents: [incident('inc', [update('r2', 'resolved', 4), update('u3', 'investigating', 3), r1, u1])] }),
    ]
    expect(lines(steps)).toEqual([
      ['incident_opened inc u1'],
      ['incident_resolved inc r1'],
      [],
      ['incident_updated inc u3'],
      ['incident_resolved inc r2'],
    ])
    expect(play(steps).polls[4]?.[0]?.key).toBe('incident:inc:resolved:2')
  })

  it('reports an incident that appears already resolved (between two polls) as resolved, once', () => {
    const quick = incident('quick', [update('r', 'resolved', 2), update('i', 'investigating', 1)])
    expect(lines([page(), page({ incidents: [quick] }), page({ incidents: [quick] }), page()])).toEqual([[], ['incident_resolved quick r'], [], []])
  })

  it('reports a postmortem added to a resolved, still listed incident as an update', () => {
    const r = update('r', 'resolved', 2)
    const u = update('u', 'investigating', 1)
    const steps = [
      page({ incidents: [incident('inc', [u])] }),
      page({ incidents: [incident('inc', [r, u])] }),
      page({ incidents: [incident('inc', [update('pm', 'postmortem', 3), r, u])] }),
    ]
    expect(lines(steps)).toEqual([['incident_opened inc u'], ['incident_resolved inc r'], ['incident_updated inc pm']])
  })

  it('keeps updates of different incidents apart even when their ids are equal', () => {
    const steps = [
      page({ incidents: [incident('a', [update('u1', 'investigating')]), incident('b', [update('u1', 'investigating')])] }),
      page({ incidents: [incident('a', [update('u2', 'identified'), update('u1', 'investigating')]), incident('b', [update('u1', 'investigating')])] }),
    ]
    expect(lines(steps)).toEqual([['incident_opened a u1', 'incident_opened b u1'], ['incident_updated a u2']])
  })

  it('does not report an update that a lossy source dropped and listed again', () => {
    const u1 = update('u1', 'investigating', 1)
    const u2 = update('u2', 'identified', 2)
    const steps = [page({ incidents: [incident('inc', [u2, u1])] }), page({ incidents: [incident('inc', [u2])] }), page({ incidents: [incident('inc', [u2, u1])] })]
    expect(lines(steps)).toEqual([['incident_opened inc u2'], [], []])
  })
})

describe('diffSnapshot: an end is confirmed by a second answer', () => {
  const u1 = update('u1', 'investigating', 1)
  const open = page({ incidents: [incident('inc', [u1])] })

  it('a stale copy without the incident announces nothing, and the real end later is announced once', () => {
    const resolvedInList = page({ incidents: [incident('inc', [update('r', 'resolved', 3), u1])] })
    const { polls } = play([open, page(), open, resolvedInList, page(), page()])
    expect(polls.map((events) => events.map(line))).toEqual([['incident_opened inc u1'], [], [], ['incident_resolved inc r'], [], []])
    expect(polls[3]?.[0]?.key).toBe('incident:inc:resolved')
  })

  it('reports what happened during the gap as updates when the incident comes back', () => {
    const back = page({ incidents: [incident('inc', [update('u2', 'identified', 2), u1])] })
    expect(lines([open, page(), back])).toEqual([['incident_opened inc u1'], [], ['incident_updated inc u2']])
  })

  it('announces the end at the second answer in a row without the incident, once', () => {
    expect(lines([open, page(), page(), page()])).toEqual([['incident_opened inc u1'], [], ['incident_resolved inc'], []])
  })

  it('counts a second, identical answer: the diff of the same snapshot again confirms, and only that', () => {
    const missing = diffSnapshot(diffSnapshot(null, open).seen, page())
    expect(missing.events).toEqual([])
    expect(awaitsConfirmation(missing.seen)).toBe(true)
    const again = diffSnapshot(missing.seen, page())
    expect(again.events.map(line)).toEqual(['incident_resolved inc'])
    expect(awaitsConfirmation(again.seen)).toBe(false)
    expect(diffSnapshot(again.seen, page())).toEqual({ events: [], seen: again.seen })
  })

  it('at first sight nothing is missing yet: an ongoing incident ends after two answers without it', () => {
    const first = diffSnapshot(null, open)
    expect(first.events.map(line)).toEqual(['incident_opened inc u1'])
    expect(awaitsConfirmation(first.seen)).toBe(false)
    expect(lines([page(), page()], first.seen)).toEqual([[], ['incident_resolved inc']])
  })

  it('still confirms at once what the page itself says has ended', () => {
    const quick = page({ incidents: [incident('quick', [update('r', 'resolved', 2)])] })
    expect(lines([page(), quick, page(), page()])).toEqual([[], ['incident_resolved quick r'], [], []])
  })

  it('forgets a resolved incident that leaves the list at once: there is nothing left to announce', () => {
    const resolvedInList = page({ incidents: [incident('inc', [update('r', 'resolved', 3), u1])] })
    const { seen } = play([open, resolvedInList, page()])
    expect(seen?.missingIncidents).toEqual([])
    expect(seen?.goneIncidents.map((g) => g.id)).toEqual(['inc'])
  })
})

describe('parseSeenState: a state written by the previous version (1)', () => {
  const v1 = {
    version: 1,
    seq: 1,
    incidents: [
      { id: 'inc', name: 'Incident inc', impact: 'minor', url: 'https://status.example.com/incidents/inc', startedAt: minute(0), componentIds: [], open: true, closures: 0, updateIds: ['u1'] },
    ],
    goneIncidents: [{ id: 'old', closures: 1, updateIds: ['o1'] }],
    components: [{ id: 'api', status: 'major_outage' }],
    maintenances: [
      { id: 'm', name: 'Maintenance m', impact: 'maintenance', url: 'https://status.example.com/incidents/m', scheduledFor: minute(60), scheduledUntil: minute(120), componentIds: ['api'], phase: 'started' },
    ],
    goneMaintenances: [{ id: 'm0', phase: 'completed' }],
  }
  const same = page({
    incidents: [incident('inc', [update('u1', 'investigating', 1)])],
    components: [component('api', 'major_outage'), component('web', 'operational')],
    maintenances: [maintenance('m', 'in_progress')],
  })

  it('is migrated: nothing was awaiting confirmation', () => {
    expect(parseSeenState(JSON.parse(JSON.stringify(v1)))).toEqual({ ...v1, version: 2, missingIncidents: [], missingMaintenances: [] })
  })

  it('announces nothing again, and carries on under the new rule', () => {
    const migrated = parseSeenState(v1)
    expect(lines([same, page({ components: same.components }), page({ components: same.components })], migrated)).toEqual([
      [],
      [],
      ['incident_resolved inc', 'maintenance_completed m'],
    ])
  })
})

describe('diffSnapshot: components', () => {
  const withApi = (status: ComponentStatus): Snapshot => page({ components: [component('api', status), component('web', 'operational')] })

  it('reports every change, recovery included, with a distinct key for each degradation', () => {
    const { polls } = play([withApi('operational'), withApi('degraded_performance'), withApi('operational'), withApi('degraded_performance'), withApi('major_outage')])
    expect(polls.flat().map((e) => [line(e), e.key])).toEqual([
      ['component_changed api operational→degraded_performance', 'component:api:degraded_performance:1'],
      ['component_changed api degraded_performance→operational', 'component:api:operational:2'],
      ['component_changed api operational→degraded_performance', 'component:api:degraded_performance:3'],
      ['component_changed api degraded_performance→major_outage', 'component:api:major_outage:4'],
    ])
  })

  it('gives the same keys when the same diff is run again from the same state', () => {
    const before = diffSnapshot(null, withApi('degraded_performance')).seen
    const again = () => diffSnapshot(before, withApi('operational'))
    expect(again()).toEqual(again())
    expect(again().events.map((e) => e.key)).toEqual(['component:api:operational:2'])
  })

  it('counts a new non-operational component as a change from operational, and forgets a vanished one silently', () => {
    const steps = [
      page({ components: [component('api', 'operational')] }),
      page({ components: [component('api', 'operational'), component('new', 'partial_outage')] }),
      page({ components: [component('api', 'operational')] }),
      page({ components: [component('api', 'operational'), component('new', 'partial_outage')] }),
      page({ components: [component('api', 'operational'), component('quiet', 'operational')] }),
    ]
    const { polls } = play(steps)
    expect(polls.map((events) => events.map(line))).toEqual([
      [],
      ['component_changed new operational→partial_outage'],
      [],
      ['component_changed new operational→partial_outage'],
      [],
    ])
    expect(polls[1]?.[0]?.key).not.toBe(polls[3]?.[0]?.key)
  })

  it('keys on ids when names repeat across groups, and labels them "Group / Component"', () => {
    const logins = (api: ComponentStatus, chat: ComponentStatus): Snapshot =>
      page({ components: [component('login-api', api, 'g-api', 'Login'), component('login-chat', chat, 'g-chat', 'Login'), component('login', 'operational', null, 'Login')] })
    const { polls } = play([logins('operational', 'operational'), logins('operational', 'major_outage'), logins('degraded_performance', 'major_outage')])
    expect(polls.map((events) => events.map(line))).toEqual([
      [],
      ['component_changed ChatGPT / Login operational→major_outage'],
      ['component_changed APIs / Login operational→degraded_performance'],
    ])
  })

  it('reports under_maintenance like any other status', () => {
    expect(lines([withApi('operational'), withApi('under_maintenance'), withApi('operational')]).flat()).toEqual([
      'component_changed api operational→under_maintenance',
      'component_changed api under_maintenance→operational',
    ])
  })
})

describe('diffSnapshot: maintenances', () => {
  const withM = (...list: Maintenance[]): Snapshot => page({ maintenances: list })

  it('goes scheduled → started → completed, once each', () => {
    const steps = [
      withM(),
      withM(maintenance('m', 'scheduled')),
      withM(maintenance('m', 'scheduled')),
      withM(maintenance('m', 'in_progress')),
      withM(maintenance('m', 'verifying')),
      withM(maintenance('m', 'completed')),
      withM(),
    ]
    const { polls } = play(steps)
    expect(polls.map((events) => events.map((e) => e.key))).toEqual([
      [],
      ['maintenance:m:scheduled'],
      [],
      ['maintenance:m:started'],
      [],
      ['maintenance:m:completed'],
      [],
    ])
  })

  it('completes a started maintenance absent from two answers in a row, rebuilt from memory', () => {
    const { polls } = play([withM(maintenance('m', 'in_progress')), withM(), withM(), withM()])
    const { updates: _updates, ...remembered } = maintenance('m', 'completed')
    expect(polls[1]).toEqual([])
    expect(polls[2]).toEqual([{ kind: 'maintenance_completed', key: 'maintenance:m:completed', maintenance: { ...remembered, updates: [] } }])
    expect(polls[3]).toEqual([])
  })

  it('says nothing about a started maintenance missing from one answer, and reports its real end once', () => {
    const steps = [withM(maintenance('m', 'in_progress')), withM(), withM(maintenance('m', 'verifying')), withM(maintenance('m', 'completed')), withM(), withM()]
    expect(lines(steps)).toEqual([['maintenance_started m'], [], [], ['maintenance_completed m'], [], []])
  })

  it('treats a scheduled maintenance that drops out as cancelled (silent), and carries on if it comes back', () => {
    const steps = [withM(maintenance('m', 'scheduled')), withM(), withM(maintenance('m', 'scheduled')), withM(maintenance('m', 'in_progress'))]
    expect(lines(steps)).toEqual([['maintenance_scheduled m'], [], [], ['maintenance_started m']])
  })

  it('reports only started for one first seen in progress, only completed for scheduled → completed, nothing for one first seen completed', () => {
    const steps = [
      withM(),
      withM(maintenance('a', 'in_progress'), maintenance('b', 'scheduled'), maintenance('c', 'completed')),
      withM(maintenance('a', 'in_progress'), maintenance('b', 'completed')),
    ]
    expect(lines(steps)).toEqual([[], ['maintenance_started a', 'maintenance_scheduled b'], ['maintenance_completed b']])
  })

  it('does not complete again one that ended by dropping out and is listed later as completed', () => {
    const steps = [withM(maintenance('m', 'in_progress')), withM(), withM(), withM(maintenance('m', 'completed')), withM()]
    expect(lines(steps)).toEqual([['maintenance_started m'], [], ['maintenance_completed m'], [], []])
  })

  it('stays completed when a stale copy lists it in progress again, even after an earlier cancellation flap', () => {
    const steps = [
      withM(maintenance('m', 'scheduled')),
      withM(), // dropped out while scheduled: silent
      withM(maintenance('m', 'scheduled')), // back: carries on where it was
      withM(maintenance('m', 'in_progress')),
      withM(),
      withM(), // absent twice after starting: over
      withM(maintenance('m', 'in_progress')), // an old copy of the page
    ]
    expect(lines(steps)).toEqual([['maintenance_scheduled m'], [], [], ['maintenance_started m'], [], ['maintenance_completed m'], []])
  })

  it('never goes backwards', () => {
    const steps = [withM(maintenance('m', 'in_progress')), withM(maintenance('m', 'scheduled')), withM(maintenance('m', 'in_progress'))]
    expect(lines(steps)).toEqual([['maintenance_started m'], [], []])
  })
})

describe('diffSnapshot: order and keys', () => {
  it('orders incidents, then components, then maintenances, each in page order, dropped ones after listed ones', () => {
    const steps = [
      page({ incidents: [incident('gone', [update('g1', 'investigating')])], maintenances: [maintenance('m0', 'in_progress')] }),
      page(), // both missing: their ends are reported with the next answer
      page({
        incidents: [incident('b', [update('b1', 'investigating')]), incident('a', [update('a1', 'investigating')])],
        components: [component('web', 'major_outage'), component('api', 'degraded_performance')],
        maintenances: [maintenance('m2', 'scheduled'), maintenance('m1', 'in_progress')],
      }),
    ]
    expect(lines(steps)[1]).toEqual([])
    expect(lines(steps)[2]).toEqual([
      'incident_opened b b1',
      'incident_opened a a1',
      'incident_resolved gone',
      'component_changed web operational→major_outage',
      'component_changed api operational→degraded_performance',
      'maintenance_scheduled m2',
      'maintenance_started m1',
      'maintenance_completed m0',
    ])
  })

  it('URI-encodes ids in keys, so an id holding ":" cannot collide with another key', () => {
    // Unencoded, both would be incident:a:update:b:resolved.
    const steps = [
      page({ incidents: [incident('a:update:b', [update('x', 'investigating')]), incident('a', [update('b:resolved', 'investigating')])] }),
      page({ incidents: [incident('a:update:b', [update('y', 'resolved'), update('x', 'investigating')]), incident('a', [update('z', 'identified'), update('b:resolved', 'investigating')])] }),
    ]
    const keys = play(steps).polls.flat().map((e) => e.key)
    expect(keys).toEqual(['incident:a%3Aupdate%3Ab:opened', 'incident:a:opened', 'incident:a%3Aupdate%3Ab:resolved', 'incident:a:update:z'])
  })

  it('ignores repeated ids within one snapshot (first one wins)', () => {
    const snapshot = page({
      incidents: [incident('x', [update('u', 'investigating'), update('u', 'identified')]), incident('x', [update('v', 'investigating')])],
      components: [component('api', 'major_outage'), component('api', 'operational')],
      maintenances: [maintenance('m', 'scheduled'), maintenance('m', 'in_progress')],
    })
    const { polls } = play([snapshot, snapshot])
    expect(polls.map((events) => events.map(line))).toEqual([['incident_opened x u', 'component_changed api null→major_outage', 'maintenance_scheduled m'], []])
  })
})

describe('diffSnapshot: bounds', () => {
  it('considers only the first incidents and the newest updates of each', () => {
    const many = Array.from({ length: SEEN_STATE_LIMITS.incidents + 20 }, (_, n) => incident(`i${n}`, []))
    const long = incident('long', Array.from({ length: SEEN_STATE_LIMITS.updatesPerIncident + 30 }, (_, n) => update(`u${200 - n}`, 'identified')))
    const first = diffSnapshot(null, page({ incidents: [long, ...many] }))
    expect(first.events).toHaveLength(SEEN_STATE_LIMITS.incidents)
    expect(first.seen.incidents).toHaveLength(SEEN_STATE_LIMITS.incidents)
    expect(first.seen.incidents[0]?.updateIds).toHaveLength(SEEN_STATE_LIMITS.updatesPerIncident)
    expect(first.seen.incidents[0]?.updateIds[0]).toBe('u200')
  })

  it('forgets the oldest gone incidents first', () => {
    let seen: SeenState = EMPTY_SEEN_STATE
    for (let n = 0; n < SEEN_STATE_LIMITS.goneIncidents + 10; n++) {
      seen = diffSnapshot(seen, page({ incidents: [incident(`i${n}`, [update('u', 'investigating')])] })).seen
    }
    // Each is missing once, then gone: the last one after two empty answers.
    seen = diffSnapshot(diffSnapshot(seen, page()).seen, page()).seen
    expect(seen.goneIncidents).toHaveLength(SEEN_STATE_LIMITS.goneIncidents)
    expect(seen.goneIncidents[0]?.id).toBe(`i${SEEN_STATE_LIMITS.goneIncidents + 9}`)
    expect(seen.goneIncidents.some((g) => g.id === 'i0')).toBe(false)
  })

  it('remembers at most updatesPerIncident update ids, those still listed first, as the page lists new ones', () => {
    const limit = SEEN_STATE_LIMITS.updatesPerIncident
    const ids = (from: number): Update[] => Array.from({ length: limit }, (_, n) => update(`u${from + limit - 1 - n}`, 'identified'))
    // The page lists its newest updates only: 10 new ones push the 10 oldest out of the list.
    const { seen } = play([page({ incidents: [incident('inc', ids(0))] }), page({ incidents: [incident('inc', ids(10))] })])
    const updateIds = seen?.incidents[0]?.updateIds
    expect(updateIds).toEqual(ids(10).map((u) => u.id))
  })

  it('remembers at most componentIdsPerItem component ids per incident and maintenance', () => {
    const componentIds = Array.from({ length: SEEN_STATE_LIMITS.componentIdsPerItem + 20 }, (_, n) => `c${n}`)
    const kept = componentIds.slice(0, SEEN_STATE_LIMITS.componentIdsPerItem)
    const { seen } = diffSnapshot(null, page({ incidents: [incident('inc', [], { componentIds })], maintenances: [{ ...maintenance('m', 'in_progress'), componentIds }] }))
    expect(seen.incidents[0]?.componentIds).toEqual(kept)
    expect(seen.maintenances[0]?.componentIds).toEqual(kept)
  })

  it('remembers non-operational components only', () => {
    const { seen } = diffSnapshot(null, page({ components: [component('api', 'degraded_performance'), component('web', 'operational'), component('db', 'under_maintenance')] }))
    expect(seen.components).toEqual([
      { id: 'api', status: 'degraded_performance' },
      { id: 'db', status: 'under_maintenance' },
    ])
  })

  it('remembers long names cut, overlong urls as null, non-finite times as null', () => {
    const odd = incident('odd', [], { name: 'x'.repeat(1000), url: `https://e.com/${'a'.repeat(5000)}`, startedAt: Number.NaN })
    const [remembered] = diffSnapshot(null, page({ incidents: [odd] })).seen.incidents
    expect(remembered).toMatchObject({ url: null, startedAt: null })
    expect(remembered?.name).toHaveLength(SEEN_STATE_LIMITS.nameLength)
  })
})

describe('parseSeenState', () => {
  const real = play([
    page({
      incidents: [incident('inc', [update('u1', 'investigating')], { componentIds: ['api'] })],
      components: [component('api', 'major_outage')],
      maintenances: [maintenance('m', 'scheduled'), maintenance('n', 'in_progress')],
    }),
    page({ components: [component('api', 'major_outage')], maintenances: [maintenance('m', 'scheduled')] }),
  ]).seen

  it('reads back what the diff wrote, through JSON', () => {
    expect(real?.missingIncidents).toHaveLength(1)
    expect(real?.missingMaintenances).toHaveLength(1)
    expect(parseSeenState(JSON.parse(JSON.stringify(real)))).toEqual(real)
  })

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a string', 'seen'],
    ['an array', []],
    ['a newer version', { ...real, version: 3 }],
    ['version 0', { ...real, version: 0 }],
    ['a version that is not a number', { ...real, version: '2' }],
    ['a negative counter', { ...real, seq: -1 }],
    ['a fractional counter', { ...real, seq: 1.5 }],
    ['an unknown status', { ...real, components: [{ id: 'api', status: 'on_fire' }] }],
    ['a missing list', { ...real, maintenances: undefined }],
    ['an id both listed and gone', { ...real, incidents: [{ ...real?.incidents[0], id: 'x' }], goneIncidents: [{ id: 'x', closures: 0, updateIds: [] }] }],
    ['an id both missing and gone', { ...real, goneIncidents: [{ id: 'inc', closures: 0, updateIds: [] }] }],
    ['a maintenance both listed and missing', { ...real, missingMaintenances: [{ ...real?.missingMaintenances[0], id: 'm' }] }],
    ['too many missing incidents', { ...real, missingIncidents: Array.from({ length: SEEN_STATE_LIMITS.incidents + 1 }, (_, n) => ({ ...real?.missingIncidents[0], id: `i${n}` })) }],
    ['repeated update ids', { ...real, goneIncidents: [{ id: 'inc', closures: 1, updateIds: ['u', 'u'] }] }],
    ['too many components', { ...real, components: Array.from({ length: SEEN_STATE_LIMITS.components + 1 }, (_, n) => ({ id: `c${n}`, status: 'major_outage' })) }],
  ])('rejects %s', (_label, value) => {
    expect(parseSeenState(value)).toBeNull()
  })

  it('drops unknown fields', () => {
    expect(parseSeenState({ ...EMPTY_SEEN_STATE, extra: 1 })).toEqual(EMPTY_SEEN_STATE)
  })
})

describe('a snapshot from another endpoint of the same provider', () => {
  it('takes the updates of known incidents as seen, and still reports openings, resolutions and components', () => {
    const native = page({ incidents: [incident('i1', [update('n2', 'identified', 2), update('n1', 'investigating', 1)])] })
    const { seen } = diffSnapshot(null, native)
    // The fallback names the same incident with other update ids, plus a new incident and an outage.
    const fallback = page({
      components: [component('api', 'major_outage'), component('web', 'operational')],
      incidents: [incident('i1', [update('f2', 'identified', 2), update('f1', 'investigating', 1)]), incident('i2', [update('f3', 'investigating', 3)])],
    })
    const switched = diffSnapshot(seen, fallback, { sourceChanged: true })
    expect(switched.events.map(line)).toEqual(['incident_opened i2 f3', 'component_changed api operational→major_outage'])
    // Back on the fallback, a real new update is reported as usual.
    const next = page({
      components: [component('api', 'major_outage'), component('web', 'operational')],
      incidents: [incident('i1', [update('f4', 'resolved', 4), update('f2', 'identified', 2), update('f1', 'investigating', 1)]), incident('i2', [update('f3', 'investigating', 3)])],
    })
    expect(diffSnapshot(switched.seen, next).events.map(line)).toEqual(['incident_resolved i1 f4'])
  })

  it('without the option the same switch would re-announce every update', () => {
    const native = page({ incidents: [incident('i1', [update('n1', 'investigating', 1)])] })
    const fallback = page({ incidents: [incident('i1', [update('f1', 'investigating', 1)])] })
    expect(diffSnapshot(diffSnapshot(null, native).seen, fallback).events.map(line)).toEqual(['incident_updated i1 f1'])
  })
})
