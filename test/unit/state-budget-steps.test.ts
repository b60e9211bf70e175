import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../src/diff.ts'
import type { Component, ComponentStatus, Group, Incident, Maintenance, Snapshot, Update } from '../../src/model.ts'
import { initialPageState, type PageState } from '../../src/page-state.ts'
import { ALL_PAGES_BUDGET_BYTES, fitPageState, type Omitted, jsonBytes, MIN_PAGE_BUDGET_BYTES, PAGE_STATE_BUDGET_BYTES, pageBudgetBytes } from '../../src/state-budget.ts'

/**
 * The cut, step by step, on one page that is over every budget in every way: 3,000 components
 * (four of them not operational, one near the top), 60 incidents and 60 maintenances, the first of
 * each with 25 updates of 4,500 characters, an empty update text, 100 component ids, and names of
 * 400 characters. Each budget below is met by exactly one step (the gentlest that fits), and what
 * that step keeps is checked in full: the counts, what comes first, what is cut and what is counted.
 */

const NOW = Date.UTC(2026, 0, 5, 12)
const COMPONENTS = 3_000
const ITEMS = 60
const LONG_UPDATES = 25
const LONG_NAME = 'Elevated error rates and latency on the dashboard, the API and the webhooks for customers in several regions '.repeat(4).slice(0, 400)
const LONG_TEXT = 'We are investigating reports of elevated errors. '.repeat(100).slice(0, 4_500)

/** Not operational, at these indexes: one near the top, so it is also among the first components. */
const WRONG: ReadonlyMap<number, ComponentStatus> = new Map([
  [1, 'major_outage'],
  [500, 'partial_outage'],
  [1_500, 'degraded_performance'],
  [2_500, 'under_maintenance'],
])

const updates = (prefix: string, count: number, text: string): Update[] =>
  Array.from({ length: count }, (_, n): Update => ({ id: `${prefix}-u${n}`, status: 'investigating', text, at: NOW - n * 60_000 }))

const componentIds = (count: number): string[] => Array.from({ length: count }, (_, n) => `c${n}`)

function bigPage(): Snapshot {
  const components = Array.from({ length: COMPONENTS }, (_, n): Component => ({
    id: `c${n}`,
    name: n === 0 ? LONG_NAME : `Service ${n}`,
    groupId: `g${Math.floor(n / 100)}`,
    status: WRONG.get(n) ?? 'operational',
  }))
  const groups = Array.from({ length: COMPONENTS / 100 }, (_, n): Group => ({ id: `g${n}`, name: n === 0 ? LONG_NAME : `Region ${n}` }))
  const incidents = Array.from({ length: ITEMS }, (_, n): Incident => ({
    id: `i${n}`,
    name: n === 0 ? LONG_NAME : `Incident ${n}`,
    status: 'investigating',
    impact: 'minor',
    url: `https://status.example.com/incidents/i${n}`,
    startedAt: NOW - 3_600_000,
    updates: n === 0 ? updates('i0', LONG_UPDATES, LONG_TEXT) : n === 1 ? updates('i1', 1, '') : updates(`i${n}`, 1, 'Investigating.'),
    componentIds: n === 0 ? componentIds(100) : [`c${n}`],
  }))
  const maintenances = Array.from({ length: ITEMS }, (_, n): Maintenance => ({
    id: `m${n}`,
    name: n === 0 ? LONG_NAME : `Maintenance ${n}`,
    status: 'scheduled',
    impact: 'maintenance',
    url: null,
    scheduledFor: NOW + 86_400_000,
    scheduledUntil: NOW + 90_000_000,
    updates: n === 0 ? updates('m0', LONG_UPDATES, LONG_TEXT) : updates(`m${n}`, 1, 'Scheduled.'),
    componentIds: n === 0 ? componentIds(100) : [],
  }))
  return { platform: 'statuspage', page: { name: LONG_NAME, url: 'https://status.example.com' }, level: 'major', components, groups, incidents, maintenances }
}

const PAGE = bigPage()
const withSnapshot = (snapshot: Snapshot): PageState => ({ ...initialPageState(), url: 'https://status.example.com/api/v2/summary.json', snapshot })

interface Step {
  readonly budget: number
  /** The longest text, name, the most updates per item, components and incidents/maintenances the step keeps. */
  readonly text: number
  readonly name: number
  readonly updates: number
  readonly components: number
  readonly items: number
}

// Budgets chosen well inside the gap between one step's size and the previous (gentler) one's.
const STEPS: readonly Step[] = [
  { budget: 400 * 1024, text: 4_000, name: 300, updates: 20, components: 2_000, items: 50 },
  { budget: 120 * 1024, text: 1_500, name: 200, updates: 5, components: 500, items: 20 },
  { budget: 32 * 1024, text: 400, name: 120, updates: 2, components: 150, items: 10 },
  { budget: 10 * 1024, text: 150, name: 80, updates: 1, components: 40, items: 5 },
  { budget: 4 * 1024, text: 0, name: 60, updates: 1, components: 10, items: 3 },
]

/** A cut text: within `max`, not cut much shorter (truncate may end at a word), and ending in "…". */
function expectCut(text: string | undefined, max: number): void {
  expect(text?.endsWith('…')).toBe(true)
  if (max === 0) expect(text).toBe('…')
  else {
    expect(text?.length).toBeLessThanOrEqual(max)
    expect(text?.length).toBeGreaterThan(max * 0.7)
  }
}

describe('the storage budget of a page, step by step', () => {
  it('the big page is over every budget below, as it is', () => {
    expect(jsonBytes(withSnapshot(PAGE))).toBeGreaterThan(STEPS[0]?.budget ?? 0)
  })

  for (const [index, step] of STEPS.entries()) {
    describe(`step ${index + 1} (${step.budget / 1024} KB)`, () => {
      // Cut again in each test (not once for all): a test that reads a shared result runs none of the code.
      function cut(): { state: PageState; omitted: Omitted; kept: Snapshot } {
        const { state, omitted } = fitPageState(withSnapshot(PAGE), step.budget)
        if (state.snapshot === null) throw new Error('the snapshot went')
        return { state, omitted, kept: state.snapshot }
      }

      it('fits, and keeps the page itself, its link and its level', () => {
        const { state, kept } = cut()
        expect(jsonBytes(state)).toBeLessThanOrEqual(step.budget)
        expect(kept.page.url).toBe(PAGE.page.url)
        expectCut(kept.page.name, step.name)
        expect([kept.platform, kept.level]).toEqual([PAGE.platform, PAGE.level])
        expect(state.url).toBe(withSnapshot(PAGE).url)
      })

      it(`keeps ${step.components} components: every one that is not operational, then the first operational ones, in page order`, () => {
        const { omitted, kept } = cut()
        expect(kept.components).toHaveLength(step.components)
        expect(omitted.components).toBe(COMPONENTS - step.components)
        const keptIds = kept.components.map((c) => c.id)
        // Page order, each the component it was (status and group untouched).
        const byId = new Map(PAGE.components.map((c) => [c.id, c]))
        expect(keptIds).toEqual(PAGE.components.map((c) => c.id).filter((id) => keptIds.includes(id)))
        for (const c of kept.components) expect({ ...c, name: byId.get(c.id)?.name }).toEqual(byId.get(c.id))
        // Every component that says something is wrong is kept...
        expect(kept.components.filter((c) => c.status !== 'operational').map((c) => c.id)).toEqual(['c1', 'c500', 'c1500', 'c2500'])
        // ...and the operational ones kept are the first ones of the page.
        const operational = PAGE.components.filter((c) => c.status === 'operational').map((c) => c.id)
        const keptOperational = kept.components.filter((c) => c.status === 'operational').map((c) => c.id)
        expect(keptOperational).toEqual(operational.slice(0, step.components - WRONG.size))
        expectCut(kept.components[0]?.name, step.name)
        expect(kept.components[1]?.name).toBe('Service 1')
      })

      it('keeps the groups of the kept components, in page order, and only those', () => {
        const { kept } = cut()
        const used = new Set(kept.components.map((c) => c.groupId))
        expect(kept.groups.map((g) => g.id)).toEqual(PAGE.groups.map((g) => g.id).filter((id) => used.has(id)))
        expect(kept.groups.map((g) => g.id)).toContain('g25')
        expectCut(kept.groups[0]?.name, step.name)
        expect(kept.groups.slice(1).every((g) => g.name === `Region ${g.id.slice(1)}`)).toBe(true)
      })

      it(`keeps the first ${step.items} incidents and maintenances, and counts the rest`, () => {
        const { omitted, kept } = cut()
        expect(kept.incidents.map((i) => i.id)).toEqual(PAGE.incidents.slice(0, step.items).map((i) => i.id))
        expect(kept.maintenances.map((m) => m.id)).toEqual(PAGE.maintenances.slice(0, step.items).map((m) => m.id))
        expect(omitted).toEqual({ components: COMPONENTS - step.components, incidents: ITEMS - step.items, maintenances: ITEMS - step.items })
        // Everything but the cut fields is the item as it was.
        const [incident, second] = kept.incidents
        expect({ ...second, updates: [] }).toEqual({ ...PAGE.incidents[1], updates: [] })
        expect(incident && { ...incident, name: '', updates: [], componentIds: [] }).toEqual({ ...PAGE.incidents[0], name: '', updates: [], componentIds: [] })
        const [maintenance] = kept.maintenances
        expect(maintenance && { ...maintenance, name: '', updates: [], componentIds: [] }).toEqual({ ...PAGE.maintenances[0], name: '', updates: [], componentIds: [] })
        expectCut(incident?.name, step.name)
        expectCut(maintenance?.name, step.name)
      })

      it(`keeps the latest ${step.updates} update(s) of an item, their texts cut to ${step.text} characters; an empty text stays empty`, () => {
        const { kept } = cut()
        for (const item of [kept.incidents[0], kept.maintenances[0]]) {
          const prefix = item?.id ?? ''
          expect(item?.updates.map((u) => u.id)).toEqual(Array.from({ length: step.updates }, (_, n) => `${prefix}-u${n}`))
          expect(item?.updates.map((u) => u.at)).toEqual(Array.from({ length: step.updates }, (_, n) => NOW - n * 60_000))
          for (const update of item?.updates ?? []) expectCut(update.text, step.text)
        }
        expect(kept.incidents[1]?.updates.map((u) => u.text)).toEqual([''])
      })

      it(`lists at most ${Math.min(100, step.components)} components of an incident or maintenance, the first ones`, () => {
        const { kept } = cut()
        for (const item of [kept.incidents[0], kept.maintenances[0]]) expect(item?.componentIds).toEqual(componentIds(Math.min(100, step.components)))
      })
    })
  }

  it('a budget met to the byte is met: the step that fits is the one taken', () => {
    for (const step of STEPS.slice(1, 4)) {
      const fitted = fitPageState(withSnapshot(PAGE), step.budget)
      const exact = jsonBytes(fitted.state)
      expect(exact).toBeLessThan(step.budget)
      expect(fitPageState(withSnapshot(PAGE), exact)).toEqual(fitted)
    }
  })

  it('when even the last step is too big (the seen-state alone is), keeps the page name and link and level, lists nothing, counts everything left out', () => {
    const seen = diffSnapshot(null, PAGE).seen
    const state: PageState = { ...withSnapshot(PAGE), seen }
    expect(jsonBytes(seen)).toBeGreaterThan(MIN_PAGE_BUDGET_BYTES)
    const fitted = fitPageState(state, MIN_PAGE_BUDGET_BYTES)
    expect(fitted.omitted).toEqual({ components: COMPONENTS, incidents: ITEMS, maintenances: ITEMS })
    const bare = fitted.state.snapshot
    expect(bare && { ...bare, page: { ...bare.page, name: '' } }).toEqual({
      platform: PAGE.platform,
      page: { name: '', url: PAGE.page.url },
      level: PAGE.level,
      components: [],
      groups: [],
      incidents: [],
      maintenances: [],
    })
    expectCut(bare?.page.name, 60)
    // The seen-state keeps notifications exactly-once: never trimmed.
    expect(fitted.state.seen).toBe(seen)
    expect({ ...fitted.state, snapshot: null }).toEqual({ ...state, snapshot: null })
  })
})

describe('a page within its budget', () => {
  // More than the first step would keep (60 incidents, 25 updates, a 5,000-character text), yet small.
  const roomy: Snapshot = {
    ...PAGE,
    components: PAGE.components.slice(0, 20),
    groups: PAGE.groups.slice(0, 1),
    incidents: PAGE.incidents.map((incident, n) => ({ ...incident, name: `Incident ${n}`, updates: n === 0 ? updates('i0', LONG_UPDATES, 'Still investigating.') : incident.updates, componentIds: [] })),
    maintenances: [{ ...(PAGE.maintenances[1] as Maintenance), updates: updates('m1', 1, 'x'.repeat(5_000)) }],
  }

  it('is stored whole, however many items it lists and however long a text, with nothing counted as left out', () => {
    const state = withSnapshot(roomy)
    expect(jsonBytes(state)).toBeLessThan(PAGE_STATE_BUDGET_BYTES)
    const fitted = fitPageState(state)
    expect(fitted.state).toBe(state)
    expect(fitted.omitted).toEqual({ components: 0, incidents: 0, maintenances: 0 })
  })

  it('is stored whole when it is exactly its budget', () => {
    const state = withSnapshot(roomy)
    const fitted = fitPageState(state, jsonBytes(state))
    expect(fitted.state).toBe(state)
    expect(fitted.omitted).toEqual({ components: 0, incidents: 0, maintenances: 0 })
  })

  it('a page without a snapshot (never polled, or its snapshot lost) is left as it is', () => {
    const state = initialPageState()
    expect(fitPageState(state, MIN_PAGE_BUDGET_BYTES)).toEqual({ state, omitted: { components: 0, incidents: 0, maintenances: 0 } })
  })
})

describe('the budgets', () => {
  it('are 64 KB a page, 8 MB for all pages together, and never under 4 KB a page', () => {
    expect(PAGE_STATE_BUDGET_BYTES).toBe(65_536)
    expect(ALL_PAGES_BUDGET_BYTES).toBe(8_388_608)
    expect(MIN_PAGE_BUDGET_BYTES).toBe(4_096)
    expect([1, 128, 129, 1_000, 2_048, 2_049, 100_000].map(pageBudgetBytes)).toEqual([65_536, 65_536, 65_027, 8_388, 4_096, 4_096, 4_096])
  })
})
