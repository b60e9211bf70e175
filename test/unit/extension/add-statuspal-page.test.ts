import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext } from '../../../extension/background/context.ts'
import { createHandlers } from '../../../extension/background/handlers.ts'
import { permissionError } from '../../../extension/background/permissions.ts'
import { hostPermissionCheck } from '../../../extension/permissions/host-permissions.ts'
import { originsFor } from '../../../extension/permissions/page-origins.ts'
import type { Handlers } from '../../../extension/messaging/dispatcher.ts'
import type { Platform } from '../../../src/model.ts'
import { readOriginsOf } from '../../../src/providers/api-origins.ts'
import { granted, resetBrowser, storeSettings, testDeps } from '../../support/background-harness.ts'
import { sampleText } from '../../support/samples.ts'

// Only what adding a page does is tested here; the poll it triggers is wake.ts's business.
vi.mock('../../../extension/background/wake.ts', () => ({ wakeAndPoll: vi.fn(async () => 1) }))

const EU_API = 'https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary'
const STORED = 'https://exoscalestatus.statuspal.eu/'

/** What Chromium does to a read of a host the extension has no permission for: a network failure. */
async function exoscale(url: string): Promise<Response> {
  if (url === 'https://exoscalestatus.com/') return new Response('<html><body>Exoscale status</body></html>', { headers: { 'content-type': 'text/html' } })
  if (url === EU_API) {
    if (!granted.has('https://statuspal.eu/*')) throw new TypeError('Failed to fetch')
    return new Response(sampleText('statuspal/exoscale-summary-2025-03-08.json'), { headers: { 'content-type': 'application/json' } })
  }
  return new Response('not here', { status: 404 })
}

let handlers: Handlers

beforeEach(async () => {
  resetBrowser()
  // DetectDeps seam, as in add-statusio-page.test.ts: only Statuspal is tried.
  const deps = { ...testDeps({ now: Date.UTC(2025, 2, 8, 9) }), fetch: exoscale, detectionOrder: (): readonly Platform[] => ['statuspal'] }
  handlers = createHandlers(createContext(deps))
  await storeSettings([])
  granted.add('https://exoscalestatus.com/*')
})

describe('adding a Statuspal page on its customer’s domain (exoscalestatus.com, EU servers)', () => {
  it('asks for the EU API host once, then adds the page: never for the US host, nor for the stored Statuspal address no poll reads', async () => {
    expect(await handlers.addPage({ type: 'addPage', url: 'exoscalestatus.com' })).toEqual({
      ok: false,
      error: 'permission',
      origins: ['https://exoscalestatus.com/*', 'https://statuspal.eu/*'],
      message: 'Permission to read exoscalestatus.com and statuspal.eu is needed.',
    })
    granted.add('https://statuspal.eu/*')
    expect(await handlers.addPage({ type: 'addPage', url: 'exoscalestatus.com' })).toMatchObject({ ok: true, page: { url: STORED, platform: 'statuspal', name: 'Exoscale' } })
    // The stored page counts as granted, so the background polls it.
    expect(await (await hostPermissionCheck())(STORED, 'statuspal')).toBe(true)
  })

  it('a stored Statuspal page is read from its region’s API host alone', () => {
    expect(readOriginsOf(new URL(STORED), 'statuspal')).toEqual(['https://statuspal.eu'])
    expect(readOriginsOf(new URL('https://hosttech.statuspal.io/'), 'statuspal')).toEqual(['https://statuspal.io'])
    expect(readOriginsOf(new URL(EU_API), 'statuspal')).toEqual(['https://statuspal.eu'])
    expect(originsFor(STORED, 'statuspal')).toEqual(['https://statuspal.eu/*'])
    expect(permissionError(STORED, 'statuspal').message).toBe('Permission to read statuspal.eu is missing: grant it in the options page.')
    // A page not (yet) at its Statuspal address, and other platforms: the page's host and the platform's API hosts, as before.
    expect(readOriginsOf(new URL('https://status.unity.com/'), 'statuspal')).toEqual(['https://status.unity.com', 'https://statuspal.io', 'https://statuspal.eu'])
    expect(readOriginsOf(new URL('https://acme.statuspal.io/'), 'feed')).toEqual(['https://acme.statuspal.io'])
    expect(readOriginsOf(new URL('http://127.0.0.1:8787/'), 'aws')).toEqual(['http://127.0.0.1', 'https://health.aws.amazon.com'])
  })
})
