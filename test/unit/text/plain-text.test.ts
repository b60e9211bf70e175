import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlToText, plainText, proseMirrorToText, singleLine } from '../../../src/text/plain-text.ts'

/** What hostile markup is made of, so random strings hit the interesting paths. */
const MARKUP_PIECES = ['<', '>', '</', '<p>', '<br>', '<li>', '<script>', '</script>', '<!--', '-->', '<a href="', '"', "'", '=', '&', '&#', 'x', ';', 'amp', '#x', '9', ' ', '\n', '\t', '\u0000', '\u202E', '\uE000', '\uE001', '\uE002', 'text']

describe('htmlToText', () => {
  it('turns paragraphs, line breaks and list items into lines', () => {
    expect(htmlToText('<p>First paragraph.</p><p>Second<br>line two<br/>line three</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'First paragraph.\n\nSecond\nline two\nline three\n\n- one\n- two',
    )
  })

  it('collapses source whitespace the way a browser does', () => {
    expect(htmlToText('  <p>\n   We are\n\n   investigating  </p>\n\n\n <p>More</p>  ')).toBe('We are investigating\n\nMore')
  })

  it('keeps link text and drops the markup (GitHub feed style with spaces)', () => {
    expect(htmlToText('<p> <small>Jul <var data-var=\'date\'> 9</var>, 06:01 UTC</small><br> <strong>Resolved</strong> - This incident has been resolved. See <a href="https://x.test/?a=1&amp;b=2" title="a > b">details</a>.</p>')).toBe(
      'Jul 9, 06:01 UTC\nResolved - This incident has been resolved. See details.',
    )
  })

  it('decodes named, decimal and hex entities, after removing tags', () => {
    expect(htmlToText('Tom &amp; Jerry &mdash; &#8220;quoted&#x201D; &lt;b&gt;not bold&lt;/b&gt; &nbsp;x &unknown; &apos;s')).toBe(
      'Tom & Jerry — “quoted” <b>not bold</b> x &unknown; \'s',
    )
  })

  it('replaces invalid numeric entities', () => {
    expect(htmlToText('a&#0;b&#xD800;c&#x110000;d')).toBe('a\uFFFDb\uFFFDc\uFFFDd')
  })

  it('drops scripts, styles, comments and their contents', () => {
    expect(htmlToText('<script>alert("x")</script><style>p{color:red}</style><!-- note -->Visible<script src=x>')).toBe('Visible')
  })

  it('removes control characters and bidi overrides, also when they come from entities', () => {
    expect(htmlToText('safe\u202Etxt.exe &#8238;x\u0007y')).toBe('safetxt.exe xy')
  })

  it('keeps an unterminated tag as text', () => {
    expect(htmlToText('<p>Done</p><a href="x')).toBe('Done\n\n<a href="x')
  })

  it('takes linear time on hostile markup (these were quadratic with a regex tokenizer)', () => {
    const started = performance.now()
    htmlToText('<a '.repeat(40_000))
    htmlToText(`<a x="${'<b y="'.repeat(20_000)}`)
    plainText(`<script>${'</script'.repeat(20_000)}`)
    plainText(`a${' '.repeat(100_000)}b`)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('leaves a lone angle bracket as text', () => {
    expect(htmlToText('latency < 100 ms and 5 > 3')).toBe('latency < 100 ms and 5 > 3')
  })

  it('never throws, and no output carries no control characters and no outer whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...MARKUP_PIECES), maxLength: 60 }), (input) => {
        for (const output of [htmlToText(input), plainText(input), singleLine(input)]) {
          // eslint-disable-next-line no-control-regex
          expect(output).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u202A-\u202E\uE000-\uE002]/)
          expect(output).toBe(output.trim())
        }
      }),
    )
  })
})

describe('plainText', () => {
  it("keeps the text's own paragraphs and lines", () => {
    expect(plainText('Dear user,\r\n\r\nWe are writing.\n- one\n- two\n\n\n\nThanks   a lot  ')).toBe(
      'Dear user,\n\nWe are writing.\n- one\n- two\n\nThanks a lot',
    )
  })

  it('removes known HTML tags but keeps brackets that are not HTML', () => {
    expect(plainText('Errors on <Tenant> dashboards, see <a href="https://x.test">docs</a>.<br>Next <b>line</b>')).toBe(
      'Errors on <Tenant> dashboards, see docs.\nNext line',
    )
  })

  it('drops script contents even in plain text', () => {
    expect(plainText('Hello<script>steal()</script> world')).toBe('Hello world')
  })
})

describe('singleLine', () => {
  it('puts names on one line', () => {
    expect(singleLine('  API\n\n  (<i>v2</i>)\t&amp; more ')).toBe('API (v2) & more')
  })
})

const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content })
const text = (value: string, marks?: unknown) => ({ type: 'text', text: value, ...(marks === undefined ? {} : { marks }) })
const listItem = (...content: unknown[]) => ({ type: 'list_item', content })

describe('proseMirrorToText', () => {
  it('reads the incident.io sample shape', () => {
    expect(proseMirrorToText({ type: 'doc', content: [paragraph(text('New users may experience delays.'))] })).toBe(
      'New users may experience delays.',
    )
  })

  it('joins paragraphs with a blank line, keeps hard breaks, ignores marks', () => {
    const doc = {
      type: 'doc',
      content: [
        paragraph(text('We identified '), text('the cause', [{ type: 'bold' }]), text('.')),
        paragraph(text('Line one'), { type: 'hard_break' }, text('Line two')),
        { type: 'heading', attrs: { level: 2 }, content: [text('Next steps')] },
      ],
    }
    expect(proseMirrorToText(doc)).toBe('We identified the cause.\n\nLine one\nLine two\n\nNext steps')
  })

  it('renders bullet and ordered lists, nested ones indented', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'bullet_list',
          content: [
            listItem(paragraph(text('API'))),
            listItem(paragraph(text('Web')), { type: 'ordered_list', attrs: { order: 3 }, content: [listItem(paragraph(text('Login'))), listItem(paragraph(text('Search')))] }),
          ],
        },
      ],
    }
    expect(proseMirrorToText(doc)).toBe('- API\n- Web\n  3. Login\n  4. Search')
  })

  it('keeps the text of unknown nodes, inline or block', () => {
    const doc = {
      type: 'doc',
      content: [
        paragraph(text('Ask '), { type: 'mention', content: [text('@support')] }, text(' now')),
        { type: 'callout', content: [paragraph(text('Boxed'))] },
        { type: 'horizontal_rule' },
      ],
    }
    expect(proseMirrorToText(doc)).toBe('Ask @support now\n\nBoxed')
  })

  it('reads garbage as empty text', () => {
    for (const garbage of [null, undefined, 'text', 42, [], { type: 'doc', content: 'x' }, { type: 'doc', content: [null, 1, 'a'] }, { type: 'text', text: 5 }]) {
      expect(proseMirrorToText(garbage)).toBe('')
    }
  })

  it('treats text nodes as plain text: markup in them stays as written, controls go', () => {
    expect(proseMirrorToText({ type: 'doc', content: [paragraph(text('<b>not bold</b>\u202E'))] })).toBe('<b>not bold</b>')
  })

  it('stops at absurd nesting instead of overflowing the stack', () => {
    let node: unknown = text('deep')
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] }
    expect(proseMirrorToText({ type: 'doc', content: [node] })).toBe('')
  })
})
