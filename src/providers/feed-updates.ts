import { htmlToText } from '../text/plain-text.ts'
import { parseRfc822Time, parseUpdateStamp } from './feed-dates.ts'

/**
 * The updates Statuspage writes into a feed entry's HTML, newest first:
 *
 *   <p><small>Jul <var data-var='date'>9</var>, <var data-var='time'>06:01</var> UTC</small><br>
 *   <strong>Update</strong> - We are continuing to work on a mitigation.</p>
 *
 * GitHub pads with spaces (`<p> <small>`), hence the whitespace allowed between pieces. An update
 * runs to the next stamp, keeping multi-paragraph bodies whole.
 */

export interface MarkedUpdate {
  /** The label as written: Investigating, Update, In progress… */
  readonly label: string
  readonly text: string
  readonly at: number | null
}

// Bounded lazy runs: a hostile body with thousands of unclosed <small> must stay linear.
const UPDATE_HEAD = /<small\b[^>]{0,200}>([\s\S]{0,400}?)<\/small>\s{0,200}(?:<br\b[^>]{0,20}>\s{0,200}){0,4}<strong\b[^>]{0,200}>([\s\S]{0,200}?)<\/strong>/gi

/**
 * status.x.ai's form, oldest first, under a `<h3>Status: RESOLVED</h3>` headline:
 *
 *   <div><p><strong>Mon, 18 May 2026 02:29:34 GMT</strong></p><h3>Investigating</h3><p>Investigating issues…</p></div>
 */
const DATED_HEAD = /<strong\b[^>]{0,200}>([^<]{0,100})<\/strong>\s{0,200}(?:<\/p>\s{0,200})?<h([1-6])\b[^>]{0,200}>([^<]{0,200})<\/h\2>/gi
const STATED_STATUS = /<h[1-6]\b[^>]{0,200}>\s{0,20}Status:\s{0,20}([^<]{1,40})<\/h[1-6]>/i

/** The status an entry's headline states (`Status: RESOLVED`), as written; null without one. */
export function statedStatus(html: string): string | null {
  const label = STATED_STATUS.exec(html)?.[1]
  return label === undefined ? null : htmlToText(label)
}

export function parseMarkedUpdates(html: string, reference: number | null): MarkedUpdate[] {
  const marked = readUpdates(html, UPDATE_HEAD, (head) => ({ stamp: head[1] ?? '', label: head[2] ?? '' }), (stamp) => parseUpdateStamp(stamp, reference))
  if (marked.length > 0) return marked
  const dated = readUpdates(html, DATED_HEAD, (head) => ({ stamp: head[1] ?? '', label: head[3] ?? '' }), parseRfc822Time)
  // Written oldest first: turned around when the stamps say so, as every other feed is newest first.
  const first = dated[0]?.at
  const last = dated[dated.length - 1]?.at
  return first != null && last != null && first < last ? dated.reverse() : dated
}

function readUpdates(
  html: string,
  pattern: RegExp,
  pieces: (head: RegExpExecArray) => { stamp: string; label: string },
  time: (stamp: string) => number | null,
): MarkedUpdate[] {
  const heads = [...html.matchAll(pattern)]
  return heads.map((head, index) => {
    const bodyStart = head.index + head[0].length
    const bodyEnd = heads[index + 1]?.index ?? html.length
    const text = htmlToText(html.slice(bodyStart, bodyEnd)).replace(/^[-–—:]\s*/, '')
    const { stamp, label } = pieces(head)
    return { label: htmlToText(label), text, at: time(htmlToText(stamp)) }
  })
}
