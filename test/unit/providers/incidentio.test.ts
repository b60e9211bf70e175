import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import { incidentio, parseCompatibleSummary, parseProxySummary } from '../../../src/providers/incidentio.ts'
import { parseSummary } from '../../../src/providers/statuspage.ts'
import { isRecord } from '../../../src/untrusted.ts'
import { sampleJson } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/incidentio/${name}`, import.meta.url), 'utf8')) as unknown

const OPENAI = new URL('https://status.openai.com')
const EXAMPLE = new URL('https://status.example.com')

const SORA = '01JQ7EKWQ2Q810TGEQ7C7JYZSA'
const VIDEO_GENERATION = '01JMXCAX0QN2ZHVMS54EEN1HXB'

describe('incident.io /proxy summary: OpenAI, 2025-04-08', () => {
  const snapshot = (): Snapshot => value(parseProxySummary(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'), OPENAI))

  it('reads the page', () => {
    const s = snapshot()
    expect(s.platform).toBe('incidentio')
    expect(s.page).toEqual({ name: 'OpenAI', url: 'https://status.openai.com' })
    expect(s.level).toBe('minor')
  })

  it('takes groups and order from the structure: APIs, ChatGPT, Sora, then 2 ungrouped components', () => {
    const s = snapshot()
    expect(s.groups).toEqual([
      { id: '01JQ7EKWQ2Q810TGEQ7A6V44HC', name: 'APIs' },
      { id: '01JQ7EKWQ2Q810TGEQ7BM2RYBW', name: 'ChatGPT' },
      { id: SORA, name: 'Sora' },
    ])
    expect(s.components).toHaveLength(37)
    const countIn = (groupId: string | null) => s.components.filter((c) => c.groupId === groupId).length
    expect(s.groups.map((g) => countIn(g.id))).toEqual([14, 16, 5])
    expect(s.components[0]).toEqual({ id: '01JMXBRMFE6N2NNT7DG6XZQ6PW', name: 'Chat', groupId: '01JQ7EKWQ2Q810TGEQ7A6V44HC', status: 'operational' })
    expect(s.components.slice(-2)).toEqual([
      { id: '01JMDK9XYNGWKNFAQ12VC4SPQH', name: 'Playground', groupId: null, status: 'operational' },
      { id: '01JMDK9XYN8Z6K633X01G7WFD9', name: 'Labs', groupId: null, status: 'operational' },
    ])
    expect(s.components.filter((c) => c.groupId === SORA).map((c) => c.name)).toEqual([
      'Login',
      'Video generation',
      'Video viewing',
      'Feed',
      'Image Generation',
    ])
  })

  it('keys components on ids: "Login" is two components in two groups', () => {
    const logins = snapshot().components.filter((c) => c.name === 'Login')
    expect(logins.map((c) => c.groupId)).toEqual(['01JQ7EKWQ2Q810TGEQ7BM2RYBW', SORA])
    expect(new Set(logins.map((c) => c.id)).size).toBe(2)
  })

  it('only Sora / Video generation is degraded; unlisted components are operational', () => {
    expect(snapshot().components.filter((c) => c.status !== 'operational')).toEqual([
      { id: VIDEO_GENERATION, name: 'Video generation', groupId: SORA, status: 'degraded_performance' },
    ])
  })

  it('reads the ongoing incident in monitoring with its latest update', () => {
    const [incident, ...others] = snapshot().incidents
    expect(others).toEqual([])
    expect(incident).toEqual({
      id: '01JRB888M6TJVDDKGCA1YZ3ZHT',
      name: 'New users may experience temporary delays in video generation capabilities',
      status: 'monitoring',
      impact: 'minor',
      url: 'https://status.openai.com/incidents/01JRB888M6TJVDDKGCA1YZ3ZHT',
      startedAt: Date.UTC(2025, 3, 8, 17, 48, 0, 517),
      updates: [
        {
          id: '01JRB888M6PD0234TWT53M9G46',
          status: 'monitoring',
          text: 'New users may experience temporary delays in video generation capabilities. We are applying the mitigation and are monitoring the recovery.',
          at: Date.UTC(2025, 3, 8, 17, 48, 0, 517),
        },
      ],
      componentIds: [VIDEO_GENERATION],
    })
  })

  it('has no maintenance', () => {
    expect(snapshot().maintenances).toEqual([])
  })
})

describe('incident.io /proxy summary: hand-made fixture with maintenances', () => {
  const s = value(parseProxySummary(fixture('proxy-summary-maintenances.json'), EXAMPLE))

  it('skips hidden groups and hidden components, and ignores unknown structure items', () => {
    expect(s.groups).toEqual([{ id: 'G-CORE', name: 'Core' }])
    expect(s.components.map((c) => `${c.groupId ?? '-'}/${c.name}`)).toEqual(['G-CORE/API', 'G-CORE/Database', '-/Dashboard', '-/Docs'])
  })

  it('maps full_outage to major_outage and takes the level from the worst visible component', () => {
    expect(s.components.map((c) => c.status)).toEqual(['major_outage', 'under_maintenance', 'operational', 'operational'])
    expect(s.level).toBe('critical')
  })

  it('derives the incident impact from its worst component status, and sorts updates newest first across offsets', () => {
    const [incident] = s.incidents
    expect(incident).toMatchObject({ status: 'identified', impact: 'critical', componentIds: ['C-API'] })
    expect(incident?.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['U-2', 'identified', Date.UTC(2025, 4, 1, 10, 30, 0, 250)],
      ['U-1', 'investigating', Date.UTC(2025, 4, 1, 10, 0, 0)],
    ])
  })

  it('keeps the ProseMirror paragraphs, line breaks and lists', () => {
    expect(s.incidents[0]?.updates[0]?.text).toBe('The cause is a bad deploy.\nRolling back.\n\n- API: down\n- Dashboard: fine')
  })

  it('maps both spellings of maintenance statuses and times, dropping the completed one', () => {
    expect(s.maintenances).toEqual([
      {
        id: '01HANDMADEMAINTENANCE00001',
        name: 'Database upgrade',
        status: 'in_progress',
        impact: 'maintenance',
        url: 'https://status.example.com/incidents/01HANDMADEMAINTENANCE00001',
        scheduledFor: Date.UTC(2025, 4, 1, 8),
        scheduledUntil: Date.UTC(2025, 4, 1, 12),
        updates: [
          { id: 'MU-2', status: 'in_progress', text: 'The upgrade has started.', at: Date.UTC(2025, 4, 1, 8) },
          { id: 'MU-1', status: 'scheduled', text: 'We will upgrade the database.', at: Date.UTC(2025, 3, 28, 9) },
        ],
        componentIds: ['C-DB'],
      },
      {
        id: '01HANDMADEMAINTENANCE00002',
        name: 'Dashboard move',
        status: 'scheduled',
        impact: 'maintenance',
        url: 'https://status.example.com/incidents/01HANDMADEMAINTENANCE00002',
        scheduledFor: Date.UTC(2025, 5, 1, 0),
        scheduledUntil: Date.UTC(2025, 5, 1, 2),
        updates: [],
        componentIds: ['C-DASH'],
      },
    ])
  })

  it('flattens a page name with markup', () => {
    expect(s.page).toEqual({ name: 'Example Cloud', url: 'https://status.example.com' })
  })
})

describe('incident.io compatible summary.json (the fallback)', () => {
  it('parses with the Statuspage reader under the incident.io platform, despite the missing keys', () => {
    const s = value(parseCompatibleSummary(fixture('compat-summary.json'), EXAMPLE))
    expect(s.platform).toBe('incidentio')
    expect(s.maintenances).toEqual([])
    // The page's own indicator (major) is the level; a component in full outage is our worse reading.
    expect(s).toMatchObject({ level: 'major', reading: 'critical' })
    expect(s.incidents[0]?.updates.map((u) => [u.id, u.text])).toEqual([
      ['U-2', ''],
      ['U-1', ''],
    ])
  })

  it('passes a wrong shape through as bad_shape', () => {
    expect(failure(parseCompatibleSummary({ summary: {} }, EXAMPLE)).kind).toBe('bad_shape')
  })
})

/** A valid native summary to break one piece at a time. */
function proxy(overrides: Record<string, unknown> = {}): { summary: Record<string, unknown> } {
  return {
    summary: {
      name: 'Example',
      public_url: 'https://status.example.com/',
      components: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      affected_components: [],
      ongoing_incidents: [],
      scheduled_maintenances: [],
      structure: { items: [{ component: { component_id: 'a', name: 'A', hidden: false } }, { component: { component_id: 'b', name: 'B' } }] },
      ...overrides,
    },
  }
}

const ongoing = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'i1',
  name: 'Trouble',
  status: 'investigating',
  published_at: '2025-01-01T00:00:00Z',
  affected_components: [{ component_id: 'a', status: 'partial_outage' }],
  updates: [{ id: 'u1', published_at: '2025-01-01T00:00:00Z', to_status: 'investigating', message_string: 'Looking.' }],
  ...overrides,
})

const parse = (json: unknown) => parseProxySummary(json, EXAMPLE)

describe('incident.io: hostile and odd payloads', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['an HTML string', '<!doctype html><title>Just a moment...</title>'],
    ['an object without summary', { page: {}, components: [] }],
    ['summary: null', { summary: null }],
    ['summary without components', { summary: { name: 'x', structure: { items: [] } } }],
    ['components as a string', { summary: { name: 'x', components: 'a,b' } }],
  ])('rejects %s as bad_shape', (_label, json) => {
    const error = failure(parse(json))
    expect(error.kind).toBe('bad_shape')
    expect(error.message).toMatch(/^incident\.io summary: /)
  })

  it.each([
    [null, '$: expected an object'],
    [{ summary: null }, 'summary: expected an object'],
    [{ summary: { name: 'x' } }, 'summary.components: expected a list'],
    [proxy({ affected_components: null }), 'summary.affected_components: expected a list, not null'],
    [proxy({ ongoing_incidents: {} }), 'summary.ongoing_incidents: expected a list'],
    [proxy({ scheduled_maintenances: null }), 'summary.scheduled_maintenances: expected a list, not null'],
    [proxy({ ongoing_incidents: [ongoing(), { name: 'x' }] }), 'summary.ongoing_incidents[1].id: expected an id'],
    [proxy({ scheduled_maintenances: [{ id: 'm', updates: [{ id: 'u' }, 5] }] }), 'summary.scheduled_maintenances[0].updates[1]: expected an object'],
    [proxy({ structure: { items: [{ component: { name: 'x' } }] } }), 'summary.structure.items[0].component.component_id: expected an id'],
  ])('says where the shape is wrong: %j', (json, where) => {
    expect(failure(parse(json))).toEqual({ kind: 'bad_shape', message: `incident.io summary: ${where}` })
  })

  it('rejects a structure group or component without an id, saying where', () => {
    const group = proxy({ structure: { items: [{ group: { name: 'G', components: [] } }] } })
    expect(failure(parse(group)).message).toBe('incident.io summary: summary.structure.items[0].group.id: expected an id')
    const child = proxy({ structure: { items: [{ group: { id: 'g', components: [{ name: 'nameless' }] } }] } })
    expect(failure(parse(child)).message).toMatch(/items\[0\]\.group\.components\[0\]\.component_id/)
  })

  it('rejects an update without an id', () => {
    expect(failure(parse(proxy({ ongoing_incidents: [ongoing({ updates: [{ message_string: 'x' }] })] }))).message).toMatch(
      /ongoing_incidents\[0\]\.updates\[0\]\.id/,
    )
  })

  it('reads null everywhere an optional value or list may be', () => {
    const s = value(
      parse({
        summary: {
          name: null,
          public_url: null,
          components: [],
          ongoing_incidents: [{ id: 'i', name: null, status: null, published_at: null, affected_components: null, updates: null }],
          structure: null,
        },
      }),
    )
    expect(s).toEqual({
      platform: 'incidentio',
      page: { name: 'status.example.com', url: 'https://status.example.com' },
      level: 'operational',
      components: [],
      groups: [],
      incidents: [
        {
          id: 'i',
          name: '',
          status: 'investigating',
          impact: 'none',
          url: 'https://status.example.com/incidents/i',
          startedAt: null,
          updates: [],
          componentIds: [],
        },
      ],
      maintenances: [],
    })
  })

  // Reading null as "none" here would announce every open incident as resolved and every
  // component as recovered.
  it.each(['components', 'affected_components', 'ongoing_incidents', 'scheduled_maintenances'])(
    'rejects summary.%s: null as a wrong shape',
    (key) => {
      const error = failure(parse(proxy({ [key]: null })))
      expect(error.kind).toBe('bad_shape')
      expect(error.message).toContain(key)
    },
  )

  it('falls back to the flat component list when there is no usable structure', () => {
    for (const structure of [undefined, null, { items: [] }, { items: null }, { items: [null, 'x', {}] }]) {
      const s = value(parse(proxy({ structure, affected_components: [{ component_id: 'b', status: 'degraded_performance' }] })))
      expect(s.components).toEqual([
        { id: 'a', name: 'A', groupId: null, status: 'operational' },
        { id: 'b', name: 'B', groupId: null, status: 'degraded_performance' },
      ])
      expect(s.groups).toEqual([])
    }
  })

  it('names a layout entry without a name from the flat list', () => {
    const s = value(parse(proxy({ structure: { items: [{ component: { component_id: 'b' } }] } })))
    expect(s.components).toEqual([{ id: 'b', name: 'B', groupId: null, status: 'operational' }])
  })

  it('shows nothing of a page whose layout hides everything, rather than the flat list', () => {
    const hidden = { items: [{ group: { id: 'g', hidden: true, components: [] } }, { component: { component_id: 'a', hidden: true } }] }
    expect(value(parse(proxy({ structure: hidden }))).components).toEqual([])
  })

  it('keeps the first of duplicate components, groups, incidents and updates', () => {
    const s = value(
      parse(
        proxy({
          structure: {
            items: [
              { group: { id: 'g', name: 'First', components: [{ component_id: 'a', name: 'A in g' }] } },
              { group: { id: 'g', name: 'Second', components: [{ component_id: 'b', name: 'B in second g' }] } },
              { component: { component_id: 'a', name: 'A again' } },
            ],
          },
          ongoing_incidents: [
            ongoing({
              updates: [
                { id: 'u1', published_at: '2025-01-01T00:00:00Z', message_string: 'first' },
                { id: 'u1', published_at: '2025-01-02T00:00:00Z', message_string: 'second' },
              ],
            }),
            ongoing({ name: 'Duplicate' }),
          ],
        }),
      ),
    )
    expect(s.groups).toEqual([{ id: 'g', name: 'First' }])
    expect(s.components.map((c) => [c.id, c.name, c.groupId])).toEqual([
      ['a', 'A in g', 'g'],
      ['b', 'B in second g', 'g'],
    ])
    expect(s.incidents.map((i) => i.name)).toEqual(['Trouble'])
    expect(s.incidents[0]?.updates.map((u) => u.text)).toEqual(['first'])
  })

  it('maps unknown statuses, and a component listed twice as affected takes the worse', () => {
    const s = value(
      parse(
        proxy({
          affected_components: [
            { component_id: 'a', status: 'melting' },
            { component_id: 'b', status: 'degraded_performance' },
            { component_id: 'b', status: 'full_outage' },
            { component_id: null, status: 'full_outage' },
            'junk',
          ],
          ongoing_incidents: [ongoing({ status: 'triage', updates: [{ id: 'u', to_status: 'weird', message_string: 'x' }] })],
        }),
      ),
    )
    expect(s.components.map((c) => c.status)).toEqual(['degraded_performance', 'major_outage'])
    expect(s.incidents[0]).toMatchObject({ status: 'investigating', impact: 'major' })
    expect(s.incidents[0]?.updates[0]?.status).toBe('investigating')
    expect(s.level).toBe('critical')
  })

  it('takes component ids and impact from the latest update when the incident lists none', () => {
    const s = value(
      parse(
        proxy({
          ongoing_incidents: [
            ongoing({
              affected_components: [],
              updates: [
                { id: 'old', published_at: '2025-01-01T00:00:00Z', component_statuses: [{ component_id: 'a', status: 'full_outage' }] },
                { id: 'new', published_at: '2025-01-01T01:00:00Z', component_statuses: [{ component_id: 'b', status: 'degraded_performance' }] },
              ],
            }),
          ],
        }),
      ),
    )
    expect(s.incidents[0]).toMatchObject({ componentIds: ['b'], impact: 'minor' })
  })

  it('drops an incident already resolved', () => {
    expect(value(parse(proxy({ ongoing_incidents: [ongoing({ status: 'resolved' })] }))).incidents).toEqual([])
  })

  it('reads text as plain text: ProseMirror first, message_string (markup stripped) when the document is empty or garbage', () => {
    const updates = [
      { id: 'garbage', published_at: '2025-01-01T00:00:03Z', message: { type: 'doc', content: 'nope' }, message_string: '<b>Bold</b> &amp; plain' },
      { id: 'deep', published_at: '2025-01-01T00:00:02Z', message: nest(10_000), message_string: 'flat fallback' },
      { id: 'none', published_at: '2025-01-01T00:00:01Z' },
    ]
    const s = value(parse(proxy({ ongoing_incidents: [ongoing({ updates })] })))
    expect(s.incidents[0]?.updates.map((u) => [u.id, u.text])).toEqual([
      ['garbage', 'Bold & plain'],
      ['deep', 'flat fallback'],
      ['none', ''],
    ])
  })

  it('keeps links https: an unsafe public_url falls back to the base, hostile ids stay one segment', () => {
    const s = value(parse(proxy({ public_url: 'javascript:alert(1)', ongoing_incidents: [ongoing({ id: '../x?y#z' })] })))
    expect(s.page.url).toBe('https://status.example.com')
    expect(s.incidents[0]?.url).toBe('https://status.example.com/incidents/..%2Fx%3Fy%23z')
  })
})

/** A ProseMirror document nested deeper than any real one. */
function nest(depth: number): unknown {
  let node: unknown = { type: 'text', text: 'too deep' }
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] }
  return { type: 'doc', content: [node] }
}

describe('incident.io: names, junk entries, statuses', () => {
  it('a group or component with no name anywhere is named empty', () => {
    const s = value(parse(proxy({ structure: { items: [{ group: { id: 'g', components: [{ component_id: 'c' }] } }] } })))
    expect(s.groups).toEqual([{ id: 'g', name: '' }])
    expect(s.components).toEqual([{ id: 'c', name: '', groupId: 'g', status: 'operational' }])
    const flat = value(parse(proxy({ structure: undefined, components: [{ id: 'a' }, { id: 'b', name: 'B' }] })))
    expect(flat.components.map((c) => [c.id, c.name])).toEqual([
      ['a', ''],
      ['b', 'B'],
    ])
  })

  it('a flat component without an id is a wrong shape, saying where', () => {
    expect(failure(parse(proxy({ structure: undefined, components: [{ id: 'a' }, { name: 'x' }] })))).toEqual({
      kind: 'bad_shape',
      message: 'incident.io summary: summary.components[1].id: expected an id',
    })
  })

  it('keeps updates without a time, or at the same time, in payload order', () => {
    const updates = [
      { id: 'u1', message_string: 'one' },
      { id: 'u2', message_string: 'two' },
      { id: 'u3', message_string: 'three', published_at: '2025-01-01T00:00:00Z' },
      { id: 'u4', message_string: 'four', published_at: '2025-01-01T00:00:00Z' },
      { id: 'u5', message_string: 'five' },
    ]
    const s = value(parse(proxy({ ongoing_incidents: [ongoing({ updates })] })))
    expect(s.incidents[0]?.updates.map((u) => u.id)).toEqual(['u3', 'u4', 'u1', 'u2', 'u5'])
  })

  it('skips affected entries that are not objects or name no component, and reads an unset status from current_status', () => {
    const affected = [null, 'a', { status: 'full_outage' }, { component_id: 'b', status: null, current_status: 'degraded_performance' }]
    const s = value(parse(proxy({ ongoing_incidents: [ongoing({ affected_components: affected })] })))
    expect(s.incidents[0]).toMatchObject({ componentIds: ['b'], impact: 'minor' })
  })

  it('a component listed as affected again with a milder status keeps the worse; null entries are skipped', () => {
    const affected = [null, { component_id: 'a', status: 'full_outage' }, { component_id: 'a', status: 'degraded_performance' }, { component_id: 'b', status: 'partial_outage' }]
    const s = value(parse(proxy({ affected_components: affected })))
    expect(s.components.map((c) => [c.id, c.status])).toEqual([
      ['a', 'major_outage'],
      ['b', 'partial_outage'],
    ])
    const incident = ongoing({
      affected_components: [
        { component_id: 'a', status: 'full_outage' },
        { component_id: 'a', status: 'degraded_performance' },
      ],
    })
    expect(value(parse(proxy({ ongoing_incidents: [incident] }))).incidents[0]?.impact).toBe('critical')
  })

  it('names a layout entry from the first flat entry that has a name for its id', () => {
    const components = [{ id: 'b' }, { id: 'b', name: 'First B' }, { id: 'b', name: 'Second B' }, { name: 'no id' }]
    const s = value(parse(proxy({ components, structure: { items: [{ component: { component_id: 'b' } }] } })))
    expect(s.components).toEqual([{ id: 'b', name: 'First B', groupId: null, status: 'operational' }])
  })

  it('an incident on a component under maintenance has maintenance impact', () => {
    const s = value(parse(proxy({ ongoing_incidents: [ongoing({ affected_components: [{ component_id: 'a', status: 'under_maintenance' }] })] })))
    expect(s.incidents[0]?.impact).toBe('maintenance')
    expect(s.level).toBe('maintenance')
  })

  it("reads incident.io's other maintenance words, unknown ones as scheduled, and an unnamed maintenance as empty", () => {
    const maintenance = (id: string, status: unknown) => ({ id, name: `M ${id}`, status, starts_at: '2025-01-01T00:00:00Z' })
    const s = value(
      parse(
        proxy({
          scheduled_maintenances: [
            maintenance('v', 'maintenance_verifying'),
            maintenance('c1', 'maintenance_complete'),
            maintenance('c2', 'maintenance_completed'),
            maintenance('c3', 'complete'),
            maintenance('c4', 'resolved'),
            maintenance('x', 'paused'),
            maintenance('n', null),
            { id: 'unnamed', status: 'upcoming' },
          ],
        }),
      ),
    )
    expect(s.maintenances.map((m) => [m.id, m.name, m.status])).toEqual([
      ['v', 'M v', 'verifying'],
      ['x', 'M x', 'scheduled'],
      ['n', 'M n', 'scheduled'],
      ['unnamed', '', 'scheduled'],
    ])
  })
})

describe('incident.io provider', () => {
  it('polls /proxy/{host} first and the compatible summary.json as the fallback', () => {
    expect(incidentio.endpoints(OPENAI).map((e) => e.url)).toEqual([
      'https://status.openai.com/proxy/status.openai.com',
      'https://status.openai.com/api/v2/summary.json',
    ])
    expect(incidentio.endpoints(new URL('http://127.0.0.1:8080')).map((e) => e.url)).toEqual([
      'http://127.0.0.1:8080/proxy/127.0.0.1',
      'http://127.0.0.1:8080/api/v2/summary.json',
    ])
  })

  it('each endpoint parses its own payload as incident.io', () => {
    const [native, compatible] = incidentio.endpoints(OPENAI)
    const nativeResult = native?.parse(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    expect(nativeResult?.ok && nativeResult.value.platform).toBe('incidentio')
    const compatibleResult = compatible?.parse(fixture('compat-summary.json'))
    expect(compatibleResult?.ok && compatibleResult.value.platform).toBe('incidentio')
    // The native parser does not take a Statuspage payload for its own.
    expect(native?.parse(fixture('compat-summary.json')).ok).toBe(false)
  })
})

describe('incident.io bodies are Markdown, read as plain text', () => {
  const SUPPORT =
    'Our Help Center is available, but support chat remains unavailable. If you need assistance, you can browse the Help Center or email [support@openai.com](mailto:support@openai.com "support@openai.com").'
  const CLEAN =
    'Our Help Center is available, but support chat remains unavailable. If you need assistance, you can browse the Help Center or email support@openai.com.'

  /** The project's compatible summary with OpenAI's real update text (2026-09-29) as a body. */
  function compatWith(body: string): unknown {
    const json = fixture('compat-summary.json')
    if (!isRecord(json) || !Array.isArray(json.incidents) || !isRecord(json.incidents[0])) throw new Error('fixture shape')
    const incident = json.incidents[0]
    if (!Array.isArray(incident.incident_updates) || !isRecord(incident.incident_updates[0])) throw new Error('fixture shape')
    const [first, ...rest] = incident.incident_updates
    return { ...json, incidents: [{ ...incident, incident_updates: [{ ...first, body }, ...rest] }] }
  }

  it('compatible summary.json: the mailto link becomes its address, other Markdown its text', () => {
    const s = value(parseCompatibleSummary(compatWith(`${SUPPORT}\n\n**Update:** see [Status page](https://status.example.com/incidents/x) for file_name_v2.`), EXAMPLE))
    expect(s.incidents[0]?.updates[0]).toEqual({
      id: 'U-2',
      status: 'identified',
      text: `${CLEAN}\n\nUpdate: see Status page (https://status.example.com/incidents/x) for file_name_v2.`,
      at: Date.parse('2025-05-01T10:30:00.250Z'),
    })
  })

  it('the same body read as a Statuspage summary stays as written: Statuspage bodies are plain text', () => {
    expect(value(parseSummary(compatWith('5 * 3 and **kept**'), EXAMPLE)).incidents[0]?.updates[0]?.text).toBe('5 * 3 and **kept**')
  })

  it('/proxy: message_string, the fallback, is Markdown too', () => {
    const s = value(parseProxySummary(proxy({ ongoing_incidents: [ongoing({ updates: [{ id: 'u1', published_at: '2025-01-01T00:00:00Z', to_status: 'investigating', message_string: SUPPORT }] })] }), EXAMPLE))
    expect(s.incidents[0]?.updates[0]?.text).toBe(CLEAN)
  })

  it('/proxy: the real OpenAI message_string (no Markdown) reads unchanged', () => {
    const json = sampleJson('incidentio/openai-proxy-summary-2025-04-08.json')
    if (!isRecord(json) || !isRecord(json.summary) || !Array.isArray(json.summary.ongoing_incidents)) throw new Error('fixture shape')
    // Without the ProseMirror document, the text comes from message_string.
    const withoutDocuments = (update: unknown): unknown => (isRecord(update) ? { ...update, message: undefined } : update)
    const ongoingIncidents = json.summary.ongoing_incidents.map((incident: unknown) =>
      isRecord(incident) && Array.isArray(incident.updates) ? { ...incident, updates: incident.updates.map(withoutDocuments) } : incident,
    )
    const stripped = { ...json, summary: { ...json.summary, ongoing_incidents: ongoingIncidents } }
    expect(value(parseProxySummary(stripped, OPENAI)).incidents[0]?.updates[0]?.text).toBe(
      'New users may experience temporary delays in video generation capabilities. We are applying the mitigation and are monitoring the recovery.',
    )
  })
})
