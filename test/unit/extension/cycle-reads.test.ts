import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'
import { hostPermissionCheck } from '../../../extension/permissions/host-permissions.ts'
import { pageRecordLoader } from '../../../extension/storage/page-records.ts'
import { PAGE_RECORD, pageStorageKey } from '../../../extension/storage/records.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { granted, permissions, resetBrowser } from '../../support/background-harness.ts'


/** The reads one poll cycle makes before it fetches: they are per cycle, not per page. */
describe('what a cycle reads for its pages', () => {
  beforeEach(() => resetBrowser())

  describe('host permissions: one getAll, contains only for what it does not clearly cover', () => {
    it('answers covered pages from the list, without asking per page', async () => {
      granted.add('https://*.bench.test/*')
      const isGranted = await hostPermissionCheck()
      for (let i = 0; i < 100; i++) expect(await isGranted(`https://s${i}.bench.test/`)).toBe(true)
      expect(await isGranted('https://status.openai.com/')).toBe(true)
      expect(permissions.getAll).toHaveBeenCalledTimes(1)
      expect(permissions.contains).not.toHaveBeenCalled()
    })

    it('asks the browser about a page the list does not clearly cover, and believes its answer', async () => {
      granted.add('https://x.test:8443/*') // a port: not a shape the short-cut vouches for
      const isGranted = await hostPermissionCheck()
      expect(await isGranted('https://x.test:8443/')).toBe(false) // the fake's contains wants the exact origin
      expect(await isGranted('https://y.test/')).toBe(false)
      expect(permissions.contains).toHaveBeenCalledTimes(2)
      granted.add('https://y.test/*')
      expect(await isGranted('https://y.test/')).toBe(true) // contains: asked anew each time
    })

    it('a browser that cannot list its permissions: every page asked on its own', async () => {
      permissions.getAll.mockRejectedValueOnce(new Error('not supported'))
      const isGranted = await hostPermissionCheck()
      expect(await isGranted('https://status.openai.com/')).toBe(true)
      expect(await isGranted('https://nope.test/')).toBe(false)
      expect(permissions.contains).toHaveBeenCalledTimes(2)
    })
  })

  describe('page records: read in batches, in visiting order', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `s${i}.bench.test`)
    const store = async (): Promise<void> => {
      const items: Record<string, unknown> = {}
      keys.forEach((key, i) => (items[pageStorageKey(key)] = encodeItem(PAGE_RECORD, { state: { ...initialPageState(), errorCount: i }, badShapes: i % 3, omitted: NOTHING_OMITTED })))
      await fakeBrowser.storage.local.set(items)
    }

    it('one storage call per batch, each page its own record', async () => {
      await store()
      const get = vi.spyOn(fakeBrowser.storage.local, 'get')
      const load = pageRecordLoader(keys, 50)
      const records = await Promise.all(keys.map((key) => load(key)))
      expect(get).toHaveBeenCalledTimes(3)
      records.forEach((record, i) => {
        expect(record.state.errorCount).toBe(i)
        expect(record.badShapes).toBe(i % 3)
      })
    })

    it('reads a batch only when its first page is visited', async () => {
      await store()
      const get = vi.spyOn(fakeBrowser.storage.local, 'get')
      const load = pageRecordLoader(keys, 50)
      await load(keys[0] ?? '')
      await load(keys[49] ?? '')
      expect(get).toHaveBeenCalledTimes(1)
      await load(keys[50] ?? '')
      expect(get).toHaveBeenCalledTimes(2)
    })

    it('a page with no record yet gets the fresh one; a key outside the list is read on its own', async () => {
      const load = pageRecordLoader(['new.test'], 50)
      expect(await load('new.test')).toEqual({ state: expect.objectContaining({ snapshot: null, errorCount: 0 }), badShapes: 0, omitted: NOTHING_OMITTED })
      await store()
      expect((await load(keys[7] ?? '')).state.errorCount).toBe(7)
    })

    it('a damaged record is repaired, not thrown', async () => {
      await fakeBrowser.storage.local.set({ [pageStorageKey('bad.test')]: { v: 1, value: { state: 'garbage', badShapes: -4 } } })
      const record = await pageRecordLoader(['bad.test'], 50)('bad.test')
      expect(record.badShapes).toBe(0)
      expect(record.state.snapshot).toBeNull()
    })
  })
})
