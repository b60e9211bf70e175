import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendMessage } from '../../../extension/messaging/client.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { SETTINGS, type Settings, type WatchedPage } from '../../../extension/storage/settings.ts'
import { readSettings } from '../../../extension/storage/store.ts'
import { SYNC_BUDGET_BYTES, syncUsage } from '../../../extension/storage/sync-budget.ts'
import { bootWorker, calls, fireAlarm, granted, install, permissions, REQUIRED_HOSTS, resetBrowser, storeSettings, testDeps, watched, type Clock, type TestDeps } from '../../support/background-harness.ts'
import { installQuotas, type QuotaStorage } from '../../support/quota-storage.ts'
import { sampleText } from '../../support/samples.ts'


const CODAMETRIX = sampleText('statuspage/codametrix-summary-2026-08-02.json')
const AWS_EVENTS = sampleText('aws/health-currentevents-2026-09-04.json')

/** Every https host answers as a healthy Statuspage page (and AWS Health as AWS), no network. */
function offlineDeps(clock: Clock): TestDeps {
  const base = testDeps(clock)
  const reply = (body: string, status = 200): Response => new Response(body, { status, headers: { 'content-type': 'application/json' } })
  return {
    ...base,
    fetch: async (url) => {
      base.fetched.push({ url, at: clock.now })
      if (url.startsWith('https://health.aws.amazon.com/public/currentevents')) return reply(AWS_EVENTS)
      return new URL(url).pathname === '/api/v2/summary.json' ? reply(CODAMETRIX) : reply('{}', 404)
    },
  }
}

/** A page as the options page adds it: a 17-character name, the time it was added. */
const page = (i: number, name = `Service no. ${String(i).padStart(5, '0')}`): WatchedPage => ({
  ...watched(`https://status${i}.example-status.com`, null, name),
  addedAt: Date.UTC(2026, 10, 1) + i * 60_000,
})

describe('storage.sync within its quotas, and host permissions that follow the pages', () => {
  let clock: Clock
  let deps: TestDeps
  let quotas: QuotaStorage | null = null

  beforeEach(async () => {
    resetBrowser()
    clock = { now: Date.UTC(2026, 10, 30, 12, 0) }
    deps = await bootWorker(offlineDeps(clock))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    quotas?.uninstall()
    quotas = null
    vi.restoreAllMocks()
  })

  it('an import too large for browser sync is refused in words, and the settings stay as they were', async () => {
    quotas = installQuotas(() => clock.now)
    const before = await readSettings()
    const big: Settings = { version: 2, notifyOnRecovery: true, quietHours: null, pages: Array.from({ length: 1_000 }, (_, i) => page(i)) }
    expect(syncUsage(big).bytes).toBeGreaterThan(SYNC_BUDGET_BYTES)
    const reply = await sendMessage('importSettings', { settings: encodeItem(SETTINGS, big) })
    expect(reply).toMatchObject({ ok: false, error: 'limit' })
    expect(!reply.ok && reply.message).toMatch(/more than the 98 KB that browser sync allows/)
    expect(await readSettings()).toEqual(before)
    expect(quotas.refused).toEqual([])
  })

  it('adding a page that would not fit is refused before any permission prompt', async () => {
    const pages = Array.from({ length: 2_000 }, (_, i) => page(i))
    let fitting = 0
    while (syncUsage({ version: 2, notifyOnRecovery: true, quietHours: null, pages: pages.slice(0, fitting + 1) }).fits) fitting++
    await storeSettings(pages.slice(0, fitting))
    const reply = await sendMessage('addPage', { url: 'https://status.one-more-page.example.com/' })
    expect(reply).toMatchObject({ ok: false, error: 'limit' })
    expect(permissions.contains).not.toHaveBeenCalledWith({ origins: ['https://status.one-more-page.example.com/*'] })
    expect(deps.fetched.filter((f) => f.url.includes('one-more-page'))).toEqual([])
  })

  it('the platforms of 150 imported pages, found in one cycle, are saved in one sync write (120 writes a minute are allowed)', async () => {
    quotas = installQuotas(() => clock.now)
    granted.add('https://*/*')
    const imported: Settings = { version: 2, notifyOnRecovery: true, quietHours: null, pages: Array.from({ length: 150 }, (_, i) => page(i, `S${i}`)) }
    const reply = await sendMessage('importSettings', { settings: encodeItem(SETTINGS, imported) })
    expect(reply.ok).toBe(true)
    await vi.waitFor(async () => expect((await readSettings()).pages.every((p) => p.platform === 'statuspage')).toBe(true), { timeout: 20_000 })
    expect(quotas.refused).toEqual([])
    // The import, then one write with every platform found.
    expect(calls.syncSets.length).toBeLessThanOrEqual(3)
    expect((await readSettings()).pages.map((p) => p.name)).toEqual(imported.pages.map((p) => p.name))
  }, 30_000)

  it('an import that drops pages gives back their hosts, keeping those another page needs and the manifest\'s own', async () => {
    const kept = watched('https://status.kept.example.com', 'statuspage', 'Kept')
    const dropped = watched('https://status.dropped.example.com', 'statuspage', 'Dropped')
    const sibling = watched('https://status.kept.example.com/other', 'statuspage', 'Same host')
    for (const origin of ['https://status.kept.example.com/*', 'https://status.dropped.example.com/*', 'https://unrelated.example.com/*']) granted.add(origin)
    await storeSettings([kept, dropped, sibling])
    await vi.waitFor(() => expect(deps.fetched.length).toBeGreaterThan(0))
    const reply = await sendMessage('importSettings', { settings: encodeItem(SETTINGS, { version: 2, notifyOnRecovery: true, quietHours: null, pages: [sibling] }) })
    expect(reply.ok).toBe(true)
    await vi.waitFor(() => expect(granted.has('https://status.dropped.example.com/*')).toBe(false))
    expect(granted.has('https://status.kept.example.com/*')).toBe(true)
    expect(granted.has('https://unrelated.example.com/*')).toBe(true)
    for (const host of REQUIRED_HOSTS) expect(granted.has(host)).toBe(true)
  })

  it('a page removed on another device (the sync change arrives) gives back its host', async () => {
    const stays = watched('https://status.stays.example.com', 'statuspage', 'Stays')
    const goes = watched('https://status.goes.example.com', 'statuspage', 'Goes')
    granted.add('https://status.stays.example.com/*')
    granted.add('https://status.goes.example.com/*')
    await storeSettings([stays, goes])
    await storeSettings([stays])
    await vi.waitFor(() => expect(granted.has('https://status.goes.example.com/*')).toBe(false))
    expect(granted.has('https://status.stays.example.com/*')).toBe(true)
  })

  it('an AWS page on another URL needs health.aws.amazon.com, which it fetches: checked, said, asked for and given back', async () => {
    const aws = watched('https://status.aws.amazon.com', 'aws', 'AWS')
    granted.add('https://status.aws.amazon.com/*')
    await storeSettings([aws])
    await install()
    let state = await sendMessage('getState', {})
    const shown = state.ok ? state.state.pages.find((p) => p.key === aws.key) : undefined
    expect(shown?.permission).toBe('missing')
    expect(shown?.lastError?.message).toMatch(/health\.aws\.amazon\.com/)
    expect(deps.fetched.filter((f) => f.url.includes('health.aws.amazon.com'))).toEqual([])

    await permissions.request({ origins: ['https://health.aws.amazon.com/*'] })
    await vi.waitFor(() => expect(deps.fetched.some((f) => f.url.startsWith('https://health.aws.amazon.com/public/currentevents'))).toBe(true))
    await fireAlarm(clock, clock.now + 60_000)
    state = await sendMessage('getState', {})
    expect(state.ok && state.state.pages.find((p) => p.key === aws.key)?.permission).toBe('granted')

    expect(await sendMessage('removePage', { pageKey: aws.key })).toMatchObject({ ok: true })
    expect(granted.has('https://health.aws.amazon.com/*')).toBe(false)
    expect(granted.has('https://status.aws.amazon.com/*')).toBe(false)
  })
})
