/**
 * Plumbing smoke test: the production Chrome build loads in real Chromium, its service worker
 * runs, and a fetch made with the extension's privileges reaches our local HTTPS server as
 * https://status.openai.com (host permission applies, no CORS error, certificate accepted).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { OPENAI_PROXY_PATH } from '../../scripts/harness/timelines/openai-outage.ts'
import { DIST_CHROME } from '../../scripts/harness/build.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

// The probes use a path of their own: the extension's own polls of OPENAI_PROXY_PATH may land
// while a probe runs, and must not be counted as the probe's.
const PROBE_PATH = '/e2e-smoke-probe'
const OPENAI_URL = `https://status.openai.com${PROBE_PATH}`
const BODY = { summary: { id: 'e2e-smoke', name: 'OpenAI', components: [], ongoing_incidents: [] } }
// A second real host name on the same local server (routes keyed on the Host header). The
// extension has no permission for it, so the route answers with CORS headers: this only proves
// the network plumbing for other hosts, not permissions.
const OTHER_HOST = 'status.claude.com'
const OTHER_PATH = '/api/v2/summary.json'
const OTHER_BODY = '{"page":{"id":"e2e-other","name":"Claude"}}'

interface FetchResult {
  readonly ok: boolean
  readonly status?: number
  readonly body?: string
  readonly error?: string
}

describe('Chromium: production build against the local status server', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert([OTHER_HOST]) })
    server.set(OPENAI_PROXY_PATH, json(BODY))
    server.set(PROBE_PATH, json(BODY, { conditional: false, maxAgeSeconds: 0 }))
    server.setForHost(OTHER_HOST, OTHER_PATH, {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
      body: OTHER_BODY,
    })
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port, [OTHER_HOST]: server.port } })
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  it('loads the extension and runs its service worker', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST_CHROME, 'manifest.json'), 'utf8')) as { name: string; version: string }
    expect(chromium.extensionId).toMatch(/^[a-p]{32}$/)
    expect(chromium.serviceWorker.url()).toBe(`${chromium.origin}/service-worker-loader.js`)
    const info = await chromium.serviceWorker.evaluate(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { id: string; getManifest(): { name: string; version: string } } } }).chrome.runtime
      return { id: runtime.id, name: runtime.getManifest().name, version: runtime.getManifest().version }
    })
    expect(info).toEqual({ id: chromium.extensionId, name: manifest.name, version: manifest.version })
  })

  it('fetches https://status.openai.com from the worker and reaches the local HTTPS server', async () => {
    const before = server.requests.length
    const result = await chromium.serviceWorker.evaluate(async (url: string): Promise<FetchResult> => {
      try {
        const response = await fetch(url, { cache: 'no-store' })
        return { ok: response.ok, status: response.status, body: await response.text() }
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    }, OPENAI_URL)
    expect(result).toMatchObject({ ok: true, status: 200 })
    expect(JSON.parse(result.body ?? 'null')).toEqual(BODY)
    const seen = server.requests.slice(before).filter((request) => request.path === PROBE_PATH)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ host: 'status.openai.com', path: PROBE_PATH, status: 200 })
    expect(seen[0]?.userAgent).toMatch(/Chrome\//)
  })

  it('fetches it from an extension page too, and reaches another mapped host, while unmapped hosts fail', async () => {
    const page = await chromium.openExtensionPage('icon-128.png')
    try {
      expect(page.url()).toBe(`${chromium.origin}/icon-128.png`)
      const before = server.requests.length
      const result = await page.evaluate(async (urls: readonly string[]) => {
        const out: string[] = []
        for (const url of urls) {
          try {
            const response = await fetch(url, { cache: 'no-store' })
            out.push(`${response.status} ${await response.text()}`)
          } catch (error) {
            out.push(`error: ${String(error)}`)
          }
        }
        return out
      }, [OPENAI_URL, `https://${OTHER_HOST}${OTHER_PATH}`, 'https://status.unmapped-host.test/proxy/x'])
      expect(JSON.parse(result[0]?.replace(/^200 /, '') ?? 'null')).toEqual(BODY)
      expect(result[1]).toBe(`200 ${OTHER_BODY}`)
      expect(result[2]).toMatch(/^error: TypeError/)
      expect(server.requests.slice(before).filter((request) => request.path !== OPENAI_PROXY_PATH).map((request) => request.host)).toEqual(['status.openai.com', OTHER_HOST])
    } finally {
      await page.close()
    }
  })
})
