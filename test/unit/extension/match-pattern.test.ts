import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { originsCover, patternCovers } from '../../../extension/permissions/match-pattern.ts'

const covers = (pattern: string, url: string): boolean => patternCovers(pattern, new URL(url))

describe('match patterns covering a page (the permissions.getAll short-cut)', () => {
  it('exact hosts, any port, only the same host', () => {
    expect(covers('https://status.openai.com/*', 'https://status.openai.com/')).toBe(true)
    expect(covers('https://status.openai.com/*', 'https://status.openai.com:8443/')).toBe(true)
    expect(covers('http://127.0.0.1/*', 'http://127.0.0.1:41234/')).toBe(true)
    expect(covers('https://status.openai.com/*', 'https://openai.com/')).toBe(false)
    expect(covers('https://status.openai.com/*', 'https://status.openai.com.evil.test/')).toBe(false)
    expect(covers('https://openai.com/*', 'https://status.openai.com/')).toBe(false)
  })

  it('subdomain wildcards cover the domain and its subdomains, not look-alikes', () => {
    expect(covers('https://*.bench.test/*', 'https://s0001.bench.test/')).toBe(true)
    expect(covers('https://*.bench.test/*', 'https://bench.test/')).toBe(true)
    expect(covers('https://*.bench.test/*', 'https://a.b.bench.test/')).toBe(true)
    expect(covers('https://*.bench.test/*', 'https://evilbench.test/')).toBe(false)
  })

  it('schemes: * is http and https only; <all_urls> and *://*/* cover every web page', () => {
    expect(covers('*://*/*', 'https://x.test/')).toBe(true)
    expect(covers('*://*/*', 'http://x.test/')).toBe(true)
    expect(covers('<all_urls>', 'https://x.test/')).toBe(true)
    expect(covers('https://*/*', 'http://x.test/')).toBe(false)
    expect(covers('http://x.test/*', 'https://x.test/')).toBe(false)
    expect(covers('*://*/*', 'ftp://x.test/')).toBe(false)
  })

  it('says "don\'t know" (false) for shapes it does not vouch for: ports, paths, garbage', () => {
    expect(covers('https://x.test:443/*', 'https://x.test/')).toBe(false)
    expect(covers('https://x.test/api/*', 'https://x.test/')).toBe(false)
    expect(covers('https://x.test', 'https://x.test/')).toBe(false)
    expect(covers('', 'https://x.test/')).toBe(false)
    expect(covers('https://*x.test/*', 'https://ax.test/')).toBe(false)
  })

  it('is case-insensitive on the pattern host (URL hosts are lowercase)', () => {
    expect(covers('https://Status.OpenAI.com/*', 'https://STATUS.openai.com/')).toBe(true)
  })

  it('never covers a host that no granted pattern names (random hosts)', () => {
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/) // a letter first: "a.0" would parse as an IPv4 address
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.array(label, { minLength: 1, maxLength: 4 }), (a, b) => {
        const granted = `https://${a.join('.')}/*`
        const url = new URL(`https://${b.join('.')}/`)
        expect(originsCover([granted], url)).toBe(url.hostname === a.join('.'))
        expect(originsCover([`https://*.${a.join('.')}/*`], url)).toBe(url.hostname === a.join('.') || url.hostname.endsWith(`.${a.join('.')}`))
      }),
    )
  })
})
