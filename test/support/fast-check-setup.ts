import fc from 'fast-check'

/**
 * Every property test, everywhere: fast-check stops generating and shrinking after 10 s and
 * reports what it has. Shrinking is synchronous, so a test's timeout cannot interrupt it: a
 * property that failed on a 6,000-step timeline once shrank for over 10 minutes and hung the
 * run instead of failing it. A property that sets its own limit keeps it.
 */
export const PROPERTY_TIME_LIMIT_MS = 10_000

/**
 * Mutation testing re-runs the properties covering a mutant for each one that survives, thousands
 * of times: there (vitest.mutation.config.ts sets PROPERTY_RUNS_SCALE) each property tries a
 * fraction of its cases. `npm test` always runs them all.
 */
const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1')
const RUNS_SCALE = Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1

/** A property's number of runs: `n`, or its share under mutation testing (at least 10). */
export function runs(n: number): number {
  return RUNS_SCALE === 1 ? n : Math.max(10, Math.ceil(n * RUNS_SCALE))
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS, numRuns: runs(100) })
