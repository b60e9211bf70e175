import type { Component, Group, Incident, Maintenance, Snapshot, Update } from './model.ts'
import type { PageState } from './page-state.ts'
import { truncate } from './text/event-text.ts'

/**
 * A page's JSON can be megabytes (a 1.85 MB update text, 70,000 components): stored whole, five
 * such pages filled Chrome's 10 MB `storage.local`. So the snapshot, which is only shown, is cut
 * in steps until it fits, visibly ("…", `omitted`); the seen-state is bounded on its own.
 */

export const PAGE_STATE_BUDGET_BYTES = 64 * 1024
/** All pages' states together, within Chrome's 10 MB with room left for the schedule and history. */
export const ALL_PAGES_BUDGET_BYTES = 8 * 1024 * 1024
export const MIN_PAGE_BUDGET_BYTES = 4 * 1024

export function pageBudgetBytes(pageCount: number): number {
  const share = Math.floor(ALL_PAGES_BUDGET_BYTES / Math.max(1, pageCount))
  return Math.max(MIN_PAGE_BUDGET_BYTES, Math.min(PAGE_STATE_BUDGET_BYTES, share))
}

export interface Omitted {
  readonly components: number
  readonly incidents: number
  readonly maintenances: number
}

export const NOTHING_OMITTED: Omitted = { components: 0, incidents: 0, maintenances: 0 }

interface Step {
  readonly text: number
  readonly name: number
  readonly updates: number
  readonly components: number
  readonly items: number
}

// From a generous cut that real pages never reach (OpenAI is ~10 KB) to the bare minimum.
const STEPS: readonly Step[] = [
  { text: 4000, name: 300, updates: 20, components: 2000, items: 50 },
  { text: 1500, name: 200, updates: 5, components: 500, items: 20 },
  { text: 400, name: 120, updates: 2, components: 150, items: 10 },
  { text: 150, name: 80, updates: 1, components: 40, items: 5 },
  { text: 0, name: 60, updates: 1, components: 10, items: 3 },
]

const encoder = new TextEncoder()
/** Bytes as the browsers count them for storage: the JSON text, UTF-8. */
export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length

export function fitPageState(state: PageState, maxBytes: number = PAGE_STATE_BUDGET_BYTES): { state: PageState; omitted: Omitted } {
  if (state.snapshot === null) return { state, omitted: NOTHING_OMITTED }
  const snapshot = state.snapshot
  // Measuring means stringifying: a 2 MB snapshot that is plainly too big is not measured whole.
  if (!plainlyTooBig(snapshot, maxBytes) && jsonBytes(state) <= maxBytes) return { state, omitted: NOTHING_OMITTED }
  for (const step of STEPS) {
    const cut = trimSnapshot(snapshot, step)
    const fitted = { ...state, snapshot: cut.snapshot }
    if (jsonBytes(fitted) <= maxBytes) return { state: fitted, omitted: cut.omitted }
  }
  // Only a huge seen-state gets here; it keeps notifications exactly-once, so it stays whole.
  const bare: Snapshot = { ...snapshot, page: { name: cutText(snapshot.page.name, 60), url: snapshot.page.url }, components: [], groups: [], incidents: [], maintenances: [] }
  return {
    state: { ...state, snapshot: bare },
    omitted: { components: snapshot.components.length, incidents: snapshot.incidents.length, maintenances: snapshot.maintenances.length },
  }
}

/** A lower bound of the snapshot's JSON over the budget: its texts alone, ~40 bytes a component. */
function plainlyTooBig(snapshot: Snapshot, maxBytes: number): boolean {
  let bytes = snapshot.components.length * 40
  for (const item of [...snapshot.incidents, ...snapshot.maintenances]) {
    bytes += item.name.length
    for (const update of item.updates) bytes += update.text.length
    if (bytes > maxBytes) return true
  }
  return bytes > maxBytes
}

function cutText(text: string, max: number): string {
  return max === 0 ? (text === '' ? '' : '…') : truncate(text, max)
}

function trimSnapshot(snapshot: Snapshot, step: Step): { snapshot: Snapshot; omitted: Omitted } {
  // The components that say something is wrong come first: they are what the popup shows open.
  const wrong = snapshot.components.filter((c) => c.status !== 'operational')
  const fine = snapshot.components.filter((c) => c.status === 'operational')
  const kept = new Set<Component>([...wrong, ...fine].slice(0, step.components))
  const components = snapshot.components.filter((c) => kept.has(c)).map((c): Component => ({ ...c, name: cutText(c.name, step.name) }))
  const usedGroups = new Set(components.map((c) => c.groupId))
  const groups = snapshot.groups.filter((g) => usedGroups.has(g.id)).map((g): Group => ({ ...g, name: cutText(g.name, step.name) }))
  const incidents = snapshot.incidents
    .slice(0, step.items)
    .map((i): Incident => ({ ...i, name: cutText(i.name, step.name), updates: trimUpdates(i.updates, step), componentIds: i.componentIds.slice(0, step.components) }))
  const maintenances = snapshot.maintenances
    .slice(0, step.items)
    .map((m): Maintenance => ({ ...m, name: cutText(m.name, step.name), updates: trimUpdates(m.updates, step), componentIds: m.componentIds.slice(0, step.components) }))
  return {
    snapshot: { ...snapshot, page: { ...snapshot.page, name: cutText(snapshot.page.name, step.name) }, components, groups, incidents, maintenances },
    omitted: {
      components: snapshot.components.length - components.length,
      incidents: snapshot.incidents.length - incidents.length,
      maintenances: snapshot.maintenances.length - maintenances.length,
    },
  }
}

/** Updates are newest first: the latest is the one shown, and the last to go. */
function trimUpdates(updates: readonly Update[], step: Step): Update[] {
  return updates.slice(0, step.updates).map((u) => ({ ...u, text: cutText(u.text, step.text) }))
}
