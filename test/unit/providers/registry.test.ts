import { describe, expect, it } from 'vitest'
import { PLATFORMS } from '../../../src/model.ts'
import type { Platform } from '../../../src/model.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { detectionOrder, normalizeBaseUrl, PROVIDERS, providerFor } from '../../../src/providers/index.ts'
import { joinUrl, trimEnd } from '../../../src/providers/urls.ts'

const url = (text: string) => new URL(text)

describe('provider registry', () => {
  it('has the incident.io and Statuspage providers, each under its own platform', () => {
    expect(providerFor('incidentio').platform).toBe('incidentio')
    expect(providerFor('statuspage').platform).toBe('statuspage')
    for (const [platform, provider] of Object.entries(PROVIDERS)) expect(provider.platform).toBe(platform)
  })

  it('gives a platform without a provider one with no endpoints, never undefined', () => {
    for (const platform of PLATFORMS) {
      const provider = providerFor(platform)
      expect(provider.platform).toBe(platform)
      if (PROVIDERS[platform] === undefined) expect(provider.endpoints(url('https://status.example.com'))).toEqual([])
      else expect(provider.endpoints(url('https://status.example.com')).length).toBeGreaterThan(0)
    }
  })

  it('gives a platform stored by another build (unknown here) a provider with no endpoints', () => {
    const provider = providerFor('newplatform' as Platform)
    expect(provider.platform).toBe('newplatform')
    expect(provider.endpoints(url('https://status.example.com'))).toEqual([])
  })

  it('every registered provider builds https endpoints for an https page', () => {
    for (const provider of Object.values(PROVIDERS)) {
      for (const endpoint of provider.endpoints(url('https://status.example.com'))) expect(new URL(endpoint.url).protocol).toBe('https:')
    }
  })
})

describe('detectionOrder', () => {
  it('tries incident.io before Statuspage, since incident.io pages also serve summary.json', () => {
    const order = detectionOrder(url('https://status.openai.com'))
    expect(order.indexOf('incidentio')).toBeGreaterThanOrEqual(0)
    expect(order.indexOf('incidentio')).toBeLessThan(order.indexOf('statuspage'))
  })

  it('lists only platforms that have a provider, each once', () => {
    for (const base of ['https://status.openai.com', 'https://acme.statuspage.io', 'https://health.aws.amazon.com']) {
      const order = detectionOrder(url(base))
      expect(new Set(order).size).toBe(order.length)
      for (const platform of order) expect(PROVIDERS[platform]).toBeDefined()
    }
  })

  it('tries the platform a host names first', () => {
    expect(detectionOrder(url('https://acme.statuspage.io'))[0]).toBe('statuspage')
  })

  it('tries AWS Health first on its own host, and only there', () => {
    expect(detectionOrder(url('https://health.aws.amazon.com/health/status'))[0]).toBe('aws')
    expect(detectionOrder(url('https://status.health.aws.amazon.com'))).not.toContain('aws')
    expect(detectionOrder(url('https://myhealth.aws.amazon.com'))).not.toContain('aws')
  })

  it('never tries AWS Health for an ordinary page', () => {
    expect(detectionOrder(url('https://status.example.com'))).not.toContain('aws')
  })
})

describe('apiOriginsOf', () => {
  it('names exactly the hosts besides the page’s own that each provider fetches from', () => {
    // A status.io page is stored with its page id (found at detection): the API host needs it.
    // A Statuspal page is stored under its subdomain, on the US or the EU servers: both API hosts.
    const pagesOf = (platform: Platform): URL[] =>
      platform === 'statusio'
        ? [url('https://status.example.com/pages/history/51f6f2088643809b7200000d')]
        : platform === 'statuspal'
          ? [url('https://acme.statuspal.io/'), url('https://acme.statuspal.eu/')]
          : [url('https://status.example.com/')]
    for (const [platform, provider] of Object.entries(PROVIDERS) as [Platform, NonNullable<(typeof PROVIDERS)[Platform]>][]) {
      const foreign = [...new Set(pagesOf(platform).flatMap((page) => provider.endpoints(page).map((endpoint) => new URL(endpoint.url).origin).filter((origin) => origin !== page.origin)))]
      expect(apiOriginsOf(platform), platform).toEqual(foreign)
    }
    expect(apiOriginsOf('aws')).toEqual(['https://health.aws.amazon.com'])
  })

  it('names none for a page whose platform is not known yet', () => {
    expect(apiOriginsOf(null)).toEqual([])
  })
})

describe('normalizeBaseUrl', () => {
  it.each([
    ['status.openai.com', 'https://status.openai.com/'],
    ['  status.openai.com  ', 'https://status.openai.com/'],
    ['https://status.openai.com', 'https://status.openai.com/'],
    ['https://status.openai.com/', 'https://status.openai.com/'],
    ['HTTPS://Status.OpenAI.com/', 'https://status.openai.com/'],
    ['https://status.openai.com/api/v2/summary.json', 'https://status.openai.com/'],
    ['https://status.openai.com/api/v2/incidents/unresolved.json', 'https://status.openai.com/'],
    ['https://www.githubstatus.com/api/v2/scheduled-maintenances/upcoming.json', 'https://www.githubstatus.com/'],
    ['https://status.openai.com/proxy/status.openai.com', 'https://status.openai.com/'],
    ['https://status.openai.com/incidents/01JRB888M6TJVDDKGCA1YZ3ZHT', 'https://status.openai.com/'],
    ['https://www.githubstatus.com/history.atom', 'https://www.githubstatus.com/'],
    ['https://status.perplexity.com/summary.json', 'https://status.perplexity.com/'],
    ['https://status.together.ai/index.json', 'https://status.together.ai/'],
    ['https://status.openai.com/?utm_source=x#incidents', 'https://status.openai.com/'],
    ['https://example.com/status/', 'https://example.com/status'],
    ['https://example.com/status/api/v2/summary.json?x=1', 'https://example.com/status'],
    ['https://status.example.com:8443/', 'https://status.example.com:8443/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://localhost:3000/api/v2/summary.json', 'http://localhost:3000/'],
    ['http://[::1]:9000/', 'http://[::1]:9000/'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['localhost:8080/pages/openai', 'http://localhost:8080/pages/openai'],
    // One form per page, whatever the spelling (the page key derives from it): trailing dot,
    // default port, case.
    ['https://status.openai.com./', 'https://status.openai.com/'],
    ['https://status.openai.com.', 'https://status.openai.com/'],
    ['status.openai.com..', 'https://status.openai.com/'],
    ['https://status.openai.com:443/', 'https://status.openai.com/'],
    ['HTTPS://Status.OpenAI.com.:443/api/v2/summary.json', 'https://status.openai.com/'],
    ['https://status.example.com.:8443/', 'https://status.example.com:8443/'],
    ['http://localhost.:8080/', 'http://localhost:8080/'],
    ['localhost.:8080', 'http://localhost:8080/'],
    ['http://127.0.0.1.:80/pages/a', 'http://127.0.0.1/pages/a'],
    // Only a whole loopback host means plain http, and host:port is not a scheme.
    ['localhost', 'http://localhost/'],
    ['localhost:9/a', 'http://localhost:9/a'],
    ['status.example.com:8/x', 'https://status.example.com:8/x'],
    ['localhost.example.com', 'https://localhost.example.com/'],
    ['status.localhost', 'https://status.localhost/'],
    ['status.example.com/a:b', 'https://status.example.com/a:b'],
  ])('%s → %s', (input, expected) => {
    const result = normalizeBaseUrl(input)
    expect(result.ok && result.value.href).toBe(expected)
  })

  it.each([
    ['', /Enter/],
    ['   ', /Enter/],
    ['http://status.openai.com', /https/],
    ['http://localhost.evil.example', /https/],
    ['http://10.0.0.1', /https/],
    ['ftp://status.openai.com', /https/],
    ['javascript:alert(1)', /https/],
    ['file:///etc/passwd', /https/],
    ['https://user:secret@status.openai.com', /user name or password/],
    ['https://user@status.openai.com', /user name or password/],
    ['https://:secret@status.openai.com', /user name or password/],
    ['https://status', /public host/],
    ['https://./', /public host/],
    ['https://com.', /public host/],
    ['http://localhost.evil.example./', /https/],
    ['https://exa mple.com', /valid/],
  ])('refuses %j', (input, message) => {
    const result = normalizeBaseUrl(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })
})

describe('joinUrl on a hostile page URL', () => {
  it('joins under a run of 100,000 slashes (a trim that is linear, not a backtracking regex)', () => {
    expect(joinUrl(`https://status.example.com/status${'/'.repeat(100_000)}`, '/api/v2/summary.json')).toBe('https://status.example.com/status/api/v2/summary.json')
    expect(joinUrl('https://status.example.com/', '//api/v2/summary.json')).toBe('https://status.example.com/api/v2/summary.json')
    expect(trimEnd('a///', '/')).toBe('a')
    expect(trimEnd('///', '/')).toBe('')
    expect(trimEnd('abc', '/')).toBe('abc')
  })
})
