/**
 * Messages first. A cycle over heavy pages is a chain of CPU-bound steps (parse a 2 MiB body,
 * diff it); a message from the popup or the options page is answered by a handler that itself
 * awaits storage a few times, and each await let another page's step run first: measured, a
 * getState waited up to 0.7 s behind 12 such pages. So while a message is being answered, the
 * cycle's pause points (between pages, before each parse) wait until it is done.
 *
 *   message ──answering──────────────────▶ reply
 *   cycle    page A parse │ waits here     │ page B parse …
 *
 * In memory on purpose: it only matters while this worker is alive and busy.
 */

let answering = 0
let waiting: (() => void)[] = []

/** Runs `task` (a message's handler) with the cycle held at its next pause point. */
export async function withPriority<T>(task: () => Promise<T>): Promise<T> {
  answering++
  try {
    return await task()
  } finally {
    answering--
    if (answering === 0) {
      const resume = waiting
      waiting = []
      for (const wake of resume) wake()
    }
  }
}

/** The cycle's pause point: a macrotask (queued events run first), then any message's whole answer. */
export async function yieldToMessages(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
  while (answering > 0) await new Promise<void>((resolve) => waiting.push(resolve))
}
