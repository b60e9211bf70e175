import type { MonitorEvent } from '../events.ts'
import { cleanLine, cleanText, eventText, formatLocalTime, truncate, type EventText, type TextContext } from './event-text.ts'

/**
 * The console format of the original Python script, one block per event:
 *
 *   [2025-11-17 14:32:00] Product: OpenAI - Chat Completions
 *   Status: Minor - Investigating
 *   Details: We are investigating elevated error rates…
 *   --------------------------------------------------------------------------------
 *
 * Page text cannot forge a block: Product and Status are single lines and Details continuation
 * lines are indented, so nothing from the page starts a line with "[" or a rule.
 */

export const RULE = '-'.repeat(80)
const DETAILS_LABEL = 'Details: '
const CONTINUATION = ' '.repeat(DETAILS_LABEL.length)

export function timestamp(at: number): string {
  return `[${formatLocalTime(at)}]`
}

export function consoleBlock(event: MonitorEvent, context: TextContext, at: number): string {
  return blockOf(eventText(event, context), at)
}

/** consoleBlock from the event's words, for a caller that has them already (notify/plan.ts). */
export function blockOf(text: EventText, at: number): string {
  const details = cleanText(text.details)
    .split('\n')
    .map((line, i) => (i === 0 ? `${DETAILS_LABEL}${line}` : line === '' ? '' : `${CONTINUATION}${line}`))
    .join('\n')
  return [`${timestamp(at)} Product: ${cleanLine(text.product)}`, `Status: ${cleanLine(text.status)}`, details, RULE].join('\n')
}

/** The closing rule is kept. */
export function blockWithin(block: string, max: number): string {
  if (block.length <= max || !block.endsWith(RULE)) return truncate(block, max)
  return `${truncate(block.slice(0, -RULE.length - 1), Math.max(1, max - RULE.length - 1))}\n${RULE}`
}

export function errorLine(pageName: string, message: string, at: number): string {
  return `${timestamp(at)} [ERROR] ${cleanLine(pageName) || 'Status page'}: ${cleanLine(message)}`
}
