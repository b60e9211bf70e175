import { err, ok, type Result } from '../result.ts'

/**
 * A small XML reader for feeds (a service worker has no DOMParser): elements, attributes, text,
 * CDATA, predefined entities. DTD entities are never expanded (an "entity bomb" costs nothing);
 * namespace prefixes stay in names. Not well formed is an error, never a partial tree: a truncated
 * body must not look like a feed with fewer entries.
 */

export interface XmlElement {
  readonly name: string
  readonly attributes: ReadonlyMap<string, string>
  readonly children: readonly XmlNode[]
}
export type XmlNode = XmlElement | string

/** Feeds are a few levels deep; a hostile body nested thousands deep is refused, not walked. */
const MAX_DEPTH = 64

interface OpenElement {
  readonly name: string
  readonly attributes: Map<string, string>
  readonly children: XmlNode[]
}

export function parseXml(source: string): Result<XmlElement, string> {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source
  const document: OpenElement = { name: '#document', attributes: new Map(), children: [] }
  const stack: OpenElement[] = [document]
  let position = 0

  while (position < text.length) {
    const current = stack[stack.length - 1] ?? document
    const tagStart = text.indexOf('<', position)
    const textEnd = tagStart === -1 ? text.length : tagStart
    if (textEnd > position) {
      const raw = text.slice(position, textEnd)
      if (stack.length === 1) {
        if (raw.trim() !== '') return err('text outside the root element')
      } else {
        current.children.push(decodeEntities(raw))
      }
    }
    if (tagStart === -1) break

    if (text.startsWith('<!--', tagStart)) {
      const end = text.indexOf('-->', tagStart + 4)
      if (end === -1) return err('unterminated comment')
      position = end + 3
    } else if (text.startsWith('<![CDATA[', tagStart)) {
      const end = text.indexOf(']]>', tagStart + 9)
      if (end === -1) return err('unterminated CDATA section')
      if (stack.length === 1) return err('CDATA outside the root element')
      current.children.push(text.slice(tagStart + 9, end))
      position = end + 3
    } else if (text.startsWith('<?', tagStart)) {
      const end = text.indexOf('?>', tagStart + 2)
      if (end === -1) return err('unterminated processing instruction')
      position = end + 2
    } else if (text.startsWith('<!', tagStart)) {
      const end = endOfDeclaration(text, tagStart)
      if (end === -1) return err('unterminated declaration')
      position = end
    } else if (text.startsWith('</', tagStart)) {
      const end = text.indexOf('>', tagStart + 2)
      if (end === -1) return err('unterminated end tag')
      const name = text.slice(tagStart + 2, end).trim()
      if (stack.length === 1 || name !== current.name) return err(`unexpected end tag </${name}>`)
      stack.pop()
      position = end + 1
    } else {
      const tag = readStartTag(text, tagStart)
      if (!tag.ok) return tag
      const element: OpenElement = { name: tag.value.name, attributes: tag.value.attributes, children: [] }
      if (stack.length === 1 && document.children.length > 0) return err('more than one root element')
      current.children.push(element)
      if (!tag.value.selfClosing) {
        if (stack.length > MAX_DEPTH) return err('elements nested too deeply')
        stack.push(element)
      }
      position = tag.value.end
    }
  }

  if (stack.length > 1) return err(`unclosed element <${stack[stack.length - 1]?.name ?? ''}>`)
  const root = document.children[0]
  if (root === undefined || typeof root === 'string') return err('no root element')
  return ok(root)
}

const NAME = /^[A-Za-z_:][\w.:-]*/
const ATTRIBUTE = /^\s*([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/

interface StartTag {
  readonly name: string
  readonly attributes: Map<string, string>
  readonly selfClosing: boolean
  /** Index just after the closing `>`. */
  readonly end: number
}

/** Feed tags are short; a longer one is refused rather than scanned to the end of a hostile body. */
const MAX_TAG_LENGTH = 4096

function readStartTag(text: string, tagStart: number): Result<StartTag, string> {
  let rest = text.slice(tagStart + 1, tagStart + 1 + MAX_TAG_LENGTH)
  const name = NAME.exec(rest)?.[0]
  if (name === undefined) return err(`invalid tag at offset ${tagStart}`)
  let consumed = 1 + name.length
  rest = rest.slice(name.length)
  const attributes = new Map<string, string>()
  for (;;) {
    const attribute = ATTRIBUTE.exec(rest)
    if (attribute === null) break
    const [whole, attributeName = '', doubleQuoted, singleQuoted] = attribute
    // A repeated attribute is not well formed; keeping the first is the harmless reading.
    if (!attributes.has(attributeName)) attributes.set(attributeName, decodeEntities(doubleQuoted ?? singleQuoted ?? ''))
    consumed += whole.length
    rest = rest.slice(whole.length)
  }
  const close = /^\s*(\/?)>/.exec(rest)
  if (close === null) return err(`malformed tag <${name}> at offset ${tagStart}`)
  return ok({ name, attributes, selfClosing: close[1] === '/', end: tagStart + consumed + close[0].length })
}

/** `<!DOCTYPE …>` may hold an internal subset in brackets, which itself contains `>`. */
function endOfDeclaration(text: string, start: number): number {
  const close = text.indexOf('>', start)
  if (close === -1) return -1
  // Only a `[` before that `>` opens a subset. Searching past it would scan the rest of the body
  // once per declaration: quadratic on a body of `<!x>`s.
  const bracket = text.slice(start, close).indexOf('[')
  if (bracket === -1) return close + 1
  const subsetEnd = text.indexOf(']', start + bracket)
  if (subsetEnd === -1) return -1
  const end = text.indexOf('>', subsetEnd)
  return end === -1 ? -1 : end + 1
}

/** How far after a `&` the `;` of any reference that means something stands (`&#x10FFFF;`, `&#1114111;`). */
const MAX_REFERENCE = 10
const REFERENCE = /^(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+)$/

/** A scan from `&` to `&`, not a replace callback: escaped HTML in a large feed holds hundreds of thousands of references. */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf('&')
  if (amp === -1) return raw
  let decoded = ''
  let copied = 0
  while (amp !== -1) {
    // Looked for near the `&` only: a body of `&`s without `;` must not be searched to its end each time.
    const window = raw.slice(amp + 1, amp + 1 + MAX_REFERENCE)
    const semicolon = amp + 1 + window.indexOf(';')
    // A longer name is no predefined entity: it stays as written, as does a lone `&`.
    const body = semicolon > amp ? raw.slice(amp + 1, semicolon) : ''
    const value = REFERENCE.test(body) ? referenceValue(body) : undefined
    if (value === undefined) {
      amp = raw.indexOf('&', amp + 1)
      continue
    }
    decoded += raw.slice(copied, amp) + value
    copied = semicolon + 1
    amp = raw.indexOf('&', copied)
  }
  return decoded + raw.slice(copied)
}

function referenceValue(body: string): string | undefined {
  // A switch, not a table: a table lookup interns every name first, and there are many.
  switch (body) {
    case 'amp':
      return '&'
    case 'lt':
      return '<'
    case 'gt':
      return '>'
    case 'quot':
      return '"'
    case 'apos':
      return "'"
  }
  if (!body.startsWith('#')) return undefined
  const hex = body[1] === 'x' || body[1] === 'X'
  const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10)
  return isAllowedCodePoint(codePoint) ? String.fromCodePoint(codePoint) : '\uFFFD'
}

function isAllowedCodePoint(codePoint: number): boolean {
  if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true
  if (codePoint < 0x20 || codePoint > 0x10ffff) return false
  return codePoint < 0xd800 || codePoint > 0xdfff
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name)
}

/** Without building the list: entries are asked for a dozen children each, and a feed has thousands. */
export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) if (typeof child !== 'string' && child.name === name) return child
  return undefined
}

export function textContent(element: XmlElement): string {
  let text = ''
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child)
  return text
}

/** The children written back as markup: how Atom's `type="xhtml"` content is handed to the HTML reader. */
export function innerMarkup(element: XmlElement): string {
  let markup = ''
  for (const child of element.children) {
    if (typeof child === 'string') {
      markup += escapeText(child)
      continue
    }
    let attributes = ''
    for (const [name, value] of child.attributes) attributes += ` ${name}="${escapeText(value).replaceAll('"', '&quot;')}"`
    // Empty elements are written self-closed, so `<br/>` does not come back as a pair of breaks.
    markup += child.children.length === 0 ? `<${child.name}${attributes}/>` : `<${child.name}${attributes}>${innerMarkup(child)}</${child.name}>`
  }
  return markup
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
