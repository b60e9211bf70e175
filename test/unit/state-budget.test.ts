import { runs } from '../support/fast-check-setup'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Component, Snapshot } from '../../src/model.ts'
import { initialPageState, type PageState } from '../../src/page-state.ts'
import type { Platform } from '../../src/model.ts'
import { providerFor } from '../../src/providers/index.ts'
import { value } from '../support/result.ts'
import { ALL_PAGES_BUDGET_BYTES, fitPageState, jsonBytes, MIN_PAGE_BUDGET_BYTES, NOTHING_OMITTED, PAGE_STATE_BUDGET_BYTES, pageBudgetBytes } from '../../src/state-budget.ts'
import { snapshotArb } from '../support/arbitraries.ts'
import { sampleJson } from '../support/samples.ts'

function parseProvider(platform: Platform, json: unknown, base = 'https://status.example.com'): Snapshot {
  const endpoint = providerFor(platform).endpoints(new URL(base))[0]
  if (endpoint === undefined) throw new Error(`no endpoint for ${platform}`)
  return value(endpoint.parse(json))
}

const withSnapshot = (snapshot: Snapshot): PageState => ({ ...initialPageState(), url: 'https://status.example.com/api/v2/summary.json', snapshot })

/** A snapshot made huge: every text repeated, the components copied under new ids. */
function inflate(snapshot: Snapshot, textTimes: number, componentCopies: number): Snapshot {
  const grow = (text: string): string => (text === '' ? 'x'.repeat(textTimes) : text.repeat(textTimes))
  const components: Component[] = []
  for (let copy = 0; copy < componentCopies; copy++) for (const c of snapshot.components) components.push({ ...c, id: `${c.id}#${copy}`, name: grow(c.name) })
  return {
    ...snapshot,
    components,
    incidents: snapshot.incidents.map((i) => ({ ...i, name: grow(i.name), updates: i.updates.map((u) => ({ ...u, text: grow(u.text) })) })),
    maintenances: snapshot.maintenances.map((m) => ({ ...m, updates: m.updates.map((u) => ({ ...u, text: grow(u.text) })) })),
  }
}

describe('the storage budget of a page', () => {
  it('leaves a real page as it is (OpenAI, Instructure)', () => {
    for (const state of [withSnapshot(parseProvider('incidentio', sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))), withSnapshot(parseProvider('statuspage', sampleJson('statuspage/instructure-summary-2021-12-07.json')))]) {
      expect(fitPageState(state)).toEqual({ state, omitted: NOTHING_OMITTED })
    }
  })

  it('cuts a 1.85 MB update to fit, visibly, and keeps the latest update, the incident and what is wrong', () => {
    const real = parseProvider('statuspage', sampleJson('statuspage/instructure-summary-2021-12-07.json'))
    const huge = inflate(real, 30_000, 1)
    expect(jsonBytes(withSnapshot(huge))).toBeGreaterThan(1_000_000)
    const { state, omitted } = fitPageState(withSnapshot(huge))
    expect(jsonBytes(state)).toBeLessThanOrEqual(PAGE_STATE_BUDGET_BYTES)
    const incident = state.snapshot?.incidents[0]
    expect(incident?.id).toBe(real.incidents[0]?.id)
    expect(incident?.updates[0]?.id).toBe(real.incidents[0]?.updates[0]?.id)
    expect(incident?.updates[0]?.text.endsWith('…')).toBe(true)
    expect(omitted.incidents).toBe(0)
  })

  it('keeps the components that are not operational first when it must leave components out, and counts the rest', () => {
    const real = parseProvider('statuspage', sampleJson('statuspage/instructure-summary-2021-12-07.json'))
    const many = inflate(real, 1, 4_000)
    const { state, omitted } = fitPageState(withSnapshot(many), 16 * 1024)
    const kept = state.snapshot?.components ?? []
    expect(kept.length + omitted.components).toBe(many.components.length)
    const wrongKept = kept.filter((c) => c.status !== 'operational').length
    const wrongAll = many.components.filter((c) => c.status !== 'operational').length
    expect(wrongKept === wrongAll || kept.every((c) => c.status !== 'operational')).toBe(true)
    // Groups without a kept component go too.
    for (const group of state.snapshot?.groups ?? []) expect(kept.some((c) => c.groupId === group.id)).toBe(true)
  })

  it('property: any page, however big, fits its budget; what is cut says so; what is left out is counted', () => {
    fc.assert(
      fc.property(snapshotArb({ maxComponents: 12, maxIncidents: 4, maxUpdates: 4 }), fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom(4 * 1024, 16 * 1024, 64 * 1024), (base, textTimes, copies, budget) => {
        const snapshot = inflate(base, textTimes, copies)
        const { state, omitted } = fitPageState(withSnapshot(snapshot), budget)
        expect(jsonBytes(state)).toBeLessThanOrEqual(budget)
        const kept = state.snapshot
        if (kept === null) throw new Error('the snapshot went')
        expect(omitted.components).toBe(snapshot.components.length - kept.components.length)
        expect(omitted.incidents).toBe(snapshot.incidents.length - kept.incidents.length)
        expect(omitted.maintenances).toBe(snapshot.maintenances.length - kept.maintenances.length)
        // A kept incident is the same incident, in page order, its texts whole or ending in "…".
        kept.incidents.forEach((incident, i) => {
          const original = snapshot.incidents[i]
          expect(incident.id).toBe(original?.id)
          incident.updates.forEach((update, j) => {
            const whole = original?.updates[j]?.text ?? ''
            expect(update.id).toBe(original?.updates[j]?.id)
            expect(update.text === whole || update.text.endsWith('…')).toBe(true)
          })
        })
      }),
      { numRuns: runs(60) },
    )
    // 60 pages of up to megabytes each: 3 s alone, more on a loaded machine; fast-check's own
    // 10 s limit still ends it.
  }, 30_000)

  it('shares 8 MB among all pages: 64 KB each up to 128 pages, less beyond, never under 4 KB', () => {
    expect(pageBudgetBytes(1)).toBe(PAGE_STATE_BUDGET_BYTES)
    expect(pageBudgetBytes(128)).toBe(PAGE_STATE_BUDGET_BYTES)
    expect(pageBudgetBytes(1_000)).toBe(Math.floor(ALL_PAGES_BUDGET_BYTES / 1_000))
    expect(pageBudgetBytes(1_000) * 1_000).toBeLessThanOrEqual(ALL_PAGES_BUDGET_BYTES)
    expect(pageBudgetBytes(100_000)).toBe(MIN_PAGE_BUDGET_BYTES)
    expect(pageBudgetBytes(0)).toBe(PAGE_STATE_BUDGET_BYTES)
  })
})
