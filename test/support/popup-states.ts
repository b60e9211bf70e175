import { vi, type Mock } from 'vitest'
import type { Impact, Snapshot } from '../../src/model.ts'
import { isRecord } from '../../src/untrusted.ts'
import { pollError, type PollError } from '../../src/poll-error.ts'
import { parseProxySummary } from '../../src/providers/incidentio.ts'
import { parseSummary } from '../../src/providers/statuspage.ts'
import type { Result } from '../../src/result.ts'
import type { PageView, StateView } from '../../extension/messaging/protocol.ts'
import type { PopupActions, PopupState } from '../../extension/popup/view/types.ts'
import type { HistoryEntry } from '../../extension/storage/records.ts'
import { defaultSettings, NO_FILTERS, type WatchedPage } from '../../extension/storage/settings.ts'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sampleJson } from './samples.ts'

/**
 * Popup states built from the real recorded samples, run through the real providers, for the
 * popup's component tests (and anything else that renders the pure view).
 */

/** The OpenAI sample's latest update is 2025-04-08 17:48:00 UTC; "now" is 12 minutes later. */
export const OPENAI_UPDATE_AT = Date.UTC(2025, 3, 8, 17, 48, 0, 517)
export const NOW = OPENAI_UPDATE_AT + 12 * 60_000

function value(result: Result<Snapshot, PollError>): Snapshot {
  if (!result.ok) throw new Error(`sample did not parse: ${result.error.message}`)
  return result.value
}

/** status.openai.com on 2025-04-08: "Video generation" degraded, one incident (monitoring). */
export const openaiSnapshot = (): Snapshot =>
  value(parseProxySummary(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'), new URL('https://status.openai.com')))

/** status.instructure.com on 2021-12-07: the AWS outage incident, 21 components in 3 groups. */
/** The repo's hand-made Statuspage fixture: one maintenance in progress, one scheduled. */
export const maintenanceSnapshot = (): Snapshot =>
  value(
    parseSummary(
      JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/statuspage/summary-with-maintenances.json'), 'utf8')) as unknown,
      new URL('https://status.example.com'),
    ),
  )

export const instructureSnapshot = (): Snapshot =>
  value(parseSummary(sampleJson('statuspage/instructure-summary-2021-12-07.json'), new URL('https://status.instructure.com')))

/** A page where everything is operational: the OpenAI sample with the incident gone and all green. */
export function healthySnapshot(name = 'OpenAI', url = 'https://status.openai.com'): Snapshot {
  const base = openaiSnapshot()
  return {
    ...base,
    page: { name, url },
    level: 'operational',
    incidents: [],
    maintenances: [],
    components: base.components.map((c) => ({ ...c, status: 'operational' as const })),
  }
}

export function pageView(snapshot: Snapshot | null, overrides: Partial<PageView> = {}): PageView {
  const url = overrides.url ?? snapshot?.page.url ?? 'https://status.example.com'
  const key = overrides.key ?? new URL(url).host
  return {
    key,
    name: snapshot?.page.name ?? key,
    url,
    platform: snapshot?.platform ?? null,
    filters: NO_FILTERS,
    level: snapshot?.level ?? null,
    snapshot,
    lastError: null,
    errorCount: 0,
    lastCheckedAt: NOW - 30_000,
    lastOkAt: snapshot === null ? null : NOW - 30_000,
    nextDueAt: NOW + 30_000,
    permission: 'granted',
    ...overrides,
  }
}

export const openaiPage = (overrides: Partial<PageView> = {}): PageView => pageView(openaiSnapshot(), { name: 'OpenAI', ...overrides })

export const unreachablePage = (): PageView =>
  pageView(null, {
    key: 'status.down.example',
    name: 'Down Example',
    url: 'https://status.down.example',
    lastError: pollError('network', 'Failed to fetch'),
    errorCount: 3,
    lastOkAt: null,
  })

export const botWallPage = (): PageView =>
  pageView(null, { key: 'status.walled.example', name: 'Walled Example', url: 'https://status.walled.example', lastError: pollError('bot_wall', 'Cloudflare challenge') })

export const permissionMissingPage = (): PageView =>
  pageView(null, {
    key: 'status.new.example',
    name: 'New Example',
    url: 'https://status.new.example',
    lastError: pollError('permission', 'No host permission'),
    permission: 'missing',
    lastCheckedAt: null,
  })

/** The README's console block for the OpenAI incident, as the background stores it in history. */
export function openaiHistory(): HistoryEntry[] {
  const incident = openaiSnapshot().incidents[0]
  if (incident === undefined) throw new Error('OpenAI sample has no incident')
  const text = incident.updates[0]?.text ?? ''
  return [
    {
      at: OPENAI_UPDATE_AT,
      kind: 'incident_updated',
      pageKey: 'status.openai.com',
      title: 'OpenAI — Sora / Video generation',
      body: `Minor · Monitoring: ${text}`,
      url: incident.url ?? '',
      lines: `[2025-04-08 17:48:00] Product: OpenAI - Sora / Video generation\nStatus: Minor - Monitoring\nDetails: ${text}\n${'-'.repeat(80)}`,
      impact: incident.impact,
      name: incident.name,
    },
  ]
}

interface RecordedLink {
  readonly name: string
  readonly permalink: string
}

/** OpenAI's past incidents as its component-impacts sample links them (real names and links). */
function openaiIncidentLinks(): RecordedLink[] {
  const sample = sampleJson('incidentio/openai-proxy-component-impacts-2025-04.json')
  const links = isRecord(sample) && Array.isArray(sample.incident_links) ? sample.incident_links : []
  return links.flatMap((l: unknown) => (isRecord(l) && typeof l.name === 'string' && typeof l.permalink === 'string' ? [{ name: l.name, permalink: l.permalink }] : []))
}

/**
 * A varied week of OpenAI history before `now`, in local days, from real past incident names:
 * 6 days ago nothing; 5 a major incident; 4 only a recovery; 3 four minor incidents (one shown
 * as "+1 more"); 2 nothing; yesterday a critical one. Today is the snapshot's ongoing incident.
 * Newest first, as stored.
 */
export function openaiWeek(now: number): HistoryEntry[] {
  const links = openaiIncidentLinks()
  const link = (i: number): RecordedLink => {
    const found = links[i]
    if (found === undefined) throw new Error(`the OpenAI sample has no incident link ${i}`)
    return found
  }
  const today = new Date(now)
  const at = (daysBack: number, hour: number): number => new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysBack, hour).getTime()
  const incident = (when: number, kind: 'incident_opened' | 'incident_resolved', { name, permalink }: RecordedLink, impact: Impact): HistoryEntry => ({
    at: when,
    kind,
    pageKey: 'status.openai.com',
    title: `OpenAI — ${name}`,
    body: `${impact === 'critical' ? 'Critical' : impact === 'major' ? 'Major' : 'Minor'} · ${kind === 'incident_opened' ? 'Investigating' : 'Resolved'}`,
    url: permalink,
    lines: '',
    impact,
    name,
  })
  const entries: HistoryEntry[] = [
    incident(at(5, 9), 'incident_opened', link(0), 'major'),
    incident(at(5, 11), 'incident_resolved', link(0), 'major'),
    { at: at(4, 14), kind: 'component_changed', pageKey: 'status.openai.com', title: 'OpenAI — Chat', body: 'Operational (was Degraded performance)', url: '', lines: '', impact: 'none', name: 'Chat' },
    incident(at(3, 8), 'incident_opened', link(1), 'minor'),
    incident(at(3, 9), 'incident_opened', link(2), 'minor'),
    incident(at(3, 10), 'incident_opened', link(3), 'minor'),
    incident(at(3, 12), 'incident_opened', link(4), 'minor'),
    incident(at(1, 16), 'incident_opened', link(9), 'critical'),
    incident(at(1, 18), 'incident_resolved', link(9), 'critical'),
  ]
  return entries.reverse()
}

export function stateView(pages: readonly PageView[], overrides: Partial<StateView> = {}): StateView {
  const settings = defaultSettings()
  const watched: WatchedPage[] = pages.map((p) => ({ key: p.key, url: p.url, platform: p.platform, name: p.name, addedAt: 0, filters: p.filters }))
  return { settings: { ...settings, pages: watched }, pages, offline: { offline: false, since: null }, problem: null, notifications: { permission: 'granted', undelivered: null, actions: true }, history: [], ...overrides, marks: overrides.marks ?? overrides.history ?? [] }
}

export function popupState(view: StateView | null, overrides: Partial<PopupState> = {}): PopupState {
  return { view, loadError: null, checking: false, now: NOW, announcement: '', ...overrides }
}

/** 100 pages: 97 healthy, then (scattered, not first) OpenAI, Instructure and one unreachable. */
export function hundredPages(): PageView[] {
  const pages: PageView[] = []
  for (let i = 0; i < 100; i++) {
    const url = `https://status.page${String(i).padStart(3, '0')}.example`
    pages.push(pageView(healthySnapshot(`Page ${String(i).padStart(3, '0')}`, url), { name: `Page ${String(i).padStart(3, '0')}` }))
  }
  pages[40] = openaiPage()
  pages[70] = pageView(instructureSnapshot())
  pages[99] = unreachablePage()
  return pages
}

export interface MockActions extends PopupActions {
  readonly checkNow: Mock<() => void>
  readonly grantPermission: Mock<(page: PageView) => void>
  readonly openOptions: Mock<() => void>
}

export function mockActions(): MockActions {
  return { checkNow: vi.fn<() => void>(), grantPermission: vi.fn<(page: PageView) => void>(), openOptions: vi.fn<() => void>() }
}

/** The first item, or a clear failure (instead of a non-null assertion). */
export function first<T>(items: readonly T[]): T {
  const [item] = items
  if (item === undefined) throw new Error('expected at least one item')
  return item
}
