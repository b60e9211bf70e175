import { describe, expect, it } from 'vitest'
import { PLATFORMS, type Platform } from '../../../src/model.ts'
import { isLoopbackHost } from '../../../src/loopback-host.ts'
import { safeLinkFor } from '../../../src/text/safe-link.ts'

const PAGE = 'https://status.openai.com'
const FALLBACK = 'https://status.openai.com/'
/** The most permissive platform (short links allowed): every rule below holds even there. */
const ANY: Platform = 'statuspage'

describe('safeLinkFor: links that are kept', () => {
  it.each([
    'https://status.openai.com/incidents/01JABC',
    'https://status.openai.com/incidents/01JABC?u=1#update',
    'https://STATUS.OpenAI.com/incidents/01JABC',
    'https://status.openai.com:443/incidents/01JABC',
  ])('%s', (url) => {
    expect(safeLinkFor(url, PAGE, ANY)).toBe(new URL(url).href)
  })

  it('resolves a relative link against the page', () => {
    expect(safeLinkFor('/incidents/abc', PAGE, ANY)).toBe('https://status.openai.com/incidents/abc')
  })

  it('trims surrounding whitespace', () => {
    expect(safeLinkFor('  https://status.openai.com/incidents/abc\n', PAGE, ANY)).toBe('https://status.openai.com/incidents/abc')
  })

  it('trims Unicode whitespace the URL parser would keep (a non-breaking space pasted after the link)', () => {
    expect(safeLinkFor('https://status.openai.com/incidents/abc\u00a0', PAGE, ANY)).toBe('https://status.openai.com/incidents/abc')
    expect(safeLinkFor('\u00a0https://evil.net/incidents/abc', PAGE, ANY)).toBe(FALLBACK)
  })

  it('returns the normalised form, so odd characters are escaped', () => {
    expect(safeLinkFor('https://status.openai.com/incidents/a b"<x>', PAGE, ANY)).toBe('https://status.openai.com/incidents/a%20b%22%3Cx%3E')
  })
})

describe('safeLinkFor: links that fall back to the page', () => {
  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with leading space and case', '  JavaScript:alert(1)'],
    ['javascript: with embedded tab', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['blob:', 'blob:https://status.openai.com/123'],
    ['ftp:', 'ftp://status.openai.com/x'],
    ['chrome-extension:', 'chrome-extension://abcdef/options.html'],
    ['http on a non-loopback page', 'http://status.openai.com/incidents/abc'],
    ['another host', 'https://evil.net/incidents/abc'],
    ['look-alike suffix host', 'https://status.openai.com.evil.net/incidents/abc'],
    ['look-alike hyphen host', 'https://status-openai.com/incidents/abc'],
    ['subdomain of the page host', 'https://x.status.openai.com/incidents/abc'],
    ['sibling under the registrable domain', 'https://openai.com/incidents/abc'],
    ['parent with trailing dot', 'https://status.openai.com./incidents/abc'],
    ['userinfo trick', 'https://status.openai.com@evil.net/incidents/abc'],
    ['userinfo with password', 'https://status.openai.com:pw@evil.net/'],
    ['userinfo on the right host', 'https://user@status.openai.com/incidents/abc'],
    ['a password without a user name on the right host', 'https://:secret@status.openai.com/incidents/abc'],
    ['backslash host trick', 'https:\\\\evil.net\\incidents'],
    ['protocol-relative to another host', '//evil.net/incidents/abc'],
    ['other port on the page host', 'https://status.openai.com:8443/incidents/abc'],
    ['punycode look-alike', 'https://status.οpenai.com/incidents/abc'],
    ['unparseable', 'https://'],
  ])('%s', (_name, url) => {
    expect(safeLinkFor(url, PAGE, ANY)).toBe(FALLBACK)
  })
})

describe("safeLinkFor: Statuspage's short links (stspg.io redirects to any Statuspage customer)", () => {
  it('are kept for a Statuspage page', () => {
    expect(safeLinkFor('https://stspg.io/0vf16sb2j8xn', 'https://www.githubstatus.com', 'statuspage')).toBe('https://stspg.io/0vf16sb2j8xn')
  })

  it.each([...PLATFORMS.filter((p) => p !== 'statuspage'), null])('fall back to the page on a %s page', (platform) => {
    expect(safeLinkFor('https://stspg.io/0vf16sb2j8xn', PAGE, platform)).toBe(FALLBACK)
  })

  it.each([
    ['http', 'http://stspg.io/abc'],
    ['a look-alike host', 'https://stspg.io.evil.net/abc'],
    ['userinfo', 'https://user@stspg.io/abc'],
  ])('fall back to the page with %s, even on a Statuspage page', (_name, url) => {
    expect(safeLinkFor(url, PAGE, 'statuspage')).toBe(FALLBACK)
  })
})

describe('safeLinkFor: loopback test pages', () => {
  const LOCAL = 'http://127.0.0.1:8123/'

  it('allows http on the same loopback host and port', () => {
    expect(safeLinkFor('http://127.0.0.1:8123/incidents/abc', LOCAL, ANY)).toBe('http://127.0.0.1:8123/incidents/abc')
    expect(safeLinkFor('http://localhost:9000/i/1', 'http://localhost:9000', ANY)).toBe('http://localhost:9000/i/1')
    expect(safeLinkFor('http://[::1]:9000/i/1', 'http://[::1]:9000/', ANY)).toBe('http://[::1]:9000/i/1')
  })

  it('still refuses http elsewhere or on another port', () => {
    expect(safeLinkFor('http://evil.net/incidents/abc', LOCAL, ANY)).toBe(LOCAL)
    expect(safeLinkFor('http://127.0.0.1:9999/incidents/abc', LOCAL, ANY)).toBe(LOCAL)
    expect(safeLinkFor('http://localhost:8123/incidents/abc', LOCAL, ANY)).toBe(LOCAL)
  })

  it('only http and https links, even on the loopback page', () => {
    expect(safeLinkFor('ftp://127.0.0.1:8123/incidents/abc', LOCAL, ANY)).toBe(LOCAL)
    expect(safeLinkFor('ws://127.0.0.1:8123/incidents/abc', LOCAL, ANY)).toBe(LOCAL)
  })

  it('a loopback page served over https gets no plain-http links', () => {
    expect(safeLinkFor('http://localhost:8443/i/1', 'https://localhost:8443', ANY)).toBe('https://localhost:8443/')
    expect(safeLinkFor('https://localhost:8443/i/1', 'https://localhost:8443', ANY)).toBe('https://localhost:8443/i/1')
  })

  it('http is not allowed just because the link is loopback', () => {
    expect(safeLinkFor('http://127.0.0.1/x', PAGE, ANY)).toBe(FALLBACK)
  })

  it('an http page that is not loopback gets no http links', () => {
    expect(safeLinkFor('http://status.example.com/incidents/1', 'http://status.example.com/', ANY)).toBe('http://status.example.com/')
    expect(safeLinkFor('https://status.example.com/incidents/1', 'http://status.example.com/', ANY)).toBe('https://status.example.com/incidents/1')
  })

  it('isLoopbackHost', () => {
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.10.0.3')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('127.0.0.1.evil.net')).toBe(false)
    expect(isLoopbackHost('localhost.evil.net')).toBe(false)
    expect(isLoopbackHost('10.0.0.1')).toBe(false)
    expect(isLoopbackHost('127.0.10.1')).toBe(true)
    expect(isLoopbackHost('127.0.0.10')).toBe(true)
    expect(isLoopbackHost('x127.0.0.1')).toBe(false)
  })

  it('numeric loopback spellings are canonicalised by the URL parser first', () => {
    expect(safeLinkFor('http://0x7f.0.0.1:8123/x', LOCAL, ANY)).toBe('http://127.0.0.1:8123/x')
  })
})

describe('safeLinkFor: the page URL itself', () => {
  it('is normalised', () => {
    expect(safeLinkFor(null, 'https://Status.OpenAI.com', ANY)).toBe('https://status.openai.com/')
  })

  it('yields nothing to open when it is not an http(s) URL', () => {
    expect(safeLinkFor(null, 'javascript:alert(1)', ANY)).toBe('')
    expect(safeLinkFor('https://status.openai.com/x', 'not a url', ANY)).toBe('')
    expect(safeLinkFor(null, 'data:text/html,hi', ANY)).toBe('')
  })
})
