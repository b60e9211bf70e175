import { hasProblem } from '../../messaging/page-problem.ts'
import type { PageView } from '../../messaging/protocol.ts'
import { alertLevel, LEVEL_RANK } from '../../../src/model.ts'

/** Worst first: outages by level, then errors, then maintenance; ties keep the settings order. */
function rank(page: PageView): number {
  const level = page.snapshot ? LEVEL_RANK[alertLevel(page.snapshot)] : page.level === null ? 0 : LEVEL_RANK[page.level]
  const failing = page.lastError !== null || page.permission === 'missing' ? 1 : 0
  return level * 10 + failing * 5 + (page.snapshot?.incidents.length ? 1 : 0)
}

export function byProblemFirst(pages: readonly PageView[]): { problems: PageView[]; healthy: PageView[] } {
  const problems = pages.filter(hasProblem)
  const healthy = pages.filter((p) => !hasProblem(p))
  // Array.prototype.sort is stable, so equal ranks keep the user's order.
  problems.sort((a, b) => rank(b) - rank(a))
  return { problems, healthy }
}
