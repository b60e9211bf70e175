/**
 * Messages first. A handler awaits storage a few times, and each await let a cycle's CPU-bound
 * step (parse a 2 MiB body, diff it) run first: measured, a getState waited up to 0.7 s behind
 * 12 heavy pages. So while a message is answered, the cycle's pause points wait.
 *
 *   message ──answering──────────────────▶ reply
 *   cycle    page A parse │ waits here     │ page B parse …
 */

let answering = 0
let waiting: (() => void)[] = []

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

/** A macrotask first, so queued events run. */
export async function yieldToMessages(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
  while (answering > 0) await new Promise<void>((resolve) => waiting.push(resolve))
}
