import { describe, expect, it } from 'vitest'
import { decodeItem, encodeItem, type ItemSpec } from '../../../extension/storage/item.ts'
import {
  BADGE,
  EMPTY_ENTRY,
  HELD,
  HISTORY,
  LINKS,
  META,
  OUTBOX,
  PAGE_RECORD,
  PROBLEM,
  SCHEDULE,
  UNDELIVERED,
  listedFromSchedule,
  type HistoryEntry,
  type ScheduleEntry,
} from '../../../extension/storage/records.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'

/** What storage hands back after a write: the encoded value, through JSON like the browser does. */
const roundTrip = <T>(spec: ItemSpec<T>, value: T): T => decodeItem(spec, JSON.parse(JSON.stringify(encodeItem(spec, value))))

// Values a corrupt or hand-edited storage can hold where a count belongs.
const NOT_COUNTS: readonly unknown[] = [-1, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 2, Number.NaN]

describe('page records', () => {
  const stored = (fields: Record<string, unknown>): unknown => ({ version: 1, state: initialPageState(), ...fields })

  it('a bad_shape streak is kept when it is a whole number from zero up, and reset otherwise', () => {
    expect(decodeItem(PAGE_RECORD, stored({ badShapes: 0 })).badShapes).toBe(0)
    expect(decodeItem(PAGE_RECORD, stored({ badShapes: 4 })).badShapes).toBe(4)
    for (const bad of NOT_COUNTS) expect(decodeItem(PAGE_RECORD, stored({ badShapes: bad })).badShapes).toBe(0)
  })

  it('what the budget left out is read per field; a negative or fractional count means nothing left out there', () => {
    expect(decodeItem(PAGE_RECORD, stored({ omitted: { components: 5, incidents: -2, maintenances: 1.5 } })).omitted).toEqual({
      components: 5,
      incidents: 0,
      maintenances: 0,
    })
    for (const bad of NOT_COUNTS) {
      expect(decodeItem(PAGE_RECORD, stored({ omitted: { components: bad, incidents: bad, maintenances: bad } })).omitted).toEqual(NOTHING_OMITTED)
    }
    expect(decodeItem(PAGE_RECORD, stored({ omitted: 'all' })).omitted).toEqual(NOTHING_OMITTED)
  })
})

describe('the schedule', () => {
  const full: ScheduleEntry = { lastCheckedAt: 1000, lastOkAt: 900, nextDueAt: 2000, level: 'major', incidents: 2, error: 'timeout', calm: false, strikes: 3 }

  it('a page whose entry is unknown is not known to be calm, has no level and no error', () => {
    expect(EMPTY_ENTRY).toEqual({ lastCheckedAt: null, lastOkAt: null, nextDueAt: null, level: null, incidents: 0, error: null, calm: false, strikes: 0 })
    expect(decodeItem(SCHEDULE, { version: 1, pages: { a: 'garbage' } }).pages.a).toEqual(EMPTY_ENTRY)
    // The popup would list such a page as a calm one-liner without ever reading its record.
    expect(listedFromSchedule(EMPTY_ENTRY)).toBe(false)
  })

  it('only a calm page whose last poll worked is listed from its entry alone', () => {
    expect(listedFromSchedule({ ...EMPTY_ENTRY, calm: true })).toBe(true)
    expect(listedFromSchedule({ ...EMPTY_ENTRY, calm: true, error: 'network' })).toBe(false)
    expect(listedFromSchedule({ ...EMPTY_ENTRY, calm: false })).toBe(false)
  })

  it('every field of an entry survives a write and a read', () => {
    expect(roundTrip(SCHEDULE, { pages: { a: full, b: { ...full, calm: true, error: null, strikes: 1 } } })).toEqual({
      pages: { a: full, b: { ...full, calm: true, error: null, strikes: 1 } },
    })
  })

  it('reads a schedule written by an earlier build (timing under the short names c, o, d)', () => {
    // storage.local outlives updates: the stored field names are a format, not an implementation detail.
    const stored = { version: 1, pages: { a: { c: 1000, o: 900, d: 2000, l: 'minor', i: 1, e: 'http', k: 1, s: 2 } } }
    expect(decodeItem(SCHEDULE, stored).pages.a).toEqual({
      lastCheckedAt: 1000,
      lastOkAt: 900,
      nextDueAt: 2000,
      level: 'minor',
      incidents: 1,
      error: 'http',
      calm: true,
      strikes: 2,
    })
  })

  it('a fresh entry is stored as its three timing fields only (the schedule is written every cycle)', () => {
    expect(encodeItem(SCHEDULE, { pages: { a: EMPTY_ENTRY } })).toEqual({ version: 1, pages: { a: { c: null, o: null, d: null } } })
  })

  it('one corrupt entry costs only its own page', () => {
    const decoded = decodeItem(SCHEDULE, { version: 1, pages: { bad: null, good: { c: 5, o: 5, d: 10 } } })
    expect(decoded.pages).toEqual({ bad: EMPTY_ENTRY, good: { ...EMPTY_ENTRY, lastCheckedAt: 5, lastOkAt: 5, nextDueAt: 10 } })
  })

  it('pages stored as anything but an object read as no pages', () => {
    expect(decodeItem(SCHEDULE, { version: 1, pages: 'ab' })).toEqual({ pages: {} })
    expect(decodeItem(SCHEDULE, { version: 1, pages: [{ c: 1 }] })).toEqual({ pages: {} })
  })

  it('a stored "__proto__" page cannot change what every other lookup in the schedule finds', () => {
    const decoded = decodeItem(SCHEDULE, JSON.parse('{"version":1,"pages":{"__proto__":{"k":1,"c":1},"a":{"c":2}}}'))
    expect(Object.keys(decoded.pages)).toEqual(['a'])
    expect(Object.getPrototypeOf(decoded.pages)).toBe(Object.prototype)
    expect('calm' in decoded.pages).toBe(false)
  })

  it('incidents and strikes are whole positive counts; strikes are capped at 100', () => {
    for (const bad of NOT_COUNTS) {
      const entry = decodeItem(SCHEDULE, { version: 1, pages: { a: { i: bad, s: bad } } }).pages.a
      expect([entry?.incidents, entry?.strikes]).toEqual([0, 0])
    }
    expect(decodeItem(SCHEDULE, { version: 1, pages: { a: { i: 7, s: 5 } } }).pages.a).toMatchObject({ incidents: 7, strikes: 5 })
    expect(decodeItem(SCHEDULE, { version: 1, pages: { a: { s: 250 } } }).pages.a?.strikes).toBe(100)
  })

  it('an unknown level or error kind reads as none', () => {
    expect(decodeItem(SCHEDULE, { version: 1, pages: { a: { l: 'purple', e: 'gremlins' } } }).pages.a).toMatchObject({ level: null, error: null })
  })
})

describe('the outbox', () => {
  const decodeOutbox = (entries: unknown): unknown => decodeItem(OUTBOX, { version: 1, entries }).entries

  it('an entry without a usable id is dropped and the others are kept', () => {
    expect(decodeOutbox([null, 'x', { id: 5 }, { id: '' }, { id: 'n1', pageKey: 'p', title: 't', body: 'b', url: 'u', priority: 1, attempts: 2 }])).toEqual([
      { id: 'n1', pageKey: 'p', title: 't', body: 'b', url: 'u', priority: 1, attempts: 2 },
    ])
  })

  it('missing texts read as empty; a priority other than 1 or 2 is the default 0', () => {
    expect(decodeOutbox([{ id: 'a' }])).toEqual([{ id: 'a', pageKey: '', title: '', body: '', url: '', priority: 0, attempts: 0 }])
    const priorities = [0, 1, 2, 3, -1, '2', null].map((priority) => (decodeOutbox([{ id: 'a', priority }]) as { priority: number }[])[0]?.priority)
    expect(priorities).toEqual([0, 1, 2, 0, 0, 0, 0])
  })

  it('failed attempts are a whole positive count, anything else is none', () => {
    expect((decodeOutbox([{ id: 'a', attempts: 3 }]) as { attempts: number }[])[0]?.attempts).toBe(3)
    for (const bad of NOT_COUNTS) expect((decodeOutbox([{ id: 'a', attempts: bad }]) as { attempts: number }[])[0]?.attempts).toBe(0)
  })
})

describe('the history', () => {
  const entry: HistoryEntry = { at: 1000, kind: 'incident_opened', pageKey: 'p', title: 't', body: 'b', url: 'u', lines: 'l', impact: 'major', name: 'n' }
  const decodeHistory = (entries: unknown): readonly HistoryEntry[] => decodeItem(HISTORY, { version: 1, entries }).entries

  it('keeps an entry of every event kind', () => {
    const kinds = [
      'incident_opened',
      'incident_updated',
      'incident_resolved',
      'component_changed',
      'maintenance_scheduled',
      'maintenance_started',
      'maintenance_completed',
    ] as const
    expect(decodeHistory(kinds.map((kind) => ({ ...entry, kind }))).map((e) => e.kind)).toEqual(kinds)
  })

  it('drops a corrupt entry, one without a time, or one of an unknown kind, and keeps the rest', () => {
    expect(decodeHistory([null, { ...entry, at: 'soon' }, { ...entry, at: undefined }, { ...entry, kind: 'party' }, entry])).toEqual([entry])
  })

  it('the latest time a Date can hold is still shown', () => {
    expect(decodeHistory([{ ...entry, at: 8.64e15 }])).toEqual([{ ...entry, at: 8.64e15 }])
    expect(decodeHistory([{ ...entry, at: 8.64e15 + 1 }])).toEqual([])
  })

  it('missing texts read as empty, and an entry from before impacts were kept has none', () => {
    expect(decodeHistory([{ at: 5, kind: 'incident_resolved' }])).toEqual([{ at: 5, kind: 'incident_resolved', pageKey: '', title: '', body: '', url: '', lines: '', impact: 'none', name: '' }])
    expect(decodeHistory([{ ...entry, impact: 'apocalyptic' }])).toEqual([{ ...entry, impact: 'none' }])
  })
})

describe('notification links', () => {
  it('only an entry with a string id, url and page URL is kept (a click must never open a guessed link)', () => {
    const good = { id: 'n', url: 'https://status.example.com/i/1', pageUrl: 'https://status.example.com/' }
    const decoded = decodeItem(LINKS, {
      version: 1,
      entries: [null, 'n', { ...good, id: 1 }, { ...good, url: null }, { ...good, pageUrl: 7 }, { id: 'n2' }, good],
    })
    expect(decoded.entries).toEqual([good])
  })
})

describe('events held during quiet hours', () => {
  const held = { id: 'p|i1', pageKey: 'p', pageName: 'P', pageUrl: 'https://p.example/', kind: 'incident', subject: 'i1' }

  it('keeps entries of every kind and drops corrupt ones', () => {
    const decoded = decodeItem(HELD, {
      version: 1,
      entries: [
        null,
        { ...held, id: 3 },
        { ...held, subject: null },
        { ...held, kind: 'party' },
        held,
        { ...held, kind: 'component' },
        { ...held, kind: 'maintenance' },
      ],
    })
    expect(decoded.entries.map((e) => e.kind)).toEqual(['incident', 'component', 'maintenance'])
  })

  it('missing page fields read as empty', () => {
    expect(decodeItem(HELD, { version: 1, entries: [{ id: 'x', kind: 'component', subject: 's' }] }).entries).toEqual([
      { id: 'x', pageKey: '', pageName: '', pageUrl: '', kind: 'component', subject: 's' },
    ])
  })
})

describe('meta', () => {
  it('the offline time is only kept while offline', () => {
    expect(decodeItem(META, { version: 1, offline: true, since: 50 })).toEqual({ offline: true, since: 50 })
    expect(decodeItem(META, { version: 1, offline: false, since: 50 })).toEqual({ offline: false, since: null })
    expect(decodeItem(META, { version: 1, offline: 'yes', since: 50 })).toEqual({ offline: false, since: null })
  })
})

describe('session records', () => {
  it('nothing stored yet reads as null: no badge set, nothing undelivered, no problem', () => {
    expect(decodeItem(BADGE, undefined)).toBeNull()
    expect(decodeItem(UNDELIVERED, undefined)).toBeNull()
    expect(decodeItem(PROBLEM, undefined)).toBeNull()
  })

  it('the badge survives a write and a read, and a badge missing any of its texts is none', () => {
    const badge = { text: '!', color: '#d00', title: 'Status Monitor: 1 problem' }
    expect(roundTrip(BADGE, badge)).toEqual(badge)
    expect(roundTrip(BADGE, null)).toBeNull()
    for (const field of ['text', 'color', 'title'] as const) {
      expect(decodeItem(BADGE, { version: 1, ...badge, [field]: 1 })).toBeNull()
    }
  })

  it('undelivered notifications survive a write and a read; without a time, a count or a reason it is none', () => {
    const undelivered = { since: 1000, count: 2, reason: 'The platform refused it.' }
    expect(roundTrip(UNDELIVERED, undelivered)).toEqual(undelivered)
    expect(roundTrip(UNDELIVERED, null)).toBeNull()
    expect(decodeItem(UNDELIVERED, { version: 1, ...undelivered, since: 'x' })).toBeNull()
    // A list has a slice() too: it must still not pass for a reason.
    for (const reason of [4, ['refused']]) expect(decodeItem(UNDELIVERED, { version: 1, ...undelivered, reason })).toBeNull()
    for (const count of [0, ...NOT_COUNTS]) expect(decodeItem(UNDELIVERED, { version: 1, ...undelivered, count })).toBeNull()
  })

  it('a monitoring problem survives a write and a read; without a time or a reason it is none', () => {
    const problem = { since: 1000, reason: 'Storage is full.' }
    expect(roundTrip(PROBLEM, problem)).toEqual(problem)
    expect(roundTrip(PROBLEM, null)).toBeNull()
    expect(decodeItem(PROBLEM, { version: 1, ...problem, since: null })).toBeNull()
    for (const reason of [{}, ['full']]) expect(decodeItem(PROBLEM, { version: 1, ...problem, reason })).toBeNull()
  })

  it('a stored reason is read back at most 300 characters long', () => {
    const reason = 'x'.repeat(1000)
    expect(decodeItem(UNDELIVERED, { version: 1, since: 1, count: 1, reason })?.reason).toHaveLength(300)
    expect(decodeItem(PROBLEM, { version: 1, since: 1, reason })?.reason).toHaveLength(300)
  })
})
