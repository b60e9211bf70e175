/**
 * `npx tsx scripts/bench/popup-render.ts [--runs 9] [--pages 100]`
 *
 * Time to first render of the production popup with 100 watched pages, in real Chromium.
 *
 * State: the extension's own settings (encoded by extension/storage, written to storage.sync)
 * name 100 pages, and the extension polls them itself against the local HTTPS server, so the
 * stored per-page state is exactly what it would hold:
 *   - OpenAI (the default page) at the scripted outage's 'degraded' step (37 components, 1 incident);
 *   - every 10th page: the real Instructure Statuspage summary (24 components, 1 incident);
 *   - the rest: the real CodaMetrix Statuspage summary (5 components, all operational);
 * all served as https://status.openai.com/pN/ (a path under the manifest's host, so no
 * permission prompt), platform Statuspage.
 *
 * Each run opens chrome-extension://<id>/extension/popup/index.html in a fresh 400x600 tab. A
 * MutationObserver installed before the page's scripts (addInitScript) marks, in the page's own
 * clock (performance.now(), from navigation start):
 *   shell   the popup's shell is in the DOM (the "Status Monitor" header);
 *   render  the pages are (the summary line "N pages need attention · M operational"), i.e.
 *           the popup read its state and Preact rendered 100 pages;
 *   frame   the first animation frame after `render` (the frame that paints it).
 * Each run also opens an empty extension page (one module script, in a copy of the build): when
 * its script runs is the floor any page pays; it then asks the worker for the popup's state.
 * Apart from that, `getState` round trips are timed from an idle extension page.
 * The median and spread of the runs are printed and written to .bench/popup-results.json.
 */
import { cpus, totalmem, type as osType, release } from 'node:os'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { json, startStatusServer } from '../harness/status-server.ts'
import { recordedOpenAiOutage, recordedText } from '../harness/recorded.ts'
import { OPENAI_HOST, OPENAI_PROXY_PATH } from '../harness/timelines/openai-outage.ts'
import { DIST_CHROME, ensureBuilt, ROOT } from '../harness/build.ts'
import { launchChromiumWithExtension } from '../harness/chromium.ts'
import { settingsWith, writeSettingsInWorker } from '../harness/seed.ts'
import { selfSignedCert } from '../harness/tls.ts'
import { median } from './stats.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, pages: { type: 'string', default: '100' } } })
const RUNS = Number(values.runs)
const PAGES = Number(values.pages)

interface Marks {
  shell: number | null
  render: number | null
  frame: number | null
  cards: number
  rows: number
  asked: number | null
  answered: number | null
  floor?: number
  floorAnswered?: number
}
type Messaging = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
interface PageState {
  lastOkAt: number | null
}

ensureBuilt()
mkdirSync(join(ROOT, '.bench'), { recursive: true })

const healthy = recordedText('statuspage/codametrix-summary-2026-08-02.json')
const incident = recordedText('statuspage/instructure-summary-2021-12-07.json')
const degraded = recordedOpenAiOutage().find((s) => s.name === 'degraded')
if (!degraded) throw new Error('no degraded step')

const server = await startStatusServer({ tls: selfSignedCert() })
server.set(OPENAI_PROXY_PATH, json(degraded.body))
const extra = Array.from({ length: PAGES - 1 }, (_, i) => {
  const n = i + 1
  server.set(`/p${n}/api/v2/summary.json`, json(n % 10 === 0 ? incident : healthy))
  return { url: `https://${OPENAI_HOST}/p${n}/`, name: `${n % 10 === 0 ? 'Instructure' : 'CodaMetrix'} #${n}`, platform: 'statuspage' as const }
})

// The build plus one empty page (a one-line module script), opened after each popup run: the
// time any extension page needs before its first script runs, on this machine, at that moment.
const distDir = mkdtempSync(join(tmpdir(), 'popup-bench-'))
cpSync(DIST_CHROME, distDir, { recursive: true })
writeFileSync(join(distDir, 'bench-floor.html'), '<!doctype html><meta charset="utf-8"><title>floor</title><div id="app"></div><script type="module" src="./bench-floor.js"></script>')
// It also asks the worker for the popup's state (getState): what the first message of a new page
// costs, the reason the popup reads storage itself.
writeFileSync(
  join(distDir, 'bench-floor.js'),
  "document.getElementById('app').textContent = 'x'; globalThis.__floor = performance.now(); chrome.runtime.sendMessage({ type: 'getState', compactHealthyAbove: 3, historyLimit: 10 }).then(() => { globalThis.__floorAnswered = performance.now() })",
)
const chromium = await launchChromiumWithExtension({ hostMap: { [OPENAI_HOST]: server.port }, distDir })
try {
  await writeSettingsInWorker(chromium.serviceWorker, settingsWith(extra))
  const messenger = await chromium.openExtensionPage('icon-128.png')
  const send = (message: unknown): Promise<unknown> => messenger.evaluate((m) => (globalThis as unknown as Messaging).chrome.runtime.sendMessage(m), message)
  const seedStart = Date.now()
  for (;;) {
    await send({ type: 'checkNow' })
    const reply = (await send({ type: 'getState' })) as { state: { pages: PageState[] } }
    const ok = reply.state.pages.filter((p) => p.lastOkAt !== null).length
    if (reply.state.pages.length === PAGES && ok === PAGES) break
    if (Date.now() - seedStart > 120_000) throw new Error(`only ${ok}/${reply.state.pages.length} pages polled`)
    await new Promise((r) => setTimeout(r, 500))
  }
  const stateBytes = JSON.stringify(await send({ type: 'getState' })).length
  const popupReply = (await send({ type: 'getState', compactHealthyAbove: 3, historyLimit: 10 })) as { state: Record<string, unknown> & { pages: { compact?: true }[] } }
  const compactBytes = JSON.stringify(popupReply).length
  const part = (value: unknown): string => `${(JSON.stringify(value).length / 1024).toFixed(0)} KB`
  console.log(`the popup's getState: settings ${part(popupReply.state.settings)}, problem pages ${part(popupReply.state.pages.filter((p) => !p.compact))}, healthy pages ${part(popupReply.state.pages.filter((p) => p.compact))}, history ${part(popupReply.state.history)}`)
  const local = await chromium.serviceWorker.evaluate(async () => {
    const all = await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null)
    return JSON.stringify(all).length
  })
  console.log(`seeded ${PAGES} pages in ${Date.now() - seedStart} ms; getState reply ${(stateBytes / 1024).toFixed(0)} KB (the popup's, healthy pages compact and 10 history entries: ${(compactBytes / 1024).toFixed(0)} KB), storage.local ${(local / 1024).toFixed(0)} KB`)

  const runs: Marks[] = []
  for (let run = 0; run <= RUNS; run += 1) {
    const page = await chromium.context.newPage()
    await page.setViewportSize({ width: 400, height: 600 })
    // No named inner functions here: tsx would wrap them in a `__name` helper the page lacks.
    await page.addInitScript(() => {
      const marks = { shell: null as number | null, render: null as number | null, frame: null as number | null, cards: 0, rows: 0, asked: null as number | null, answered: null as number | null }
      ;(globalThis as unknown as { __marks: typeof marks }).__marks = marks
      // When the popup asks for its state and when the answer is back: the rest is loading and rendering.
      const runtime = (globalThis as unknown as Messaging).chrome.runtime
      const send = runtime.sendMessage.bind(runtime)
      runtime.sendMessage = (message: unknown) => {
        const first = marks.asked === null && (message as { type?: string }).type === 'getState'
        if (first) marks.asked = performance.now()
        return send(message).then((reply) => {
          if (first) marks.answered = performance.now()
          return reply
        })
      }
      const observer = new MutationObserver(() => {
        if (marks.shell === null && document.querySelector('header h1')) {
          marks.shell = performance.now()
          performance.mark('popup-shell')
        }
        if (marks.render === null && document.querySelector('main .summary')) {
          marks.render = performance.now()
          performance.mark('popup-render')
          marks.cards = document.querySelectorAll('section.page-card').length
          marks.rows = document.querySelectorAll('.healthy-row').length
          observer.disconnect()
          requestAnimationFrame(() => {
            marks.frame = performance.now()
          })
        }
      })
      observer.observe(document, { childList: true, subtree: true })
    })
    await page.goto(`${chromium.origin}/extension/popup/index.html`)
    await page.waitForFunction(() => (globalThis as unknown as { __marks?: Marks }).__marks?.frame != null, undefined, { timeout: 15_000 })
    const marks = await page.evaluate(() => (globalThis as unknown as { __marks: Marks }).__marks)
    if (run === RUNS) {
      // To look at: the whole popup, and the start of the compact list of healthy pages.
      await page.screenshot({ path: join(ROOT, '.bench/popup-pages.png'), fullPage: true })
      const box = await page.locator('section.healthy').boundingBox()
      if (box) await page.screenshot({ path: join(ROOT, '.bench/popup-healthy-rows.png'), fullPage: true, clip: { x: 0, y: box.y - 40, width: 400, height: 400 } })
    }
    await page.close()
    const floorPage = await chromium.context.newPage()
    await floorPage.goto(`${chromium.origin}/bench-floor.html`)
    const [floor, floorAnswered] = await floorPage
      .waitForFunction(() => {
        const g = globalThis as unknown as { __floor?: number; __floorAnswered?: number }
        return g.__floorAnswered === undefined ? undefined : [g.__floor ?? NaN, g.__floorAnswered]
      })
      .then(async (h) => (await h.jsonValue()) ?? [NaN, NaN])
    await floorPage.close()
    if (run === 0) continue // warm-up: first load of the popup's code from disk
    runs.push({ ...marks, floor, floorAnswered })
    console.log(`run ${run}: ${marks.asked === null ? '' : `getState asked ${marks.asked.toFixed(1)} ms, answered ${marks.answered?.toFixed(1)} ms, `}empty page ${floor?.toFixed(1)} ms, shell ${marks.shell?.toFixed(1)} ms, render ${marks.render?.toFixed(1)} ms, frame ${marks.frame?.toFixed(1)} ms (${marks.cards} cards, ${marks.rows} healthy rows)`)
  }
  const storageReads: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    storageReads.push(
      await chromium.serviceWorker.evaluate(async () => {
        const started = performance.now()
        await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null)
        return performance.now() - started
      }),
    )
  }
  const popupTrips: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    popupTrips.push(
      await messenger.evaluate(async () => {
        const started = performance.now()
        await (globalThis as unknown as Messaging).chrome.runtime.sendMessage({ type: 'getState', compactHealthyAbove: 3, historyLimit: 10 })
        return performance.now() - started
      }),
    )
  }
  const roundTrips: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    roundTrips.push(
      await messenger.evaluate(async () => {
        const started = performance.now()
        await (globalThis as unknown as Messaging).chrome.runtime.sendMessage({ type: 'getState' })
        return performance.now() - started
      }),
    )
  }
  type Mark = 'asked' | 'answered' | 'shell' | 'render' | 'frame' | 'floor' | 'floorAnswered'
  const series = (key: Mark): number[] => runs.map((m) => m[key] ?? NaN)
  const fmt = (key: Mark): string => {
    const xs = series(key)
    return `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`
  }
  const ua = await messenger.evaluate(() => navigator.userAgent)
  console.log('')
  console.log(`popup first render with ${PAGES} pages, ${RUNS} runs after 1 warm-up, from navigation start:`)
  console.log(`  an empty extension page's first script ${fmt('floor')}`)
  console.log(`  … its getState (the popup's) answered ${fmt('floorAnswered')}`)
  // Only when the popup messages the worker (it now reads storage itself: these stay empty).
  if (series('asked').some(Number.isFinite)) {
    console.log(`  getState asked    ${fmt('asked')}`)
    console.log(`  getState answered ${fmt('answered')}`)
  }
  console.log(`  shell  ${fmt('shell')}`)
  console.log(`  render ${fmt('render')}`)
  console.log(`  frame  ${fmt('frame')}`)
  console.log(`  the worker reading all of storage.local: median ${median(storageReads).toFixed(1)} ms`)
  console.log(`  the popup's getState round trip alone: median ${median(popupTrips).toFixed(1)} ms`)
  console.log(`  getState round trip median ${median(roundTrips).toFixed(1)} ms (min ${Math.min(...roundTrips).toFixed(1)}, max ${Math.max(...roundTrips).toFixed(1)})`)
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${osType()} ${release()}, Node ${process.version}`)
  console.log(`browser: ${ua.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? ua} (headless)`)
  const summary = Object.fromEntries((['floor', 'floorAnswered', 'asked', 'answered', 'shell', 'render', 'frame'] as const).map((key) => [key, { medianMs: median(series(key)), minMs: Math.min(...series(key)), maxMs: Math.max(...series(key)) }]))
  writeFileSync(
    join(ROOT, '.bench/popup-results.json'),
    JSON.stringify({ machine: { cpu: cpus()[0]?.model, nproc: cpus().length, os: `${osType()} ${release()}`, node: process.version, browser: ua, date: new Date().toISOString() }, pages: PAGES, runs, summary, popupGetStateMs: median(popupTrips), fullGetStateMs: median(roundTrips), workerReadAllMs: median(storageReads), replyBytes: { full: stateBytes, popup: compactBytes } }, null, 2),
  )
  console.log('wrote .bench/popup-results.json')
} finally {
  await chromium.close()
  rmSync(distDir, { recursive: true, force: true })
  await server.close()
}
