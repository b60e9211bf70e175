import type { Tried } from '../../../src/detect.ts'
import type { Reply } from '../../messaging/protocol.ts'
import { platformName } from '../catalog.ts'

export interface AddResult {
  readonly ok: boolean
  readonly text: string
  /** When nothing matched: each platform tried and why it did not fit. */
  readonly tried?: readonly string[]
}

export function addResultText(reply: Reply<'addPage'>): AddResult {
  if (reply.ok) return { ok: true, text: `Added ${reply.page.name} (${platformName(reply.page.platform)}).` }
  switch (reply.error) {
    case 'permission':
      return {
        ok: false,
        text: `To watch this page the extension needs to read ${reply.origins.map((o) => o.replace(/^https?:\/\//, '').replace(/\/\*$/, '')).join(' and ')}. Click Add again and choose Allow.`,
      }
    case 'detect':
      if (reply.tried !== undefined && reply.tried.length > 0) {
        return { ok: false, text: `${capitalized(reply.message)}. Tried:`, tried: triedLines(reply.tried) }
      }
      return { ok: false, text: `Not a status page we can read: ${reply.message}` }
    default:
      return { ok: false, text: reply.message }
  }
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** One line per address and reason: the platforms that looked at the same page read share it. */
function triedLines(tried: readonly Tried[]): string[] {
  const lines = new Map<string, { names: string[]; url: string | null; reason: string }>()
  for (const { platform, url, reason } of tried) {
    const key = JSON.stringify([url, reason])
    const line = lines.get(key) ?? { names: [], url, reason }
    line.names.push(platform === null ? 'Detection' : platformName(platform))
    lines.set(key, line)
  }
  return [...lines.values()].map(({ names, url, reason }) => `${names.join(', ')}${url === null ? '' : ` (${url})`}: ${reason}`)
}

export function mutedText(filters: { readonly mutedUntil: number | null; readonly mutedForever: boolean }, now: number): string | null {
  if (filters.mutedForever) return 'Muted until re-enabled'
  if (filters.mutedUntil !== null && filters.mutedUntil > now) {
    const until = new Date(filters.mutedUntil)
    const sameDay = new Date(now).toDateString() === until.toDateString()
    const time = until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    return `Muted until ${sameDay ? time : `${until.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`}`
  }
  return null
}
