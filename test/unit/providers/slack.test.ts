import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import { diffSnapshot } from '../../../src/diff.ts'
import type { Snapshot } from '../../../src/model.ts'
import { detectionOrder, normalizeBaseUrl } from '../../../src/providers/index.ts'
import { parseSlackCurrent, slack } from '../../../src/providers/slack.ts'
import { failure, value } from '../../support/result.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'
import { isRecord } from '../../../src/untrusted.ts'

const SAMPLE = 'slack/slack-current-2020-07-30.json'
const BASE = new URL('https://status.slack.com/')

type Body = Record<string, unknown> & { active_incidents: Record<string, unknown>[] }

/** A fresh copy of the real capture to edit. */
function real(): Body {
  const json = sampleJson(SAMPLE)
  if (!isRecord(json) || !Array.isArray(json.active_incidents)) throw new Error(`${SAMPLE} is not a Slack body`)
  return { ...json, active_incidents: json.active_incidents.filter(isRecord).map((issue) => ({ ...issue })) }
}
const parse = (json: unknown, base = BASE): Snapshot => value(parseSlackCurrent(json, base))
const shapeError = (json: unknown): string => {
  const error = failure(parseSlackCurrent(json, BASE))
  expect(error.kind).toBe('bad_shape')
  return error.message
}

/** The real capture with its first incident edited. */
function withFirst(edit: Record<string, unknown>): Body {
  const body = real()
  body.active_incidents[0] = { ...body.active_incidents[0], ...edit }
  return body
}

const JUL_30 = Date.UTC(2020, 6, 30, 22, 12, 34) // 2020-07-30T15:12:34-07:00
const JUL_24 = Date.UTC(2020, 6, 24, 17, 45, 8) // 2020-07-24T10:45:08-07:00

describe('Slack current: real capture (2020-07-30)', () => {
  it('reads both active incidents, numeric ids as strings, in Slack’s order', () => {
    const s = parse(sampleJson(SAMPLE))
    expect(s.platform).toBe('slack')
    expect(s.page).toEqual({ name: 'Slack', url: 'https://status.slack.com' })
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.impact, i.url, i.startedAt, i.componentIds])).toEqual([
      ['878', 'We are investigating an issue with notification settings', 'investigating', 'minor', 'https://status.slack.com/2020-07/ea58a170d343b2ad', JUL_30, ['Notifications']],
      ['879', "We're looking into an issue with certain API calls", 'investigating', 'minor', 'https://status.slack.com/2020-07/7d32ad54b0703c47', JUL_24, ['Apps/Integrations/APIs']],
    ])
    expect(s.maintenances).toEqual([])
    expect(s.level).toBe('minor')
  })

  it('reads each note as an update known by its time', () => {
    const [notifications, api] = parse(sampleJson(SAMPLE)).incidents
    expect(notifications?.updates).toEqual([
      {
        id: String(JUL_30),
        status: 'investigating',
        text: 'Some users might notice that their notifications settings for mobile are not being respected. We are taking a look and hope to have more news soon.',
        at: JUL_30,
      },
    ])
    expect(api?.updates.map((u) => [u.id, u.at])).toEqual([[String(JUL_24), JUL_24]])
    expect(api?.updates[0]?.text).toMatch(/^We're currently aware of some intermittent latency .* users\.setPhoto, chat\.postMessage and chat\.update, views\.\*\).* Sorry for the inconvenience\.$/)
  })

  it('lists the services the incidents name as components, degraded while named', () => {
    const s = parse(sampleJson(SAMPLE))
    expect(s.components).toEqual([
      { id: 'Notifications', name: 'Notifications', groupId: null, status: 'degraded_performance' },
      { id: 'Apps/Integrations/APIs', name: 'Apps/Integrations/APIs', groupId: null, status: 'degraded_performance' },
    ])
    expect(s.groups).toEqual([])
  })

  it('is what the provider’s one endpoint reads, on the page’s own host', () => {
    const [endpoint, ...more] = slack.endpoints(BASE)
    expect(more).toEqual([])
    expect(endpoint?.url).toBe('https://status.slack.com/api/v2.0.0/current')
    expect(endpoint && value(endpoint.parse(JSON.parse(sampleText(SAMPLE))))).toEqual(parse(sampleJson(SAMPLE)))
    expect(slack.endpoints(new URL('https://slack-status.com'))[0]?.url).toBe('https://slack-status.com/api/v2.0.0/current')
  })
})

describe('Slack current: the documented shapes', () => {
  // docs.slack.dev/reference/slack-status-api, "a sample ok response".
  const OK = { status: 'ok', active_incidents: [], date_created: '2018-09-07T18:34:15-07:00', date_updated: '2018-09-07T18:34:15-07:00' }

  it('reads the brief "ok" body as all well, with nothing listed', () => {
    expect(parse(OK)).toEqual({ platform: 'slack', page: { name: 'Slack', url: 'https://status.slack.com' }, level: 'operational', components: [], groups: [], incidents: [], maintenances: [] })
    const { active_incidents: _dropped, ...older } = OK
    expect(parse(older).level).toBe('operational')
  })

  it('accepts the docs’ string id, and a note body with \\r\\n', () => {
    const s = parse(withFirst({ id: '546', notes: [{ date_created: '2018-09-07T18:34:15-07:00', body: 'Line one.\r\nLine two.' }] }))
    expect(s.incidents[0]?.id).toBe('546')
    expect(s.incidents[0]?.updates[0]?.text).toBe('Line one.\nLine two.')
  })

  it('an outage is worse than an incident: major, its services partial_outage', () => {
    const s = parse(withFirst({ type: 'outage' }))
    expect(s.incidents.map((i) => [i.id, i.impact])).toEqual([
      ['878', 'major'],
      ['879', 'minor'],
    ])
    expect(s.components[0]).toEqual({ id: 'Notifications', name: 'Notifications', groupId: null, status: 'partial_outage' })
    expect(s.level).toBe('major')
  })

  it('a service named by an incident and an outage takes the worse', () => {
    const body = withFirst({ type: 'outage', services: ['Apps/Integrations/APIs', 'Messaging'] })
    expect(parse(body).components.map((c) => [c.id, c.status])).toEqual([
      ['Apps/Integrations/APIs', 'partial_outage'],
      ['Messaging', 'partial_outage'],
    ])
  })

  it('a maintenance is a maintenance: in progress while listed as active, scheduled when Slack says so', () => {
    const active = parse(withFirst({ type: 'maintenance', title: 'Planned maintenance on Files' }))
    expect(active.incidents.map((i) => i.id)).toEqual(['879'])
    expect(active.maintenances).toEqual([
      {
        id: '878',
        name: 'Planned maintenance on Files',
        status: 'in_progress',
        impact: 'maintenance',
        url: 'https://status.slack.com/2020-07/ea58a170d343b2ad',
        scheduledFor: null,
        scheduledUntil: null,
        updates: [expect.objectContaining({ id: String(JUL_30), status: 'in_progress', at: JUL_30 })],
        componentIds: ['Notifications'],
      },
    ])
    expect(active.components[0]).toMatchObject({ id: 'Notifications', status: 'under_maintenance' })
    const alone = real()
    alone.active_incidents = [{ ...alone.active_incidents[0], type: 'maintenance' }]
    expect(parse(alone).level).toBe('maintenance')
    alone.active_incidents = [{ ...alone.active_incidents[0], type: 'maintenance', status: 'scheduled' }]
    const scheduled = parse(alone)
    expect(scheduled.maintenances[0]?.status).toBe('scheduled')
    expect(scheduled.components).toEqual([{ id: 'Notifications', name: 'Notifications', groupId: null, status: 'operational' }])
    expect(scheduled.level).toBe('operational')
  })

  it('drops an issue Slack already calls resolved or completed', () => {
    expect(parse(withFirst({ status: 'resolved' })).incidents.map((i) => i.id)).toEqual(['879'])
    expect(parse(withFirst({ type: 'maintenance', status: 'completed' })).maintenances).toEqual([])
  })

  it('takes the top-level word when nothing open is listed, and never reads better than the list', () => {
    expect(parse({ status: 'active', active_incidents: [] }).level).toBe('minor')
    expect(parse({ status: 'something-new', active_incidents: [] }).level).toBe('minor')
    expect(parse({ ...real(), status: 'ok' }).level).toBe('minor')
  })
})

describe('Slack: services come and go without a false recovery', () => {
  const events = (before: unknown, after: unknown) => {
    const first = diffSnapshot(null, parse(before))
    return diffSnapshot(first.seen, parse(after)).events
  }

  it('a service no longer named, or an incident gone, says nothing about the service', () => {
    const quieter = withFirst({ services: [] })
    expect(events(real(), quieter)).toEqual([])
    const gone = real()
    gone.active_incidents = gone.active_incidents.slice(1)
    expect(events(real(), gone).filter((e) => e.kind === 'component_changed')).toEqual([])
  })

  it('a service newly named is a component change; a new note an update', () => {
    const first = real().active_incidents[0]
    const wider = withFirst({
      services: ['Notifications', 'Messaging'],
      notes: [...(Array.isArray(first?.notes) ? first.notes : []), { date_created: '2020-07-30T15:40:00-07:00', body: 'We have identified the cause.' }],
    })
    const seen = events(real(), wider).map((e) => {
      if (e.kind === 'component_changed') return [e.kind, e.component.id, e.to]
      return 'incident' in e ? [e.kind, e.incident.id, e.update?.text] : [e.kind, e.maintenance.id]
    })
    expect(seen).toEqual([
      ['incident_updated', '878', 'We have identified the cause.'],
      ['component_changed', 'Messaging', 'degraded_performance'],
    ])
  })
})

describe('Slack current: hostile shapes', () => {
  it('fails with bad_shape, never a crash, when the body is not Slack’s', () => {
    for (const body of [null, [], 'ok', 42, {}, { status: 1, active_incidents: [] }, { status: null }]) shapeError(body)
    expect(shapeError({ status: 'active' })).toMatch(/active_incidents: expected a list/)
    expect(shapeError({ status: 'active', active_incidents: null })).toMatch(/a list, not null/)
    expect(shapeError({ status: 'ok', active_incidents: null })).toMatch(/a list, not null/)
    expect(shapeError({ status: 'active', active_incidents: { 878: {} } })).toMatch(/active_incidents: expected a list/)
  })

  it('fails on an issue that is not an object or has no id: never half a snapshot', () => {
    expect(shapeError({ status: 'active', active_incidents: [null] })).toMatch(/\$\.active_incidents\[0\]: expected an object/)
    for (const id of [undefined, null, '', '  ', true, {}, [878], Number.NaN]) {
      expect(shapeError(withFirst({ id }))).toMatch(/\$\.active_incidents\[0\]\.id: expected an id/)
    }
  })

  it('reads wrong-typed fields as absent', () => {
    const s = parse(withFirst({ title: 42, type: null, status: { x: 1 }, url: ['x'], services: 'Notifications', notes: null, date_created: 'yesterday' }))
    expect(s.incidents[0]).toEqual({ id: '878', name: 'Slack incident', status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds: [] })
    expect(s.components.map((c) => c.id)).toEqual(['Apps/Integrations/APIs'])
    const junk = parse(withFirst({ services: [null, 7, '', '  ', 'Files', 'Files', { name: 'Calls' }], notes: [null, 'text', 3, { body: 9 }, { date_created: 5, body: 'undated' }] }))
    expect(junk.incidents[0]?.componentIds).toEqual(['Files'])
    expect(junk.incidents[0]?.updates).toEqual([
      { id: 'note-1', status: 'investigating', text: '', at: null },
      { id: 'note-2', status: 'investigating', text: 'undated', at: null },
    ])
  })

  it('keeps page text plain and links on Slack’s own https site', () => {
    const s = parse(withFirst({ title: '<b>Calls</b> &amp; <script>alert(1)</script>huddles', services: ['<i>Huddles</i>'] }))
    expect(s.incidents[0]?.name).not.toMatch(/[<>]/)
    expect(s.incidents[0]?.name).toContain('Calls & ')
    expect(s.components[0]?.name).toBe('Huddles')
    const link = (url: unknown, base = BASE): string | null => parse(withFirst({ url }), base).incidents[0]?.url ?? null
    expect(link('javascript:alert(1)')).toBeNull()
    expect(link('http://status.slack.com/2020-07/x')).toBeNull()
    expect(link('https://evil.example/2020-07/x')).toBeNull()
    expect(link('https://user:pw@status.slack.com/x')).toBeNull()
    expect(link('https://slack-status.com/2024-01/abc')).toBe('https://slack-status.com/2024-01/abc')
    expect(link('https://mirror.example/2024-01/abc', new URL('https://mirror.example'))).toBe('https://mirror.example/2024-01/abc')
  })

  it('keeps the first of a repeated id, and notes at the same time apart', () => {
    const body = real()
    const note = { date_created: '2020-07-30T15:12:34-07:00', body: 'again' }
    body.active_incidents = [{ ...body.active_incidents[0], notes: [note, note] }, { ...body.active_incidents[1], id: 878 }]
    const s = parse(body)
    expect(s.incidents.map((i) => i.name)).toEqual(['We are investigating an issue with notification settings'])
    expect(s.incidents[0]?.updates.map((u) => u.id)).toEqual([String(JUL_30), `${JUL_30}#2`])
    expect(s.components.map((c) => c.id)).toEqual(['Notifications'])
  })

  it('orders notes newest first whatever order Slack sends them in', () => {
    const notes = [
      { date_created: '2020-07-30T15:00:00-07:00', body: '22:00 UTC' },
      { body: 'undated' },
      { date_created: '2020-07-30T17:00:00-07:00', body: '00:00 UTC the next day' },
      { date_created: '2020-07-30T16:00:00Z', body: '16:00 UTC' },
    ]
    expect(parse(withFirst({ notes })).incidents[0]?.updates.map((u) => u.text)).toEqual(['00:00 UTC the next day', '22:00 UTC', '16:00 UTC', 'undated'])
  })

  it('reads tens of thousands of issues and services in one pass', () => {
    const template = real().active_incidents[1] ?? {}
    const many = { status: 'active', active_incidents: Array.from({ length: 20_000 }, (_, index) => ({ ...template, id: index, services: [`Service ${index % 5_000}`] })) }
    const s = parse(many)
    expect(s.incidents).toHaveLength(20_000)
    expect(s.incidents[12_345]?.id).toBe('12345')
    expect(s.components).toHaveLength(5_000)
    const wide = parse(withFirst({ services: Array.from({ length: 100_000 }, (_, index) => `S${index}`) }))
    expect(wide.components).toHaveLength(100_001)
    expect(wide.components[99_999]).toEqual({ id: 'S99999', name: 'S99999', groupId: null, status: 'degraded_performance' })
  })
})

describe('Slack: detection', () => {
  it('is tried first on Slack’s status hosts and nowhere else', () => {
    expect(detectionOrder(new URL('https://status.slack.com/'))[0]).toBe('slack')
    expect(detectionOrder(new URL('https://slack-status.com/'))[0]).toBe('slack')
    expect(detectionOrder(new URL('https://status.example.com/'))).not.toContain('slack')
    expect(detectionOrder(new URL('https://status.slack.com.evil.example/'))).not.toContain('slack')
  })

  it('a pasted endpoint address is the page, and detection reads the capture from it', async () => {
    const normalized = normalizeBaseUrl('https://status.slack.com/api/v2.0.0/current')
    if (!normalized.ok) throw new Error(normalized.error)
    const base = normalized.value
    expect(base.href).toBe('https://status.slack.com/')
    const asked: string[] = []
    const found = await detectPlatform(base, {
      fetch: (url) => {
        asked.push(String(url))
        return Promise.resolve(new Response(sampleText(SAMPLE), { headers: { 'content-type': 'application/json' } }))
      },
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      now: () => JUL_30,
    })
    expect(asked).toEqual(['https://status.slack.com/api/v2.0.0/current'])
    expect(value(found).platform).toBe('slack')
    expect(value(found).snapshot.incidents.map((i) => i.id)).toEqual(['878', '879'])
  })
})
