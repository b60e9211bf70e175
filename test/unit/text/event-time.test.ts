import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Incident, Maintenance, Update } from '../../../src/model.ts'
import { timestamp } from '../../../src/text/console-line.ts'
import { eventTime } from '../../../src/text/event-time.ts'

// vitest.config.ts pins TZ=UTC. The page posted its update at 14:32; we polled at 14:40.
const POSTED = Date.UTC(2025, 10, 17, 14, 32, 0)
const NOW = Date.UTC(2025, 10, 17, 14, 40, 0)

const update = (status: Update['status'], at: number | null): Update => ({ id: `u-${status}`, status, text: 'Text.', at })
const maintenance = (updates: Update[]): Maintenance => ({
  id: 'm-1',
  name: 'Database upgrade',
  status: 'scheduled',
  impact: 'maintenance',
  url: null,
  scheduledFor: Date.UTC(2025, 10, 20, 2, 0),
  scheduledUntil: Date.UTC(2025, 10, 20, 4, 0),
  updates,
  componentIds: [],
})
const incident: Incident = {
  id: 'inc-1',
  name: 'Elevated error rates',
  status: 'investigating',
  impact: 'minor',
  url: null,
  startedAt: POSTED,
  updates: [],
  componentIds: [],
}
const at = (event: MonitorEvent): string => timestamp(eventTime(event, NOW))

describe('eventTime: the time printed for an event', () => {
  it.each(['maintenance_scheduled', 'maintenance_started', 'maintenance_completed'] as const)(
    '%s: the time of the latest maintenance update, as the page tells it',
    (kind) => {
      const event: MonitorEvent = { kind, key: `m-1:${kind}`, maintenance: maintenance([update('in_progress', POSTED), update('scheduled', POSTED - 3_600_000)]) }
      expect(at(event)).toBe('[2025-11-17 14:32:00]')
    },
  )

  it.each(['maintenance_scheduled', 'maintenance_started', 'maintenance_completed'] as const)(
    '%s without any update, or with an undated one: the time of the poll',
    (kind) => {
      expect(at({ kind, key: 'k', maintenance: maintenance([]) })).toBe('[2025-11-17 14:40:00]')
      expect(at({ kind, key: 'k', maintenance: maintenance([update('scheduled', null)]) })).toBe('[2025-11-17 14:40:00]')
    },
  )

  it('incidents: the time of the update, else the poll; component changes: the poll', () => {
    expect(at({ kind: 'incident_updated', key: 'k', incident, update: update('identified', POSTED) })).toBe('[2025-11-17 14:32:00]')
    expect(at({ kind: 'incident_resolved', key: 'k', incident, update: null })).toBe('[2025-11-17 14:40:00]')
    const component = { id: 'c', name: 'Chat', groupId: null, status: 'partial_outage' } as const
    expect(at({ kind: 'component_changed', key: 'k', component, label: 'Chat', from: 'operational', to: 'partial_outage' })).toBe('[2025-11-17 14:40:00]')
  })
})
