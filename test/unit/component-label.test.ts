import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../src/diff.ts'
import { componentLabel, type Component, type Group, type Snapshot } from '../../src/model.ts'

/** A page where every component has a group of its own: 20,000 of each. */
function manyGroups(count: number): Snapshot {
  const groups: Group[] = Array.from({ length: count }, (_, index) => ({ id: `g${index}`, name: `Region ${index}` }))
  const components: Component[] = groups.map((group, index) => ({ id: `c${index}`, name: 'Login', groupId: group.id, status: index % 20 === 0 ? 'major_outage' : 'operational' }))
  return { platform: 'statuspage', page: { name: 'Example', url: 'https://status.example.com' }, level: 'critical', components, groups, incidents: [], maintenances: [] }
}

describe('componentLabel', () => {
  it('names the group of each of 20,000 components, each in its own group', () => {
    const snapshot = manyGroups(20_000)
    const labels = snapshot.components.map((component) => componentLabel(snapshot, component))
    expect(labels[0]).toBe('Region 0 / Login')
    expect(labels[12_345]).toBe('Region 12345 / Login')
    expect(labels.at(-1)).toBe('Region 19999 / Login')
    expect(new Set(labels).size).toBe(20_000)
  })

  it('takes the first of a repeated group id and leaves out unknown groups, with many groups as with few', () => {
    for (const count of [3, 100]) {
      const snapshot = manyGroups(count)
      const groups = [...snapshot.groups, { id: 'g1', name: 'Shadow' }]
      expect(componentLabel({ groups }, { id: 'x', name: 'API', groupId: 'g1', status: 'operational' })).toBe('Region 1 / API')
      expect(componentLabel({ groups }, { id: 'x', name: 'API', groupId: 'nowhere', status: 'operational' })).toBe('API')
      expect(componentLabel({ groups }, { id: 'x', name: 'API', groupId: null, status: 'operational' })).toBe('API')
    }
  })

  it('labels the component changes of a first poll of such a page', () => {
    const { events } = diffSnapshot(null, manyGroups(20_000))
    // The seen-state keeps 1,000 components, so the changes are among the first 1,000.
    expect(events).toHaveLength(50)
    expect(events.map((event) => (event.kind === 'component_changed' ? event.label : ''))[1]).toBe('Region 20 / Login')
  })
})
