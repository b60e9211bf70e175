import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import { diffSnapshot } from '../../../src/diff.ts'
import { DEFAULT_MAX_BYTES, type FetchDeps } from '../../../src/fetch-json.ts'
import type { Snapshot } from '../../../src/model.ts'
import { GOOGLE_MAX_BYTES, google, parseGoogleIncidents } from '../../../src/providers/google.ts'
import { detectionOrder, normalizeBaseUrl } from '../../../src/providers/index.ts'
import { readEndpoint } from '../../../src/read-endpoint.ts'
import { isRecord } from '../../../src/untrusted.ts'
import { failure, value } from '../../support/result.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'

// Built by the project from the documented shape: no whole real capture exists (see the fixtures README).
const SAMPLE = 'google/cloud-incidents-built-2026-11-30.json'
const BASE = new URL('https://status.cloud.google.com/')
const WORKSPACE = new URL('https://www.google.com/appsstatus/dashboard')

type Body = Record<string, unknown>[]

/** A fresh copy of the fixture to edit. */
function sample(): Body {
  const json = sampleJson(SAMPLE)
  if (!Array.isArray(json)) throw new Error(`${SAMPLE} is not a list`)
  return json.filter(isRecord).map((incident) => ({ ...incident }))
}
function withFirst(edit: Record<string, unknown>): Body {
  const body = sample()
  body[0] = { ...body[0], ...edit }
  return body
}
const parse = (json: unknown, base = BASE): Snapshot => value(parseGoogleIncidents(json, base))
const shapeError = (json: unknown): string => {
  const error = failure(parseGoogleIncidents(json, BASE))
  expect(error.kind).toBe('bad_shape')
  return error.message
}

const RUN_ID = 'kX3dTr9bQe2mVq7WzL1p'
const FUNCTIONS_ID = 'Pq8sYh2cNf5gRt3uJk6m'
const RUN_PRODUCT = '9D7d2iNBQWN24zc1VamE'
const FUNCTIONS_PRODUCT = 'oW4vJ7VNqyxTWNzSHopX'
const at = (iso: string): number => Date.parse(iso)

describe('Google incidents.json: the fixture', () => {
  it('keeps the two ongoing incidents (end null, end absent) and drops the two resolved', () => {
    const s = parse(sampleJson(SAMPLE))
    expect(s.platform).toBe('google')
    expect(s.page).toEqual({ name: 'Google Cloud', url: 'https://status.cloud.google.com' })
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.impact, i.url, i.startedAt, i.componentIds])).toEqual([
      [RUN_ID, 'Cloud Run and Cloud Functions: elevated request errors in us-central1', 'investigating', 'critical', `https://status.cloud.google.com/incidents/${RUN_ID}`, at('2026-11-30T14:05:00Z'), [RUN_PRODUCT, FUNCTIONS_PRODUCT]],
      [FUNCTIONS_ID, 'Some Cloud Functions deployments take longer than usual in europe-west1', 'investigating', 'minor', `https://status.cloud.google.com/incidents/${FUNCTIONS_ID}`, at('2026-11-30T09:40:00Z'), [FUNCTIONS_PRODUCT]],
    ])
    expect(s.maintenances).toEqual([])
    expect(s.groups).toEqual([])
    expect(s.level).toBe('critical')
  })

  it('reads the updates newest first, each known by its time, text with its line breaks', () => {
    const [run, functions] = parse(sampleJson(SAMPLE)).incidents
    expect(run?.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      [String(at('2026-11-30T15:02:10Z')), 'investigating', at('2026-11-30T15:02:10Z')],
      [String(at('2026-11-30T14:21:33Z')), 'investigating', at('2026-11-30T14:21:33Z')],
    ])
    expect(run?.updates[0]?.text).toBe(
      'Summary: Cloud Run and Cloud Functions: elevated request errors in us-central1\nDescription: Mitigation work is underway.\n\nWe will provide more information by Monday, 2026-11-30 16:00 US/Pacific.\nDiagnosis: Requests fail with HTTP 503.\nWorkaround: Deploy to another region.',
    )
    expect(run?.updates[1]?.text).toBe('Summary: Cloud Run: elevated request errors in us-central1\nDescription: We are investigating.')
    expect(functions?.updates).toHaveLength(1)
    expect(functions?.updates[0]?.text).toMatch(/^Summary: Some Cloud Functions deployments .* continues to investigate the issue\.$/s)
  })

  it('lists the products ongoing incidents name as components, each at the worst an incident gives it', () => {
    expect(parse(sampleJson(SAMPLE)).components).toEqual([
      { id: RUN_PRODUCT, name: 'Cloud Run', groupId: null, status: 'major_outage' },
      // Named by the outage (critical) and the disruption (minor): the outage wins.
      { id: FUNCTIONS_PRODUCT, name: 'Cloud Functions', groupId: null, status: 'major_outage' },
    ])
  })

  it('is what the one endpoint reads, from the page’s own address, with room for the whole history', () => {
    const [endpoint, ...more] = google.endpoints(BASE)
    expect(more).toEqual([])
    expect(endpoint?.url).toBe('https://status.cloud.google.com/incidents.json')
    expect(endpoint?.maxBytes).toBe(GOOGLE_MAX_BYTES)
    expect(GOOGLE_MAX_BYTES).toBeGreaterThan(DEFAULT_MAX_BYTES)
    expect(endpoint && value(endpoint.parse(JSON.parse(sampleText(SAMPLE))))).toEqual(parse(sampleJson(SAMPLE)))
  })

  it('reads Google Workspace the same way under its own address and name, links on its own page', () => {
    expect(google.endpoints(WORKSPACE)[0]?.url).toBe('https://www.google.com/appsstatus/dashboard/incidents.json')
    const s = parse(sampleJson(SAMPLE), WORKSPACE)
    expect(s.page).toEqual({ name: 'Google Workspace', url: 'https://www.google.com/appsstatus/dashboard' })
    expect(s.incidents.map((i) => i.url)).toEqual([`https://www.google.com/appsstatus/dashboard/incidents/${RUN_ID}`, `https://www.google.com/appsstatus/dashboard/incidents/${FUNCTIONS_ID}`])
  })
})

describe('Google incidents.json: levels and what is ongoing', () => {
  it.each([
    ['SERVICE_OUTAGE', 'high', 'critical', 'major_outage'],
    ['SERVICE_OUTAGE', 'medium', 'major', 'partial_outage'],
    ['SERVICE_OUTAGE', 'low', 'major', 'partial_outage'],
    ['SERVICE_DISRUPTION', 'high', 'major', 'partial_outage'],
    ['SERVICE_DISRUPTION', 'medium', 'minor', 'degraded_performance'],
    ['SERVICE_DISRUPTION', 'low', 'minor', 'degraded_performance'],
    ['SERVICE_INFORMATION', 'high', 'minor', 'degraded_performance'],
    ['service_outage', ' HIGH ', 'critical', 'major_outage'],
    ['SERVICE_SOMETHING_NEW', 'high', 'minor', 'degraded_performance'],
    [null, null, 'minor', 'degraded_performance'],
  ])('%s at severity %s is %s, its products %s', (statusImpact, severity, impact, component) => {
    const s = parse(withFirst({ status_impact: statusImpact, severity }).slice(0, 1))
    expect(s.incidents.map((i) => i.impact)).toEqual([impact])
    expect(s.components.map((c) => c.status)).toEqual([component, component])
  })

  it('a history with nothing ongoing is all well: no incidents, no components', () => {
    const s = parse(sample().slice(2))
    expect([s.level, s.incidents, s.components]).toEqual(['operational', [], []])
    expect(parse([]).level).toBe('operational')
  })

  it('a blank end is still ongoing; a time is over', () => {
    expect(parse(withFirst({ end: '  ' })).incidents.map((i) => i.id)).toEqual([RUN_ID, FUNCTIONS_ID])
    expect(parse(withFirst({ end: '2026-11-30T16:00:00+00:00' })).incidents.map((i) => i.id)).toEqual([FUNCTIONS_ID])
  })

  it('falls back to most_recent_update when updates are missing, and to created when begin is', () => {
    const first = sample()[0]
    const incident = parse(withFirst({ updates: undefined, begin: null })).incidents[0]
    expect(incident?.startedAt).toBe(at('2026-11-30T14:21:33Z'))
    expect(incident?.updates.map((u) => u.at)).toEqual([at('2026-11-30T15:02:10Z')])
    expect(isRecord(first?.most_recent_update) && incident?.updates[0]?.text === first.most_recent_update.text).toBe(true)
  })
})

describe('Google: products come and go without a false recovery', () => {
  const events = (before: unknown, after: unknown) => {
    const first = diffSnapshot(null, parse(before))
    return diffSnapshot(first.seen, parse(after)).events
  }

  it('a product no longer named says nothing about it; one still named by a milder incident is a true change', () => {
    expect(events(sample(), withFirst({ affected_products: [{ title: 'Cloud Functions', id: FUNCTIONS_PRODUCT }] }))).toEqual([])
    const changes = events(sample(), withFirst({ affected_products: [{ title: 'Cloud Run', id: RUN_PRODUCT }] })).map((e) => (e.kind === 'component_changed' ? [e.component.name, e.from, e.to] : [e.kind]))
    expect(changes).toEqual([['Cloud Functions', 'major_outage', 'degraded_performance']])
  })

  it('an incident that ends is resolved once absent twice, and the product only it named is not called recovered', () => {
    const ended = withFirst({ end: '2026-11-30T16:00:00+00:00' })
    const first = diffSnapshot(null, parse(sample()))
    const once = diffSnapshot(first.seen, parse(ended))
    const twice = diffSnapshot(once.seen, parse(ended))
    const names = (list: typeof once.events) => list.map((e) => ('incident' in e ? [e.kind, e.incident.id] : e.kind === 'component_changed' ? [e.kind, e.component.name, e.to] : [e.kind]))
    expect(names(once.events)).toEqual([['component_changed', 'Cloud Functions', 'degraded_performance']])
    expect(names(twice.events)).toEqual([['incident_resolved', RUN_ID]])
  })

  it('a new update is an update; a product newly named is a component change', () => {
    const first = sample()[0]
    const updates = Array.isArray(first?.updates) ? first.updates : []
    const wider = withFirst({
      updates: [{ created: '2026-11-30T15:30:00+00:00', when: '2026-11-30T15:30:00+00:00', text: 'Mitigation is complete in part.', status: 'SERVICE_OUTAGE' }, ...updates],
      affected_products: [{ title: 'Cloud Run', id: RUN_PRODUCT }, { title: 'Cloud Functions', id: FUNCTIONS_PRODUCT }, { title: 'App Engine', id: 'kchyUtnkMHJWaAva8aYc' }],
    })
    const seen = events(sample(), wider).map((e) => {
      if (e.kind === 'component_changed') return [e.kind, e.component.name, e.to]
      return 'incident' in e ? [e.kind, e.incident.id, e.update?.text] : [e.kind]
    })
    expect(seen).toEqual([
      ['incident_updated', RUN_ID, 'Mitigation is complete in part.'],
      ['component_changed', 'App Engine', 'major_outage'],
    ])
  })
})

describe('Google incidents.json: hostile shapes', () => {
  it('fails with bad_shape, never a crash, when the body is not a list of incidents', () => {
    for (const body of [null, {}, { incidents: [] }, 'incidents', 42]) expect(shapeError(body)).toContain('$')
  })

  it('fails on an entry that is not an object, an ongoing one without an id, or an end that is not a time', () => {
    expect(shapeError([...sample(), 'x'])).toContain('$[4]')
    expect(shapeError(withFirst({ id: 17 }))).toContain('$[0].id')
    expect(shapeError(withFirst({ id: '' }))).toContain('$[0].id')
    expect(shapeError(withFirst({ end: 1_700_000_000 }))).toContain('$[0].end')
    expect(shapeError(withFirst({ end: {} }))).toContain('$[0].end')
  })

  it('does not read a resolved incident past its end', () => {
    const body = sample()
    body[2] = { end: '2026-11-28T21:30:00+00:00', id: null, affected_products: 'x', updates: 7 }
    expect(parse(body).incidents.map((i) => i.id)).toEqual([RUN_ID, FUNCTIONS_ID])
  })

  it('reads wrong-typed fields as absent', () => {
    const s = parse(withFirst({ external_desc: 7, service_name: 'Cloud Run', updates: { text: 'x' }, most_recent_update: 'x', affected_products: 'Cloud Run', begin: 12, created: [], uri: 5 }).slice(0, 1))
    expect(s.incidents.map((i) => [i.name, i.url, i.startedAt, i.updates, i.componentIds])).toEqual([['Cloud Run', null, null, [], []]])
    expect(s.components).toEqual([])
    expect(parse(withFirst({ external_desc: null, service_name: null }).slice(0, 1)).incidents[0]?.name).toBe('Google incident')
  })

  it('skips products without a name or id, uses the title when the id is missing, keeps the first of a repeat', () => {
    const products = [null, 'Cloud Run', { title: '' }, { title: 'Cloud DNS' }, { title: 'Cloud Run', id: RUN_PRODUCT }, { title: 'Cloud Run again', id: RUN_PRODUCT }]
    const s = parse(withFirst({ affected_products: products }).slice(0, 1))
    expect(s.components.map((c) => [c.id, c.name])).toEqual([
      ['Cloud DNS', 'Cloud DNS'],
      [RUN_PRODUCT, 'Cloud Run'],
    ])
  })

  it('keeps text plain and links only to the incident page on the page’s own site', () => {
    const s = parse(withFirst({ external_desc: '<b>Cloud Run</b>\n<script>alert(1)</script> errors' }).slice(0, 1))
    expect(s.incidents[0]?.name).not.toMatch(/[<>\n]/)
    expect(s.incidents[0]?.name).toContain('Cloud Run')
    for (const uri of ['https://evil.example/incidents/x', '//evil.example/incidents/x', 'incidents/../../x', 'incidents/a?b', 'javascript:alert(1)', 'incidents/']) {
      expect(parse(withFirst({ uri }).slice(0, 1)).incidents[0]?.url, uri).toBeNull()
    }
    expect(parse(withFirst({ uri: '/incidents/abc' }).slice(0, 1)).incidents[0]?.url).toBe('https://status.cloud.google.com/incidents/abc')
  })

  it('reads an update written in Markdown as plain text, its links as text', () => {
    const text = '**Summary:** Cloud Run errors in us-east1.\n\n- Retry with backoff\n- See [the workaround](https://cloud.google.com/run/docs/x) for `gcloud` users'
    const s = parse(withFirst({ updates: [{ created: '2026-11-30T10:00:00+00:00', when: '2026-11-30T10:00:00+00:00', text, status: 'SERVICE_DISRUPTION' }] }).slice(0, 1))
    expect(s.incidents[0]?.updates[0]?.text).toBe('Summary: Cloud Run errors in us-east1.\n\n- Retry with backoff\n- See the workaround (https://cloud.google.com/run/docs/x) for gcloud users')
  })

  it('keeps the first of a repeated id, and updates at the same time apart', () => {
    const body = sample()
    body[1] = { ...body[0], external_desc: 'repeat' }
    expect(parse(body).incidents.map((i) => i.name)).toEqual(['Cloud Run and Cloud Functions: elevated request errors in us-central1'])
    const same = { when: '2026-11-30T15:00:00+00:00', text: 'a' }
    const updates = parse(withFirst({ updates: [same, { ...same, text: 'b' }, { text: 'c' }] }).slice(0, 1)).incidents[0]?.updates
    const stamp = String(at('2026-11-30T15:00:00Z'))
    expect(updates?.map((u) => [u.id, u.text])).toEqual([
      [stamp, 'a'],
      [`${stamp}#2`, 'b'],
      ['update-3', 'c'],
    ])
  })

  it('bounds what a hostile body can make it keep: open incidents, updates, products', () => {
    const many = Array.from({ length: 20_000 }, (_, index) => ({ id: `i${index}`, status_impact: 'SERVICE_OUTAGE' }))
    const started = performance.now()
    const s = parse(many)
    expect(s.incidents).toHaveLength(100)
    expect(s.incidents[99]?.id).toBe('i99')
    const wide = parse(
      withFirst({
        updates: Array.from({ length: 10_000 }, (_, index) => ({ when: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(), text: `u${index}` })),
        affected_products: Array.from({ length: 10_000 }, (_, index) => ({ id: `p${index}`, title: `P${index}` })),
      }).slice(0, 1),
    )
    expect(wide.incidents[0]?.updates).toHaveLength(50)
    expect(wide.components).toHaveLength(100)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

/** The fixture's two ongoing incidents behind years of resolved ones, as the live file is: about `bytes` long. */
function history(bytes: number): string {
  const [resolved] = sample().slice(2)
  const entries: unknown[] = sample().slice(0, 2)
  let size = 0
  for (let index = 0; size < bytes; index++) {
    const entry = { ...resolved, id: `old${index}`, number: String(index), uri: `incidents/old${index}` }
    size += JSON.stringify(entry).length + 1
    entries.push(entry)
  }
  return JSON.stringify(entries)
}

function serving(body: string, asked: string[] = []): FetchDeps {
  return {
    fetch: (url) => {
      asked.push(String(url))
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }))
    },
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    now: () => at('2026-11-30T16:00:00Z'),
  }
}

describe('Google: the whole history, as big as it is', () => {
  it('reads a 1.3 MB history (and one past the default 2 MiB cap) through the endpoint, keeping only what is ongoing', async () => {
    const [endpoint] = google.endpoints(BASE)
    if (endpoint === undefined) throw new Error('no endpoint')
    for (const size of [1_300_000, 3_000_000]) {
      const body = history(size)
      expect(body.length).toBeGreaterThan(size)
      const read = value(await readEndpoint(endpoint, null, serving(body)))
      if (read.kind !== 'body') throw new Error(read.kind)
      expect(read.bodies[0]?.bytes.length).toBe(body.length)
      const s = value(endpoint.parse(JSON.parse(body)))
      expect(s).toEqual(parse(sampleJson(SAMPLE)))
    }
  })

  it('still refuses a body past its own cap', async () => {
    const [endpoint] = google.endpoints(BASE)
    if (endpoint === undefined) throw new Error('no endpoint')
    expect(failure(await readEndpoint(endpoint, null, serving('[' + ' '.repeat(GOOGLE_MAX_BYTES) + ']'))).kind).toBe('too_large')
  })
})

describe('Google: detection', () => {
  it('is tried first on Google’s two status hosts and nowhere else', () => {
    expect(detectionOrder(BASE)[0]).toBe('google')
    expect(detectionOrder(WORKSPACE)[0]).toBe('google')
    expect(detectionOrder(new URL('https://status.example.com/'))).not.toContain('google')
    expect(detectionOrder(new URL('https://status.cloud.google.com.evil.example/'))).not.toContain('google')
    expect(detectionOrder(new URL('https://google.com/'))).not.toContain('google')
  })

  it('a pasted incidents.json address is the page, and detection reads the history from it', async () => {
    for (const [pasted, page, endpoint] of [
      ['https://status.cloud.google.com/incidents.json', 'https://status.cloud.google.com/', 'https://status.cloud.google.com/incidents.json'],
      ['www.google.com/appsstatus/dashboard/', 'https://www.google.com/appsstatus/dashboard', 'https://www.google.com/appsstatus/dashboard/incidents.json'],
    ] as const) {
      const normalized = normalizeBaseUrl(pasted)
      if (!normalized.ok) throw new Error(normalized.error)
      expect(normalized.value.href).toBe(page)
      const asked: string[] = []
      const found = value(await detectPlatform(normalized.value, serving(history(1_300_000), asked)))
      expect(asked).toEqual([endpoint])
      expect(found.platform).toBe('google')
      expect(found.snapshot.incidents.map((i) => i.id)).toEqual([RUN_ID, FUNCTIONS_ID])
    }
  })
})
