import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Component, Incident, Maintenance, Snapshot, Update } from '../../../src/model.ts'
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  cleanLine,
  cleanText,
  eventText,
  maintenanceWindow,
  truncate,
  type TextContext,
} from '../../../src/text/event-text.ts'

// Events are built by hand: this suite must not depend on providers or diff.

const PAGE_URL = 'https://status.openai.com'

const components: Component[] = [
  { id: 'c-chat', name: 'Chat Completions', groupId: 'g-api', status: 'degraded_performance' },
  { id: 'c-img', name: 'Images', groupId: 'g-api', status: 'operational' },
  { id: 'c-video', name: 'Video generation', groupId: null, status: 'operational' },
  { id: 'c-login', name: 'Login', groupId: 'g-chatgpt', status: 'operational' },
]

const snapshot: Snapshot = {
  platform: 'incidentio',
  page: { name: 'OpenAI', url: PAGE_URL },
  level: 'minor',
  components,
  groups: [
    { id: 'g-api', name: 'APIs' },
    { id: 'g-chatgpt', name: 'ChatGPT' },
  ],
  incidents: [],
  maintenances: [],
}

const context: TextContext = { pageName: 'OpenAI', pageUrl: PAGE_URL, snapshot }

const update = (status: Update['status'], text: string, id = `u-${status}`): Update => ({ id, status, text, at: 1_763_389_920_000 })

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'inc-1',
  name: 'Elevated error rates',
  status: 'investigating',
  impact: 'minor',
  url: 'https://status.openai.com/incidents/inc-1',
  startedAt: 1_763_389_920_000,
  updates: [],
  componentIds: [],
  ...over,
})

const maintenance = (over: Partial<Maintenance> = {}): Maintenance => ({
  id: 'm-1',
  name: 'Database upgrade',
  status: 'scheduled',
  impact: 'maintenance',
  url: 'https://status.openai.com/incidents/m-1',
  // 2025-11-20 02:00 to 04:00 UTC (vitest pins TZ=UTC)
  scheduledFor: Date.UTC(2025, 10, 20, 2, 0),
  scheduledUntil: Date.UTC(2025, 10, 20, 4, 0),
  updates: [update('scheduled', 'We will be upgrading the primary database.')],
  componentIds: [],
  ...over,
})

const investigating = update('investigating', 'We are investigating elevated error rates.')

describe('incident events', () => {
  it('incident opened: the title names the incident, the body its components and words; the console keeps the seed\'s Product line', () => {
    const event: MonitorEvent = {
      kind: 'incident_opened',
      key: 'inc-1:opened',
      incident: incident({ componentIds: ['c-chat'], updates: [investigating] }),
      update: investigating,
    }
    expect(eventText(event, context)).toEqual({
      title: 'OpenAI — Elevated error rates',
      body: 'Minor · Investigating · APIs / Chat Completions: We are investigating elevated error rates.',
      url: 'https://status.openai.com/incidents/inc-1',
      product: 'OpenAI - APIs / Chat Completions',
      status: 'Minor - Investigating',
      details: 'Elevated error rates: We are investigating elevated error rates.',
    })
  })

  it('incident opened without any update uses the incident status and its name as details', () => {
    const event: MonitorEvent = { kind: 'incident_opened', key: 'k', incident: incident(), update: null }
    const text = eventText(event, context)
    expect(text.product).toBe('OpenAI - Elevated error rates')
    expect(text.status).toBe('Minor - Investigating')
    expect(text.details).toBe('Elevated error rates')
    expect(text.title).toBe('OpenAI — Elevated error rates')
    // The title names it already: the body does not say it twice.
    expect(text.body).toBe('Minor · Investigating')
  })

  it('incident updated uses the status of the update, and the name when the update body is empty', () => {
    const identified = update('identified', '   ')
    const event: MonitorEvent = {
      kind: 'incident_updated',
      key: 'inc-1:u2',
      incident: incident({ impact: 'major', status: 'identified' }),
      update: identified,
    }
    const text = eventText(event, context)
    expect(text.status).toBe('Major - Identified')
    expect(text.body).toBe('Major · Identified')
    expect(text.details).toBe('Elevated error rates')
  })

  it.each([
    ['none', 'monitoring', 'Monitoring'],
    ['minor', 'monitoring', 'Minor - Monitoring'],
    ['major', 'identified', 'Major - Identified'],
    ['critical', 'investigating', 'Critical - Investigating'],
    ['maintenance', 'monitoring', 'Maintenance - Monitoring'],
    ['minor', 'postmortem', 'Minor - Postmortem'],
    ['minor', 'resolved', 'Minor - Resolved'],
    // Statuspage posts planned work as incidents whose updates carry the maintenance statuses.
    ['maintenance', 'scheduled', 'Maintenance - Scheduled'],
    ['maintenance', 'in_progress', 'Maintenance - In progress'],
    ['maintenance', 'verifying', 'Maintenance - Verifying'],
    ['maintenance', 'completed', 'Maintenance - Completed'],
  ] as const)('impact %s + %s → %s (no impact word for "none")', (impact, status, expected) => {
    const event: MonitorEvent = { kind: 'incident_updated', key: 'k', incident: incident({ impact }), update: update(status, 'Text.') }
    expect(eventText(event, context).status).toBe(expected)
  })

  it('"none" impact leaves the body headline as the status word alone', () => {
    const event: MonitorEvent = {
      kind: 'incident_updated',
      key: 'k',
      incident: incident({ impact: 'none' }),
      update: update('monitoring', 'A fix has been applied.'),
    }
    expect(eventText(event, context).body).toBe('Monitoring: A fix has been applied.')
  })

  it('incident resolved with a resolving update', () => {
    const resolved = update('resolved', 'This incident has been resolved.')
    const event: MonitorEvent = { kind: 'incident_resolved', key: 'k', incident: incident({ status: 'resolved' }), update: resolved }
    const text = eventText(event, context)
    expect(text.status).toBe('Minor - Resolved')
    expect(text.body).toBe('Minor · Resolved: This incident has been resolved.')
  })

  it('incident resolved with an empty resolving update says when (incident.io\'s history has no words)', () => {
    const event: MonitorEvent = { kind: 'incident_resolved', key: 'k', incident: incident(), update: update('resolved', '') }
    expect(eventText(event, context).details).toBe('Resolved at 14:32.')
    expect(eventText(event, context).body).toBe('Minor · Resolved: Resolved at 14:32.')
    const timeless: MonitorEvent = { ...event, update: { ...update('resolved', ''), at: null } }
    expect(eventText(timeless, context).body).toBe('Minor · Resolved: Resolved.')
  })

  it('incident that silently dropped out of the list reads as resolved, and says it is no longer listed', () => {
    const event: MonitorEvent = { kind: 'incident_resolved', key: 'k', incident: incident({ updates: [investigating] }), update: null }
    const text = eventText(event, context)
    expect(text.status).toBe('Minor - Resolved')
    expect(text.details).toBe('"Elevated error rates" is no longer listed as ongoing.')
    expect(text.body).toBe('Minor · Resolved: "Elevated error rates" is no longer listed as ongoing.')
  })
})

describe('product: components or incident name', () => {
  const opened = (over: Partial<Incident>, ctx: TextContext = context): string =>
    eventText({ kind: 'incident_opened', key: 'k', incident: incident(over), update: investigating }, ctx).product

  it('one component: "Group / Component"', () => {
    expect(opened({ componentIds: ['c-login'] })).toBe('OpenAI - ChatGPT / Login')
  })

  it('a top-level component has no group prefix', () => {
    expect(opened({ componentIds: ['c-video'] })).toBe('OpenAI - Video generation')
  })

  it('two components are both named', () => {
    expect(opened({ componentIds: ['c-chat', 'c-img'] })).toBe('OpenAI - APIs / Chat Completions, APIs / Images')
  })

  it('more than two: first two and "+N more"', () => {
    expect(opened({ componentIds: ['c-chat', 'c-img', 'c-video', 'c-login'] })).toBe(
      'OpenAI - APIs / Chat Completions, APIs / Images, +2 more',
    )
  })

  it('duplicate ids count once', () => {
    expect(opened({ componentIds: ['c-chat', 'c-chat'] })).toBe('OpenAI - APIs / Chat Completions')
  })

  it('ids missing from the snapshot still count towards "+N more"', () => {
    expect(opened({ componentIds: ['c-gone', 'c-chat', 'c-img'] })).toBe('OpenAI - APIs / Chat Completions, APIs / Images, +1 more')
  })

  it('no resolvable component → the incident name', () => {
    expect(opened({ componentIds: ['c-gone'] })).toBe('OpenAI - Elevated error rates')
    expect(opened({ componentIds: ['c-chat'] }, { ...context, snapshot: null })).toBe('OpenAI - Elevated error rates')
  })

  it('falls back to the page name of the snapshot, then the host, when the context has no name', () => {
    expect(opened({}, { ...context, pageName: '  ' })).toBe('OpenAI - Elevated error rates')
    expect(opened({}, { ...context, pageName: '', snapshot: null })).toBe('status.openai.com - Elevated error rates')
  })
})

describe('component changes', () => {
  const changed = (from: Component['status'], to: Component['status']): MonitorEvent => ({
    kind: 'component_changed',
    key: `c-chat:${to}`,
    component: components[0] as Component,
    label: 'APIs / Chat Completions',
    from,
    to,
  })

  it('degradation', () => {
    const text = eventText(changed('operational', 'degraded_performance'), context)
    expect(text).toEqual({
      title: 'OpenAI — APIs / Chat Completions',
      body: 'Degraded performance (was Operational)',
      url: 'https://status.openai.com/',
      product: 'OpenAI - APIs / Chat Completions',
      status: 'Degraded performance (was Operational)',
      details: 'Changed from Operational to Degraded performance.',
    })
  })

  it('recovery', () => {
    const text = eventText(changed('partial_outage', 'operational'), context)
    expect(text.status).toBe('Recovered: Operational (was Partial outage)')
    expect(text.body).toBe('Recovered: Operational (was Partial outage)')
  })

  it('end of maintenance is not called a recovery', () => {
    expect(eventText(changed('under_maintenance', 'operational'), context).status).toBe(
      'Maintenance over: Operational (was Under maintenance)',
    )
  })

  it('worsening between two bad states', () => {
    expect(eventText(changed('degraded_performance', 'major_outage'), context).status).toBe('Major outage (was Degraded performance)')
  })

  it('names an ongoing incident touching the component in the details', () => {
    const ctx = { ...context, snapshot: { ...snapshot, incidents: [incident({ componentIds: ['c-chat'] })] } }
    expect(eventText(changed('operational', 'partial_outage'), ctx).details).toBe(
      'Changed from Operational to Partial outage. Ongoing incident: Elevated error rates.',
    )
  })

  it('falls back to the component name when the label is empty', () => {
    const event: MonitorEvent = { ...(changed('operational', 'partial_outage') as Extract<MonitorEvent, { kind: 'component_changed' }>), label: '' }
    expect(eventText(event, context).product).toBe('OpenAI - Chat Completions')
  })
})

describe('maintenance events', () => {
  it('scheduled: window first, then the text', () => {
    const text = eventText({ kind: 'maintenance_scheduled', key: 'm-1:scheduled', maintenance: maintenance() }, context)
    expect(text).toEqual({
      title: 'OpenAI — Database upgrade',
      body: 'Maintenance · Scheduled: 2025-11-20 02:00 to 04:00 — We will be upgrading the primary database.',
      url: 'https://status.openai.com/incidents/m-1',
      product: 'OpenAI - Database upgrade',
      status: 'Maintenance - Scheduled',
      details: '2025-11-20 02:00 to 04:00 — We will be upgrading the primary database.',
    })
  })

  it('scheduled on named components: title names them, details keep the maintenance name', () => {
    const m = maintenance({ componentIds: ['c-chat'], impact: 'none' })
    const text = eventText({ kind: 'maintenance_scheduled', key: 'k', maintenance: m }, context)
    expect(text.title).toBe('OpenAI — APIs / Chat Completions')
    expect(text.status).toBe('Maintenance - Scheduled')
    expect(text.details).toBe('2025-11-20 02:00 to 04:00 — Database upgrade: We will be upgrading the primary database.')
  })

  it('scheduled without times or text', () => {
    const m = maintenance({ scheduledFor: null, scheduledUntil: null, updates: [] })
    expect(eventText({ kind: 'maintenance_scheduled', key: 'k', maintenance: m }, context).details).toBe('Database upgrade')
  })

  it('started: "In progress" with the planned end', () => {
    const m = maintenance({ status: 'in_progress', updates: [update('in_progress', 'Maintenance is under way.')] })
    const text = eventText({ kind: 'maintenance_started', key: 'k', maintenance: m }, context)
    expect(text.status).toBe('Maintenance - In progress')
    expect(text.body).toBe('Maintenance · In progress: Until 2025-11-20 04:00 — Maintenance is under way.')
  })

  it('started straight into verifying', () => {
    const m = maintenance({ status: 'verifying', scheduledUntil: null })
    expect(eventText({ kind: 'maintenance_started', key: 'k', maintenance: m }, context).status).toBe('Maintenance - Verifying')
  })

  it('completed with a completing update', () => {
    const m = maintenance({ status: 'completed', updates: [update('completed', 'The maintenance has been completed.')] })
    const text = eventText({ kind: 'maintenance_completed', key: 'k', maintenance: m }, context)
    expect(text.status).toBe('Maintenance - Completed')
    expect(text.details).toBe('The maintenance has been completed.')
  })

  it('completed by dropping out of the list does not repeat the old in-progress text', () => {
    const m = maintenance({ status: 'in_progress', updates: [update('in_progress', 'Maintenance is under way.')] })
    expect(eventText({ kind: 'maintenance_completed', key: 'k', maintenance: m }, context).details).toBe('"Database upgrade" has ended.')
  })
})

describe('maintenance window', () => {
  it('formats same-day, multi-day and open windows in local time', () => {
    expect(maintenanceWindow(Date.UTC(2025, 10, 20, 22, 0), Date.UTC(2025, 10, 21, 2, 30))).toBe('2025-11-20 22:00 to 2025-11-21 02:30')
    expect(maintenanceWindow(Date.UTC(2025, 10, 20, 22, 0), null)).toBe('Starts 2025-11-20 22:00')
    expect(maintenanceWindow(null, Date.UTC(2025, 10, 20, 22, 0))).toBe('Until 2025-11-20 22:00')
    expect(maintenanceWindow(null, null)).toBeNull()
  })
})

describe('notification length', () => {
  const long = `We are investigating ${'elevated error rates across several regions '.repeat(20)}and will update soon.`
  const event: MonitorEvent = { kind: 'incident_updated', key: 'k', incident: incident(), update: update('investigating', long) }

  it('the body is truncated with an ellipsis at a word boundary; details keep the full text', () => {
    const text = eventText(event, context)
    expect(Array.from(text.body).length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(text.body.endsWith('…')).toBe(true)
    expect(text.body).toMatch(/ (?:elevated|error|rates|across|several|regions)…$/)
    expect(text.details).toBe(long.trim())
  })

  it('the title is truncated too', () => {
    const name = 'x'.repeat(300)
    const text = eventText({ kind: 'incident_opened', key: 'k', incident: incident({ name }), update: null }, context)
    expect(Array.from(text.title).length).toBeLessThanOrEqual(NOTIFICATION_TITLE_MAX)
    expect(text.product).toBe(`OpenAI - ${name}`)
  })

  it('truncate never splits an emoji and leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short')
    const cut = truncate('😀'.repeat(20), 5)
    expect(cut).toBe('😀😀😀😀…')
  })

  it('truncate drops trailing punctuation before the ellipsis', () => {
    expect(truncate('one two, three four five six seven', 10)).toBe('one two…')
  })
})

describe('hostile text', () => {
  const withText = (text: string, name = 'Outage'): ReturnType<typeof eventText> =>
    eventText({ kind: 'incident_updated', key: 'k', incident: incident({ name }), update: update('identified', text) }, context)

  it('ANSI escapes and other control characters are removed', () => {
    const text = withText('\u001b[31mRED\u001b[0m alert\u0007 \u001b]8;;https://evil.net\u0007link\u001b]8;;\u0007 \u009b2J done')
    expect(text.details).toBe('RED alert link done')
    expect(text.body).toBe('Minor · Identified: RED alert link done')
  })

  it('bidi overrides are removed', () => {
    expect(withText('visit \u202emoc.live\u202c now').details).toBe('visit moc.live now')
  })

  it('HTML-looking text stays literal text', () => {
    const text = withText('<img src=x onerror=alert(1)> &amp; <b>bold</b>', '<script>alert(1)</script>')
    expect(text.details).toBe('<img src=x onerror=alert(1)> &amp; <b>bold</b>')
    expect(text.product).toBe('OpenAI - <script>alert(1)</script>')
  })

  it('newlines: kept (normalised) in details, collapsed in the body, title and product', () => {
    const text = eventText(
      {
        kind: 'incident_updated',
        key: 'k',
        incident: incident({ name: 'Two\nlines' }),
        update: update('identified', '  First line.\r\n\r\n\r\n\r\nSecond\tline.\u2028Third.  '),
      },
      context,
    )
    expect(text.details).toBe('First line.\n\nSecond line.\nThird.')
    expect(text.body).toBe('Minor · Identified: First line. Second line. Third.')
    expect(text.product).toBe('OpenAI - Two lines')
    expect(text.title).toBe('OpenAI — Two lines')
  })

  it('cleanLine and cleanText', () => {
    expect(cleanLine(' a \n\t b \u001b[2K c ')).toBe('a b c')
    expect(cleanText('a\u0000b\n\n\n\nc ')).toBe('ab\n\nc')
  })
})

describe('links', () => {
  const opened = (url: string | null, pageUrl = PAGE_URL, platform: Snapshot['platform'] = 'incidentio'): string =>
    eventText({ kind: 'incident_opened', key: 'k', incident: incident({ url }), update: null }, { ...context, pageUrl, snapshot: { ...snapshot, platform } }).url

  it('uses the incident link when it is on the page host, or the short-link host on a Statuspage page', () => {
    expect(opened('https://status.openai.com/incidents/abc')).toBe('https://status.openai.com/incidents/abc')
    expect(opened('https://stspg.io/0vf16sb2j8xn', PAGE_URL, 'statuspage')).toBe('https://stspg.io/0vf16sb2j8xn')
  })

  it('does not trust a short link handed over by another platform', () => {
    expect(opened('https://stspg.io/0vf16sb2j8xn')).toBe('https://status.openai.com/')
    expect(opened('https://stspg.io/0vf16sb2j8xn', PAGE_URL, 'feed')).toBe('https://status.openai.com/')
  })

  it('falls back to the page for unsafe or missing links', () => {
    expect(opened(null)).toBe('https://status.openai.com/')
    expect(opened('javascript:alert(1)')).toBe('https://status.openai.com/')
    expect(opened('https://status.openai.com.evil.net/incidents/abc')).toBe('https://status.openai.com/')
  })

  it('maintenance links are checked the same way', () => {
    const m = maintenance({ url: 'https://evil.net/m' })
    expect(eventText({ kind: 'maintenance_started', key: 'k', maintenance: m }, context).url).toBe('https://status.openai.com/')
  })
})

describe('wording a poll of a huge page', () => {
  it('names the first components of an incident that names 12,916, and counts the rest (no scan per id)', () => {
    const many: Component[] = Array.from({ length: 12_916 }, (_, i) => ({ id: `svc-${i}`, name: `Service ${i}`, groupId: null, status: 'degraded_performance' }))
    const big: Snapshot = { ...snapshot, components: many, incidents: [incident({ componentIds: many.map((c) => c.id) })] }
    const event: MonitorEvent = { kind: 'incident_opened', key: 'incident:inc-1:opened', incident: incident({ componentIds: many.map((c) => c.id), updates: [investigating] }), update: investigating }
    expect(eventText(event, { ...context, snapshot: big }).title).toBe('OpenAI — Elevated error rates')
    expect(eventText(event, { ...context, snapshot: big }).product).toBe('OpenAI - Service 0, Service 1, +12914 more')
    const change: MonitorEvent = { kind: 'component_changed', key: 'component:svc-7:partial_outage:1', component: { ...many[7] as Component, status: 'partial_outage' }, label: 'Service 7', from: 'degraded_performance', to: 'partial_outage' }
    expect(eventText(change, { ...context, snapshot: big }).details).toContain('Ongoing incident: Elevated error rates.')
  })
})

describe('placeholders for blank names', () => {
  it('an incident without a name is an "Untitled incident", titled "Untitled"', () => {
    const text = eventText({ kind: 'incident_opened', key: 'k', incident: incident({ name: ' \u001b[0m ' }), update: null }, context)
    expect(text.title).toBe('OpenAI — Untitled incident')
    expect(text.product).toBe('OpenAI - Untitled')
    expect(text.details).toBe('Untitled incident')
    expect(text.body).toBe('Minor · Investigating')
  })

  it('a maintenance without a name is an "Untitled maintenance"', () => {
    const m = maintenance({ name: '', status: 'in_progress', updates: [update('in_progress', 'Under way.')] })
    expect(eventText({ kind: 'maintenance_completed', key: 'k', maintenance: m }, context).details).toBe('"Untitled maintenance" has ended.')
  })

  it('a component without a label or a name is an "Unnamed component"', () => {
    const event: MonitorEvent = {
      kind: 'component_changed',
      key: 'k',
      component: { id: 'c-x', name: '\u202e', groupId: null, status: 'major_outage' },
      label: '',
      from: 'operational',
      to: 'major_outage',
    }
    expect(eventText(event, context).title).toBe('OpenAI — Unnamed component')
  })

  it('a page with no usable name and no parseable URL is a "Status page"', () => {
    const event: MonitorEvent = { kind: 'incident_opened', key: 'k', incident: incident(), update: null }
    expect(eventText(event, { pageName: '', pageUrl: 'not a url', snapshot: null }).title).toBe('Status page — Elevated error rates')
  })
})

describe('component changes and the incidents touching them', () => {
  const chat = components[0] as Component
  const change = (snap: Snapshot | null): string =>
    eventText({ kind: 'component_changed', key: 'k', component: chat, label: 'APIs / Chat Completions', from: 'operational', to: 'partial_outage' }, { ...context, snapshot: snap }).details

  it('with no snapshot to look in, the details name no incident', () => {
    expect(change(null)).toBe('Changed from Operational to Partial outage.')
  })

  it('the notification names the incident it belongs to after its status; the console keeps its Status line plain', () => {
    const touched: Snapshot = { ...snapshot, incidents: [incident({ id: 'i1', name: 'Elevated error rates', componentIds: ['c-chat'] })] }
    const text = eventText({ kind: 'component_changed', key: 'k', component: chat, label: 'APIs / Chat Completions', from: 'operational', to: 'partial_outage' }, { ...context, snapshot: touched })
    expect(text.title).toBe('OpenAI — APIs / Chat Completions')
    expect(text.body).toBe('Partial outage (was Operational) — Elevated error rates')
    expect(text.status).toBe('Partial outage (was Operational)')
    expect(text.details).toBe('Changed from Operational to Partial outage. Ongoing incident: Elevated error rates.')
  })

  it('at first sight nobody saw what it was: no "was", in the notification or the console', () => {
    const text = eventText({ kind: 'component_changed', key: 'k', component: chat, label: 'APIs / Chat Completions', from: null, to: 'partial_outage' }, { ...context, snapshot })
    expect(text.body).toBe('Partial outage')
    expect(text.details).toBe('Partial outage when first checked.')
    expect(`${text.body} ${text.details} ${text.status}`).not.toContain('was')
  })

  it('with no incident touching the component, the details end with the change', () => {
    expect(change(snapshot)).toBe('Changed from Operational to Partial outage.')
  })

  it('names every ongoing incident touching the component, in page order, and skips unnamed ones', () => {
    const incidents = [
      incident({ id: 'i1', name: 'Elevated error rates', componentIds: ['c-chat', 'c-img'] }),
      incident({ id: 'i2', name: '  ', componentIds: ['c-chat'] }),
      incident({ id: 'i3', name: 'Slow responses', componentIds: ['c-chat', 'c-chat'] }),
      incident({ id: 'i4', name: 'Login failures', componentIds: ['c-login'] }),
    ]
    expect(change({ ...snapshot, incidents })).toBe('Changed from Operational to Partial outage. Ongoing incident: Elevated error rates; Slow responses.')
    expect(change({ ...snapshot, incidents: [incidents[1] as Incident] })).toBe('Changed from Operational to Partial outage.')
  })
})

describe('a snapshot that lists a component id twice', () => {
  it('labels the component by its first entry, as the page shows it', () => {
    const twice: Snapshot = { ...snapshot, components: [...components, { id: 'c-chat', name: 'Chat (legacy)', groupId: null, status: 'operational' }] }
    const event: MonitorEvent = { kind: 'incident_opened', key: 'k', incident: incident({ componentIds: ['c-chat'] }), update: null }
    expect(eventText(event, { ...context, snapshot: twice }).product).toBe('OpenAI - APIs / Chat Completions')
  })
})

describe('cleaning page text', () => {
  const withText = (text: string, name = 'Outage'): ReturnType<typeof eventText> =>
    eventText({ kind: 'incident_updated', key: 'k', incident: incident({ name }), update: update('identified', text) }, context)

  it('line breaks of every kind in a name become one space in the title', () => {
    expect(withText('x', 'API\r\nerrors\rin\u2028EU\u2029and US').title).toBe('OpenAI — API errors in EU and US')
  })

  it('details lose leading and trailing blank lines and the indentation of each line', () => {
    const text = withText('\n\n  Affected:  \n    - Chat  \n\t- Images\n\n')
    expect(text.details).toBe('Affected:\n- Chat\n- Images')
    expect(text.body).toBe('Minor · Identified: Affected: - Chat - Images')
  })

  it('8-bit CSI sequences with several parameters are removed whole', () => {
    expect(withText('\u009b1;31mRED\u009b0m alert\u009b38;5;196m now').details).toBe('RED alert now')
  })

  it('an OSC sequence left open runs to the end of the text and is removed', () => {
    expect(withText('Degraded\u001b]0;fake title').details).toBe('Degraded')
    expect(withText('Degraded\u001b]8;;https://evil.net\u001b\\ link').details).toBe('Degraded link')
  })

  it('two-character escapes (ESC + one of @ to _) are removed whole', () => {
    expect(withText('Up\u001bMdated\u001bE now').details).toBe('Updated now')
  })

  it('7-bit CSI sequences with parameters and intermediates are removed whole', () => {
    expect(withText('\u001b[1;31mRED\u001b[0m \u001b[2 qalert\u001b[?25l').details).toBe('RED alert')
  })
})

describe('truncate at the edges', () => {
  it('counts code points: a text of exactly max characters is kept whole, emoji included', () => {
    expect(truncate('😀 status 😀', 10)).toBe('😀 status 😀')
    expect(truncate('😀😀😀😀😀', 5)).toBe('😀😀😀😀😀')
  })

  it('a space 70% of the way into the cut is near enough to cut there', () => {
    expect(truncate('abcdefg hijklmn', 11)).toBe('abcdefg…')
  })

  it('drops every trailing punctuation mark before the ellipsis, not just the last', () => {
    expect(truncate('Degraded performance... investigating', 30)).toBe('Degraded performance…')
  })
})

describe('times that cannot be read', () => {
  it('a window with an unreadable start says so instead of printing nonsense', () => {
    expect(maintenanceWindow(Number.NaN, null)).toBe('Starts ????-??-?? ??:??')
  })
})
