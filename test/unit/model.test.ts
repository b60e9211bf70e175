import { describe, expect, it } from 'vitest'
import { COMPONENT_STATUS_RANK, LEVEL_RANK, levelOfComponentStatus, worstLevel, type ComponentStatus, type Level } from '../../src/model.ts'

describe('levelOfComponentStatus', () => {
  it('maps every component status to the level it gives its page', () => {
    const levels = Object.fromEntries((Object.keys(COMPONENT_STATUS_RANK) as ComponentStatus[]).map((status) => [status, levelOfComponentStatus(status)]))
    expect(levels).toEqual({
      operational: 'operational',
      under_maintenance: 'maintenance',
      degraded_performance: 'minor',
      partial_outage: 'major',
      major_outage: 'critical',
    })
  })

  it('keeps the order of severity: a worse status never gives a better level', () => {
    const statuses = (Object.keys(COMPONENT_STATUS_RANK) as ComponentStatus[]).sort((a, b) => COMPONENT_STATUS_RANK[a] - COMPONENT_STATUS_RANK[b])
    const ranks = statuses.map((status) => LEVEL_RANK[levelOfComponentStatus(status)])
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })
})

describe('worstLevel', () => {
  it('is operational for nothing, else the most severe level given', () => {
    expect(worstLevel([])).toBe('operational')
    const levels: Level[] = ['minor', 'maintenance', 'critical', 'major', 'operational']
    expect(worstLevel(levels)).toBe('critical')
    expect(worstLevel(['operational', levelOfComponentStatus('under_maintenance')])).toBe('maintenance')
  })
})
