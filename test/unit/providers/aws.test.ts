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

describe('AWS events: severity, dates, regions, services and the log', () => {
  const ARN = 'arn:aws:health:eu-west-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/X1'
  const event = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    date: '1788472198',
    arn: ARN,
    region_name: 'Ireland',
    status: '2',
    service: 'ec2-eu-west-1',
    service_name: 'Amazon Elastic Compute Cloud',
    summary: 'Increased launch latency',
    event_log: [{ summary: 'Increased launch latency', message: 'We are investigating.', status: 1, timestamp: 1788472198 }],
    impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '2', max: '2' } },
    ...overrides,
  })
  const one = (overrides: Record<string, unknown>): Snapshot => value(parseAwsEvents([event(overrides)]))

  it.each([
    ['"3"', '3', 'critical', 'major_outage'],
    ['the number 3', 3, 'critical', 'major_outage'],
    ['the number 1', 1, 'minor', 'degraded_performance'],
    ['" 3 " (padded)', ' 3 ', 'critical', 'major_outage'],
    ['an unknown code "7"', '7', 'minor', 'degraded_performance'],
    ['no status at all', undefined, 'minor', 'degraded_performance'],
    ['a list ["3"]', ['3'], 'minor', 'degraded_performance'],
  ])('reads status %s as impact %s', (_label, status, impact, component) => {
    const s = one({ status, impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud' } } })
    expect(s.incidents.map((i) => [i.status, i.impact])).toEqual([['investigating', impact]])
    expect(s.components.map((c) => c.status)).toEqual([component])
  })

  it.each([
    ['"0"', '0'],
    ['the number 0', 0],
  ])('drops an event whose status is %s though its summary does not say [RESOLVED]; its services read operational', (_label, status) => {
    const s = one({ status })
    expect(s.incidents).toEqual([])
    expect(s.level).toBe('operational')
    expect(s.components.map((c) => [c.id, c.status])).toEqual([['ec2-eu-west-1', 'operational']])
  })

  it('keeps an event open when [RESOLVED] is not at the start of its summary', () => {
    const s = one({ summary: 'Follow-up to the [RESOLVED] launch issue' })
    expect(s.incidents.map((i) => [i.name, i.status])).toEqual([['Follow-up to the [RESOLVED] launch issue (Amazon Elastic Compute Cloud, Ireland)', 'investigating']])
  })

  it('names an event without a summary "AWS event", and a service without a name by its key', () => {
    const s = one({ summary: undefined, impacted_services: { 'ec2-eu-west-1': { current: '2' } } })
    expect(s.incidents.map((i) => i.name)).toEqual(['AWS event (Amazon Elastic Compute Cloud, Ireland)'])
    expect(s.components.map((c) => c.name)).toEqual(['ec2-eu-west-1'])
  })

  it.each([
    ['plain epoch seconds', '1788472198', 1788472198000],
    ['epoch seconds with spaces around', ' 1788472198 ', 1788472198000],
    ['epoch seconds with a fraction', '1788472198.25', 1788472198250],
    ['a number', 1788472198, 1788472198000],
    ['exponent notation', '1.788472198e9', null],
    ['a trailing exponent', '1e9', null],
    ['hex', '0x6A9A0D86', null],
    ['an empty string', '', null],
    ['zero', '0', null],
    ['the number zero', 0, null],
    ['a negative number', -5, null],
    ['true', true, null],
    ['a list', ['1788472198'], null],
  ])('reads a date given as %s', (_label, date, startedAt) => {
    expect(one({ date }).incidents[0]?.startedAt).toBe(startedAt)
  })

  it('reads an out-of-range number (1e400 parses to Infinity) as no date', () => {
    const [json] = JSON.parse(`[${JSON.stringify(event({})).replace('"date":"1788472198"', '"date":1e400')}]`) as [unknown]
    expect(value(parseAwsEvents([json])).incidents[0]?.startedAt).toBeNull()
  })

  it.each([
    ['no region in the arn', 'arn:aws:health:::event/IAM/AWS_IAM_OPERATIONAL_ISSUE/G1', 'global'],
    ['a blank region in the arn', 'arn:aws:health: ::event/IAM/AWS_IAM_OPERATIONAL_ISSUE/G1', 'global'],
    ['an arn that is not one', 'G1', 'global'],
    ['a region with spaces around', 'arn:aws:health: eu-west-1 ::event/EC2/X1', 'eu-west-1'],
  ])('groups an event with %s under the right region', (_label, arn, region) => {
    const s = one({ arn, region_name: undefined, service_name: undefined })
    expect(s.groups).toEqual([{ id: region, name: region }])
    expect(s.incidents.map((i) => [i.id, i.name])).toEqual([[arn, `Increased launch latency (${region})`]])
    expect(s.components.map((c) => c.groupId)).toEqual([region])
  })

  it('skips services that are not objects or have a blank key; a service’s own code wins over the event’s', () => {
    const s = one({
      status: '3',
      impacted_services: {
        '': { service_name: 'Nameless', current: '3' },
        '  ': { service_name: 'Blank', current: '3' },
        'lambda-eu-west-1': 'AWS Lambda',
        's3-eu-west-1': null,
        'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '1' },
        'iam-eu-west-1': { service_name: 'AWS Identity and Access Management' },
      },
    })
    expect(s.components.map((c) => [c.id, c.name, c.status])).toEqual([
      ['ec2-eu-west-1', 'Amazon Elastic Compute Cloud', 'degraded_performance'],
      ['iam-eu-west-1', 'AWS Identity and Access Management', 'major_outage'],
    ])
    expect(s.incidents[0]?.componentIds).toEqual(['ec2-eu-west-1', 'iam-eu-west-1'])
  })

  it('a service named first by a worse event keeps the worse status', () => {
    const worse = event({ arn: `${ARN}-3`, status: '3', impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '3' } } })
    const milder = event({ arn: `${ARN}-1`, status: '1', impacted_services: { 'ec2-eu-west-1': { service_name: 'Amazon Elastic Compute Cloud', current: '1' } } })
    expect(value(parseAwsEvents([worse, milder])).components.map((c) => [c.id, c.status])).toEqual([['ec2-eu-west-1', 'major_outage']])
  })

  it('orders the log by time whatever order AWS lists it in, ties in listed order, skipping entries that are not objects', () => {
    const s = one({
      event_log: [
        { message: 'Recovering.', status: 1, timestamp: 1788479398 },
        { message: 'We have identified the cause.', status: 1, timestamp: '1788475798' },
        'junk',
        { message: 'Launches are slow.', status: 1, timestamp: 1788472198 },
        { message: 'We are investigating.', status: 1, timestamp: 1788472198 },
        { summary: 'No message, no time', status: 1 },
        { message: 'Resolved.', status: 0, timestamp: 1788483000 },
        { status: '0', timestamp: 1788483001 },
      ],
    })
    expect(s.incidents[0]?.updates).toEqual([
      { id: `${ARN}#7`, status: 'resolved', text: '', at: 1788483001000 },
      { id: `${ARN}#6`, status: 'resolved', text: 'Resolved.', at: 1788483000000 },
      { id: `${ARN}#5`, status: 'investigating', text: 'Recovering.', at: 1788479398000 },
      { id: `${ARN}#4`, status: 'investigating', text: 'We have identified the cause.', at: 1788475798000 },
      { id: `${ARN}#3`, status: 'investigating', text: 'We are investigating.', at: 1788472198000 },
      { id: `${ARN}#2`, status: 'investigating', text: 'Launches are slow.', at: 1788472198000 },
      { id: `${ARN}#1`, status: 'investigating', text: 'No message, no time', at: null },
    ])
  })
})

describe('decodeAwsBody and decodeAwsJson at the edges', () => {
  it.each([
    ['FE then not FF', [0xfe, 0x41], '\uFFFDA'],
    ['not FE then FF', [0x41, 0xff], 'A\uFFFD'],
    ['FF then not FE', [0xff, 0x41], '\uFFFDA'],
    ['not FF then FE', [0x41, 0xfe], 'A\uFFFD'],
    ['a lone NUL', [0x00], '\u0000'],
    ['two NULs', [0x00, 0x00], '\u0000\u0000'],
  ])('reads bytes that are no BOM and no UTF-16 (%s) as UTF-8', (_label, bytes, text) => {
    expect(decodeAwsBody(new Uint8Array(bytes))).toBe(text)
  })

  it('reads a one-character body in UTF-16 without a BOM', () => {
    expect(decodeAwsBody(utf16('1', true, false))).toBe('1')
    expect(decodeAwsBody(utf16('1', false, false))).toBe('1')
    expect(value(decodeAwsJson(utf16('1', true, false)))).toBe(1)
  })

  it('reads a body of only whitespace as no events, and names the feed when it is not JSON', () => {
    expect(value(decodeAwsJson(utf16(' \r\n ', true)))).toBeNull()
    expect(failure(decodeAwsJson(utf16('[{"arn":', true))).message).toBe('AWS currentevents: not valid JSON (truncated?)')
  })
})

describe('AWS events: what a wrong shape reports', () => {
  it('reads an empty body as no events', () => {
    expect(value(parseAwsEvents('')).incidents).toEqual([])
  })

  it.each([
    ['an object', { events: [] }, 'AWS currentevents: $: expected a list of events'],
    ['a second event that is not an object', [{ arn: 'arn:aws:health:eu-west-1::event/X', status: '1' }, 1], 'AWS currentevents: $[1]: expected an object'],
    ['a second event without arn', [{ arn: 'arn:aws:health:eu-west-1::event/X', status: '1' }, { status: '1' }], 'AWS currentevents: $[1].arn: expected an id'],
  ])('says where: %s', (_label, json, message) => {
    expect(failure(parseAwsEvents(json))).toMatchObject({ kind: 'bad_shape', message })
  })
})
