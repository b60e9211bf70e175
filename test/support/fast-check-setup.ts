import fc from 'fast-check'

/**
 * Every property test, everywhere: fast-check stops generating and shrinking after 10 s and
 * reports what it has. Shrinking is synchronous, so a test's timeout cannot interrupt it: a
 * property that failed on a 6,000-step timeline once shrank for over 10 minutes and hung the
 * run instead of failing it. A property that sets its own limit keeps it.
 */
export const PROPERTY_TIME_LIMIT_MS = 10_000

fc.configureGlobal({ ...fc.readConfigureGlobal(), interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS })
