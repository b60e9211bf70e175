import { plainText } from './plain-text.ts'

/**
 * Markdown (incident.io bodies) to plain text: markers dropped, links kept as their text and
 * address. Deliberately conservative: text that is not Markdown (`file_name_v2`, `5 * 3`) is left
 * alone. Every step is a single pass or a stack, so hostile `[[[[…` or `****…` costs linear time.
 */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/
const WORD_CHARACTER = /[\p{L}\p{N}]/u
const JOINER = /[./-]/
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const BULLET = /^( *)[-*+][ \t]+/
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<]*/y
const AUTOLINK = /<((?:[a-z][a-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*)>/iy

interface Delimiter {
  readonly character: string
  readonly length: number
  readonly canOpen: boolean
  readonly canClose: boolean
  removed: boolean
}

type Token = string | Delimiter

function isWord(character: string | undefined): boolean {
  return character !== undefined && WORD_CHARACTER.test(character)
}

function isSpace(character: string | undefined): boolean {
  return character === undefined || /\s/.test(character)
}

/** Matching `[`/`]` and `(`/`)` with stacks, skipping escaped ones: one pass, no searching. */
function matchPairs(line: string): Int32Array {
  const match = new Int32Array(line.length).fill(-1)
  const squares: number[] = []
  const rounds: number[] = []
  for (let index = 0; index < line.length; index++) {
    const character = line[index]
    if (character === '\\') index++
    else if (character === '[') squares.push(index)
    else if (character === '(') rounds.push(index)
    else if (character === ']' || character === ')') {
      const open = (character === ']' ? squares : rounds).pop()
      if (open !== undefined) {
        match[open] = index
        match[index] = open
      }
    }
  }
  return match
}

/** For each backtick run, where the next run of the same length starts: found by one pass from the end. */
function codeSpanEnds(line: string): Map<number, number> {
  const runs: { start: number; length: number }[] = []
  for (let index = 0; index < line.length; ) {
    if (line[index] !== '`') {
      index++
      continue
    }
    const start = index
    while (line[index] === '`') index++
    runs.push({ start, length: index - start })
  }
  const ends = new Map<number, number>()
  const nextOfLength = new Map<number, number>()
  for (let run = runs.length - 1; run >= 0; run--) {
    const { start, length } = runs[run] ?? { start: 0, length: 0 }
    const next = nextOfLength.get(length)
    if (next !== undefined) ends.set(start, next)
    nextOfLength.set(length, start)
  }
  return ends
}

function linkSuffix(text: string, destination: string): string {
  const address = destination.startsWith('<') && destination.endsWith('>') ? destination.slice(1, -1) : destination
  const bare = address.replace(/^mailto:/i, '')
  if (address === '' || bare === text || address === text) return ''
  return text === '' ? address : ` (${address})`
}

/** `url "title"` or `<url> 'title'`: the address is the first word; the title is not shown. */
function destinationOf(inside: string): string {
  const trimmed = inside.trim()
  if (trimmed.startsWith('<')) {
    const close = trimmed.indexOf('>')
    if (close > 0) return trimmed.slice(0, close + 1)
  }
  const space = trimmed.search(/\s/)
  return space < 0 ? trimmed : trimmed.slice(0, space)
}

function delimiterAt(line: string, index: number, character: string): { token: Token; end: number } {
  let end = index
  while (line[end] === character) end++
  const length = end - index
  const text = line.slice(index, end)
  const usable = character === '~' ? length === 2 : length <= 3
  if (!usable) return { token: text, end }
  const before = line[index - 1]
  const after = line[end]
  // Only around words: never inside identifiers (snake_case, 5*3*2, __init__.py) nor beside spaces (5 * 3).
  const joinedBefore = isWord(before) || (JOINER.test(before ?? '') && isWord(line[index - 2]))
  const joinedAfter = isWord(after) || (JOINER.test(after ?? '') && isWord(line[end + 1]))
  const canOpen = !isSpace(after) && !joinedBefore
  const canClose = !isSpace(before) && !joinedAfter
  return { token: { character, length, canOpen, canClose, removed: false }, end }
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = []
  const pairs = matchPairs(line)
  const codeEnds = codeSpanEnds(line)
  /** Positions of `]` to text to emit there, and where scanning resumes past the link's `)`. */
  const pending: { close: number; suffix: string; resume: number }[] = []
  let text = ''
  const flush = (): void => {
    if (text !== '') tokens.push(text)
    text = ''
  }
  let index = 0
  while (index < line.length) {
    const top = pending.at(-1)
    // Nothing below may consume past the `]` a pending link waits for.
    const limit = top?.close ?? line.length
    if (top !== undefined && index === top.close) {
      text += top.suffix
      index = top.resume
      pending.pop()
      continue
    }
    const character = line[index] ?? ''
    if (character === '\\' && ASCII_PUNCTUATION.test(line[index + 1] ?? '')) {
      text += line[index + 1]
      index += 2
      continue
    }
    if (character === '`') {
      let runEnd = index
      while (line[runEnd] === '`') runEnd++
      const close = codeEnds.get(index)
      if (close === undefined || close >= limit) {
        text += line.slice(index, runEnd)
        index = runEnd
        continue
      }
      text += line.slice(runEnd, close)
      index = close + (runEnd - index)
      continue
    }
    const image = character === '!' && line[index + 1] === '['
    const bracket = image ? index + 1 : index
    if (line[bracket] === '[') {
      const close = pairs[bracket] ?? -1
      const parenClose = close > 0 && line[close + 1] === '(' ? (pairs[close + 1] ?? -1) : -1
      if (parenClose > 0 && parenClose < limit) {
        const destination = destinationOf(line.slice(close + 2, parenClose))
        const label = line.slice(bracket + 1, close)
        pending.push({ close, suffix: image ? '' : linkSuffix(label, destination), resume: parenClose + 1 })
        index = bracket + 1
        continue
      }
    }
    if (character === '<') {
      AUTOLINK.lastIndex = index
      const autolink = AUTOLINK.exec(line)
      if (autolink !== null && AUTOLINK.lastIndex <= limit) {
        text += (autolink[1] ?? '').replace(/^mailto:/i, '')
        index = AUTOLINK.lastIndex
        continue
      }
    }
    if ((character === 'h' || character === 'w') && !isWord(line[index - 1])) {
      BARE_URL.lastIndex = index
      const url = BARE_URL.exec(line)
      if (url !== null) {
        const end = Math.min(BARE_URL.lastIndex, limit)
        text += line.slice(index, end)
        index = end
        continue
      }
    }
    if (character === '*' || character === '_' || character === '~') {
      const { token, end } = delimiterAt(line, index, character)
      if (typeof token === 'string') text += token
      else {
        flush()
        tokens.push(token)
      }
      index = end
      continue
    }
    text += character
    index++
  }
  flush()
  return tokens
}

/** Each delimiter closes the nearest open one of the same character and length; the rest stay as text. */
function renderInline(line: string): string {
  if (!/[\\`[<*_~hw]/.test(line)) return line
  const tokens = tokenize(line)
  const openers = new Map<string, Delimiter[]>()
  for (const token of tokens) {
    if (typeof token === 'string') continue
    const key = token.character + String(token.length)
    const stack = openers.get(key) ?? []
    const opener = token.canClose ? stack.pop() : undefined
    if (opener !== undefined) {
      opener.removed = true
      token.removed = true
    } else if (token.canOpen) stack.push(token)
    openers.set(key, stack)
  }
  return tokens.map((token) => (typeof token === 'string' ? token : token.removed ? '' : token.character.repeat(token.length))).join('')
}

/** `>` markers, nested or not, by index: a replace per level would be quadratic on `>>>>…`. */
function quoteEnd(line: string): number {
  let index = 0
  for (;;) {
    let at = index
    while (at - index < 3 && line[at] === ' ') at++
    if (line[at] !== '>') return index
    index = line[at + 1] === ' ' ? at + 2 : at + 1
  }
}

/** A heading's optional closing `###`, trimmed by hand: an unanchored pattern would retry at every space. */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd()
  let start = trimmed.length
  while (start > 0 && trimmed[start - 1] === '#') start--
  if (start === trimmed.length) return trimmed
  if (start === 0) return ''
  return /[ \t]/.test(trimmed[start - 1] ?? '') ? trimmed.slice(0, start).trimEnd() : trimmed
}

function renderBlock(line: string): string {
  const rest = line.slice(quoteEnd(line))
  if (THEMATIC_BREAK.test(rest)) return ''
  if (HEADING.test(rest)) return renderInline(withoutClosingHashes(rest.replace(HEADING, '')))
  const bullet = BULLET.exec(rest)
  // The same bullet the HTML path gives `<li>`.
  if (bullet !== null) return `${bullet[1] ?? ''}- ${renderInline(rest.slice(bullet[0].length))}`
  return renderInline(rest)
}

/** The Markdown step alone: text without Markdown markers comes back unchanged. */
export function stripMarkdown(text: string): string {
  const lines = text.split(/\r\n?|\n/)
  let fence: string | null = null
  const output: string[] = []
  for (const line of lines) {
    const opening = FENCE.exec(line)?.[1]
    if (fence !== null) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length) fence = null
      else output.push(line)
      continue
    }
    if (opening !== undefined) {
      fence = opening
      continue
    }
    output.push(renderBlock(line))
  }
  return output.join('\n')
}

/** Bodies written in Markdown (incident.io): Markdown, then the tags and entities it may carry. */
export function markdownText(text: string): string {
  return plainText(stripMarkdown(text))
}
