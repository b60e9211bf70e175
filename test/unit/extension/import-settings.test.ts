import { beforeEach, describe, expect, it } from 'vitest'
import { sendMessage } from '../../../extension/messaging/client.ts'
import { parseRequest } from '../../../extension/messaging/protocol.ts'
import { checkImport, exportText } from '../../../extension/options/settings-file.ts'
import { readSettings } from '../../../extension/storage/store.ts'
import type { Settings } from '../../../extension/storage/settings.ts'
import { bootWorker, resetBrowser, testDeps, watched } from '../../support/background-harness.ts'


describe('import and quiet hours through the protocol', () => {
  beforeEach(async () => {
    resetBrowser()
    // No polls: every page is due in the future (nothing is fetched in these tests).
    await bootWorker(testDeps({ now: 0 }))
  })

  it('importSettings replaces the settings with the exported ones, read through the storage repair', async () => {
    const settings: Settings = {
      version: 2,
      notifyOnRecovery: false,
      quietHours: { enabled: true, start: '23:00', end: '06:30' },
      keepSevereOnScreen: true,
      pages: [watched('https://www.githubstatus.com', 'statuspage', 'GitHub', { componentIds: ['g1'], mutedUntil: null, mutedForever: true })],
    }
    const checked = checkImport(exportText(settings))
    if (!checked.ok) throw new Error(checked.message)
    const reply = await sendMessage('importSettings', { settings: checked.raw })
    expect(reply.ok && reply.settings).toEqual(settings)
    expect(await readSettings()).toEqual(settings)
    const state = await sendMessage('getState', {})
    expect(state.ok && state.state.pages.map((p) => [p.key, p.permission])).toEqual([['www.githubstatus.com', 'missing']])
  })

  it('validates quiet hours and import payloads', () => {
    expect(parseRequest({ type: 'updateFilters', quietHours: { enabled: true, start: '7:00', end: '08:00' } })).toEqual({ ok: false, message: 'quietHours.start and .end must be HH:MM' })
    expect(parseRequest({ type: 'updateFilters', quietHours: null })).toEqual({ ok: true, request: { type: 'updateFilters', quietHours: null } })
    expect(parseRequest({ type: 'importSettings', settings: [] })).toEqual({ ok: false, message: 'settings must be an object' })
  })

  it('keeping severe notifications on screen: saved by updateFilters, refused unless a boolean, and a junk value in a file is named and read as off', async () => {
    expect(parseRequest({ type: 'updateFilters', keepSevereOnScreen: 'yes' })).toEqual({ ok: false, message: 'keepSevereOnScreen must be a boolean' })
    const reply = await sendMessage('updateFilters', { keepSevereOnScreen: true })
    expect(reply.ok && reply.settings.keepSevereOnScreen).toBe(true)
    expect((await readSettings()).keepSevereOnScreen).toBe(true)
    const checked = checkImport(JSON.stringify({ format: 'status-monitor-settings', version: 2, pages: [{ u: 'https://status.openai.com/' }], keepSevereOnScreen: 1 }))
    expect(checked.ok && checked.problems).toEqual(['"keepSevereOnScreen" is not true or false: off.'])
    expect(checked.ok && checked.settings.keepSevereOnScreen).toBe(false)
  })
})
