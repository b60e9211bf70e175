/**
 * The whole story of one incident on OpenAI's page, and one that happened while nobody looked,
 * made from the real recorded incident.io payload (incidentio/openai-proxy-summary-2025-04-08.json)
 * by editing only its incident and affected-component lists, with times relative to `now` so that
 * "while you were away" falls in the last hours. Each step serves the page's native summary and
 * its incident history (the Statuspage-compatible /api/v2/incidents.json incident.io publishes).
 *
 *   first-sight   the real capture: one incident (monitoring), Sora "Video generation" degraded
 *   update        a newer update of that incident
 *   component     APIs "Chat" joins the incident: partial outage
 *   resolved      the incident leaves the summary; the history has the page's final words
 *   away          6 h later: the history holds a second incident that opened and ended meanwhile
 */

import { asObject, CHAT_ID, INCIDENT_ID, OPENAI_HOST, OPENAI_PROXY_PATH, VIDEO_GENERATION_ID, type Json } from './openai-outage.ts'

export const STORY_HOST = OPENAI_HOST
export const STORY_PROXY_PATH = OPENAI_PROXY_PATH
export const STORY_HISTORY_PATH = '/api/v2/incidents.json'
/** A real incident id and name from the recorded component_impacts sample. */
export const AWAY_INCIDENT_ID = '01JMYB3RQMX02YWQB44807QSS5'
export const AWAY_INCIDENT_NAME = 'Elevated errors in the API'

export const UPDATE_TEXT = 'We are continuing to monitor; most new users now get their videos within minutes.'
export const RESOLVED_TEXT = 'This incident has been resolved. Video generation is back to normal for all users.'
export const AWAY_RESOLVED_TEXT = 'Error rates for the API are back to normal.'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export interface StoryStep {
  readonly name: 'first-sight' | 'update' | 'component' | 'resolved' | 'away'
  /** Served at STORY_PROXY_PATH. */
  readonly summary: string
  /** Served at STORY_HISTORY_PATH. */
  readonly history: string
}

export interface StoryTimes {
  /** When the away incident opened and ended (epoch ms): 5 h and 4 h before `now`. */
  readonly awayStart: number
  readonly awayEnd: number
  readonly resolvedAt: number
}

const iso = (at: number): string => new Date(at).toISOString()

/** Built from the parsed real sample; `now` is when the test starts. */
export function openAiStory(realSample: unknown, now: number): { steps: StoryStep[]; times: StoryTimes } {
  const summary = asObject(asObject(realSample, 'root').summary, 'summary')
  const [realIncident] = summary.ongoing_incidents as Json[]
  if (!realIncident) throw new Error('sample: the OpenAI sample has no ongoing incident')
  const [realUpdate] = realIncident.updates as Json[]
  if (!realUpdate) throw new Error('sample: the incident has no update')

  const page = (incidents: Json[], affected: Json[]): string =>
    JSON.stringify({ summary: { ...summary, ongoing_incidents: incidents, affected_components: affected } })
  const video = { component_id: VIDEO_GENERATION_ID, status: 'degraded_performance' }
  const chat = { component_id: CHAT_ID, status: 'partial_outage' }

  const newer: Json = {
    ...realUpdate,
    id: '01JRB888M6PD0234TWT53M9G47',
    published_at: iso(now - 30 * MINUTE),
    message_string: UPDATE_TEXT,
    message: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: UPDATE_TEXT }] }] },
  }
  const updated: Json = { ...realIncident, updates: [newer, realUpdate] }
  const withChat: Json = {
    ...updated,
    affected_components: [...(realIncident.affected_components as Json[]), { component_id: CHAT_ID, status: 'partial_outage', current_status: 'partial_outage' }],
    updates: [{ ...newer, component_statuses: [video, chat] }, realUpdate],
  }

  const resolvedAt = now - 5 * MINUTE
  const awayStart = now - 5 * HOUR
  const awayEnd = now - 4 * HOUR
  const pageInfo = { id: 'openai', name: 'OpenAI', url: `https://${STORY_HOST}`, time_zone: 'Etc/UTC', updated_at: iso(now) }
  const update = (id: string, incidentId: string, status: string, body: string, at: number): Json => ({
    id,
    incident_id: incidentId,
    status,
    body,
    created_at: iso(at),
    updated_at: iso(at),
    display_at: iso(at),
  })
  // The Statuspage shape incident.io's compatible API serves: the same incident ids as its native summary.
  const resolvedIncident: Json = {
    id: INCIDENT_ID,
    name: realIncident.name,
    status: 'resolved',
    impact: 'minor',
    created_at: realIncident.published_at,
    started_at: realIncident.published_at,
    resolved_at: iso(resolvedAt),
    shortlink: `https://${STORY_HOST}/incidents/${INCIDENT_ID}`,
    incident_updates: [
      update('c1', INCIDENT_ID, 'resolved', RESOLVED_TEXT, resolvedAt),
      update('c2', INCIDENT_ID, 'monitoring', UPDATE_TEXT, now - 30 * MINUTE),
      update('c3', INCIDENT_ID, 'monitoring', String(realUpdate.message_string), Date.parse(String(realUpdate.published_at))),
    ],
    components: [
      { id: VIDEO_GENERATION_ID, name: 'Video generation' },
      { id: CHAT_ID, name: 'Chat' },
    ],
  }
  const awayIncident: Json = {
    id: AWAY_INCIDENT_ID,
    name: AWAY_INCIDENT_NAME,
    status: 'resolved',
    impact: 'major',
    created_at: iso(awayStart),
    started_at: iso(awayStart),
    resolved_at: iso(awayEnd),
    shortlink: `https://${STORY_HOST}/incidents/${AWAY_INCIDENT_ID}`,
    incident_updates: [
      update('a1', AWAY_INCIDENT_ID, 'resolved', AWAY_RESOLVED_TEXT, awayEnd),
      update('a2', AWAY_INCIDENT_ID, 'investigating', 'We are investigating elevated error rates for the API.', awayStart),
    ],
    components: [{ id: CHAT_ID, name: 'Chat' }],
  }
  const history = (incidents: Json[]): string => JSON.stringify({ page: pageInfo, incidents })
  const healthy = page([], [])
  return {
    steps: [
      { name: 'first-sight', summary: JSON.stringify(realSample), history: history([]) },
      { name: 'update', summary: page([updated], [video]), history: history([]) },
      { name: 'component', summary: page([withChat], [video, chat]), history: history([]) },
      { name: 'resolved', summary: healthy, history: history([resolvedIncident]) },
      { name: 'away', summary: healthy, history: history([awayIncident, resolvedIncident]) },
    ],
    times: { awayStart, awayEnd, resolvedAt },
  }
}
