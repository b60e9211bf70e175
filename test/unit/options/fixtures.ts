import { vi } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import type { PageView, Reply, StateView } from '../../../extension/messaging/protocol.ts'
import { CATALOG } from '../../../extension/options/catalog.ts'
import type { OptionsActions, OptionsState } from '../../../extension/options/view/types.ts'
import { NO_FILTERS, type Settings, type WatchedPage } from '../../../extension/storage/settings.ts'

/** Options-page states and a mock actions object, shared by the component tests and the screenshots. */

export const NOW = Date.UTC(2026, 10, 25, 12, 0)

export const openaiSnapshot: Snapshot = {
  platform: 'incidentio',
  page: { name: 'OpenAI', url: 'https://status.openai.com' },
  level: 'operational',
  groups: [
    { id: 'g-apis', name: 'APIs' },
    { id: 'g-chatgpt', name: 'ChatGPT' },
  ],
  components: [
    { id: 'c-responses', name: 'Responses', groupId: 'g-apis', status: 'operational' },
    { id: 'c-realtime', name: 'Realtime', groupId: 'g-apis', status: 'operational' },
    { id: 'c-login', name: 'Login', groupId: 'g-chatgpt', status: 'operational' },
    { id: 'c-sora', name: 'Sora', groupId: null, status: 'operational' },
  ],
  incidents: [],
  maintenances: [],
}

function page(settings: WatchedPage, extra: Partial<PageView> = {}): PageView {
  return {
    key: settings.key,
    name: settings.name,
    url: settings.url,
    platform: settings.platform,
    filters: settings.filters,
    level: 'operational',
    snapshot: null,
    lastError: null,
    errorCount: 0,
    lastCheckedAt: NOW - 30_000,
    lastOkAt: NOW - 30_000,
    nextDueAt: NOW + 30_000,
    permission: 'granted',
    ...extra,
  }
}

export const openaiWatched: WatchedPage = {
  key: 'status.openai.com',
  url: 'https://status.openai.com/',
  platform: 'incidentio',
  name: 'OpenAI',
  addedAt: 0,
  filters: NO_FILTERS,
}
export const githubWatched: WatchedPage = {
  key: 'www.githubstatus.com',
  url: 'https://www.githubstatus.com/',
  platform: 'statuspage',
  name: 'GitHub',
  addedAt: 1,
  filters: { componentIds: null, mutedUntil: NOW + 3_600_000, mutedForever: false },
}

export function stateView(pages: readonly WatchedPage[] = [openaiWatched, githubWatched]): StateView {
  const settings: Settings = { version: 2, notifyOnRecovery: true, quietHours: null, keepSevereOnScreen: false, pages }
  return {
    settings,
    pages: pages.map((p) =>
      p.key === openaiWatched.key ? page(p, { snapshot: openaiSnapshot }) : page(p, { permission: p.key === githubWatched.key ? 'missing' : 'granted' }),
    ),
    offline: { offline: false, since: null },
    problem: null,
    notifications: { permission: 'granted', undelivered: null, actions: true },
    history: [],
    marks: [],
  }
}

export function optionsState(view: StateView | null = stateView()): OptionsState {
  return { view, catalog: CATALOG, loadError: null, now: NOW }
}

export function mockActions(overrides: Partial<OptionsActions> = {}): { [K in keyof OptionsActions]: ReturnType<typeof vi.fn> & OptionsActions[K] } {
  const settingsReply = async (): Promise<Reply<'updateFilters'>> => ({ ok: true, settings: stateView().settings })
  const actions: OptionsActions = {
    addPage: vi.fn(async (url: string): Promise<Reply<'addPage'>> => ({ ok: true, page: { ...openaiWatched, url, key: new URL(url).host } })),
    removePage: vi.fn(async (): Promise<Reply<'removePage'>> => ({ ok: true, removed: openaiWatched })),
    updateFilters: vi.fn(settingsReply),
    setNotifyOnRecovery: vi.fn(settingsReply),
    setQuietHours: vi.fn(settingsReply),
    setKeepSevereOnScreen: vi.fn(settingsReply),
    importSettings: vi.fn(async (): Promise<Reply<'importSettings'>> => ({ ok: true, settings: stateView().settings })),
    grant: vi.fn(async () => true),
    download: vi.fn(),
    ...overrides,
  }
  return actions as ReturnType<typeof mockActions>
}
