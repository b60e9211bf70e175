/**
 * `npm run bench:busy [-- --body worst|real --pages N --rounds 3]`
 *
 * How long a message to the background waits while it is busy: the production build in real
 * headless Chromium watches N pages that each send either a 2 MiB Statuspage summary of the worst
 * parsing shape (`worst`, 12 pages: one group of ~15,000 components; scripts/bench/shapes.ts) or
 * Instructure's real 42 KB summary (`real`, 100 pages), changed every round so each is
 * downloaded, hashed, parsed, diffed and stored again. While a "check now" of all of them
 * runs, another extension page sends `getState` every 25 ms and times each round trip: the worker
 * answers between two pages (poll-cycle.ts breathes after each visit), so a message waits at most
 * about one page's work. The same probes with the worker idle give the floor.
 *
 * Prints a table and writes .bench/busy-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, release, totalmem, type as osType } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { json, startStatusServer } from '../harness/status-server.ts'
import { ensureBuilt, ROOT } from '../harness/build.ts'
import { launchChromiumWithExtension } from '../harness/chromium.ts'
import { settingsWith, writeSettingsInWorker } from '../harness/seed.ts'
import { grantFromClick } from '../harness/site-access.ts'
import { selfSignedCert } from '../harness/tls.ts'
import { shapeNamed } from './shapes.ts'
import { recordedText } from '../harness/recorded.ts'
import { median } from './stats.ts'

const { values } = parseArgs({ options: { body: { type: 'string', default: 'worst' }, pages: { type: 'string' }, rounds: { type: 'string', default: '3' }, dist: { type: 'string' } } })
const WORST = values.body !== 'real'
const PAGES = Number(values.pages ?? (WORST ? 12 : 100))
const ROUNDS = Number(values.rounds)
const DOMAIN = 'busy.test'
const SUMMARY = '/api/v2/summary.json'
const PROBE_EVERY_MS = 25
const MIB = 2 ** 20

type Runtime = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }

const shape = shapeNamed('statuspage summary', 'one group of N components')
const built = shape.build(2 * MIB)
const [main] = built.bodies
if (main === undefined) throw new Error('no body')
const template = WORST ? new TextDecoder().decode(main.bytes) : recordedText('statuspage/instructure-summary-2021-12-07.json')
const describeBody = WORST ? `${(main.bytes.length / MIB).toFixed(2)} MiB (${shape.shape}, ${built.items} components)` : `${(template.length / 1024).toFixed(0)} KB (Instructure's real summary.json)`
/** The same page, changed a little each round (its name), so nothing is answered from a hash or a 304. */
const bodyFor = (round: number): string => template.replace('"name":"', `"name":"Round ${round} `)

if (values.dist === undefined) ensureBuilt()
const server = await startStatusServer({ tls: selfSignedCert([`*.${DOMAIN}`]) })
const hosts = Array.from({ length: PAGES }, (_, i) => `p${i + 1}.${DOMAIN}`)
const serveRound = (round: number): void => {
  const body = bodyFor(round)
  for (const host of hosts) server.setForHost(host, SUMMARY, json(body, { conditional: false, maxAgeSeconds: 0 }))
}
serveRound(0)

const chromium = await launchChromiumWithExtension({ hostMap: { [`*.${DOMAIN}`]: server.port, 'status.openai.com': server.port }, ...(values.dist === undefined ? {} : { distDir: values.dist }) })
const results: Record<string, unknown>[] = []
try {
  await grantFromClick(chromium, `https://*.${DOMAIN}/*`)
  await writeSettingsInWorker(chromium.serviceWorker, settingsWith(hosts.map((host, i) => ({ url: `https://${host}/`, name: `Busy ${i + 1}`, platform: 'statuspage' })), { withDefault: false }))
  const driver = await chromium.openExtensionPage('icon-128.png')
  const prober = await chromium.openExtensionPage('icon-16.png')
  const send = (page: Page, message: unknown): Promise<unknown> => page.evaluate((m) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage(m), message)
  // Let the first polls (from the settings change) finish.
  await send(driver, { type: 'checkNow' })

  /** getState round trips every PROBE_EVERY_MS until stopProbe. */
  const probe = (): Promise<number[]> =>
    prober.evaluate(
      async ([every]) => {
        const g = globalThis as unknown as Runtime & { __done?: boolean }
        const times: number[] = []
        g.__done = false
        while (!g.__done) {
          const started = performance.now()
          await g.chrome.runtime.sendMessage({ type: 'getState', compactHealthyAbove: 3, historyLimit: 10 })
          times.push(performance.now() - started)
          await new Promise((resolve) => setTimeout(resolve, every))
        }
        return times
      },
      [PROBE_EVERY_MS],
    )

  const stopProbe = (): Promise<unknown> => prober.evaluate(() => ((globalThis as unknown as { __done: boolean }).__done = true))

  // Idle: nothing due for a minute.
  const idleRun = probe()
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  await stopProbe()
  const idle = await idleRun
  results.push({ phase: 'idle', probes: idle.length, medianMs: median(idle), p95Ms: percentile(idle, 0.95), maxMs: Math.max(...idle) })

  for (let round = 1; round <= ROUNDS; round++) {
    serveRound(round)
    const started = Date.now()
    const cycle = send(driver, { type: 'checkNow' })
    const busyRun = probe()
    await cycle
    const wall = Date.now() - started
    await stopProbe()
    const busy = await busyRun
    results.push({ phase: `busy round ${round}`, cycleMs: wall, probes: busy.length, medianMs: median(busy), p95Ms: percentile(busy, 0.95), maxMs: Math.max(...busy) })
  }
} finally {
  await chromium.close()
  await server.close()
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}

const fmt = (v: unknown): string => (typeof v === 'number' ? v.toFixed(v < 10 ? 1 : 0) : String(v ?? ''))
console.log(`\n${PAGES} pages × ${describeBody}, getState every ${PROBE_EVERY_MS} ms`)
console.log(['phase', 'cycle ms', 'probes', 'median ms', 'p95 ms', 'max ms'].map((h) => h.padEnd(14)).join(''))
for (const r of results) console.log([r.phase, r.cycleMs, r.probes, r.medianMs, r.p95Ms, r.maxMs].map((v) => fmt(v).padEnd(14)).join(''))
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${osType()} ${release()}`)
mkdirSync(join(ROOT, '.bench'), { recursive: true })
const out = `.bench/busy-${WORST ? 'worst' : 'real'}-results.json`
writeFileSync(join(ROOT, out), JSON.stringify({ pages: PAGES, body: describeBody, results, date: new Date().toISOString() }, null, 2))
console.log(`wrote ${out}`)
