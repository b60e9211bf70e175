import { describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/model.ts'
import type { PollError } from '../../../src/poll-error.ts'
import { componentImpactsUrl, parseComponentImpacts, pastIncidents, type ComponentHistory, type ComponentImpact } from '../../../src/providers/incidentio-history.ts'
import { incidentio } from '../../../src/providers/incidentio.ts'
import type { Result } from '../../../src/result.ts'
import { sampleJson } from '../../support/samples.ts'

function value<T>(result: Result<T, PollError>): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const SAMPLE = 'incidentio/openai-proxy-component-impacts-2025-04.json'
const history = (): ComponentHistory => value(parseComponentImpacts(sampleJson(SAMPLE)))

function incident(incidents: readonly Incident[], id: string): Incident {
  const found = incidents.find((i) => i.id === id)
  if (found === undefined) throw new Error(`no ${id}`)
  return found
}

describe('pastIncidents on OpenAI\'s component impacts (2025-04)', () => {
  it('one incident per link, in the page\'s order', () => {
    const incidents = pastIncidents(history())
    expect(incidents).toHaveLength(73)
    expect(incidents.map((i) => i.id)).toEqual(history().incidents.map((l) => l.id))
  })

  it('a resolved incident starts at its earliest impact and ends, wordless, at its latest impact end', () => {
    // "High error rates for Embeddings API": partial outage 08:52:42.802 → degraded until 20:05:56.849 (published 08:52:42.687).
    expect(incident(pastIncidents(history()), '01JMYB426YNQJCT80QX8PVN1VJ')).toEqual({
      id: '01JMYB426YNQJCT80QX8PVN1VJ',
      name: 'High error rates for Embeddings API',
      status: 'resolved',
      impact: 'major',
      url: 'https://statuspage.incident.io/openai-1/incidents/01JMYB426YNQJCT80QX8PVN1VJ',
      startedAt: Date.parse('2025-01-21T08:52:42.802Z'),
      updates: [{ id: '01JMYB426YNQJCT80QX8PVN1VJ:resolved', status: 'resolved', text: '', at: Date.parse('2025-01-21T20:05:56.849Z') }],
      componentIds: ['01JMXBRMFEV0AJ0VVS68N9CD6R'],
    })
  })

  it('an incident impacting several components names each once; its start is before it was published', () => {
    const elevated = incident(pastIncidents(history()), '01JQ78FH8SGRMX71XJ9Q1PZDWW')
    expect(elevated).toMatchObject({
      name: 'Elevated 429 error rates',
      impact: 'major',
      startedAt: Date.parse('2025-03-25T17:16:00Z'),
      updates: [{ status: 'resolved', text: '', at: Date.parse('2025-03-25T20:00:00Z') }],
    })
    expect([...elevated.componentIds].sort()).toEqual(['01JMXBRMFE6N2NNT7DG6XZQ6PW', '01JMXBRMFEKVBWKK82B44QFMCE', '01JMXBRMFEV0AJ0VVS68N9CD6R'])
  })

  it('the ongoing Sora incident is monitoring, with no update and no end', () => {
    expect(incident(pastIncidents(history()), '01JRB888M6TJVDDKGCA1YZ3ZHT')).toEqual({
      id: '01JRB888M6TJVDDKGCA1YZ3ZHT',
      name: 'New users may experience temporary delays in video generation capabilities',
      status: 'monitoring',
      impact: 'minor',
      url: 'https://statuspage.incident.io/openai-1/incidents/01JRB888M6TJVDDKGCA1YZ3ZHT',
      startedAt: Date.parse('2025-04-01T06:30:00Z'),
      updates: [],
      componentIds: ['01JMXCAX0QN2ZHVMS54EEN1HXB'],
    })
  })

  it('every other incident is resolved with one wordless update at a known end', () => {
    const closed = pastIncidents(history()).filter((i) => i.id !== '01JRB888M6TJVDDKGCA1YZ3ZHT')
    expect(closed).toHaveLength(72)
    for (const i of closed) {
      expect(i.status).toBe('resolved')
      expect(i.updates).toHaveLength(1)
      expect(i.updates[0]?.text).toBe('')
      expect(i.updates[0]?.at).toBeGreaterThanOrEqual(i.startedAt ?? Number.POSITIVE_INFINITY)
    }
  })
})

describe('pastIncidents on edited answers', () => {
  const link = { id: 'inc', name: 'Outage', status: 'resolved' as const, publishedAt: 1_000, url: null }
  const impact = (n: number, over: Partial<ComponentImpact> = {}): ComponentImpact => ({
    id: `imp-${n}`,
    componentId: `c-${n % 3}`,
    incidentId: 'inc',
    status: 'degraded_performance',
    startAt: 10_000 + n,
    endAt: 20_000 + n,
    ...over,
  })
  const only = (h: ComponentHistory): Incident => {
    const [first, ...rest] = pastIncidents(h)
    if (first === undefined || rest.length > 0) throw new Error('expected one incident')
    return first
  }

  it('the impact is the worst component status: a full outage is critical', () => {
    const impacts = [impact(1), impact(2, { status: 'major_outage' }), impact(3, { status: 'partial_outage' })]
    expect(only({ incidents: [link], impacts, uptimes: [] }).impact).toBe('critical')
    expect(only({ incidents: [link], impacts: [impact(1, { status: 'under_maintenance' })], uptimes: [] }).impact).toBe('maintenance')
  })

  it('no impacts: started when published, no components, resolved at an unknown time', () => {
    expect(only({ incidents: [link], impacts: [], uptimes: [] })).toMatchObject({ impact: 'none', startedAt: 1_000, componentIds: [], updates: [{ at: null }] })
  })

  it('resolved with an impact still going: the end is not known', () => {
    const h = { incidents: [link], impacts: [impact(1), impact(2, { endAt: null })], uptimes: [] }
    expect(only(h).updates).toEqual([{ id: 'inc:resolved', status: 'resolved', text: '', at: null }])
  })

  it('impacts of other incidents, or of none, are not counted', () => {
    const h = { incidents: [link], impacts: [impact(1), impact(2, { incidentId: 'other', startAt: 0, status: 'major_outage' }), impact(3, { incidentId: null, startAt: 0 })], uptimes: [] }
    expect(only(h)).toMatchObject({ startedAt: 10_001, impact: 'minor', componentIds: ['c-1'] })
  })

  it('200,000 impacts do not throw (no spread into Math.min/max) and still give the true ends', () => {
    const impacts = Array.from({ length: 200_000 }, (_, n) => impact(n))
    const incidents = pastIncidents({ incidents: [link], impacts, uptimes: [] })
    expect(incidents[0]?.startedAt).toBe(10_000)
    expect(incidents[0]?.updates[0]?.at).toBe(20_000 + 199_999)
    expect(incidents[0]?.componentIds).toEqual(['c-0', 'c-1', 'c-2'])
  })
})

describe('componentImpactsUrl', () => {
  const base = new URL('https://status.openai.com/')

  it('rounds the window out to whole hours, in UTC without milliseconds', () => {
    const url = componentImpactsUrl(base, { from: Date.parse('2025-04-01T06:30:12.345Z'), to: Date.parse('2025-04-08T17:48:00.517Z') })
    expect(url).toBe('https://status.openai.com/proxy/status.openai.com/component_impacts?start_at=2025-04-01T06%3A00%3A00Z&end_at=2025-04-08T18%3A00%3A00Z')
  })

  it('a window already on the hour stays; any two polls in one hour ask the same URL', () => {
    const hour = Date.parse('2025-04-08T17:00:00Z')
    const url = componentImpactsUrl(base, { from: hour - 7 * 24 * 3_600_000, to: hour })
    expect(url).toBe('https://status.openai.com/proxy/status.openai.com/component_impacts?start_at=2025-04-01T17%3A00%3A00Z&end_at=2025-04-08T17%3A00%3A00Z')
    const a = componentImpactsUrl(base, { from: hour + 1 - 7 * 24 * 3_600_000, to: hour + 1 })
    const b = componentImpactsUrl(base, { from: hour + 3_599_999 - 7 * 24 * 3_600_000, to: hour + 3_599_999 })
    expect(a).toBe(b)
  })

  it('is what the incident.io provider reads for its past incidents after the compatible incidents.json, parsed by pastIncidents', () => {
    const window = { from: Date.parse('2025-04-01T06:30:00Z'), to: Date.parse('2025-04-08T17:48:00Z') }
    const sources = incidentio.past?.(base, window)
    expect(sources?.incidents?.map((e) => [e.url, e.sameUpdateIds])).toEqual([
      ['https://status.openai.com/api/v2/incidents.json', false],
      [componentImpactsUrl(base, window), false],
    ])
    expect(sources?.maintenances).toBeUndefined()
    const parsed = sources?.incidents?.[1]?.parse(sampleJson(SAMPLE))
    expect(parsed?.ok ? parsed.value.length : parsed?.error.message).toBe(73)
  })
})
