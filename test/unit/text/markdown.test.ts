import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markdownText, stripMarkdown } from '../../../src/text/markdown.ts'

/** OpenAI's update of 2026-09-29 as its incident.io-compatible body carries it (quoted in issue #13). */
const OPENAI_SUPPORT =
  'Our Help Center is available, but support chat remains unavailable. If you need assistance, you can browse the Help Center or email [support@openai.com](mailto:support@openai.com "support@openai.com").'

describe('markdownText', () => {
  it('reads a real OpenAI body: the mailto link becomes its address, once', () => {
    expect(markdownText(OPENAI_SUPPORT)).toBe(
      'Our Help Center is available, but support chat remains unavailable. If you need assistance, you can browse the Help Center or email support@openai.com.',
    )
  })

  it.each([
    ['[Status page](https://status.openai.com/incidents/x)', 'Status page (https://status.openai.com/incidents/x)'],
    ['[https://status.openai.com](https://status.openai.com)', 'https://status.openai.com'],
    ['[](https://a.example/x)', 'https://a.example/x'],
    ['see [docs](<https://a.example/a b> "Title")', 'see docs (https://a.example/a b)'],
    ['[**API** docs](https://a.example)', 'API docs (https://a.example)'],
    ['![diagram](https://a.example/d.png) shown', 'diagram shown'],
    ['<https://a.example/x> or <support@openai.com>', 'https://a.example/x or support@openai.com'],
    ['**bold** and __bold__', 'bold and bold'],
    ['*em* and _em_ and ***both***', 'em and em and both'],
    ['~~struck~~ text', 'struck text'],
    ['run `npm ci` then `a*b*c`', 'run npm ci then a*b*c'],
    ['``code with ` tick``', 'code with ` tick'],
    ['# Heading\n## Second ##\nbody', 'Heading\nSecond\nbody'],
    ['- one\n* two\n+ three\n1. four\n2) five', '- one\n- two\n- three\n1. four\n2) five'],
    ['> quoted\n> > nested', 'quoted\nnested'],
    ['a\n\n---\n\nb', 'a\n\nb'],
    ['\\*literal\\* \\[x\\](y) \\_u\\_', '*literal* [x](y) _u_'],
    ['```\n**kept** as written\n```\nafter', '**kept** as written\nafter'],
    ['**unclosed bold and *unclosed em', '**unclosed bold and *unclosed em'],
    ['C:\\Users\\x stays', 'C:\\Users\\x stays'],
  ])('%j → %j', (input, expected) => {
    expect(markdownText(input)).toBe(expected)
  })

  it.each([
    'file_name_v2 and __init__.py',
    '5 * 3 = 15 and 5*3*2 = 30',
    'https://example.com/_private_/a_b_c and www.example.com/x_y_',
    'errors on 3 of 4 nodes (eu-west-1) [retrying]',
    'a->b, x > y, #42 fixed',
    'snake_case_name_ and *_weird',
  ])('leaves plain text alone: %j', (input) => {
    expect(stripMarkdown(input)).toBe(input)
  })

  it('keeps the tags-and-entities step of plain text', () => {
    expect(markdownText('<b>Fixed</b> &amp; **verified**')).toBe('Fixed & verified')
  })

  it.each(['[', '*', '_', '`', '](', '[](', '<a@', '>', '\\', '~', '[[a](b)', '# '])('finishes on 1 MB of %j', (piece) => {
    const hostile = piece.repeat(Math.ceil(1_000_000 / piece.length))
    expect(markdownText(hostile).length).toBeLessThanOrEqual(hostile.length)
    expect(markdownText(`# ${' '.repeat(1_000_000)}x`)).toBe('x')
  })

  const WORD = fc.stringMatching(/^[A-Za-z0-9.,;:'"?@%=/]{1,12}$/)
  const PLAIN_LINE = fc.array(WORD, { maxLength: 8 }).map((words) => words.join(' '))

  it('returns text without Markdown markers unchanged', () => {
    fc.assert(
      fc.property(fc.array(PLAIN_LINE, { maxLength: 5 }), (lines) => {
        const text = lines.join('\n')
        expect(stripMarkdown(text)).toBe(text)
      }),
    )
  })

  it('returns identifiers and arithmetic with * and _ unchanged', () => {
    const identifier = fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('_'))
    const arithmetic = fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a} * ${b}`)
    fc.assert(
      fc.property(fc.array(fc.oneof(identifier, arithmetic, WORD), { maxLength: 8 }), (words) => {
        const text = words.join(' ')
        expect(stripMarkdown(text)).toBe(text)
      }),
    )
  })

  it('never leaves "](" from well-formed links, and keeps their text and address', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9 .,@-]{1,20}$/)
    const address = fc.stringMatching(/^[a-z0-9/._-]{1,20}$/).map((path) => `https://status.example.com/${path}`)
    fc.assert(
      fc.property(fc.array(fc.tuple(PLAIN_LINE, label, address), { minLength: 1, maxLength: 4 }), (parts) => {
        const text = parts.map(([before, text, url]) => `${before} [${text}](${url})`).join(' ')
        const output = stripMarkdown(text)
        expect(output).not.toContain('](')
        for (const [, text, url] of parts) {
          expect(output).toContain(text)
          expect(output).toContain(url)
        }
      }),
    )
  })
})
