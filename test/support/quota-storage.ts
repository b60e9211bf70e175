import { fakeBrowser } from '@webext-core/fake-browser'

/**
 * Chrome's storage quotas on top of @webext-core/fake-browser (which has none), with the same
 * accounting and the same refusals, so the background meets a full storage in unit tests as it
 * would in the browser (developer.chrome.com/docs/extensions/reference/api/storage):
 *
 *   local  QUOTA_BYTES 10,485,760: every key's length plus the JSON of its value
 *   sync   QUOTA_BYTES 102,400 in all; QUOTA_BYTES_PER_ITEM 8,192 (key + JSON value);
 *          MAX_ITEMS 512; MAX_WRITE_OPERATIONS_PER_MINUTE 120 and _PER_HOUR 1,800 (each set,
 *          remove or clear call is one operation)
 *
 * A refused call changes nothing and rejects with Chrome's message ("QUOTA_BYTES quota
 * exceeded"). The write-rate limits run on the injected clock.
 */

export const CHROME_QUOTAS = {
  localBytes: 10_485_760,
  syncBytes: 102_400,
  syncItemBytes: 8_192,
  syncItems: 512,
  syncWritesPerMinute: 120,
  syncWritesPerHour: 1_800,
} as const

export type Quotas = { -readonly [K in keyof typeof CHROME_QUOTAS]: number }

const encoder = new TextEncoder()
export const itemBytes = (key: string, value: unknown): number => encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length

type Area = Pick<typeof fakeBrowser.storage.local, 'get' | 'set' | 'remove' | 'clear'>
type Items = Record<string, unknown>

export interface QuotaStorage {
  /** Bytes in use as Chrome counts them. */
  localBytes(): Promise<number>
  syncBytes(): Promise<number>
  /** Calls refused so far, by message. */
  readonly refused: string[]
  uninstall(): void
}

export function installQuotas(now: () => number, overrides: Partial<Quotas> = {}): QuotaStorage {
  const quotas: Quotas = { ...CHROME_QUOTAS, ...overrides }
  const refused: string[] = []
  const syncWrites: number[] = []
  const restores: (() => void)[] = []

  const total = async (area: Area): Promise<number> => Object.entries(await area.get(null)).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0)
  const refuse = (message: string): Promise<never> => {
    refused.push(message)
    return Promise.reject(new Error(message))
  }
  const patch = (area: Area, method: 'set' | 'remove' | 'clear', guard: (args: unknown[]) => Promise<string | null>): void => {
    const original = area[method] as (...args: unknown[]) => Promise<void>
    Object.assign(area, {
      [method]: async (...args: unknown[]) => {
        const problem = await guard(args)
        return problem === null ? original.apply(area, args) : refuse(problem)
      },
    })
    restores.push(() => Object.assign(area, { [method]: original }))
  }
  const afterSet = async (area: Area, items: Items): Promise<{ bytes: number; count: number }> => {
    const merged = { ...(await area.get(null)), ...items }
    return { bytes: Object.entries(merged).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0), count: Object.keys(merged).length }
  }
  const rateLimited = (): string | null => {
    const at = now()
    const lastMinute = syncWrites.filter((t) => t > at - 60_000).length
    const lastHour = syncWrites.filter((t) => t > at - 3_600_000).length
    if (lastMinute >= quotas.syncWritesPerMinute) return 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'
    if (lastHour >= quotas.syncWritesPerHour) return 'MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded'
    syncWrites.push(at)
    return null
  }

  const local = fakeBrowser.storage.local
  patch(local, 'set', async ([items]) => ((await afterSet(local, items as Items)).bytes > quotas.localBytes ? 'QUOTA_BYTES quota exceeded' : null))

  const sync = fakeBrowser.storage.sync
  patch(sync, 'set', async ([items]) => {
    for (const [key, value] of Object.entries(items as Items)) if (itemBytes(key, value) > quotas.syncItemBytes) return 'QUOTA_BYTES_PER_ITEM quota exceeded'
    const after = await afterSet(sync, items as Items)
    if (after.count > quotas.syncItems) return 'MAX_ITEMS quota exceeded'
    if (after.bytes > quotas.syncBytes) return 'QUOTA_BYTES quota exceeded'
    return rateLimited()
  })
  patch(sync, 'remove', async () => rateLimited())
  patch(sync, 'clear', async () => rateLimited())

  return {
    localBytes: () => total(local),
    syncBytes: () => total(sync),
    refused,
    uninstall: () => restores.reverse().forEach((restore) => restore()),
  }
}
