import { decodeHTML } from 'entities'
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

  it('drops the contents of every raw-text element, even when they hold a `>`', () => {
    for (const tag of ['script', 'style', 'template', 'noscript', 'head', 'iframe', 'object', 'svg', 'title']) {
      const html = `<p>Before</p><${tag} class="x">if (a > b) hidden</${tag}><p>After</p>`
      expect(htmlToText(html), tag).toBe('Before\n\nAfter')
      expect(plainText(html), tag).toBe('Before\n\nAfter')
    }
    expect(htmlToText('<style>p > a { color: red }</style>Visible')).toBe('Visible')
  })

  it('starts a paragraph at every block element', () => {
    for (const tag of ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'pre', 'dl']) {
      const html = `Intro<${tag}>Body</${tag}>End`
      expect(htmlToText(html), tag).toBe('Intro\n\nBody\n\nEnd')
      expect(plainText(html), tag).toBe('Intro\n\nBody\n\nEnd')
    }
    expect(htmlToText('Above<hr>Below')).toBe('Above\n\nBelow')
    expect(plainText('Above<hr/>Below')).toBe('Above\n\nBelow')
  })

  it('starts a line at every line-level element', () => {
    for (const tag of ['div', 'tr', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'figure', 'figcaption', 'address', 'details', 'summary', 'caption', 'tbody', 'thead', 'tfoot']) {
      const html = `Intro<${tag}>Body</${tag}>End`
      expect(htmlToText(html), tag).toBe('Intro\nBody\nEnd')
      expect(plainText(html), tag).toBe('Intro\nBody\nEnd')
    }
    expect(plainText('Affected:<li>API</li><li>Web</li>')).toBe('Affected:\n- API\n- Web')
  })

  it('counts nested block ends as one line break', () => {
    expect(htmlToText('<div><div>API</div></div><div>Web</div>')).toBe('API\nWeb')
  })

  it('reads a table row by row, cells apart', () => {
    const table = '<table><thead><tr><th>Service</th><th>Status</th></tr></thead><tbody><tr><td>API</td><td>Operational</td></tr></tbody></table>'
    expect(htmlToText(table)).toBe('Service Status\nAPI Operational')
    expect(plainText(table)).toBe('Service Status\nAPI Operational')
  })

  it('reads a markup-only body as empty text', () => {
    expect(htmlToText('<p><br></p>')).toBe('')
    expect(plainText('<p></p><br>')).toBe('')
  })

  it('drops doctypes, XML declarations and comments, also comments that hold markup', () => {
    expect(htmlToText('<!DOCTYPE html><html><body><p>Resolved</p></body></html>')).toBe('Resolved')
    expect(htmlToText('<?xml version="1.0" encoding="UTF-8"?><p>Resolved</p>')).toBe('Resolved')
    expect(htmlToText('<!-- <p>old text</p> -->Visible')).toBe('Visible')
    expect(htmlToText('<!-- one --><!-- two -->Visible<!---->')).toBe('Visible')
  })

  it('keeps an unterminated comment as text', () => {
    expect(htmlToText('Use <!-- to open a <b>comment</b>')).toBe('Use <!-- to open a comment')
    expect(htmlToText('Note: <!-- a --> <!-- latency > 2 s')).toBe('Note: <!-- latency > 2 s')
  })

  it('ends a tag only outside quoted attribute values, single or double, spaced or not; an apostrophe in an unquoted value is no quote', () => {
    expect(htmlToText("See <a title='a > b' href=\"x\">details</a>.")).toBe('See details.')
    expect(htmlToText('See <a title = "a > b">details</a>.')).toBe('See details.')
    expect(htmlToText("Photo <img alt=Tom's> here")).toBe('Photo here')
  })

  it('keeps a tag whose quoted value never closes as text', () => {
    expect(htmlToText('See <a href="https://x.test>status</a> page')).toBe('See <a href="https://x.test>status</a> page')
    expect(htmlToText('<a title="1>0"')).toBe('<a title="1>0"')
    expect(htmlToText('Done <a title="1>0"')).toBe('Done <a title="1>0"')
  })

  it('keeps a stray `<!` or `<?` after the last `>` as text', () => {
    expect(plainText('p95 > 2 s <!')).toBe('p95 > 2 s <!')
    expect(htmlToText('p95 > 2 s <?')).toBe('p95 > 2 s <?')
  })

  it('drops private-use characters it reserves for line breaks (icon-font glyphs)', () => {
    expect(htmlToText('<span class="material-icons">\uE000</span> Major outage')).toBe('Major outage')
    expect(plainText('\uE001Major\uE002 outage\uE000')).toBe('Major outage')
  })

  it('drops those characters when a page writes them as entities too: no injected line breaks', () => {
    expect(htmlToText('<p>Major&#xE001; outage&#57344;&#xe002;</p>')).toBe('Major outage')
    expect(plainText('API&#xE001;errors')).toBe('APIerrors')
    expect(htmlToText('&#xE003;')).toBe('\uE003')
  })

  it('decodes numeric entities across the whole code point range', () => {
    expect(htmlToText('&#X2014; &#x1F525; &#128293; &#xD7FF; &#x10FFFF;')).toBe('— 🔥 🔥 \uD7FF \u{10FFFF}')
    expect(htmlToText('&#xD800;&#xDBFF;&#xDC00;&#xDFFF;&#x110000;')).toBe('\uFFFD'.repeat(5))
  })

  it('decodes every named entity it supports as the HTML standard does (invisible format characters dropped)', () => {
    const invisible = ['shy', 'zwj', 'zwnj']
    const names = [
      'amp', 'lt', 'gt', 'quot', 'apos', 'nbsp', 'ensp', 'emsp', 'thinsp', 'ndash', 'mdash', 'hellip', 'lsquo', 'rsquo',
      'sbquo', 'ldquo', 'rdquo', 'bdquo', 'laquo', 'raquo', 'lsaquo', 'rsaquo', 'bull', 'middot', 'copy', 'reg', 'trade',
      'deg', 'times', 'divide', 'plusmn', 'euro', 'pound', 'cent', 'yen', 'sect', 'para', 'larr', 'rarr', 'uarr', 'darr',
      'harr', 'check',
    ]
    for (const name of names) {
      // The oracle is the `entities` package; space-like entities (&nbsp;, &thinsp;) read as plain spaces.
      const expected = `a${decodeHTML(`&${name};`)}b`.replace(/\s/g, ' ')
      expect(htmlToText(`a&${name};b`), name).toBe(expected)
      expect(plainText(`a&${name};b`), name).toBe(expected)
    }
    for (const name of invisible) {
      expect(decodeHTML(`&${name};`)).not.toBe('')
      expect(htmlToText(`a&${name};b`), name).toBe('ab')
    }
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

  it('reads an old Mac line ending as a line break', () => {
    expect(plainText('Line one\rLine two')).toBe('Line one\nLine two')
  })

  it('keeps a blank line the text has between line-level elements', () => {
    expect(plainText('<div>First</div>\n\n<div>Second</div>')).toBe('First\n\nSecond')
    expect(plainText('<div>First</div>\r\n\r\n<div>Second</div>')).toBe('First\n\nSecond')
    expect(plainText('<div>First</div>\n \t\n<div>Second</div>')).toBe('First\n\nSecond')
    expect(plainText('<div>First</div>\n<div>Second</div>')).toBe('First\nSecond')
  })

  it('removes every inline HTML tag it knows, keeping the words', () => {
    const inline = [
      'a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small',
      'span', 'strike', 'strong', 'sub', 'sup', 'td', 'th', 'time', 'tt', 'u', 'var', 'html', 'body', 'center', 'label',
      'button', 'form', 'colgroup',
    ]
    for (const tag of inline) expect(plainText(`Errors on <${tag} class="x">API</${tag}> calls`), tag).toBe('Errors on API calls')
    for (const tag of ['img', 'wbr', 'input', 'meta', 'link', 'col']) expect(plainText(`Errors on <${tag} id="x"> API calls`), tag).toBe('Errors on API calls')
  })

  it('keeps text that merely looks like a tag', () => {
    expect(plainText('Set <region> and <Tenant-ID> in <config.yaml>, then <retry>')).toBe('Set <region> and <Tenant-ID> in <config.yaml>, then <retry>')
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

  it('reads the camelCase node names TipTap writes', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', content: [text('Next '), text('steps', [{ type: 'bold' }])] },
        { type: 'codeBlock', content: [text('curl '), text('-I')] },
        { type: 'code_block', content: [text('ping '), text('api')] },
        { type: 'paragraph', content: [text('Line one'), { type: 'hardBreak' }, text('Line two')] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [paragraph(text('API'))] },
            { type: 'listItem', content: [paragraph(text('Web')), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Login'))] }] }] },
          ],
        },
        { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph(text('Login'))] }] },
      ],
    }
    expect(proseMirrorToText(doc)).toBe('Next steps\n\ncurl -I\n\nping api\n\nLine one\nLine two\n\n- API\n- Web\n  - Login\n\n1. Login')
  })

  it('numbers ordered lists from 1 unless they give a whole start number of 0 or more', () => {
    const list = (attrs?: unknown) => ({ type: 'ordered_list', ...(attrs === undefined ? {} : { attrs }), content: [listItem(paragraph(text('a'))), listItem(paragraph(text('b')))] })
    expect(proseMirrorToText(list())).toBe('1. a\n2. b')
    expect(proseMirrorToText(list(null))).toBe('1. a\n2. b')
    expect(proseMirrorToText(list({}))).toBe('1. a\n2. b')
    expect(proseMirrorToText(list({ order: 0 }))).toBe('0. a\n1. b')
    for (const order of [-1, 2.5, '3', Number.NaN]) expect(proseMirrorToText(list({ order })), String(order)).toBe('1. a\n2. b')
  })

  it('shows nothing for lists without content', () => {
    expect(proseMirrorToText({ type: 'doc', content: [paragraph(text('Affected:')), { type: 'bullet_list' }, { type: 'ordered_list' }, listItem()] })).toBe('Affected:')
  })

  it('leaves no blank line for empty paragraphs in a list item', () => {
    const doc = { type: 'bullet_list', content: [listItem(paragraph(), paragraph(text('API')), paragraph())] }
    expect(proseMirrorToText(doc)).toBe('- API')
  })

  it('joins the text of inline unknown nodes as written, and keeps their own text', () => {
    const doc = paragraph(text('Ask '), { type: 'mention', content: [text('@sup'), text('port')] }, text(' or '), { type: 'emoji', text: '✅' })
    expect(proseMirrorToText({ type: 'doc', content: [doc] })).toBe('Ask @support or ✅')
  })

  it('keeps paragraphs of unknown blocks apart inside lists', () => {
    const quote = { type: 'blockquote', content: [paragraph(), paragraph(text(' ')), paragraph(text('Quoted')), paragraph(text('More'))] }
    expect(proseMirrorToText({ type: 'bullet_list', content: [listItem(quote)] })).toBe('- Quoted\n\n  More')
    expect(proseMirrorToText({ type: 'bullet_list', content: [{ type: 'task_item', content: [paragraph(text('a')), paragraph(text('b'))] }] })).toBe('- a\n\n  b')
    expect(proseMirrorToText({ type: 'ordered_list', content: [{ type: 'task_item', content: [paragraph(text('a')), paragraph(text('b'))] }] })).toBe('1. a\n\n   b')
  })

  it('collapses runs of spaces and blank lines in text nodes, and trims the result', () => {
    const doc = { type: 'doc', content: [paragraph(text('  We  are   investigating.')), paragraph(text('Line'), { type: 'hard_break' }, { type: 'hard_break' }, { type: 'hard_break' }, text('After'), { type: 'hard_break' })] }
    expect(proseMirrorToText(doc)).toBe('We are investigating.\n\nLine\n\nAfter')
  })

  it('keeps text nested up to 40 levels deep', () => {
    let node: unknown = paragraph(text('deep'))
    // doc (0) → 38 blockquotes (1–38) → paragraph (39) → text (40)
    for (let i = 0; i < 38; i++) node = { type: 'blockquote', content: [node] }
    expect(proseMirrorToText({ type: 'doc', content: [node] })).toBe('deep')
  })

  it('reads garbage as empty text', () => {
    for (const garbage of [null, undefined, 'text', 42, [], { type: 'doc', content: 'x' }, { type: 'doc', content: [null, 1, 'a'] }, { type: 'text', text: 5 }, { type: 'text', text: 5, content: [text('x')] }]) {
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
