/**
 * `npm run monitor -- [--once] [--state FILE] [URL ...]`
 *
 * The original console script, rebuilt on the engine: watches status pages (default OpenAI's),
 * prints one block per event in the original format and nothing while all is well. Polls every
 * 60 s, every 15 s while something is wrong, and backs off on errors, which print `[ERROR] …`
 * without stopping it. `--once` polls each page once and exits (1 if any page failed).
 * `--state FILE` keeps what was already reported across runs, as the extension does in storage.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { detectPlatform } from '../src/detect.ts'
import type { MonitorEvent } from '../src/events.ts'
import type { FetchDeps } from '../src/fetch-json.ts'
import type { Platform } from '../src/model.ts'
import { isPlatform } from '../src/model.ts'
import { pollPage } from '../src/monitor.ts'
import { initialPageState, parsePageState, type PageState } from '../src/page-state.ts'
import { normalizeBaseUrl } from '../src/providers/index.ts'
import { consoleBlock, errorLine } from '../src/text/console-line.ts'
import { eventTime } from '../src/text/event-time.ts'

const DEFAULT_URL = 'https://status.openai.com'
// A failed platform detection is retried on this cadence (the page may be down, not foreign).
const DETECT_RETRY_MS = 60_000

interface WatchedPage {
  readonly base: URL
  platform: Platform | null
  state: PageState
  /** Epoch ms of the next attempt (poll or detection). */
  dueAt: number
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    once: { type: 'boolean', default: false },
    state: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log('usage: npm run monitor -- [--once] [--state FILE] [URL ...]   (default URL: https://status.openai.com)')
  process.exit(0)
}

const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
process.once('SIGTERM', () => stop.abort())

const deps: FetchDeps & { random: () => number } = {
  // Ctrl+C aborts the request in flight, as well as its own timeout.
  fetch: (url, init) => fetch(url, { headers: init.headers, signal: AbortSignal.any([init.signal, stop.signal]) }),
  timeoutSignal: (ms) => AbortSignal.timeout(ms),
  now: () => Date.now(),
  random: Math.random,
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

function pageName(page: WatchedPage): string {
  return page.state.snapshot?.page.name ?? page.base.host
}

function reportEvents(page: WatchedPage, events: readonly MonitorEvent[]): void {
  const context = { pageName: pageName(page), pageUrl: page.state.snapshot?.page.url ?? page.base.href, snapshot: page.state.snapshot }
  const now = deps.now()
  for (const event of events) print(consoleBlock(event, context, eventTime(event, now)))
}

/** One attempt on one page; returns whether it failed. */
async function visit(page: WatchedPage): Promise<boolean> {
  if (page.platform === null) {
    const detected = await detectPlatform(page.base, deps)
    if (stop.signal.aborted) return false
    if (!detected.ok) {
      print(errorLine(pageName(page), detected.error.message, deps.now()))
      page.dueAt = deps.now() + DETECT_RETRY_MS
      return true
    }
    page.platform = detected.value.platform
  }
  const outcome = await pollPage({ page: { base: page.base, platform: page.platform }, state: page.state }, deps)
  if (stop.signal.aborted) return false
  page.state = outcome.state
  page.dueAt = outcome.nextDueAt
  if (outcome.result === 'error') {
    const error = outcome.state.lastError
    print(errorLine(pageName(page), error ? `${error.kind}: ${error.message}` : 'poll failed', deps.now()))
    // Pages migrate platform under the same URL: when ours no longer parses, detect again.
    if (error?.kind === 'bad_shape') page.platform = null
    return true
  }
  reportEvents(page, outcome.events)
  return false
}

// --- state file: what was reported survives restarts, as in the extension's storage ---------

interface StoredPage {
  readonly platform: Platform | null
  readonly state: unknown
}

function loadState(path: string | undefined): Map<string, StoredPage> {
  const pages = new Map<string, StoredPage>()
  if (!path) return pages
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return pages // absent or corrupt: start fresh, first sight reports what is ongoing once
  }
  if (typeof raw !== 'object' || raw === null) return pages
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'object' || value === null) continue
    const platform = 'platform' in value && isPlatform(value.platform) ? value.platform : null
    pages.set(key, { platform, state: 'state' in value ? value.state : null })
  }
  return pages
}

function saveState(path: string | undefined, pages: readonly WatchedPage[]): void {
  if (!path) return
  const data = Object.fromEntries(pages.map((p) => [p.base.href, { platform: p.platform, state: p.state }]))
  // Write then rename: a Ctrl+C mid-write never leaves a half file.
  writeFileSync(`${path}.tmp`, JSON.stringify(data))
  renameSync(`${path}.tmp`, path)
}

// --- main -----------------------------------------------------------------------------------

const stored = loadState(values.state)
const pages: WatchedPage[] = []
for (const input of positionals.length > 0 ? positionals : [DEFAULT_URL]) {
  const base = normalizeBaseUrl(input)
  if (!base.ok) {
    print(errorLine(input, base.error, Date.now()))
    continue
  }
  const saved = stored.get(base.value.href)
  pages.push({
    base: base.value,
    platform: saved?.platform ?? null,
    state: saved ? parsePageState(saved.state) : initialPageState(),
    dueAt: 0,
  })
}
if (pages.length === 0) process.exit(2)

if (values.once) {
  const failures = await Promise.all(pages.map(visit))
  saveState(values.state, pages)
  process.exit(failures.some(Boolean) ? 1 : 0)
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    stop.signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

while (!stop.signal.aborted) {
  const due = pages.filter((p) => p.dueAt <= Date.now())
  await Promise.all(due.map(visit))
  if (due.length > 0) saveState(values.state, pages)
  const next = Math.min(...pages.map((p) => p.dueAt))
  await sleep(Math.max(250, next - Date.now()))
}
saveState(values.state, pages)
print('stopped')
