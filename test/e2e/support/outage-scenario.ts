/**
 * The scripted OpenAI outage both browsers play (made from the real recorded payload), with
 * faults injected between the real steps, and the notifications each step must raise: exactly
 * these, in this order, once each. Notification ids are deterministic (`<page key>|<event key>`),
 * so the expectation names them; a component change's key ends in a page-wide counter, matched
 * by pattern.
 */
import { faults, json, type Reply } from '../../../scripts/harness/status-server.ts'
import { recordedOpenAiOutage } from '../../../scripts/harness/recorded.ts'
import {
  CHAT_ID,
  INCIDENT_ID,
  OPENAI_PROXY_PATH,
  REAL_UPDATE_ID,
  VIDEO_GENERATION_ID,
} from '../../../scripts/harness/timelines/openai-outage.ts'

export { OPENAI_PROXY_PATH }

const PAGE = 'status.openai.com'

export interface ScenarioStep {
  readonly name: string
  readonly reply: Reply
  /** Patterns of the notification ids this step must show, in order. */
  readonly notifications: readonly RegExp[]
  /** The toolbar badge text after this step. */
  readonly badge: string
  /**
   * `checkNow`: polled through the extension's "check now" message. `schedule`: nobody asks; the
   * extension must notice by itself on its 15 s incident cadence (alarm + in-wake-up poll).
   */
  readonly trigger: 'checkNow' | 'schedule'
}

/** The 15 s cadence plus the 2 s the issue allows. */
export const SCHEDULED_DETECTION_MS = 17_000

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const id = (eventKey: string): RegExp => new RegExp(`^${escape(`${PAGE}|${eventKey}`)}$`)
const componentChange = (componentId: string, to: string): RegExp => new RegExp(`^${escape(`${PAGE}|component:${componentId}:${to}:`)}\\d+$`)

export function outageScenario(): ScenarioStep[] {
  const steps = recordedOpenAiOutage()
  const body = (name: string): string => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(`no step ${name}`)
    return step.body
  }
  return [
    { name: 'healthy', reply: json(body('healthy')), notifications: [], badge: '', trigger: 'checkNow' },
    {
      name: 'incident opens',
      reply: json(body('opened')),
      notifications: [id(`incident:${INCIDENT_ID}:opened`), componentChange(VIDEO_GENERATION_ID, 'degraded_performance')],
      badge: '1',
      trigger: 'checkNow',
    },
    { name: 'fault: HTML 503', reply: faults.htmlError(503), notifications: [], badge: '1', trigger: 'checkNow' },
    {
      name: 'incident update',
      reply: json(body('updated')),
      notifications: [id(`incident:${INCIDENT_ID}:update:${REAL_UPDATE_ID}`)],
      badge: '1',
      trigger: 'checkNow',
    },
    { name: 'fault: 429 with Retry-After', reply: faults.rateLimited(30), notifications: [], badge: '1', trigger: 'checkNow' },
    { name: 'fault: truncated JSON', reply: faults.truncated(body('updated')), notifications: [], badge: '1', trigger: 'checkNow' },
    { name: 'fault: a hang', reply: faults.hang(), notifications: [], badge: '1', trigger: 'checkNow' },
    {
      name: 'component degrades',
      reply: json(body('degraded')),
      notifications: [componentChange(CHAT_ID, 'partial_outage')],
      badge: '1',
      trigger: 'checkNow',
    },
    {
      name: 'resolves: the components recover, noticed on the 15 s cadence',
      reply: json(body('resolved')),
      notifications: [new RegExp(`^${escape(`${PAGE}|*components:2:`)}`)],
      badge: '',
      trigger: 'schedule',
    },
    {
      // One answer without the incident may be a stale copy: the next answer (a 304, still on
      // the 15 s cadence) confirms its end.
      name: 'the incident ends, confirmed by the next answer',
      reply: json(body('resolved')),
      notifications: [id(`incident:${INCIDENT_ID}:resolved`)],
      badge: '',
      trigger: 'schedule',
    },
  ]
}

/** Checks shown ids against the step's patterns, in order, each once. */
export function matchesInOrder(shown: readonly string[], expected: readonly RegExp[]): boolean {
  return shown.length === expected.length && shown.every((value, index) => expected[index]?.test(value) === true)
}

/** Each expected id exactly once, in any order, and nothing else. */
export function matchesOnceEach(shown: readonly string[], expected: readonly RegExp[]): boolean {
  const left = [...shown]
  for (const pattern of expected) {
    const at = left.findIndex((id) => pattern.test(id))
    if (at < 0) return false
    left.splice(at, 1)
  }
  return left.length === 0
}

/**
 * Collects the notification ids a step raises, via `take` (which returns and forgets what the
 * browser recorded since the last call): until the expected count arrives or the step's
 * deadline passes, then a short extra wait so that a repeated or extra notification is caught.
 * `detectedAfter` is measured from `changedAt`, when the server switched to the step.
 */
export async function collectNotifications(
  step: ScenarioStep,
  changedAt: number,
  take: () => Promise<string[]>,
): Promise<{ shown: string[]; detectedAfter: number }> {
  const shown: string[] = []
  // A scheduled step has the cadence's budget from the change; a checked one, 3 s from now.
  const deadline = step.trigger === 'schedule' ? changedAt + SCHEDULED_DETECTION_MS : Date.now() + 3_000
  while (shown.length < step.notifications.length && Date.now() < deadline) {
    shown.push(...(await take()))
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const detectedAfter = Date.now() - changedAt
  await new Promise((resolve) => setTimeout(resolve, 300))
  shown.push(...(await take()))
  return { shown, detectedAfter }
}
