import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import { betterstack, parseBetterStack, parseBetterStackHistory } from '../../../src/providers/betterstack.ts'
import { sampleJson } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/betterstack/${name}`, import.meta.url), 'utf8')) as unknown

const TOGETHER = new URL('https://status.together.ai')
const EXAMPLE = new URL('https://example.betteruptime.com')
const TOGETHER_SAMPLE = 'betterstack/together-index-2026-09-04.json'

describe('Better Stack index.json: real sample (Together AI, 2026-09-04)', () => {
  const snapshot = (): Snapshot => value(parseBetterStack(sampleJson(TOGETHER_SAMPLE), TOGETHER))

  it('reads the page: name, custom domain, operational', () => {
    const s = snapshot()
    expect(s.platform).toBe('betterstack')
    expect(s.page).toEqual({ name: 'Together AI', url: 'https://status.together.ai' })
    expect(s.level).toBe('operational')
  })

  it('turns the 6 sections into groups in position order', () => {
    expect(snapshot().groups.map((g) => [g.id, g.name])).toEqual([
      ['231960', 'Website'],
      ['231964', 'Inference - Vision'],
      ['231963', 'Inference - Chat'],
      ['231961', 'Inference - Images'],
      ['250859', 'Inference - Embeddings'],
      ['300754', 'Inference - Voice'],
    ])
  })

  it('turns the 22 resources into components, section by section, each by position', () => {
    const s = snapshot()
    expect(s.components).toHaveLength(22)
    expect(s.components.every((c) => c.status === 'operational')).toBe(true)
    const names = (groupId: string): string[] => s.components.filter((c) => c.groupId === groupId).map((c) => c.name)
    expect(names('231960')).toEqual(['Website', 'Playground'])
    expect(names('231964')).toEqual([])
    expect(names('231963')).toHaveLength(16)
    expect(names('231963').slice(0, 3)).toEqual(['OpenAI GPT OSS 120B', 'OpenAI GPT OSS 20B', 'Meta Llama 3.3 70B Instruct Turbo'])
    expect(names('250859')).toEqual(['Multilingual E5 Large Instruct'])
    expect(names('300754')).toEqual(['Whisper Large V3', 'Orpheus TTS', 'Kokoro-82M'])
    expect(s.components[0]).toEqual({ id: '8475065', name: 'Website', groupId: '231960', status: 'operational' })
  })

  it('leaves the resolved maintenance report out of the snapshot', () => {
    const s = snapshot()
    expect(s.incidents).toEqual([])
    expect(s.maintenances).toEqual([])
  })

  it('shows the resolved maintenance in the history, with both updates newest first', () => {
    const history = value(parseBetterStackHistory(sampleJson(TOGETHER_SAMPLE)))
    expect(history.incidents).toEqual([])
    expect(history.maintenances).toHaveLength(1)
    const [maintenance] = history.maintenances
    expect(maintenance).toMatchObject({
      id: '941865',
      name: 'Scheduled network maintenance',
      status: 'completed',
      impact: 'maintenance',
      url: null,
      scheduledFor: Date.UTC(2026, 6, 3, 4, 0, 59),
      scheduledUntil: Date.UTC(2026, 6, 3, 6, 59),
    })
    expect(maintenance?.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['5326570', 'completed', Date.UTC(2026, 6, 3, 6, 59)],
      ['5324213', 'scheduled', Date.UTC(2026, 6, 3, 4, 0, 59)],
    ])
    expect(maintenance?.updates[0]?.text).toBe('Maintenance ended')
    // Newlines, the en dash and the em dash survive as plain text.
    expect(maintenance?.updates[1]?.text).toMatch(/^We will be performing scheduled network maintenance on July 2nd, 9 PM – midnight\.\n\nDuring this window/)
    expect(maintenance?.updates[1]?.text).toContain('The goal remains the same — meaningfully')
  })

  it('keeps affected resource ids that are missing from `included`', () => {
    const history = value(parseBetterStackHistory(sampleJson(TOGETHER_SAMPLE)))
    const affected = history.maintenances[0]?.componentIds ?? []
    expect(affected).toEqual(['8802370', '8806939', '8824641', '8827857', '8898048', '8911095', '8912359', '8918569'])
    const listed = new Set(snapshot().components.map((c) => c.id))
    expect(affected.filter((id) => !listed.has(id))).toEqual(['8802370', '8806939', '8824641', '8827857', '8898048', '8912359'])
  })

  it('is what the provider polls', () => {
    const endpoints = betterstack.endpoints(TOGETHER)
    expect(endpoints.map((endpoint) => endpoint.url)).toEqual(['https://status.together.ai/index.json'])
    for (const endpoint of endpoints) expect(value(endpoint.parse(sampleJson(TOGETHER_SAMPLE))).components).toHaveLength(22)
  })
})

describe('Better Stack: hand-made open reports', () => {
  const snapshot = (): Snapshot => value(parseBetterStack(fixture('open-reports.json'), EXAMPLE))

  it('orders groups by position and components by section, the sectionless first', () => {
    const s = snapshot()
    expect(s.groups).toEqual([
      { id: '10', name: 'Website' },
      { id: '20', name: 'APIs' },
    ])
    expect(s.components).toEqual([
      { id: '304', name: 'Section gone', groupId: null, status: 'under_maintenance' },
      { id: '303', name: 'Status emails', groupId: null, status: 'operational' },
      { id: '302', name: 'Landing page', groupId: '10', status: 'operational' },
      { id: '301', name: 'REST API', groupId: '20', status: 'major_outage' },
    ])
  })

  it('reads an open incident report with updates linked both ways, newest first', () => {
    const [incident, ...others] = snapshot().incidents
    expect(others).toEqual([])
    expect(incident).toEqual({
      id: '500',
      name: 'API unavailable',
      status: 'investigating',
      impact: 'critical',
      url: null,
      startedAt: Date.UTC(2026, 8, 4, 14, 0),
      updates: [
        { id: '5002', status: 'investigating', text: 'A fix is rolling out.\nErrors are dropping.', at: Date.UTC(2026, 8, 4, 14, 40) },
        { id: '5001', status: 'investigating', text: 'We are looking into it.', at: Date.UTC(2026, 8, 4, 14, 5) },
      ],
      componentIds: ['301', '777'],
    })
  })

  it('reads a maintenance report in progress', () => {
    expect(snapshot().maintenances).toEqual([
      {
        id: '600',
        name: 'Database maintenance',
        status: 'in_progress',
        impact: 'maintenance',
        url: null,
        scheduledFor: Date.UTC(2026, 8, 4, 13, 0),
        scheduledUntil: Date.UTC(2026, 8, 4, 15, 0),
        updates: [{ id: '6001', status: 'in_progress', text: 'Maintenance started', at: Date.UTC(2026, 8, 4, 13, 0) }],
        componentIds: ['304'],
      },
    ])
  })

  it("the page's own state is the level; the resources and reports, worse, are our reading beside it", () => {
    expect(snapshot()).toMatchObject({ level: 'minor', reading: 'critical' })
    expect(snapshot().page).toEqual({ name: 'Example Inc', url: 'https://status.example.com' })
  })

  it('counts an incident report with an end time as over', () => {
    const json = structuredClone(fixture('open-reports.json')) as { included: { id: string; attributes: Record<string, unknown> }[] }
    const report = json.included.find((item) => item.id === '500')
    if (report) report.attributes.ends_at = '2026-09-04T15:00:00.000Z'
    expect(value(parseBetterStack(json, EXAMPLE)).incidents).toEqual([])
    expect(value(parseBetterStackHistory(json)).incidents[0]?.status).toBe('resolved')
  })
})

describe('Better Stack: wrong shapes are typed errors', () => {
  const page = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({
    data: { id: '1', type: 'status_page', attributes },
    ...extra,
  })

  it.each([
    ['null', null],
    ['a list', []],
    ['no data', { included: [] }],
    ['data of another type', { data: { id: '1', type: 'monitor', attributes: { aggregate_state: 'operational' } } }],
    ['no attributes', { data: { id: '1', type: 'status_page' } }],
    ['no aggregate_state', page({ company_name: 'X' })],
    ['included not a list', page({ aggregate_state: 'operational' }, { included: {} })],
    ['an included item that is not an object', page({ aggregate_state: 'operational' }, { included: [1] })],
  ])('%s', (_label, json) => {
    expect(failure(parseBetterStack(json, EXAMPLE)).kind).toBe('bad_shape')
  })

  it('reads a page without `included` as one without components or reports', () => {
    const s = value(parseBetterStack(page({ aggregate_state: 'downtime' }), EXAMPLE))
    expect(s).toMatchObject({ components: [], groups: [], incidents: [], maintenances: [], level: 'critical' })
    expect(s.page).toEqual({ name: 'example.betteruptime.com', url: 'https://example.betteruptime.com' })
  })

  it('does not build a page link from a custom domain that is not a host name', () => {
    const s = value(parseBetterStack(page({ aggregate_state: 'operational', custom_domain: 'evil.example/@x' }), EXAMPLE))
    expect(s.page.url).toBe('https://example.betteruptime.com')
  })

  it('reads an unknown state as degraded rather than failing', () => {
    expect(value(parseBetterStack(page({ aggregate_state: 'on_fire' }), EXAMPLE)).level).toBe('minor')
  })
})

describe('Better Stack: hand-made documents', () => {
  type Item = { id?: unknown; type?: unknown; attributes?: Record<string, unknown>; relationships?: unknown }
  const doc = (included: Item[], attributes: Record<string, unknown> = {}): unknown => ({
    data: { id: '1', type: 'status_page', attributes: { company_name: 'Example Inc', aggregate_state: 'operational', ...attributes } },
    included,
  })
  const parse = (included: Item[], attributes: Record<string, unknown> = {}): Snapshot => value(parseBetterStack(doc(included, attributes), EXAMPLE))
  const resource = (id: string, attributes: Record<string, unknown>): Item => ({ id, type: 'status_page_resource', attributes })
  const section = (id: string, attributes: Record<string, unknown>): Item => ({ id, type: 'status_page_section', attributes })
  const report = (id: string, attributes: Record<string, unknown>, relationships?: unknown): Item => ({
    id,
    type: 'status_report',
    attributes: { title: `Report ${id}`, report_type: 'manual', starts_at: '2026-09-04T10:00:00.000Z', ends_at: null, aggregate_state: 'downtime', ...attributes },
    relationships,
  })
  const update = (id: string, attributes: Record<string, unknown>): Item => ({ id, type: 'status_update', attributes })
  const at = (minute: number): number => Date.UTC(2026, 8, 4, 10, minute)
  const iso = (minute: number): string => new Date(at(minute)).toISOString()

  it('maps the resource state words', () => {
    const states = ['operational', 'resolved', 'not_monitored', 'maintenance', 'degraded', 'downtime', 'something_new']
    const s = parse(states.map((status, i) => resource(`${i}`, { public_name: status, status, position: i })))
    expect(s.components.map((c) => [c.name, c.status])).toEqual([
      ['operational', 'operational'],
      ['resolved', 'operational'],
      ['not_monitored', 'operational'],
      ['maintenance', 'under_maintenance'],
      ['degraded', 'degraded_performance'],
      ['downtime', 'major_outage'],
      ['something_new', 'degraded_performance'],
    ])
  })

  it('skips included items without a type or an id', () => {
    const s = parse([
      resource('301', { public_name: 'API', status: 'operational' }),
      { type: 'status_page_resource', attributes: { public_name: 'No id', status: 'downtime' } },
      { id: '', type: 'status_page_resource', attributes: { public_name: 'Blank id', status: 'downtime' } },
      { id: '302', attributes: { public_name: 'No type', status: 'downtime' } },
    ])
    expect(s.components.map((c) => c.id)).toEqual(['301'])
    expect(s.level).toBe('operational')
  })

  it('names unnamed sections and resources by id, and keeps document order among equal or missing positions', () => {
    const s = parse([
      section('12', { name: 'B', position: 1 }),
      section('11', { position: 1 }),
      section('13', { name: 'C' }),
      section('10', { name: 'A', position: 1 }),
      section('14', { name: 'D' }),
      resource('401', { public_name: 'x', status_page_section_id: 11 }),
      resource('402', { status_page_section_id: 11, position: 2 }),
      resource('403', { public_name: 'z', status_page_section_id: '11', position: 2 }),
      resource('404', { public_name: 'w', status_page_section_id: 11, position: 2 }),
      resource('405', { public_name: 'v', status_page_section_id: 11 }),
    ])
    expect(s.groups).toEqual([
      { id: '12', name: 'B' },
      { id: '11', name: 'Section 11' },
      { id: '10', name: 'A' },
      { id: '13', name: 'C' },
      { id: '14', name: 'D' },
    ])
    expect(s.components.map((c) => [c.id, c.name])).toEqual([
      ['402', 'Resource 402'],
      ['403', 'z'],
      ['404', 'w'],
      ['401', 'x'],
      ['405', 'v'],
    ])
  })

  it('orders updates newest first, undated last, the later in the document first among equal times', () => {
    const s = parse([
      report('500', {}, { status_updates: { data: [{ id: '5004', type: 'status_update' }, { type: 'status_update' }, 'x'] } }),
      update('5001', { message: 'Opened', published_at: iso(5), status_report_id: '500' }),
      update('5002', { message: 'Undated', status_report_id: 500 }),
      update('5003', { message: 'First at 20', published_at: iso(20), status_report_id: '500' }),
      update('5004', { message: 'Second at 20', published_at: iso(20) }),
      update('5005', { published_at: iso(30), status_report_id: '500' }),
      update('5006', { message: 'Third at 20', published_at: iso(20), status_report_id: '500' }),
      update('5007', { message: 'Other report', published_at: iso(40), status_report_id: '501' }),
    ])
    expect(s.incidents[0]?.updates).toEqual([
      { id: '5005', status: 'investigating', text: '', at: at(30) },
      { id: '5006', status: 'investigating', text: 'Third at 20', at: at(20) },
      { id: '5004', status: 'investigating', text: 'Second at 20', at: at(20) },
      { id: '5003', status: 'investigating', text: 'First at 20', at: at(20) },
      { id: '5001', status: 'investigating', text: 'Opened', at: at(5) },
      { id: '5002', status: 'investigating', text: 'Undated', at: null },
    ])
  })

  it('keeps only the named affected resources, once each', () => {
    const s = parse([
      report('500', { affected_resources: [{ status_page_resource_id: 301 }, {}, 'x', null, { status_page_resource_id: '301' }, { status_page_resource_id: '302' }] }),
    ])
    expect(s.incidents[0]?.componentIds).toEqual(['301', '302'])
  })

  it('names untitled reports', () => {
    const s = parse([report('500', { title: null }), report('600', { title: undefined, report_type: 'maintenance', aggregate_state: 'maintenance' })])
    expect(s.incidents.map((i) => i.name)).toEqual(['Incident'])
    expect(s.maintenances.map((m) => m.name)).toEqual(['Maintenance'])
  })

  it('reads a maintenance that has not started as scheduled, and the page stays operational', () => {
    const s = parse([report('600', { report_type: 'maintenance', aggregate_state: 'operational', ends_at: '2026-09-05T12:00:00.000Z' })])
    expect(s.maintenances.map((m) => m.status)).toEqual(['scheduled'])
    expect(s.level).toBe('operational')
  })

  it('reads a maintenance in progress as maintenance, beside a page that still says operational', () => {
    expect(parse([report('600', { report_type: 'maintenance', aggregate_state: 'maintenance' })])).toMatchObject({ level: 'operational', reading: 'maintenance' })
  })

  it('reads a resource down or an open incident as critical, beside a page that still says operational', () => {
    expect(parse([resource('301', { public_name: 'API', status: 'downtime' })])).toMatchObject({ level: 'operational', reading: 'critical' })
    expect(parse([report('500', { aggregate_state: 'downtime' })])).toMatchObject({ level: 'operational', reading: 'critical' })
    expect(parse([])).not.toHaveProperty('reading')
  })

  it('keeps incidents and maintenances apart in the history; a closed incident has no impact', () => {
    const history = value(parseBetterStackHistory(fixture('open-reports.json')))
    expect(history.incidents.map((i) => i.id)).toEqual(['500'])
    expect(history.maintenances.map((m) => m.id)).toEqual(['600'])
    const closed = value(parseBetterStackHistory(doc([report('500', { aggregate_state: 'resolved' })])))
    expect(closed.incidents.map((i) => [i.status, i.impact])).toEqual([['resolved', 'none']])
  })

  it('trims the custom domain, and builds no link from one with a path', () => {
    expect(parse([], { custom_domain: ' status.example.com ' }).page.url).toBe('https://status.example.com')
    expect(parse([], { custom_domain: 'evil.example/@status.example.com' }).page.url).toBe('https://example.betteruptime.com')
  })

  it('says where the document is wrong', () => {
    const message = (json: unknown): string => failure(parseBetterStack(json, EXAMPLE)).message
    const data = (extra: Record<string, unknown>): unknown => ({ data: { id: '1', type: 'status_page', attributes: { aggregate_state: 'operational' }, ...extra } })
    expect(message(null)).toBe('Better Stack index.json: $: expected an object')
    expect(message({})).toBe('Better Stack index.json: $.data: expected an object')
    expect(message(data({ type: 'monitor' }))).toBe('Better Stack index.json: $.data.type: expected "status_page"')
    expect(message(data({ id: 1 }))).toBe('Better Stack index.json: $.data.id: expected an id')
    expect(message(data({ attributes: null }))).toBe('Better Stack index.json: $.data.attributes: expected an object')
    expect(message(data({ attributes: {} }))).toBe('Better Stack index.json: $.data.attributes.aggregate_state: expected a string')
    expect(message({ ...(data({}) as object), included: {} })).toBe('Better Stack index.json: $.included: expected a list')
    expect(message({ ...(data({}) as object), included: [{ id: '1', type: 'x' }, 2] })).toBe('Better Stack index.json: $.included[1]: expected an object')
    expect(failure(parseBetterStackHistory({})).message).toBe('Better Stack index.json: $.data: expected an object')
  })
})
