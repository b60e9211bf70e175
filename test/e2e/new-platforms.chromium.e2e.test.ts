/**
 * Issue 13's "Done when": in real Chromium with the production build, one page of each new
 * platform is added through the options page's address field ("Add any status page"), served by
 * the local replay server under its real host name, and its ongoing incident shows in the popup
 * and in a notification. StatusHub's public API gives counters only: its "incident" is the one the
 * provider makes of them (services affected or down, in the page's own numbers).
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
  /** Notifications raised when the page is first read, title and message exactly: one first-sight summary when more than one thing is wrong. */
  readonly notifications: readonly { readonly title: string; readonly message: string }[]
  /** Text the page's popup card must show besides the titles (a page with no incidents: its level). */
  readonly cardText?: string
  /** The screenshot's name when two rows share a platform. */
  readonly shot?: string
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

/**
 * Sorry's recorded files are its documentation's examples: the status is Sorry's own page and both
 * notices are closed (resolved, complete), so nothing would be open. The variant serves them as
 * status.pingdom.com would: the page's name and address are Pingdom's, and the unplanned notice is
 * open again (state investigating, no end). Nothing else changes.
 */
function sorryStatusPingdom(): string {
  const recorded = JSON.parse(recordedText('sorry/status-built-2026-11-30.json')) as { page: Record<string, unknown> }
  return JSON.stringify({ page: { ...recorded.page, name: 'Pingdom', url: 'https://status.pingdom.com' } })
}
function sorryNoticesOpen(): string {
  const recorded = JSON.parse(recordedText('sorry/notices-built-2026-11-30.json')) as { response: Record<string, unknown>[]; count: number }
  const [unplanned, ...rest] = recorded.response
  if (unplanned?.type !== 'unplanned' || unplanned.state !== 'resolved') throw new Error('the Sorry notices changed: revisit the open variant')
  return JSON.stringify({ ...recorded, response: [{ ...unplanned, state: 'investigating', ended_at: null }, ...rest] })
}

/**
 * Campaign Monitor's recorded summary is healthy (no entry in either list). The variant adds one
 * open incident in the fields StatusCast's summary readers read (Id, Title, Status, StartDate,
 * Posts[] with Text and DateCreated), as the unit test's does, and the page's own Status says Degraded.
 */
function campaignMonitorOpen(): string {
  const recorded = JSON.parse(recordedText('statuscast/campaignmonitor-summary-built-2026-08-11.json')) as Record<string, unknown>
  return JSON.stringify({
    ...recorded,
    Status: 'Degraded',
    StatusText: 'Degraded Performance',
    UnresolvedIncidents: [
      {
        Id: 706835,
        Title: 'Delays delivering email to Microsoft domains',
        Status: 'Identified',
        StartDate: '2026-09-04T11:20:00Z',
        Posts: [
          { Text: '<p>We are continuing to monitor delivery of emails to Microsoft domains.</p>', DateCreated: '2026-09-04T13:22:00Z' },
          { Text: '<p>We&#39;re aware of an issue currently affecting email delivery to Microsoft domains.</p>', DateCreated: '2026-09-04T11:20:00Z' },
        ],
      },
    ],
  })
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
      { title: "status.gitlab.com — 1 incident ongoing; 1 maintenance in progress; 1 component affected", message: "500 Error - User Notification Settings; Maintenance on dashboards.gitlab.com · dashboards.gitlab.com: Under maintenance" },
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
      { title: "Slack — 2 incidents ongoing; 2 components affected", message: "We are investigating an issue with notification settings; We're looking into an issue with certain API calls · Notifications: Degraded performance, Apps/Integrations/APIs…" },
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
      { title: "UQ Status — 2 incidents ongoing; 2 components affected", message: "Reduced Functionality on UQs Drupal 7 Websites; Login disruption to some sites · Information Management / CMS - ITS Drupal 7: Degraded performance, Information Management / UQ…" },
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
      { title: "Google Cloud — 2 incidents ongoing; 2 components affected", message: "Cloud Run and Cloud Functions: elevated request errors in us-central1; Some Cloud Functions deployments take longer than usual in europe-west1 · Cloud Run: Major outage, Cloud…" },
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
  {
    platform: 'sorry',
    platformName: 'Sorry',
    typed: 'status.pingdom.com',
    hosts: ['status.pingdom.com'],
    routes: {
      // A customer's page is recognised by naming sorryapp.com in its HTML, then read from its own /api/v1.
      'status.pingdom.com': {
        '/': html('<footer><a href="https://www.sorryapp.com/">Powered by Sorry™</a></footer>'),
        '/api/v1/status': json(sorryStatusPingdom()),
        '/api/v1/components': json(recordedText('sorry/components-built-2026-11-30.json')),
        '/api/v1/notices': json(sorryNoticesOpen()),
      },
    },
    addReplies: ['Added Pingdom (Sorry).'],
    pageName: 'Pingdom',
    incidents: ['Launchpad Application Unavailable'],
    // A notice names no component and carries no impact of its own: an open one is minor, titled by its subject.
    notifications: [
      { title: "Pingdom — Launchpad Application Unavailable", message: "Minor · Investigating: Sorry folks, we are currently experiencing issues with the LaunchPad application. We're urgently investigating to identify the cause and restore the…" },
    ],
  },
  {
    platform: 'statuscast',
    platformName: 'StatusCast',
    typed: 'status.campaignmonitor.com',
    hosts: ['status.campaignmonitor.com'],
    routes: {
      'status.campaignmonitor.com': {
        '/': html('<footer>Powered by StatusCast</footer>'),
        '/summary.json': json(campaignMonitorOpen()),
      },
    },
    addReplies: ['Added Campaign Monitor (StatusCast).'],
    pageName: 'Campaign Monitor',
    incidents: ['Delays delivering email to Microsoft domains'],
    // No component list in a StatusCast summary: titled by the incident, its newest post as the message, HTML gone.
    notifications: [
      { title: "Campaign Monitor — Delays delivering email to Microsoft domains", message: "Minor · Identified: We are continuing to monitor delivery of emails to Microsoft domains." },
    ],
  },
  {
    platform: 'statuspal',
    platformName: 'Statuspal',
    // The catalog's Exoscale page, on its own domain; its Statuspal subdomain and region (EU) are on record, and the capture is its own.
    typed: 'exoscalestatus.com',
    // No statuspal.io and no exoscalestatus.statuspal.eu (where the page is stored): an EU page reads neither.
    hosts: ['exoscalestatus.com', 'statuspal.eu'],
    routes: {
      'exoscalestatus.com': { '/': html('<h1>Exoscale status</h1>') },
      'statuspal.eu': { '/api/v2/status_pages/exoscalestatus/summary': json(recordedText('statuspal/exoscale-summary-2025-03-08.json')) },
    },
    // Which Statuspal server the page is on shows only once it is detected: the API host is asked for on the second click, as status.io's.
    addReplies: ['To watch this page the extension needs to read exoscalestatus.com and statuspal.eu. Click Add again and choose Allow.', 'Added Exoscale (Statuspal).'],
    pageName: 'Exoscale',
    incidents: ['[AT-VIE-2] Network connectivity issue'],
    // The incident names the zone and its 7 services (its type "info", the page's root status "minor").
    notifications: [
      { title: "Exoscale — 1 incident ongoing; 7 components affected", message: "[AT-VIE-2] Network connectivity issue · AT-VIE-2 / API: Degraded performance, AT-VIE-2 / Compute: Degraded performance, AT-VIE-2 / Database service DBaaS: Degraded performance…" },
    ],
  },
  {
    platform: 'statuspal',
    platformName: 'Statuspal',
    // The other way a Statuspal page on its customer's domain is found: its HTML links its Statuspal
    // subdomain (US servers). The capture's own page, status.hosttech.eu (fixture README); the link is
    // made here, as no capture of that page's HTML is on record.
    typed: 'status.hosttech.eu',
    hosts: ['status.hosttech.eu', 'statuspal.io'],
    routes: {
      'status.hosttech.eu': { '/': html('<a href="https://hosttech.statuspal.io/subscribe">Abonnieren</a>') },
      'statuspal.io': { '/api/v2/status_pages/hosttech/summary': json(recordedText('statuspal/hosttech-summary-2023-09-13.json')) },
    },
    addReplies: ['To watch this page the extension needs to read status.hosttech.eu and statuspal.io. Click Add again and choose Allow.', 'Added hosttech GmbH (Statuspal).'],
    pageName: 'hosttech GmbH',
    shot: 'statuspal-hosttech',
    incidents: ['Serverausfall'],
    // The German update's line breaks (\r\n) become spaces on the notification's one line.
    notifications: [
      { title: "hosttech GmbH — 1 incident ongoing; 1 component affected", message: "Serverausfall · Webhosting & Reseller: Degraded performance" },
    ],
  },
  {
    platform: 'azure',
    platformName: 'Microsoft Azure',
    typed: 'https://azure.status.microsoft/en-us/status',
    hosts: ['azure.status.microsoft'],
    routes: { 'azure.status.microsoft': { '/en-us/status/feed/': xml(recordedText('azure/west-us-incident-2026-07-23.xml')) } },
    addReplies: ['Added Microsoft Azure (Microsoft Azure).'],
    pageName: 'Microsoft Azure',
    incidents: ['Issues connecting to resources in West US'],
    // Azure's feed lists only what is open and has no status word or severity: minor, investigating.
    notifications: [
      { title: "Microsoft Azure — Issues connecting to resources in West US", message: "Minor · Investigating: Starting at 14:44 UTC on 23 July, 2026, we began investigating a networking issue affecting connectivity to Azure services in the West US region. Impacted…" },
    ],
  },
  {
    platform: 'site24x7',
    platformName: 'Site24x7',
    typed: 'status.site24x7.com',
    hosts: ['status.site24x7.com'],
    routes: { 'status.site24x7.com': { '/sp/api/u/summary_details': json(recordedText('site24x7/summary-details-built-2026-11-30.json')) } },
    addReplies: ['Added status.site24x7.com (Site24x7).'],
    pageName: 'status.site24x7.com',
    // The summary carries no page name (only an encoded page id): the page is named by its host.
    incidents: ['Delayed data collection in the EU data center'],
    notifications: [
      { title: "status.site24x7.com — 1 incident ongoing; 1 maintenance in progress; 2 components affected", message: "Delayed data collection in the EU data center; Mobile app backend upgrade · Data Centers / EU Data Center: Degraded performance, Mobile Apps: Under maintenance" },
    ],
  },
  {
    platform: 'feed',
    platformName: 'Atom/RSS feed',
    // A LambStatus page (Codacy): no JSON API is public, so it is read by its history feed, found by detection at history.atom.
    typed: 'status.codacy.com',
    hosts: ['status.codacy.com'],
    routes: { 'status.codacy.com': { '/history.atom': xml(recordedText('feeds/lambstatus-codacy-history-built-2026-11-30.atom')) } },
    addReplies: ['Added Codacy (Atom/RSS feed).'],
    shot: 'feed-lambstatus',
    pageName: 'Codacy',
    incidents: ['Delays in analysis of pull requests'],
    notifications: [
      { title: "Codacy — 1 incident ongoing; 1 maintenance in progress", message: "Delays in analysis of pull requests; Database upgrade" },
    ],
  },
  {
    platform: 'statushub',
    platformName: 'StatusHub',
    // StatusHub's public /api/statuses gives counters only (11 up, 1 affected, 0 down): the provider
    // reads them as one open incident in the page's own numbers (statushub.ts).
    typed: 'wpenginestatus.com',
    hosts: ['wpenginestatus.com'],
    routes: { 'wpenginestatus.com': { '/api/statuses': json(recordedText('statushub/counters-built-2026-11-30.json')) } },
    addReplies: ['Added wpenginestatus.com (StatusHub).'],
    pageName: 'wpenginestatus.com',
    incidents: ['Services affected or down'],
    notifications: [{ title: 'wpenginestatus.com — Services affected or down', message: 'Minor · Investigating: StatusHub counts 11 services up, 1 affected and 0 down.' }],
    cardText: 'Minor issue',
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
      const page = async (): Promise<PageView | undefined> => (await pages()).find((p) => p.platform === row.platform && p.name === row.pageName)
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
        if (row.cardText !== undefined) expect(await card.innerText()).toContain(row.cardText)
        await popup.screenshot({ path: join(SHOTS, `${row.shot ?? row.platform}.png`), fullPage: true })
      } finally {
        await popup.close()
      }
      // A row that expects none: still none once the popup has been read (not only at the first look).
      if (row.notifications.length === 0) expect(await ofPage()).toEqual([])
    })
  }
})
