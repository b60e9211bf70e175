/**
 * The store archives, as a user gets them: `npm run package`'s step writes both zips (from the
 * fresh build), the Firefox one passes `web-ext lint` with 0 errors and 0 warnings, and each zip,
 * unpacked into a folder of its own, loads into its real browser and watches its default page on
 * its own: the install's first poll reaches the local server as https://status.openai.com and
 * the incident it serves shows on the badge (Chromium) and in the stored state (Firefox).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import extractZip from 'extract-zip'
import type Browser from 'webextension-polyfill'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { archiveName, packageExtension, type Packaged } from '../../scripts/package/package.ts'
import { recordedOpenAiOutage } from '../../scripts/harness/recorded.ts'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { OPENAI_PROXY_PATH } from '../../scripts/harness/timelines/openai-outage.ts'
import { ROOT } from '../../scripts/harness/build.ts'
import { launchChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { launchFirefoxWithExtension } from '../../scripts/harness/firefox.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
const opened = recordedOpenAiOutage().find((step) => step.name === 'opened')
if (!opened) throw new Error('the outage timeline has no "opened" step')

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('store archives', () => {
  let scratch: string
  let packaged: Packaged
  let server: StatusServer

  const polls = (userAgent: RegExp): number =>
    server.requests.filter((r) => r.host === 'status.openai.com' && r.path === OPENAI_PROXY_PATH && userAgent.test(r.userAgent ?? '')).length

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'status-monitor-archives-'))
    // The suite's global setup has just built dist/: package that build as it is.
    packaged = await packageExtension({ root: ROOT, artifactsDir: join(scratch, 'artifacts'), build: false })
    server = await startStatusServer({ tls: selfSignedCert() })
    server.set(OPENAI_PROXY_PATH, json(opened.body))
  })

  afterAll(async () => {
    await server?.close()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  it('are named after package.json\'s version, which their manifests carry; the Firefox one lints clean', async () => {
    expect(packaged.version).toBe(version)
    expect(packaged.archives.chrome).toBe(join(scratch, 'artifacts', archiveName(version, 'chrome')))
    expect(packaged.archives.firefox).toBe(join(scratch, 'artifacts', archiveName(version, 'firefox')))
    expect({ errors: packaged.firefoxLint.errors, warnings: packaged.firefoxLint.warnings, problems: packaged.firefoxLint.problems }).toEqual({ errors: 0, warnings: 0, problems: [] })
    for (const target of ['chrome', 'firefox'] as const) {
      const unpacked = join(scratch, `manifest-${target}`)
      await extractZip(packaged.archives[target], { dir: unpacked })
      const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as { version: string; host_permissions: string[]; permissions: string[] }
      expect(manifest.version).toBe(version)
      expect(manifest.permissions.sort()).toEqual(['alarms', 'notifications', 'storage'])
      expect(manifest.host_permissions).toEqual(['https://status.openai.com/*'])
    }
  })

  it('the Chrome archive, unzipped, loads into Chromium and polls its default page by itself', async () => {
    const unpacked = join(scratch, 'chrome')
    await extractZip(packaged.archives.chrome, { dir: unpacked })
    const chromium = await launchChromiumWithExtension({ distDir: unpacked, hostMap: { 'status.openai.com': server.port } })
    try {
      const loaded = await chromium.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version)
      expect(loaded).toBe(version)
      await until('Chromium polls of the default page', async () => polls(/Chrome\//), (n) => n >= 1)
      const badge = await until(
        'the badge',
        () => chromium.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({})),
        (text) => text === '1',
      )
      expect(badge).toBe('1')
    } finally {
      await chromium.close()
    }
  })

  it('the Firefox archive, unzipped, installs in Firefox and polls its default page by itself', async () => {
    const unpacked = join(scratch, 'firefox')
    await extractZip(packaged.archives.firefox, { dir: unpacked })
    const firefox = await launchFirefoxWithExtension({ distDir: unpacked, hostMap: { 'status.openai.com': server.port } })
    try {
      const page = await firefox.openExtensionPage()
      type WithBrowser = typeof globalThis & { browser: Browser.Browser }
      expect(await page.evaluate(() => (globalThis as WithBrowser).browser.runtime.getManifest().version)).toBe(version)
      await until('Firefox polls of the default page', async () => polls(/Firefox\//), (n) => n >= 1)
      const state = await until(
        'the state of the default page',
        () =>
          page.evaluate(async () => {
            const reply = (await (globalThis as WithBrowser).browser.runtime.sendMessage({ type: 'getState' })) as {
              ok: boolean
              state?: { pages: { key: string; snapshot: { incidents: unknown[] } | null; lastError: unknown }[] }
            }
            const openai = reply.state?.pages.find((p) => p.key === 'status.openai.com')
            return { ok: reply.ok, incidents: openai?.snapshot?.incidents.length ?? 0, lastError: openai?.lastError ?? null }
          }),
        (value) => value.incidents === 1,
      )
      expect(state).toEqual({ ok: true, incidents: 1, lastError: null })
    } finally {
      await firefox.close()
    }
  })
})
