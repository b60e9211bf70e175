/**
 * A scripted OpenAI outage, made from the real recorded incident.io payload
 * (samples/status-formats/incidentio/openai-proxy-summary-2025-04-08.json) by editing only the
 * incident and affected-component lists: the page, its 37 components and groups stay real.
 *
 *   0 healthy          nothing ongoing
 *   1 opened           Sora "Video generation" degraded, incident "investigating" (1 update)
 *   2 updated          the real "monitoring" update is added (2 updates)
 *   3 degraded         APIs "Chat" goes partial_outage as well
 *   4 resolved         the incident drops out of ongoing_incidents, every component operational
 */

export const OPENAI_HOST = 'status.openai.com'
export const OPENAI_PROXY_PATH = `/proxy/${OPENAI_HOST}`

export const VIDEO_GENERATION_ID = '01JMXCAX0QN2ZHVMS54EEN1HXB'
export const CHAT_ID = '01JMXBRMFE6N2NNT7DG6XZQ6PW'
export const INCIDENT_ID = '01JRB888M6TJVDDKGCA1YZ3ZHT'
export const FIRST_UPDATE_ID = '01JRB7Z0000000000000000001'
export const REAL_UPDATE_ID = '01JRB888M6PD0234TWT53M9G46'

export const FIRST_UPDATE_TEXT = 'We are investigating reports of delays in video generation for new users.'

export type Json = Record<string, unknown>

export interface TimelineStep {
  readonly name: 'healthy' | 'opened' | 'updated' | 'degraded' | 'resolved'
  /** The body served at /proxy/status.openai.com during this step. */
  readonly body: string
}

export function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`sample: ${what} is not an object`)
  return value as Json
}

/** Builds the five bodies from the parsed real sample. */
export function openAiOutageTimeline(realSample: unknown): TimelineStep[] {
  const summary = asObject(asObject(realSample, 'root').summary, 'summary')
  const [realIncident] = summary.ongoing_incidents as Json[]
  if (!realIncident) throw new Error('sample: the OpenAI sample has no ongoing incident')
  const [realUpdate] = realIncident.updates as Json[]
  if (!realUpdate) throw new Error('sample: the incident has no update')

  const firstUpdate: Json = {
    ...realUpdate,
    id: FIRST_UPDATE_ID,
    published_at: '2025-04-08T17:20:00.000Z',
    to_status: 'investigating',
    message_string: FIRST_UPDATE_TEXT,
    message: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: FIRST_UPDATE_TEXT }] }] },
  }
  const degraded = { component_id: VIDEO_GENERATION_ID, status: 'degraded_performance' }
  const chatDown = { component_id: CHAT_ID, status: 'partial_outage' }

  const page = (incidents: Json[], affected: Json[]): string =>
    JSON.stringify({ summary: { ...summary, ongoing_incidents: incidents, affected_components: affected } })

  const opened: Json = { ...realIncident, status: 'investigating', updates: [firstUpdate], published_at: firstUpdate.published_at }
  const updated: Json = { ...realIncident, updates: [realUpdate, firstUpdate] }

  return [
    { name: 'healthy', body: page([], []) },
    { name: 'opened', body: page([opened], [degraded]) },
    { name: 'updated', body: page([updated], [degraded]) },
    { name: 'degraded', body: page([updated], [degraded, chatDown]) },
    { name: 'resolved', body: page([], []) },
  ]
}
