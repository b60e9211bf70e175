import type { DetectDeps } from '../../src/detect.ts'

/** Detection's network as a function of the URL (null: a 404), and the URLs asked, in order. */
export function recordingDeps(answer: (url: string) => Response | null): { deps: DetectDeps; asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    deps: {
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => 1_750_000_000_000,
      fetch: (url) => {
        asked.push(url)
        return Promise.resolve(answer(url) ?? new Response('not found', { status: 404, statusText: 'Not Found' }))
      },
    },
  }
}
