import { beforeEach } from 'vitest'

/**
 * Mutation testing only (vitest.mutation.config.ts). Stryker keeps each killed mutant's failure
 * message in its report, and a test on a megabyte payload fails with a megabyte message: over a
 * thousand such mutants made the report too long for one JSON string, and the run crashed at
 * its very end without saving anything. A killed mutant needs the first lines, not the payload.
 */
const MAX_MESSAGE = 2_000

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    for (const error of task.result?.errors ?? []) {
      if (typeof error.message === 'string' && error.message.length > MAX_MESSAGE) error.message = `${error.message.slice(0, MAX_MESSAGE)}…`
      if (typeof error.stack === 'string' && error.stack.length > MAX_MESSAGE) error.stack = `${error.stack.slice(0, MAX_MESSAGE)}…`
    }
  })
})
