import type { Tried } from '../../src/detect.ts'
import { isRecord, type JsonObject } from '../../src/untrusted.ts'
import { isTimeOfDay, type QuietHours, type Settings, type WatchedPage } from '../storage/settings.ts'
import type { HistoryMark, PageView, StateView } from '../storage/state-view.ts'

/**
 * The UI sends with `sendMessage` (client.ts), the background answers through `dispatch`
 * (dispatcher.ts). Messages are untrusted JSON: `parseRequest` checks their shape first.
 */

export type { HistoryMark, PageView, StateView }

export interface FiltersPatch {
  readonly componentIds?: readonly string[] | null
  readonly mutedUntil?: number | null
  readonly mutedForever?: boolean
}

export interface Protocol {
  /**
   * The popup, which must render fast, asks for less: at 100 pages, reading every record was most
   * of the answer's time, and the 200 history entries most of a 200 KB answer.
   */
  getState: { request: { compactHealthyAbove?: number; historyLimit?: number }; response: { state: StateView } }
  checkNow: { request: { pageKey?: string }; response: { polled: number } }
  addPage: { request: { url: string; name?: string }; response: { page: WatchedPage } }
  /** Also drops the page's local state and host permissions no other page needs. */
  removePage: { request: { pageKey: string }; response: { removed: WatchedPage } }
  updateFilters: {
    request: { pageKey?: string; filters?: FiltersPatch; notifyOnRecovery?: boolean; quietHours?: QuietHours | null; keepSevereOnScreen?: boolean }
    response: { settings: Settings }
  }
  /** An exported file (SETTINGS' stored form), repaired as storage is. Grants no host permissions. */
  importSettings: { request: { settings: Readonly<Record<string, unknown>> }; response: { settings: Settings } }
}

export type MessageType = keyof Protocol

export type Request<K extends MessageType = MessageType> = K extends MessageType ? { readonly type: K } & Protocol[K]['request'] : never

export type Failure =
  /** Request `origins` from a user gesture, then retry. */
  | { readonly ok: false; readonly error: 'permission'; readonly origins: readonly string[]; readonly message: string }
  | {
      readonly ok: false
      readonly error: 'invalid' | 'not_found' | 'duplicate' | 'detect' | 'limit' | 'internal' | 'unreachable'
      readonly message: string
      /** `detect`: each platform tried and why it did not fit. */
      readonly tried?: readonly Tried[]
    }

export type Reply<K extends MessageType> = ({ readonly ok: true } & Protocol[K]['response']) | Failure

export const failure = (error: Exclude<Failure['error'], 'permission'>, message: string): Failure => ({ ok: false, error, message })

// --- validation of untrusted messages -------------------------------------------------------------

type Parsed = { readonly ok: true; readonly request: Request } | { readonly ok: false; readonly message: string }

const isOptionalString = (v: unknown, max = 2048): boolean => v === undefined || (typeof v === 'string' && v.length <= max)
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isIdList = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.length <= 500 && v.every((id) => typeof id === 'string' && id.length <= 200)

function parseFilters(value: unknown): FiltersPatch | string {
  if (!isRecord(value)) return 'filters must be an object'
  const { componentIds, mutedUntil, mutedForever } = value
  if (!(componentIds === undefined || componentIds === null || isIdList(componentIds))) return 'filters.componentIds must be null or a list of ids'
  if (!(mutedUntil === undefined || mutedUntil === null || isTime(mutedUntil))) return 'filters.mutedUntil must be null or a time'
  if (mutedForever !== undefined && typeof mutedForever !== 'boolean') return 'filters.mutedForever must be a boolean'
  return {
    ...(componentIds === undefined ? {} : { componentIds }),
    ...(mutedUntil === undefined ? {} : { mutedUntil }),
    ...(mutedForever === undefined ? {} : { mutedForever }),
  }
}

function parseQuietHours(value: unknown): QuietHours | string {
  if (!isRecord(value)) return 'quietHours must be null or an object'
  const { enabled, start, end } = value
  if (typeof enabled !== 'boolean') return 'quietHours.enabled must be a boolean'
  if (!isTimeOfDay(start) || !isTimeOfDay(end)) return 'quietHours.start and .end must be HH:MM'
  return { enabled, start, end }
}

/** A message's fields → its typed request, or why not. */
type RequestReader<K extends MessageType> = (value: JsonObject) => Request<K> | string

/** One reader per message type: a type added to Protocol without its reader does not compile. */
const REQUEST_READERS: { readonly [K in MessageType]: RequestReader<K> } = {
  getState: (value) => {
    const request: { -readonly [K in keyof Protocol['getState']['request']]: number } = {}
    for (const key of ['compactHealthyAbove', 'historyLimit'] as const) {
      const n = value[key]
      if (n === undefined) continue
      if (!(typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) return `${key} must be a whole number`
      request[key] = n
    }
    return { type: 'getState', ...request }
  },
  checkNow: (value) => {
    if (!isOptionalString(value.pageKey)) return 'pageKey must be a string'
    return { type: 'checkNow', ...(typeof value.pageKey === 'string' ? { pageKey: value.pageKey } : {}) }
  },
  addPage: (value) => {
    if (typeof value.url !== 'string' || value.url.length > 2048) return 'url must be a string'
    if (!isOptionalString(value.name, 100)) return 'name must be a short string'
    return { type: 'addPage', url: value.url, ...(typeof value.name === 'string' ? { name: value.name } : {}) }
  },
  removePage: (value) => (typeof value.pageKey === 'string' ? { type: 'removePage', pageKey: value.pageKey } : 'pageKey must be a string'),
  updateFilters: (value) => {
    if (!isOptionalString(value.pageKey)) return 'pageKey must be a string'
    if (value.notifyOnRecovery !== undefined && typeof value.notifyOnRecovery !== 'boolean') return 'notifyOnRecovery must be a boolean'
    if (value.keepSevereOnScreen !== undefined && typeof value.keepSevereOnScreen !== 'boolean') return 'keepSevereOnScreen must be a boolean'
    const quietHours = value.quietHours === undefined || value.quietHours === null ? value.quietHours : parseQuietHours(value.quietHours)
    if (typeof quietHours === 'string') return quietHours
    if ((value.filters === undefined) !== (value.pageKey === undefined)) return 'filters and pageKey go together'
    const filters = value.filters === undefined ? undefined : parseFilters(value.filters)
    if (typeof filters === 'string') return filters
    return {
      type: 'updateFilters',
      ...(typeof value.pageKey === 'string' ? { pageKey: value.pageKey } : {}),
      ...(filters === undefined ? {} : { filters }),
      ...(typeof value.notifyOnRecovery === 'boolean' ? { notifyOnRecovery: value.notifyOnRecovery } : {}),
      ...(quietHours === undefined ? {} : { quietHours }),
      ...(typeof value.keepSevereOnScreen === 'boolean' ? { keepSevereOnScreen: value.keepSevereOnScreen } : {}),
    }
  },
  importSettings: (value) => {
    if (!isRecord(value.settings)) return 'settings must be an object'
    // Sync's quota bounds real settings to ~100 KB; anything far larger is not ours.
    if (JSON.stringify(value.settings).length > 1_000_000) return 'settings are too large'
    return { type: 'importSettings', settings: value.settings }
  },
}

const isMessageType = (type: string): type is MessageType => Object.hasOwn(REQUEST_READERS, type)

/** An incoming message → a typed request, or why not. */
export function parseRequest(value: unknown): Parsed {
  if (!isRecord(value) || typeof value.type !== 'string') return { ok: false, message: 'not a message' }
  if (!isMessageType(value.type)) return { ok: false, message: `unknown message type: ${value.type.slice(0, 40)}` }
  const read: RequestReader<MessageType> = REQUEST_READERS[value.type]
  const request = read(value)
  return typeof request === 'string' ? { ok: false, message: request } : { ok: true, request }
}
