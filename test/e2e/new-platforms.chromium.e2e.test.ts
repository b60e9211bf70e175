/**
 * Issue 13's "Done when": in real Chromium with the production build, one page of each new
 * platform is added through the options page's address field ("Add any status page"), served by
 * the local replay server under its real host name, and its ongoing incident shows in the popup
 * and in a notification.
 *
 * One Chromium and one HTTPS replay server for the whole table. Each row is typed into the field
 * and added like a user would; site access for its hosts is granted first in chrome://extensions
 * (headless Chromium cannot answer the permission prompt: see site-access.ts). What the worker
 * shows is recorded by wrapping `chrome.notifications.create` before anything is shown, as in
 * outage-timeline.chromium.e2e.test.ts.
 *
 * Add a platform: append one row to ROWS (its hosts, the routes the replay server answers, what
 * the user types, and the exact titles and notification texts read off its payload), plus its
 * recorded fixture under test/fixtures/recorded/<platform>/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { json, startStatusServer, type Reply, type StatusServer } from '../../scripts/harness/status-server.ts'
import { recordedText } from '../../scripts/harness/recorded.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { allowSiteAccess } from '../../scripts/harness/site-access.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'
import { ROOT } from '../../scripts/harness/build.ts'

const OPTIONS = 'extension/options/index.html'
const POPUP = 'extension/popup/index.html'
const SHOTS = join(ROOT, 'test-results/new-platforms')

interface Row {
  /** The platform detection must find (`PageState.platform`) and its name in "Added … (name).". */
  readonly platform: string
  readonly platformName: string
  /** What the user types into "Status page address". */
  readonly typed: string
  /** Every host the page is read from: mapped to the replay server and allowed in Site access. */
  readonly hosts: readonly string[]
  /** host → path → reply. */
  readonly routes: Readonly<Record<string, Readonly<Record<string, Reply>>>>
  /** The options page's words after each click of Add, in order; the last one says it was added. */
  readonly addReplies: readonly string[]
  /** The page's name as the extension shows it ("Added <name> (…)", the popup card). */
  readonly pageName: string
  /** Ongoing incidents' titles, exactly as the popup shows them. */
  readonly incidents: readonly string[]
  /** Notifications raised when the page is first read: title and message, exactly. */
  readonly notifications: readonly { readonly title: string; readonly message: string }[]
}

const html = (body: string, headers: Readonly<Record<string, string>> = {}): Reply => ({
  kind: 'raw',
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  body: `<!doctype html><html><head><title>Status</title></head><body>${body}</body></html>`,
})
const xml = (body: string): Reply => ({ kind: 'raw', status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body })

// GitLab's status.io page id, as in the recorded API answer's address (test/fixtures/recorded/README.md).
const GITLAB_ID = '5b36dc6502d06804c08349f7'

/**
 * xAI's recorded feed has one RESOLVED item, so nothing would be ongoing. The variant is the same
 * item as it stood at its first update: the headline says INVESTIGATING and the later "resolved"
 * update is cut. Nothing else changes.
 */
function xaiFeedOngoing(): string {
  const recorded = recordedText('feeds/xai-feed-2026-09-03.xml')
  const variant = recorded
    .replace('<h3>Status: RESOLVED</h3>', '<h3>Status: INVESTIGATING</h3>')
    .replace(/\s*<div>\s*<p><strong>Mon, 18 May 2026 12:00:00 GMT<\/strong><\/p>[\s\S]*?<\/div>/, '')
  if (variant === recorded || variant.includes('has been resolved')) throw new Error('the xAI feed changed: revisit the ongoing variant')
  return variant
}

/** The capture sits under `response` beside its author's `_provenance` (fixture README): served as the page serves it. */
function uqIndex(): string {
  return JSON.stringify((JSON.parse(recordedText('cstate/uq-index-2026-08-30.json')) as { response: unknown }).response)
}

const ROWS: readonly Row[] = [
  {
    platform: 'statusio',
    platformName: 'status.io',
    typed: 'status.gitlab.com',
    hosts: ['status.gitlab.com', 'api.status.io'],
    routes: {
      // The page itself carries the id both ways status.io pages do: a header and history links.
      'status.gitlab.com': { '/': html(`<a href="/pages/history/${GITLAB_ID}">View history</a>`, { 'x-status-page-id': GITLAB_ID }) },
      'api.status.io': { [`/1.0/status/${GITLAB_ID}`]: json(recordedText('statusio/gitlab-status-2020-09-05.json')) },
    },
    // The page names its status.io id only once read: the API host is asked for on the second click (handlers.ts).
    addReplies: ['To watch this page the extension needs to read status.gitlab.com and api.status.io. Click Add again and choose Allow.', 'Added status.gitlab.com (status.io).'],
    pageName: 'status.gitlab.com',
    incidents: ['500 Error - User Notification Settings'],
    notifications: [
      { title: "status.gitlab.com — Website", message: "Major · Identified: We've determined that the error when attempting to view personal notification settings only occurs when the user is a member of a subgroup whose parent group…" },
      { title: "status.gitlab.com — dashboards.gitlab.com", message: "Maintenance · In progress: Until 2020-09-07 17:55 — Maintenance on dashboards.gitlab.com: We are currently performing maintenance on dashboards.gitlab.com. The public dashboards…" },
      { title: "status.gitlab.com — dashboards.gitlab.com", message: "Under maintenance (was Operational)" },
    ],
  },
  {
    platform: 'slack',
    platformName: 'Slack',
    typed: 'status.slack.com',
    hosts: ['status.slack.com'],
    routes: { 'status.slack.com': { '/api/v2.0.0/current': json(recordedText('slack/slack-current-2020-07-30.json')) } },
    addReplies: ['Added Slack (Slack).'],
    pageName: 'Slack',
    incidents: ['We are investigating an issue with notification settings', "We're looking into an issue with certain API calls"],
    notifications: [
      { title: "Slack — Notifications", message: "Minor · Investigating: Some users might notice that their notifications settings for mobile are not being respected. We are taking a look and hope to have more news soon." },
      { title: "Slack — Apps/Integrations/APIs", message: "Minor · Investigating: We're currently aware of some intermittent latency and timeouts with image attachments, certain API methods (including users.setPhoto, chat.postMessage and…" },
      { title: "Slack — 2 components changed", message: "Notifications: Degraded performance, Apps/Integrations/APIs: Degraded performance" },
    ],
  },
  {
    platform: 'cstate',
    platformName: 'cState',
    // The capture's own page (its permalinks): the University of Queensland's IT status.
    typed: 'status.its.uq.edu.au',
    hosts: ['status.its.uq.edu.au'],
    routes: { 'status.its.uq.edu.au': { '/index.json': json(uqIndex()) } },
    addReplies: ['Added UQ Status (cState).'],
    pageName: 'UQ Status',
    incidents: ['Reduced Functionality on UQs Drupal 7 Websites', 'Login disruption to some sites'],
    notifications: [
      { title: "UQ Status — Information Management / CMS - ITS Drupal 7", message: "Minor · Investigating: Reduced Functionality on UQs Drupal 7 Websites" },
      { title: "UQ Status — Information Management / UQ Authenticate", message: "Minor · Investigating: Login disruption to some sites" },
      { title: "UQ Status — 2 components changed", message: "Information Management / CMS - ITS Drupal 7: Degraded performance, Information Management / UQ Authenticate: Degraded performance" },
    ],
  },
  {
    platform: 'google',
    platformName: 'Google Cloud',
    typed: 'status.cloud.google.com',
    hosts: ['status.cloud.google.com'],
    routes: { 'status.cloud.google.com': { '/incidents.json': json(recordedText('google/cloud-incidents-built-2026-11-30.json')) } },
    addReplies: ['Added Google Cloud (Google Cloud).'],
    pageName: 'Google Cloud',
    incidents: ['Cloud Run and Cloud Functions: elevated request errors in us-central1', 'Some Cloud Functions deployments take longer than usual in europe-west1'],
    notifications: [
      { title: "Google Cloud — Cloud Run, Cloud Functions", message: "Critical · Investigating: Summary: Cloud Run and Cloud Functions: elevated request errors in us-central1 Description: Mitigation work is underway. We will provide more…" },
      { title: "Google Cloud — Cloud Functions", message: "Minor · Investigating: Summary: Some Cloud Functions deployments take longer than usual in europe-west1 Description: We are experiencing an issue with Cloud Functions beginning…" },
      { title: "Google Cloud — 2 components changed", message: "Cloud Run: Major outage, Cloud Functions: Major outage" },
    ],
  },
  {
    platform: 'feed',
    platformName: 'Atom/RSS feed',
    typed: 'https://status.x.ai/feed.xml',
    hosts: ['status.x.ai'],
    routes: { 'status.x.ai': { '/feed.xml': xml(xaiFeedOngoing()) } },
    addReplies: ['Added SpaceXAI System (Atom/RSS feed).'],
    pageName: 'SpaceXAI System',
    incidents: ['[API Console] Console not loading'],
    notifications: [
      { title: "SpaceXAI System — [API Console] Console not loading", message: "Minor · Investigating: Investigating issues related to authentication" },
    ],
  },
]

interface Shown {
  readonly id: string
  readonly title: string
  readonly message: string
}
interface Recorder {
  __shown: Shown[]
}
interface PageView {
  readonly key: string
  readonly name: string
  readonly platform: string | null
  readonly permission: string
  readonly level: string | null
  readonly lastCheckedAt: number | null
  readonly lastError: unknown
}

describe('Chromium: a page of each new platform, added by its address, shows its incident in the popup and a notification', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let options: Page
  let messenger: Page
  const hosts = [...new Set(ROWS.flatMap((row) => row.hosts))]

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    server = await startStatusServer({ tls: selfSignedCert(hosts) })
    for (const row of ROWS) {
      for (const [host, paths] of Object.entries(row.routes)) for (const [path, reply] of Object.entries(paths)) server.setForHost(host, path, reply)
    }
    chromium = await launchChromiumWithExtension({ hostMap: Object.fromEntries(hosts.map((host) => [host, server.port])) })
    await chromium.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as Recorder & { chrome: { notifications: { create: (...args: unknown[]) => unknown } } }
      g.__shown = []
      const create = g.chrome.notifications.create.bind(g.chrome.notifications)
      g.chrome.notifications.create = (...args: unknown[]) => {
        const [id, shown] = args as [string, { title?: string; message?: string }]
        g.__shown.push({ id: String(id), title: String(shown?.title ?? ''), message: String(shown?.message ?? '') })
        return create(...args)
      }
    })
    options = await chromium.openExtensionPage(OPTIONS)
    messenger = await chromium.openExtensionPage('icon-128.png')
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  const pages = async (): Promise<PageView[]> => {
    const reply = (await messenger.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'getState' }),
    )) as { state: { pages: PageView[] } }
    return reply.state.pages
  }
  const shown = (): Promise<Shown[]> => chromium.serviceWorker.evaluate(() => (globalThis as unknown as Recorder).__shown.slice())

  for (const row of ROWS) {
    it(`${row.platformName}: typing ${row.typed} adds it, the popup lists ${row.incidents.length} ongoing incident(s) and its notifications are raised`, async () => {
      await allowSiteAccess(chromium, row.hosts.map((host) => `https://${host}/*`))
      await options.getByRole('textbox', { name: 'Status page address' }).fill(row.typed)
      const status = options.locator('section[aria-labelledby="add-url-title"] .note')
      for (const expected of row.addReplies) {
        await options.getByRole('button', { name: 'Add', exact: true }).click()
        await expect.poll(async () => ((await status.textContent().catch(() => '')) ?? '').trim(), { timeout: 20_000 }).toBe(expected)
      }

      // Polled by the background on its own (the settings change wakes it).
      const page = async (): Promise<PageView | undefined> => (await pages()).find((p) => p.platform === row.platform)
      await expect.poll(async () => (await page())?.lastCheckedAt ?? null, { timeout: 20_000 }).not.toBeNull()
      expect(await page()).toMatchObject({ platform: row.platform, permission: 'granted', lastError: null })

      // (b) the notifications the first read raised for this page, title and message exactly.
      const ofPage = async (): Promise<{ title: string; message: string }[]> =>
        (await shown()).filter((s) => s.title.startsWith(`${row.pageName} — `)).map(({ title, message }) => ({ title, message }))
      await expect.poll(async () => (await ofPage()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(row.notifications.length)
      expect(await ofPage()).toEqual(row.notifications)

      // (a) the popup shows the page and its ongoing incidents by their titles.
      const popup = await chromium.openExtensionPage(POPUP)
      try {
        const card = popup.locator('section.page-card').filter({ hasText: row.pageName })
        await card.waitFor({ timeout: 10_000 })
        for (const title of row.incidents) await card.locator('li.item').getByText(title, { exact: true }).waitFor({ timeout: 10_000 })
        await popup.screenshot({ path: join(SHOTS, `${row.platform}.png`), fullPage: true })
      } finally {
        await popup.close()
      }
    })
  }
})
