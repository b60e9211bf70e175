import { isRecord, type JsonObject } from '../untrusted.ts'

/**
 * Status-page HTML, ProseMirror documents (incident.io) and tag-strewn text to plain text, by
 * string processing: a service worker has no DOMParser, and page markup is never parsed by a browser.
 */

/**
 * Private-use characters stand for the breaks tags ask for while source whitespace is collapsed.
 * Block tags give soft breaks, and a run of soft breaks is one break (`</li><li>` is one line
 * break, `</p>\n<p>` one blank line); `<br>` is a hard break that always counts.
 */
const LINE_BREAK = '\uE000'
const PARAGRAPH_BREAK = '\uE001'
const HARD_BREAK = '\uE002'
const MARKERS = /[\uE000-\uE002]/g
const HAS_MARKER = /[\uE000-\uE002]/
const SOFT_BREAK_RUN = /[\uE000\uE001][\uE000\uE001\s]*/g

const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'head', 'iframe', 'object', 'svg', 'title'])
const TAG_START = /<(\/?)([a-z][a-z0-9-]*)/iy

const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'pre', 'hr', 'dl'])
const LINE_TAGS = new Set(['div', 'tr', 'li', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'figure', 'figcaption', 'address', 'details', 'summary', 'caption', 'tbody', 'thead', 'tfoot'])
/** In plain text only real tag names are markup: "errors on <Tenant> dashboards" keeps its brackets. */
const KNOWN_TAGS = new Set([
  ...PARAGRAPH_TAGS,
  ...LINE_TAGS,
  'a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'td', 'th', 'time', 'tt', 'u', 'var', 'wbr', 'html', 'body',
  'center', 'label', 'button', 'input', 'form', 'meta', 'link', 'col', 'colgroup', 'br',
  ...RAW_TEXT_ELEMENTS,
])

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™',
  deg: '°', times: '×', divide: '÷', plusmn: '±', euro: '€', pound: '£', cent: '¢', yen: '¥', sect: '§',
  para: '¶', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', check: '✓', shy: '', zwj: '', zwnj: '',
}

/** Bidi marks let a hostile name display reversed in a notification. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      if (!valid) return '\uFFFD'
      // The break markers are ours: a page's `&#xE001;` (an icon font's glyph) must not become
      // a paragraph break, so it is dropped as the same character sent raw is.
      const character = String.fromCodePoint(code)
      return HAS_MARKER.test(character) ? '' : character
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity
  })
}

/** A lone space is not matched: that would cost a replacement per word. */
const WHITESPACE_TO_COLLAPSE = /[^\S\n]{2,}|[^\S\n ]/g
const ANY_WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g

function tidy(text: string, keepIndentation = false): string {
  const normalized = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).replace(UNSAFE_CHARACTERS, '')
  if (keepIndentation) {
    // Line by line rather than one regex around each newline: long space runs stay linear.
    const lines = normalized.split('\n').map((line) => line.replace(/(\S)[^\S\n]+/g, '$1 ').trimEnd())
    return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()
  }
  // Once runs are one space, the spaces around a newline are at most one each side: a bounded
  // pattern, linear however long the runs were, and no split (feeds have thousands of texts).
  const collapsed = normalized.replace(WHITESPACE_TO_COLLAPSE, ' ')
  if (!collapsed.includes('\n')) return collapsed.trim()
  return collapsed.replace(/ \n ?|\n /g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

/**
 * Quoted attribute values may hold `>`. The caller gives up at the first unterminated tag, so
 * hostile input (`<a <a <a …`) costs linear time, not quadratic.
 */
function tagEnd(input: string, from: number): number {
  for (let index = from; index < input.length; index++) {
    const character = input[index]
    if (character === '>') return index
    if (character !== '=') continue
    let value = index + 1
    while (value < input.length && /\s/.test(input[value] ?? '')) value++
    const quote = input[value]
    if (quote !== '"' && quote !== "'") continue
    const close = input.indexOf(quote, value + 1)
    if (close < 0) return -1
    index = close
  }
  return -1
}

function breakFor(name: string, closing: boolean): string {
  if (name === 'br') return HARD_BREAK
  if (PARAGRAPH_TAGS.has(name)) return PARAGRAPH_BREAK
  if (name === 'li' && !closing) return `${LINE_BREAK}- `
  if (LINE_TAGS.has(name)) return LINE_BREAK
  // Inline elements separate words only where the source has whitespace; table cells need a gap.
  return name === 'td' || name === 'th' ? ' ' : ''
}

function rawTextEnd(input: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}\\b`, 'ig')
  closing.lastIndex = from
  const match = closing.exec(input)
  const end = match === null ? -1 : input.indexOf('>', match.index)
  return end < 0 ? input.length : end + 1
}

function stripMarkup(source: string, isMarkup: (tagName: string) => boolean): string {
  const input = source.replace(MARKERS, '')
  // Past the last `>` (or `-->`) nothing can close: a cheap bound that keeps a text full of
  // `<!--` or `<a "` from being searched to its end once per bracket.
  const lastClose = input.lastIndexOf('>')
  const lastCommentClose = input.lastIndexOf('-->')
  const output: string[] = []
  let index = 0
  while (index < input.length) {
    const open = input.indexOf('<', index)
    if (open < 0 || open > lastClose) break
    output.push(input.slice(index, open))
    const comment = input.startsWith('<!--', open)
    if (comment && open + 4 <= lastCommentClose) {
      index = input.indexOf('-->', open + 4) + 3
      continue
    }
    const declaration = input[open + 1] === '!' || input[open + 1] === '?'
    if (declaration && !comment) {
      index = input.indexOf('>', open) + 1
      continue
    }
    TAG_START.lastIndex = open
    const start = TAG_START.exec(input)
    const name = start?.[2]?.toLowerCase()
    if (start === null || name === undefined || !isMarkup(name)) {
      output.push('<')
      index = open + 1
      continue
    }
    const end = tagEnd(input, open + start[0].length)
    if (end < 0) {
      index = open
      break
    }
    const closing = start[1] === '/'
    if (!closing && RAW_TEXT_ELEMENTS.has(name)) {
      index = rawTextEnd(input, name, end + 1)
      continue
    }
    output.push(breakFor(name, closing))
    index = end + 1
  }
  output.push(input.slice(index))
  return output.join('')
}

function restoreBreaks(text: string): string {
  if (!HAS_MARKER.test(text)) return text
  return text
    .replace(SOFT_BREAK_RUN, (run) => (run.includes(PARAGRAPH_BREAK) || /\n[^\S\n]*\n/.test(run) ? '\n\n' : '\n'))
    .replaceAll(HARD_BREAK, '\n')
}

export function htmlToText(html: string): string {
  const withoutTags = stripMarkup(html, () => true)
  return tidy(restoreBreaks(decodeEntities(withoutTags.replace(ANY_WHITESPACE_TO_COLLAPSE, ' '))))
}

/** Text meant to be plain that may carry a few tags or entities (Statuspage update bodies); its own breaks are kept. */
export function plainText(text: string): string {
  const withoutTags = stripMarkup(text, (name) => KNOWN_TAGS.has(name))
  return tidy(restoreBreaks(decodeEntities(withoutTags)))
}

export function singleLine(text: string): string {
  return plainText(text).replace(ANY_WHITESPACE_TO_COLLAPSE, ' ')
}

/** Hostile documents can nest without end; deeper content is dropped rather than overflowing the stack. */
const MAX_DEPTH = 40

function children(node: JsonObject): readonly unknown[] {
  return Array.isArray(node.content) ? node.content : []
}

function listStart(node: JsonObject): number {
  const attributes = node.attrs
  if (!isRecord(attributes)) return 1
  const order = attributes.order
  return typeof order === 'number' && Number.isInteger(order) && order >= 0 ? order : 1
}

function indentItem(marker: string, text: string): string {
  return marker + text.replaceAll('\n', `\n${' '.repeat(marker.length)}`)
}

function renderNode(record: unknown, depth: number, inline: boolean): string {
  if (!isRecord(record) || depth > MAX_DEPTH) return ''
  const below = depth + 1
  switch (record.type) {
    case 'text':
      return typeof record.text === 'string' ? record.text : ''
    case 'hard_break':
    case 'hardBreak':
      return '\n'
    case 'paragraph':
    case 'heading':
    case 'code_block':
    case 'codeBlock':
      return children(record).map((child) => renderNode(child, below, true)).join('')
    case 'bullet_list':
    case 'bulletList':
      return children(record)
        .map((item) => indentItem('- ', renderNode(item, below, false)))
        .join('\n')
    case 'ordered_list':
    case 'orderedList': {
      const start = listStart(record)
      return children(record)
        .map((item, index) => indentItem(`${start + index}. `, renderNode(item, below, false)))
        .join('\n')
    }
    case 'list_item':
    case 'listItem':
      return children(record)
        .map((child) => renderNode(child, below, false))
        .filter((text) => text !== '')
        .join('\n')
    default: {
      // Unknown nodes (doc, blockquote, mentions, future types) keep their text.
      if (typeof record.text === 'string') return record.text
      const parts = children(record).map((child) => renderNode(child, below, inline))
      return inline ? parts.join('') : parts.filter((text) => text.trim() !== '').join('\n\n')
    }
  }
}

export function proseMirrorToText(document: unknown): string {
  return tidy(renderNode(document, 0, false), true)
}
