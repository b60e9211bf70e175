import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { refreshBadge } from '../../../extension/background/badge.ts'
import { BADGE_COLORS, MAX_TITLE_LINES, badgeFor, type BadgePage } from '../../../extension/background/badge-state.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { EMPTY_ENTRY, SCHEDULE, type ScheduleEntry } from '../../../extension/storage/records.ts'
import type { PollErrorKind } from '../../../src/poll-error.ts'
import { resetBrowser, storeSettings, watched } from '../../support/background-harness.ts'


const entry = (e: Partial<ScheduleEntry>): ScheduleEntry => ({ ...EMPTY_ENTRY, lastCheckedAt: 1, ...e })
const page = (name: string, e: Partial<ScheduleEntry>): BadgePage => ({ name, entry: entry(e) })
const online: { offline: boolean; since: number | null } = { offline: false, since: null }
const offline = { offline: true, since: 5 }
const lines = (pages: readonly BadgePage[], state = online): string[] => badgeFor(pages, state).title.split('\n').slice(1)

describe('the badge decision', () => {
  it('every colour is a real colour, one per level (and one for "unknown"), none shared', () => {
    const colours = Object.values(BADGE_COLORS)
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/)
    expect(new Set(colours).size).toBe(colours.length)
  })

  it.each<[PollErrorKind, string]>([
    ['permission', 'permission missing'],
    ['network', 'unreachable'],
    ['timeout', 'unreachable'],
    ['storage', 'not saved: storage full'],
    ['internal', 'check failed'],
    ['http', 'unreadable'],
  ])('a page failing with %s says "%s" in the tooltip', (error, words) => {
    expect(lines([page('A', { level: 'minor', error })])).toEqual([`A: Minor (${words})`])
  })

  it('offline, only the network failures are hidden (the badge already says "off"); the others are still said', () => {
    const pages = [page('A', { level: 'minor', error: 'network' }), page('B', { level: 'minor', error: 'timeout' }), page('C', { level: 'minor', error: 'http' }), page('D', { level: 'minor', error: 'permission' })]
    expect(lines(pages, offline)).toEqual(['A: Minor', 'B: Minor', 'C: Minor (unreadable)', 'D: Minor (permission missing)'])
  })

  it('a monitoring problem wins over everything: red "err", the reason first', () => {
    const problem = { since: 1, reason: 'storage is full' }
    expect(badgeFor([page('A', { level: 'operational' })], offline, problem)).toEqual({
      text: 'err',
      color: BADGE_COLORS.critical,
      title: 'Status Monitor — monitoring problem: storage is full\nA: Operational',
    })
  })

  it('99 incidents are counted as such; from 100 on the badge says "99+"', () => {
    expect(badgeFor([page('A', { level: 'minor', incidents: 99 })], online).text).toBe('99')
    expect(badgeFor([page('A', { level: 'minor', incidents: 100 })], online).text).toBe('99+')
  })

  it('a page not checked yet needs no attention: it keeps its place after the ones that do', () => {
    expect(lines([page('A', { level: 'operational' }), page('B', {}), page('C', { level: 'minor' })])).toEqual(['C: Minor', 'A: Operational', 'B: not checked yet'])
  })

  it(`exactly ${MAX_TITLE_LINES} pages are all listed, with no "more pages" line`, () => {
    const pages = Array.from({ length: MAX_TITLE_LINES }, (_, i) => page(`P${i}`, { level: 'operational' }))
    expect(lines(pages)).toHaveLength(MAX_TITLE_LINES)
    expect(lines(pages).at(-1)).toBe(`P${MAX_TITLE_LINES - 1}: Operational`)
  })
})

describe('refreshBadge, the applier', () => {
  const a = watched('https://status.a.com', 'statuspage', 'A')

  beforeEach(async () => {
    resetBrowser()
    await storeSettings([a])
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  async function setLevel(level: ScheduleEntry['level'], incidents = 0): Promise<void> {
    await fakeBrowser.storage.local.set({ [SCHEDULE.key]: encodeItem(SCHEDULE, { pages: { [a.key]: entry({ level, incidents }) } }) })
  }

  it('an unchanged badge costs no call at all, not even a session write', async () => {
    await setLevel('operational')
    await refreshBadge()
    const text = vi.spyOn(fakeBrowser.action, 'setBadgeText')
    const colour = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor')
    const title = vi.spyOn(fakeBrowser.action, 'setTitle')
    const session = vi.spyOn(fakeBrowser.storage.session, 'set')
    await refreshBadge()
    expect([text, colour, title, session].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0])
  })

  it('only the parts that changed are set again', async () => {
    await setLevel('minor', 1)
    await refreshBadge()
    const text = vi.spyOn(fakeBrowser.action, 'setBadgeText')
    const colour = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor')
    const title = vi.spyOn(fakeBrowser.action, 'setTitle')
    // One more incident: new text and tooltip, same colour.
    await setLevel('minor', 2)
    expect(await refreshBadge()).toMatchObject({ text: '2', color: BADGE_COLORS.minor })
    expect([text, colour, title].map((spy) => spy.mock.calls.length)).toEqual([1, 0, 1])
    // The colour alone: critical with the same count.
    await setLevel('critical', 2)
    await refreshBadge()
    expect([text, colour, title].map((spy) => spy.mock.calls.length)).toEqual([1, 1, 2])
  })

  it('a change beyond the tooltip’s last line sets the text alone (the long tooltip is not sent again)', async () => {
    // Thirteen pages in trouble: the thirteenth is only "+1 more pages" in the tooltip.
    const pages = Array.from({ length: MAX_TITLE_LINES + 1 }, (_, i) => watched(`https://status.p${i}.com`, 'statuspage', `P${i}`))
    await storeSettings(pages)
    const schedule = (lastIncidents: number) =>
      encodeItem(SCHEDULE, { pages: Object.fromEntries(pages.map((p, i) => [p.key, entry({ level: 'minor', incidents: i === MAX_TITLE_LINES ? lastIncidents : 0 })])) })
    await fakeBrowser.storage.local.set({ [SCHEDULE.key]: schedule(1) })
    expect(await refreshBadge()).toMatchObject({ text: '1' })
    const text = vi.spyOn(fakeBrowser.action, 'setBadgeText')
    const title = vi.spyOn(fakeBrowser.action, 'setTitle')
    await fakeBrowser.storage.local.set({ [SCHEDULE.key]: schedule(2) })
    expect(await refreshBadge()).toMatchObject({ text: '2' })
    expect([text.mock.calls.length, title.mock.calls.length]).toEqual([1, 0])
  })

  it('without storage.session (older browsers) the badge is simply set every time', async () => {
    const storage = fakeBrowser.storage as { session?: unknown }
    const session = storage.session
    delete storage.session
    try {
      await setLevel('major')
      expect(await refreshBadge()).toMatchObject({ text: '!', color: BADGE_COLORS.major })
      expect(await fakeBrowser.action.getBadgeText({})).toBe('!')
    } finally {
      storage.session = session
    }
  })
})
