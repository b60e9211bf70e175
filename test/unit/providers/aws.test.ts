import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import type { Endpoint } from '../../../src/providers/provider.ts'

type DecodingEndpoint = Required<Pick<Endpoint, 'decode'>> & Endpoint
import { AWS_EVENTS_URL, aws, decodeAwsBody, decodeAwsJson, parseAwsEvents } from '../../../src/providers/aws.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const SAMPLE = 'aws/health-currentevents-2026-09-04.json'
const UAE = 'arn:aws:health:me-central-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_5E6B8_EF2498889B5'
const BAHRAIN = 'arn:aws:health:me-south-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_E6426_01AD72B4E1E'

/** What health.aws.amazon.com sends: UTF-16 big-endian code units after a FE FF mark. */
function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2)
  let offset = 0
  if (bom) {
    bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
    offset = 2
  }
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    bytes[offset + index * 2] = bigEndian ? unit >> 8 : unit & 0xff
    bytes[offset + index * 2 + 1] = bigEndian ? unit & 0xff : unit >> 8
  }
  return bytes
}

describe('AWS Health currentevents: real sample (2026-09-04)', () => {
  const snapshot = (): Snapshot => value(parseAwsEvents(sampleJson(SAMPLE)))

  it('keeps the 2 open ME-region disruptions and drops the [RESOLVED] Oregon event', () => {
    const s = snapshot()
    expect(s.platform).toBe('aws')
    expect(s.page).toEqual({ name: 'AWS', url: 'https://health.aws.amazon.com/health/status' })
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.impact])).toEqual([
      [UAE, 'Increased Error Rates (Multiple services, UAE)', 'investigating', 'critical'],
      [BAHRAIN, 'Increased Error Rates (Multiple services, Bahrain)', 'investigating', 'critical'],
    ])
    expect(s.incidents.some((i) => i.name.includes('RESOLVED'))).toBe(false)
    expect(s.level).toBe('critical')
    expect(s.maintenances).toEqual([])
  })

  it('reads epoch-second strings and numbers, and the event log as updates', () => {
    const [uae, bahrain] = snapshot().incidents
    expect(uae?.startedAt).toBe(1772369485000)
    expect(uae?.updates).toEqual([
      {
        id: `${UAE}#1`,
        status: 'investigating',
        text: 'We are investigating issues with AWS services in the ME-CENTRAL-1 Region.',
        at: 1772369485000,
      },
    ])
    expect(uae?.componentIds).toEqual(['signin-me-central-1', 'sts-me-central-1', 'bedrock-me-central-1'])
    expect(bahrain?.startedAt).toBe(1772430987000)
    expect(bahrain?.updates[0]?.text).toBe('We are investigating increased API error rates in a single Availability Zone (mes1-az2) in the ME-SOUTH-1 Region.')
  })

  it('lists the named services as components grouped by region; the resolved event’s are operational', () => {
    const s = snapshot()
    expect(s.groups).toEqual([
      { id: 'us-west-2', name: 'Oregon' },
      { id: 'me-central-1', name: 'UAE' },
      { id: 'me-south-1', name: 'Bahrain' },
    ])
    expect(s.components.map((c) => [c.id, c.name, c.groupId, c.status])).toEqual([
      ['sts-us-west-2', 'AWS Security Token Service', 'us-west-2', 'operational'],
      ['signin-us-west-2', 'AWS Sign-In', 'us-west-2', 'operational'],
      ['signin-me-central-1', 'AWS Sign-In', 'me-central-1', 'major_outage'],
      ['sts-me-central-1', 'AWS Security Token Service', 'me-central-1', 'major_outage'],
      ['bedrock-me-central-1', 'Amazon Bedrock', 'me-central-1', 'major_outage'],
      ['sts-me-south-1', 'AWS Security Token Service', 'me-south-1', 'major_outage'],
      ['signin-me-south-1', 'AWS Sign-In', 'me-south-1', 'major_outage'],
      ['bedrock-me-south-1', 'Amazon Bedrock', 'me-south-1', 'major_outage'],
    ])
  })

  it('decodes the sample re-encoded as the wire sends it (UTF-16 BE with a BOM)', () => {
    const text = sampleText(SAMPLE)
    expect(decodeAwsBody(utf16(text, true))).toBe(text)
    const endpoint = aws.endpoints(new URL('https://health.aws.amazon.com'))[0] as DecodingEndpoint
    expect(endpoint.url).toBe(AWS_EVENTS_URL)
    const decoded = value(endpoint.decode(utf16(text, true), new Headers({ 'content-type': 'application/json' })))
    expect(value(endpoint.parse(decoded))).toEqual(snapshot())
  })
})

describe('decodeAwsBody', () => {
  const text = '[{"summary":"Ünïcødé — 東京 🚀"}]'

  it.each([
    ['UTF-16 BE with a BOM', utf16(text, true)],
    ['UTF-16 LE with a BOM', utf16(text, false)],
    ['UTF-16 BE without a BOM', utf16(text, true, false)],
    ['UTF-16 LE without a BOM', utf16(text, false, false)],
    ['UTF-8', new TextEncoder().encode(text)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
  ])('%s', (_label, bytes) => {
    expect(decodeAwsBody(bytes)).toBe(text)
  })

  it('reads an empty body as no events, and garbage as not_json', () => {
    expect(value(decodeAwsJson(new Uint8Array(0)))).toBeNull()
    expect(value(parseAwsEvents(null)).incidents).toEqual([])
    expect(failure(decodeAwsJson(utf16('[{"arn":', true))).kind).toBe('not_json')
  })

  it('never throws on an odd number of bytes', () => {
    expect(() => decodeAwsBody(new Uint8Array([0xfe, 0xff, 0x00, 0x5b, 0x00]))).not.toThrow()
  })
})

describe('AWS events: hand-made cases', () => {
  const event = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    date: '1788472198',
    arn: 'arn:aws:health:eu-west-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/X1',
    region_name: 'Ireland',
    status: '2',
    service: 'ec2-eu-west-1',
    service_name: 'Amazon Elastic Compute Cloud',
    summary: 'Increased launch latency',
    event_log: [
      { summary: 'Increased launch latency', message: 'We are investigating.', status: 1, timestamp: 1788472198 },
      { summary: 'Increased launch latency', message: 'We have identified the cause.', status: 1, timestamp: 1788475798 },
    ],
    impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '2', max: '2' } },
    ...overrides,
  })

  it('reads status "2" as a partial outage, updates newest first with ids counted from the oldest', () => {
    const s = value(parseAwsEvents([event({})]))
    expect(s.level).toBe('major')
    expect(s.components).toEqual([{ id: 'ec2-eu-west-1', name: 'Amazon Elastic Compute Cloud', groupId: 'eu-west-1', status: 'partial_outage' }])
    expect(s.incidents[0]?.updates.map((u) => [u.id, u.text, u.at])).toEqual([
      ['arn:aws:health:eu-west-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/X1#2', 'We have identified the cause.', 1788475798000],
      ['arn:aws:health:eu-west-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/X1#1', 'We are investigating.', 1788472198000],
    ])
  })

  it('drops an event whose summary says [RESOLVED] even while its status is not "0"', () => {
    const s = value(parseAwsEvents([event({ status: '1', summary: '[RESOLVED] Increased launch latency' })]))
    expect(s.incidents).toEqual([])
    expect(s.components[0]?.status).toBe('operational')
    expect(s.level).toBe('operational')
  })

  it('keeps the first of a repeated arn, and a service named twice takes its worst open status', () => {
    const other = event({
      arn: 'arn:aws:health:eu-west-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/X2',
      status: '3',
      impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '3', max: '3' } },
    })
    const s = value(parseAwsEvents([event({}), event({ summary: 'duplicate' }), other]))
    expect(s.incidents.map((i) => i.name)).toEqual([
      'Increased launch latency (Amazon Elastic Compute Cloud, Ireland)',
      'Increased launch latency (Amazon Elastic Compute Cloud, Ireland)',
    ])
    expect(s.incidents.map((i) => i.id.slice(-2))).toEqual(['X1', 'X2'])
    expect(s.components).toEqual([{ id: 'ec2-eu-west-1', name: 'Amazon Elastic Compute Cloud', groupId: 'eu-west-1', status: 'major_outage' }])
  })

  it('is lenient about missing optional parts', () => {
    const s = value(parseAwsEvents([{ arn: 'arn:aws:health:global::event/IAM/X', status: '1', summary: 'Sign-in issue' }]))
    expect(s.incidents[0]).toMatchObject({ name: 'Sign-in issue (global)', startedAt: null, updates: [], componentIds: [] })
    expect(s.groups).toEqual([{ id: 'global', name: 'global' }])
  })

  it.each([
    ['an object', { events: [] }],
    ['a string', 'events'],
    ['an event that is not an object', [1]],
    ['an event without arn', [{ status: '3', summary: 'x' }]],
  ])('refuses %s with bad_shape', (_label, json) => {
    expect(failure(parseAwsEvents(json)).kind).toBe('bad_shape')
  })
})
