import { sameJson } from '../storage/item.ts'
import { PROBLEM, type MonitoringProblem, type Schedule } from '../storage/records.ts'
import { entry, readSession, sessionArea } from '../storage/store.ts'
import { describeError } from './page-failure.ts'
import type { CycleResult } from './poll-cycle.ts'

/** A page that is down is the page's news; these are ours: a cycle that could not finish, pages not checked or saved. */
export function problemAfter(outcome: { readonly cycle: CycleResult } | { readonly error: unknown }, schedule: Schedule | null, previous: MonitoringProblem | null, now: number): MonitoringProblem | null {
  const reason = 'error' in outcome ? `Checking stopped with an error: ${describeError(outcome.error)}. It is retried every minute.` : pagesReason(outcome.cycle, schedule)
  if (reason === null) return null
  return { since: previous?.since ?? now, reason }
}

function pagesReason(cycle: CycleResult, schedule: Schedule | null): string | null {
  const entries = Object.values(schedule?.pages ?? {})
  const full = entries.filter((e) => e.error === 'storage').length
  const broken = entries.filter((e) => e.error === 'internal').length
  if (full > 0) return `The extension's storage is full: the newest state of ${full} page${full === 1 ? '' : 's'} could not be saved. Older history is being trimmed to make room.`
  if (broken > 0) {
    const first = cycle.failed[0]?.reason
    return `${broken} page${broken === 1 ? '' : 's'} could not be checked${first === undefined ? '' : ` (${first})`}. They are retried with a growing delay.`
  }
  return null
}

export const readProblem = (): Promise<MonitoringProblem | null> => readSession(PROBLEM)

/** Never throws: it is the reporter of last resort. */
export async function writeProblem(next: MonitoringProblem | null): Promise<void> {
  const session = sessionArea()
  if (session === null) return
  try {
    if (sameJson(await readProblem(), next)) return
    await (next === null ? session.remove(PROBLEM.key) : session.set(entry(PROBLEM, next)))
  } catch (error) {
    console.error('[status-monitor] could not record the monitoring problem:', error)
  }
}
