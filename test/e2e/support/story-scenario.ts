/**
 * The whole story both browsers play on OpenAI's page (scripts/harness/timelines/openai-story.ts),
 * and the exact notifications each step must raise: the words a user reads, not just ids.
 *
 * "The browser closed for 6 hours" is played by moving the page's stored times (last check, last
 * good answer, next due) 6 hours back: the extension knows of the gap only through them and the
 * clock. Chromium's closed-and-reopened profile would start polling before a recorder could be
 * installed, and a temporary add-on's storage in Firefox does not survive its browser.
 */
import { json, type StatusServer } from '../../../scripts/harness/status-server.ts'
export { moveStoredTimesBack } from '../../../scripts/harness/gap.ts'
import { recordedOpenAiStory } from '../../../scripts/harness/recorded.ts'
import { AWAY_INCIDENT_NAME, RESOLVED_TEXT, STORY_HISTORY_PATH, STORY_PROXY_PATH, UPDATE_TEXT, type StoryStep } from '../../../scripts/harness/timelines/openai-story.ts'

export { STORY_PROXY_PATH }

export interface Shown {
  readonly id: string
  readonly title: string
  readonly message: string
}

export interface StoryExpectation {
  readonly name: string
  readonly step: StoryStep['name']
  /** Move the stored times this far back first (a gap nobody polled in). */
  readonly gapMs?: number
  /** Exactly these, in this order: id pattern, title and text. */
  readonly notifications: readonly { readonly id: RegExp; readonly title: string; readonly message: string }[]
}

export const GAP_MS = 6 * 3_600_000
const PAGE = 'status.openai.com'
const INCIDENT_NAME = 'New users may experience temporary delays in video generation capabilities'
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const summaryId = (kind: string, count: number): RegExp => new RegExp(`^${escape(`${PAGE}|*${kind}:${count}:`)}[0-9a-f]{8}$`)
const eventId = (key: string): RegExp => new RegExp(`^${escape(`${PAGE}|${key}`)}`)

/** "09:12" on the day of `now`, else the date too; the browsers run with TZ=UTC (vitest.e2e.config.ts). */
function clock(at: number, sameDayAs: number): string {
  const full = new Date(at).toISOString().slice(0, 16).replace('T', ' ')
  return full.slice(0, 10) === new Date(sameDayAs).toISOString().slice(0, 10) ? full.slice(11) : full
}

export function storyScenario(now: number): { steps: StoryStep[]; expectations: StoryExpectation[] } {
  const { steps, times } = recordedOpenAiStory(now)
  const expectations: StoryExpectation[] = [
    {
      name: 'first sight: one summary, no "was" for what nobody saw',
      step: 'first-sight',
      notifications: [
        {
          id: summaryId('first', 2),
          title: 'OpenAI — 1 incident ongoing; 1 component affected',
          message: `${INCIDENT_NAME} · Sora / Video generation: Degraded performance`,
        },
      ],
    },
    {
      name: 'an update: titled with the incident, its components and its words',
      step: 'update',
      notifications: [{ id: eventId('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:update:'), title: `OpenAI — ${INCIDENT_NAME}`, message: `Minor · Monitoring · Sora / Video generation: ${UPDATE_TEXT}` }],
    },
    {
      name: 'a component change names the incident it belongs to',
      step: 'component',
      notifications: [{ id: eventId('component:01JMXBRMFE6N2NNT7DG6XZQ6PW:partial_outage:'), title: 'OpenAI — APIs / Chat', message: `Partial outage (was Operational) — ${INCIDENT_NAME}` }],
    },
    {
      name: "the resolution: the page's own last words from its incident history, at once",
      step: 'resolved',
      notifications: [
        { id: eventId('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:resolved'), title: `OpenAI — ${INCIDENT_NAME}`, message: `Minor · Resolved · Sora / Video generation, APIs / Chat: ${RESOLVED_TEXT}` },
        { id: summaryId('components', 2), title: 'OpenAI — 2 components recovered', message: 'APIs / Chat: Operational, Sora / Video generation: Operational' },
      ],
    },
    { name: 'the next look: nothing repeated', step: 'resolved', notifications: [] },
    {
      name: 'six hours without a poll: one catch-up naming what opened and ended meanwhile',
      step: 'away',
      gapMs: GAP_MS,
      notifications: [
        {
          id: summaryId('away', 2),
          title: 'OpenAI — While you were away (6 h)',
          message: `${AWAY_INCIDENT_NAME} — ${clock(times.awayStart, now)}–${clock(times.awayEnd, times.awayStart)}, resolved`,
        },
      ],
    },
    { name: 'after the catch-up: nothing repeated', step: 'away', notifications: [] },
  ]
  return { steps, expectations }
}

export function serveStep(server: StatusServer, steps: readonly StoryStep[], name: StoryStep['name']): void {
  const step = steps.find((s) => s.name === name)
  if (!step) throw new Error(`no story step ${name}`)
  server.set(STORY_PROXY_PATH, json(JSON.parse(step.summary)))
  server.set(STORY_HISTORY_PATH, json(JSON.parse(step.history)))
}

/** Polls `take` until `count` notifications arrived (or `quietMs` passed for none), then a little longer to catch extras. */
export async function collect(take: () => Promise<Shown[]>, count: number, timeoutMs = 20_000, settleMs = 2_500): Promise<Shown[]> {
  const shown: Shown[] = []
  const deadline = Date.now() + (count === 0 ? settleMs : timeoutMs)
  while (Date.now() < deadline && (count === 0 || shown.length < count)) {
    shown.push(...(await take()))
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await new Promise((resolve) => setTimeout(resolve, count === 0 ? 0 : settleMs))
  shown.push(...(await take()))
  return shown
}
