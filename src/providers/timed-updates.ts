import type { Update } from '../model.ts'

export interface TimedText {
  readonly at: number | null
  readonly text: string
}

/**
 * Updates of platforms that give them no id (Slack's notes, Google's updates): each is known by its
 * time, which stays the same when another update is added or dropped; `#n` after a repeated time,
 * `<prefix>-<place>` when it has none. Newest first, as the model wants; undated ones last, in order.
 */
export function updatesByTime(items: readonly TimedText[], status: Update['status'], prefix: string): Update[] {
  const sorted = items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at === null ? 1 : b.at === null ? -1 : b.at - a.at))
  const used = new Map<string, number>()
  return sorted.map(({ at, index, text }): Update => {
    const key = at === null ? `${prefix}-${index + 1}` : String(at)
    const count = (used.get(key) ?? 0) + 1
    used.set(key, count)
    return { id: count === 1 ? key : `${key}#${count}`, status, text, at }
  })
}
