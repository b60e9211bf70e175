import { htmlToText } from '../text/plain-text.ts'
import { parseUpdateStamp } from './feed-dates.ts'

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

export function parseMarkedUpdates(html: string, reference: number | null): MarkedUpdate[] {
  const heads = [...html.matchAll(UPDATE_HEAD)]
  return heads.map((head, index) => {
    const bodyStart = head.index + head[0].length
    const bodyEnd = heads[index + 1]?.index ?? html.length
    const text = htmlToText(html.slice(bodyStart, bodyEnd)).replace(/^[-–—:]\s*/, '')
    return {
      label: htmlToText(head[2] ?? ''),
      text,
      at: parseUpdateStamp(htmlToText(head[1] ?? ''), reference),
    }
  })
}
