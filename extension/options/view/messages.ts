import type { Reply } from '../../messaging/protocol.ts'
import { platformName } from '../catalog.ts'

export function addResultText(reply: Reply<'addPage'>): { readonly ok: boolean; readonly text: string } {
  if (reply.ok) return { ok: true, text: `Added ${reply.page.name} (${platformName(reply.page.platform)}).` }
  switch (reply.error) {
    case 'permission':
      return {
        ok: false,
        text: `Permission to read ${reply.origins.map((o) => o.replace(/^https?:\/\//, '').replace(/\/\*$/, '')).join(', ')} was refused, so the page cannot be watched. Click Add again and choose Allow.`,
      }
    case 'detect':
      return { ok: false, text: `Not a status page we can read: ${reply.message}` }
    default:
      return { ok: false, text: reply.message }
  }
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
