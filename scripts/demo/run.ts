/**
 * `npm run demo -- [--step-seconds 12] [--out demo-output] [--headless] [--loop]`
 *
 * Shows the extension doing its job within a minute, offline, on a fresh machine:
 *   1. builds both extensions (`npm run build`);
 *   2. starts the local HTTPS replay server (throwaway self-signed certificate, openssl) playing
 *      the scripted OpenAI outage: healthy → opened → updated → degraded → resolved, one step
 *      every 12 s;
 *      (and, from the resolved step on, the page's incident history with its final words);
 *   3. launches Debian Chromium with the production dist/chrome loaded unpacked and
 *      status.openai.com mapped to that server (--host-resolver-rules, --ignore-certificate-errors),
 *      so the unchanged extension, on its default page, sees the outage. It polls by itself
 *      (60 s, 15 s while something is wrong); after each step change the demo also sends one
 *      `checkNow` message from an extension page (what the popup's button does), so each step
 *      shows at once.
 *
 *   4. then plays six hours without a poll (the browser closed): the page's stored times move 6 h
 *      back while its history gains an incident that opened and ended meanwhile, and the next poll
 *      tells it in one "While you were away (6 h)" notification.
 *
 * With a display (DISPLAY or WAYLAND_DISPLAY) Chromium runs headed and the timeline loops until
 * Ctrl+C: watch the desktop notifications and the toolbar badge, open the popup. Without one it
 * runs headless, prints each event in the console monitor's wording, saves popup screenshots
 * (400x600, light and dark) after each step into --out, and exits after one pass with a summary.
 * Ctrl+C stops cleanly either way.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { json, startStatusServer, type StatusServer } from '../harness/status-server.ts'
import { recordedOpenAiOutage, recordedOpenAiStory } from '../harness/recorded.ts'
import { moveStoredTimesBack } from '../harness/gap.ts'
import { STORY_HISTORY_PATH } from '../harness/timelines/openai-story.ts'
import { OPENAI_HOST, OPENAI_PROXY_PATH } from '../harness/timelines/openai-outage.ts'
// The launcher and certificate helpers are shared with the e2e suites (one copy of the flags).
import { DIST_CHROME, ROOT } from '../harness/build.ts'
import { CHROMIUM_PATH, launchChromiumWithExtension, type ChromiumWithExtension } from '../harness/chromium.ts'
import { selfSignedCert } from '../harness/tls.ts'
import { installNotificationRecorder, takeRecordedNotifications, type RecordedNotification } from './recorder.ts'

const { values } = parseArgs({
  options: {
    'step-seconds': { type: 'string', default: '12' },
    out: { type: 'string', default: 'demo-output' },
    headless: { type: 'boolean', default: false },
    loop: { type: 'boolean' },
    'skip-build': { type: 'boolean', default: false },
  },
})

const STEP_MS = Math.max(3, Number(values['step-seconds'])) * 1000
// The extension announces an incident's end once a second answer confirms it: its next poll on
// the 15 s cadence. The step where the incident leaves the page lasts long enough to see that.
const CONFIRM_MS = 18_000
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
const headless = values.headless || !hasDisplay
const loop = values.loop ?? !headless
const OUT = resolve(values.out ?? 'demo-output')
const POPUP_PATH = 'extension/popup/index.html'

if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium is not installed: apt-get install chromium   (looked for ${CHROMIUM_PATH}; set CHROMIUM_PATH to use another)`)
  process.exit(1)
}

if (!values['skip-build']) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const stamp = (): string => new Date().toISOString().slice(11, 19)
const log = (line: string): void => console.log(`[demo ${stamp()}] ${line}`)

const steps = recordedOpenAiOutage()
let server: StatusServer | undefined
let chromium: ChromiumWithExtension | undefined
let stopping = false

async function shutdown(code: number): Promise<never> {
  stopping = true
  await chromium?.close().catch(() => undefined)
  await server?.close().catch(() => undefined)
  process.exit(code)
}

const onSigint = (): void => {
  if (stopping) process.exit(130)
  console.log('\nStopping (Ctrl+C)…')
  void shutdown(130)
}
const onSigterm = (): void => void shutdown(143)
process.on('SIGINT', onSigint)
process.on('SIGTERM', onSigterm)

/**
 * Playwright adds its own SIGINT/SIGTERM handlers at launch: they kill the browser and exit at
 * once, before the throwaway profile is removed and the server closed. Ours close both in order.
 */
function keepOnlyOurSignalHandlers(): void {
  for (const [signal, ours] of [['SIGINT', onSigint], ['SIGTERM', onSigterm]] as const) {
    for (const listener of process.listeners(signal)) if (listener !== ours) process.off(signal, listener)
  }
}

interface HistoryEntry {
  readonly at: number
  readonly kind: string
  readonly title: string
  readonly lines: string
}
interface StateReply {
  readonly ok: boolean
  readonly state?: { readonly history: readonly HistoryEntry[]; readonly pages: readonly { key: string; lastError: { kind: string } | null }[] }
}

type Messaging = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
const send = (page: Page, message: unknown): Promise<unknown> =>
  page.evaluate((m) => (globalThis as unknown as Messaging).chrome.runtime.sendMessage(m), message)

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  server = await startStatusServer({ tls: selfSignedCert() })
  const first = steps[0]
  if (!first) throw new Error('empty timeline')
  server.set(OPENAI_PROXY_PATH, json(first.body))
  const story = recordedOpenAiStory(Date.now()).steps
  const historyOf = (name: 'first-sight' | 'resolved' | 'away'): string => story.find((s) => s.name === name)?.history ?? '{}'
  server.set(STORY_HISTORY_PATH, json(JSON.parse(historyOf('first-sight'))))
  log(`replay server on ${server.origin}, answering as https://${OPENAI_HOST} (self-signed certificate)`)

  try {
    chromium = await launchChromiumWithExtension({ hostMap: { [OPENAI_HOST]: server.port }, headless })
  } catch (error) {
    console.error(`Chromium failed to start (${headless ? 'headless' : 'headed'}): ${String(error).split('\n')[0]}`)
    if (!headless) console.error('No usable display? Try: npm run demo -- --headless')
    await shutdown(1)
  }
  const browser = chromium as ChromiumWithExtension
  keepOnlyOurSignalHandlers()
  await installNotificationRecorder(browser.serviceWorker)
  log(`Chromium ${headless ? '(headless)' : '(headed)'} with ${relative(ROOT, DIST_CHROME)} loaded, extension id ${browser.extensionId}`)

  const hasPopup = existsSync(join(DIST_CHROME, POPUP_PATH))
  if (headless) {
    mkdirSync(OUT, { recursive: true })
    if (!hasPopup) log(`no popup in the build (${POPUP_PATH}): screenshots skipped`)
  } else {
    log('watch the desktop notifications and the toolbar badge; click the extension icon for the popup. Ctrl+C stops.')
  }

  // An extension page to send messages from (any page of the extension has the runtime API).
  const messenger = await browser.openExtensionPage('icon-128.png')
  const popup = headless && hasPopup ? await browser.context.newPage() : undefined
  await popup?.setViewportSize({ width: 400, height: 600 })

  const seen = new Set<string>()
  const notifications: RecordedNotification[] = []
  const screenshots: string[] = []
  let events = 0

  const drain = async (): Promise<void> => {
    const reply = (await send(messenger, { type: 'getState' })) as StateReply
    for (const entry of [...(reply.state?.history ?? [])].reverse()) {
      const key = `${entry.at}|${entry.kind}|${entry.title}`
      if (seen.has(key)) continue
      seen.add(key)
      events += 1
      console.log(entry.lines.trimEnd())
    }
    for (const shown of await takeRecordedNotifications(browser.serviceWorker)) {
      notifications.push(shown)
      console.log(`  ↳ notification ${JSON.stringify(shown.id)}: ${shown.title} — ${shown.message.split('\n')[0]}`)
    }
    const error = reply.state?.pages.find((p) => p.lastError)?.lastError
    if (error) log(`(the extension reports an error on the page: ${error.kind})`)
  }

  const shoot = async (index: number, name: string): Promise<void> => {
    if (!popup) return
    await popup.goto(`${browser.origin}/${POPUP_PATH}`)
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme })
      await popup.waitForLoadState('networkidle').catch(() => undefined)
      await sleep(300)
      const file = join(OUT, `${index + 1}-${name}-${scheme}.png`)
      await popup.screenshot({ path: file })
      screenshots.push(file)
    }
  }

  let pass = 0
  do {
    pass += 1
    for (const [index, step] of steps.entries()) {
      if (stopping) return
      server.set(OPENAI_PROXY_PATH, json(step.body))
      // The page's own history gets the final words once the incident ends (the extension reads it then).
      if (step.name === 'resolved') server.set(STORY_HISTORY_PATH, json(JSON.parse(historyOf('resolved'))))
      log(`step ${index + 1}/${steps.length}: ${step.name}${loop ? ` (pass ${pass})` : ''}`)
      const reply = (await send(messenger, { type: 'checkNow' })) as { ok: boolean; message?: string }
      if (!reply.ok) log(`checkNow failed: ${reply.message ?? JSON.stringify(reply)}`)
      const until = Date.now() + (step.name === 'resolved' ? Math.max(STEP_MS, CONFIRM_MS) : STEP_MS)
      if (step.name === 'resolved') log("the incident is no longer listed: the extension reads the page's history and announces its end in the page's own words")
      await sleep(1000)
      await drain()
      await shoot(index, step.name)
      while (Date.now() < until && !stopping) {
        await sleep(Math.min(1000, Math.max(0, until - Date.now())))
        await drain()
      }
    }
    if (stopping) return
    // Six hours nobody polled: told in one catch-up notification (once: the next pass knows it).
    server.set(STORY_HISTORY_PATH, json(JSON.parse(historyOf('away'))))
    await messenger.evaluate(moveStoredTimesBack, 6 * 3_600_000)
    log(`step ${steps.length + 1}/${steps.length + 1}: the browser was closed for 6 h (stored times moved back), an incident opened and ended meanwhile`)
    await send(messenger, { type: 'checkNow' })
    await sleep(1000)
    await drain()
    await shoot(steps.length, 'catch-up')
    await sleep(STEP_MS)
  } while (loop && !stopping)

  const polls = server.requests.filter((r) => r.path === OPENAI_PROXY_PATH)
  console.log('')
  console.log('Summary')
  console.log(`  ${steps.length + 1} steps, ${STEP_MS / 1000} s each; the extension polled the page ${polls.length} times (${polls.filter((r) => r.status === 304).length} answered 304)`)
  console.log(`  ${events} events (console blocks above), ${notifications.length} desktop notifications raised`)
  if (screenshots.length > 0) console.log(`  ${screenshots.length} popup screenshots in ${OUT.startsWith(process.cwd()) ? relative(process.cwd(), OUT) || '.' : OUT}/`)
  await shutdown(events > 0 ? 0 : 1)
}

main().catch(async (error: unknown) => {
  if (stopping) return
  console.error(error)
  await shutdown(1)
})
