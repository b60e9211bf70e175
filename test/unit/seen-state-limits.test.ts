import { describe, expect, it } from 'vitest'
import {
  EMPTY_SEEN_STATE,
  SEEN_STATE_LIMITS,
  parseSeenState,
  rememberedName,
  rememberedTime,
  rememberedUrl,
  type SeenIncident,
  type SeenMaintenance,
  type SeenState,
} from '../../src/seen-state.ts'

/**
 * Every bound of the seen-state, at its edge: a stored state exactly at a limit is read back,
 * one over it is refused (read as corrupt, never half-used). A bound that slips by one either
 * way fails here by name, without waiting for a property to find and shrink it.
 */

const L = SEEN_STATE_LIMITS
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

const incident = (id: string, over: Partial<SeenIncident> = {}): SeenIncident => ({
  id,
  name: 'Elevated errors',
  impact: 'minor',
  url: 'https://status.example.com/incidents/1',
  startedAt: 1_744_131_600_000,
  componentIds: [],
  open: true,
  closures: 0,
  updateIds: [],
  ...over,
})

const maintenance = (id: string, over: Partial<SeenMaintenance> = {}): SeenMaintenance => ({
  id,
  name: 'Upgrade',
  impact: 'maintenance',
  url: null,
  scheduledFor: null,
  scheduledUntil: null,
  componentIds: [],
  phase: 'started',
  ...over,
})

const state = (over: Partial<SeenState>): unknown => JSON.parse(JSON.stringify({ ...EMPTY_SEEN_STATE, ...over }))

const EDGES: readonly { readonly bound: string; readonly at: (n: number) => unknown; readonly limit: number }[] = [
  { bound: 'incidents', limit: L.incidents, at: (n) => state({ incidents: ids('i', n).map((id) => incident(id)) }) },
  { bound: 'missing incidents', limit: L.incidents, at: (n) => state({ missingIncidents: ids('m', n).map((id) => incident(id)) }) },
  { bound: 'gone incidents', limit: L.goneIncidents, at: (n) => state({ goneIncidents: ids('g', n).map((id) => ({ id, closures: 1, updateIds: [] })) }) },
  { bound: 'components', limit: L.components, at: (n) => state({ components: ids('c', n).map((id) => ({ id, status: 'partial_outage' as const })) }) },
  { bound: 'maintenances', limit: L.maintenances, at: (n) => state({ maintenances: ids('x', n).map((id) => maintenance(id)) }) },
  { bound: 'missing maintenances', limit: L.maintenances, at: (n) => state({ missingMaintenances: ids('y', n).map((id) => maintenance(id)) }) },
  { bound: 'gone maintenances', limit: L.goneMaintenances, at: (n) => state({ goneMaintenances: ids('z', n).map((id) => ({ id, phase: 'completed' as const })) }) },
  { bound: 'update ids per incident', limit: L.updatesPerIncident, at: (n) => state({ incidents: [incident('i', { updateIds: ids('u', n) })] }) },
  { bound: 'update ids per gone incident', limit: L.updatesPerIncident, at: (n) => state({ goneIncidents: [{ id: 'g', closures: 1, updateIds: ids('u', n) }] }) },
  { bound: 'component ids per incident', limit: L.componentIdsPerItem, at: (n) => state({ incidents: [incident('i', { componentIds: ids('c', n) })] }) },
  { bound: 'component ids per maintenance', limit: L.componentIdsPerItem, at: (n) => state({ maintenances: [maintenance('x', { componentIds: ids('c', n) })] }) },
  { bound: 'name length', limit: L.nameLength, at: (n) => state({ incidents: [incident('i', { name: 'n'.repeat(n) })] }) },
  { bound: 'url length', limit: L.urlLength, at: (n) => state({ maintenances: [maintenance('x', { url: `https://s.example/${'p'.repeat(n - 'https://s.example/'.length)}` })] }) },
]

describe('seen-state bounds, at the edge', () => {
  for (const { bound, limit, at } of EDGES) {
    it(`${bound}: ${limit} read back, ${limit + 1} refused`, () => {
      expect(parseSeenState(at(limit)), `${bound} at ${limit}`).not.toBeNull()
      expect(parseSeenState(at(limit + 1)), `${bound} at ${limit + 1}`).toBeNull()
    })
  }
})

describe('what the diff remembers, at the edge', () => {
  it(`a name of ${L.nameLength} units is remembered whole, a longer one cut to ${L.nameLength}`, () => {
    const name = 'n'.repeat(L.nameLength)
    expect(rememberedName(name)).toBe(name)
    expect(rememberedName(`${name}more`)).toBe(name)
    // Full-width letters are single UTF-16 units above the surrogates: cut like any other.
    expect(rememberedName('\uff01'.repeat(L.nameLength + 1))).toBe('\uff01'.repeat(L.nameLength))
  })

  it('a name cut between the two halves of a character loses the whole character, never keeps half of it', () => {
    const before = 'a'.repeat(L.nameLength - 1)
    for (const character of ['\u{10000}', '\u{1F534}', '\u{10FFFF}']) {
      const remembered = rememberedName(`${before}${character} is down`)
      expect(remembered, character).toBe(before)
    }
    // A character that ends exactly at the bound is kept.
    expect(rememberedName(`${'a'.repeat(L.nameLength - 2)}\u{1F534} is down`)).toBe(`${'a'.repeat(L.nameLength - 2)}\u{1F534}`)
  })

  it(`a url of ${L.urlLength} characters is remembered, a longer one is not (a cut url would be a wrong link)`, () => {
    const url = (length: number): string => `https://s.example/${'p'.repeat(length - 'https://s.example/'.length)}`
    expect(rememberedUrl(url(L.urlLength))).toBe(url(L.urlLength))
    expect(rememberedUrl(url(L.urlLength + 1))).toBeNull()
    expect(rememberedUrl(null)).toBeNull()
  })

  it('a time is remembered as JSON carries it: -0 as 0, NaN and infinities as unknown', () => {
    expect(Object.is(rememberedTime(-0), 0)).toBe(true)
    expect([Number.NaN, Infinity, -Infinity, null].map(rememberedTime)).toEqual([null, null, null, null])
    expect(rememberedTime(1_744_131_600_000)).toBe(1_744_131_600_000)
  })
})

describe('seen-state fields of the wrong type', () => {
  it.each<[string, unknown]>([
    ['a flag that is a string', state({ incidents: [incident('i', { open: 'true' as unknown as boolean })] })],
    ['a time that is a string', state({ incidents: [incident('i', { startedAt: '2025-04-08' as unknown as number })] })],
    ['a time that is not finite (only in memory: JSON has none)', { ...EMPTY_SEEN_STATE, incidents: [incident('i', { startedAt: Infinity })] }],
    ['a version that is NaN (only in memory)', { ...EMPTY_SEEN_STATE, version: Number.NaN }],
  ])('refuses %s', (_label, value) => {
    expect(parseSeenState(value)).toBeNull()
  })

  it('reads the same state with those fields right', () => {
    expect(parseSeenState(state({ incidents: [incident('i', { open: false, startedAt: null })] }))?.incidents[0]).toMatchObject({ open: false, startedAt: null })
  })

  it('lets a bug through rather than pass it off as corruption (parsePageState still repairs the page state)', () => {
    const buggy = { ...EMPTY_SEEN_STATE, get incidents(): never { throw new TypeError('a bug, not corruption') } }
    expect(() => parseSeenState(buggy)).toThrow(TypeError)
  })
})
