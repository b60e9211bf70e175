import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Incident, Snapshot, Update } from '../../../src/model.ts'
import { RULE, blockWithin, consoleBlock, errorLine, timestamp } from '../../../src/text/console-line.ts'
import type { TextContext } from '../../../src/text/event-text.ts'

// vitest.config.ts pins TZ=UTC, so local time is UTC here.
const AT = Date.UTC(2025, 10, 17, 14, 32, 0)
const DASHES = '-'.repeat(80)

const snapshot: Snapshot = {
  platform: 'incidentio',
  page: { name: 'OpenAI', url: 'https://status.openai.com' },
  level: 'minor',
  components: [{ id: 'c-video', name: 'Video generation', groupId: null, status: 'degraded_performance' }],
  groups: [],
  incidents: [],
  maintenances: [],
}
const context: TextContext = { pageName: 'OpenAI', pageUrl: 'https://status.openai.com', snapshot }

const update = (status: Update['status'], text: string): Update => ({ id: `u-${status}`, status, text, at: AT })
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'inc-1',
  name: 'Sora video generation errors',
  status: 'monitoring',
  impact: 'minor',
  url: null,
  startedAt: AT,
  updates: [],
  componentIds: ['c-video'],
  ...over,
})
const updated = (text: string, over: Partial<Incident> = {}): MonitorEvent => ({
  kind: 'incident_updated',
  key: 'inc-1:u',
  incident: incident(over),
  update: update('monitoring', text),
})

describe('consoleBlock', () => {
  it('prints the original four-line format, the incident named in Details beside the components in Product', () => {
    expect(consoleBlock(updated('A fix has been implemented and we are monitoring the results.'), context, AT)).toBe(
      [
        '[2025-11-17 14:32:00] Product: OpenAI - Video generation',
        'Status: Minor - Monitoring',
        'Details: Sora video generation errors: A fix has been implemented and we are monitoring the results.',
        DASHES,
      ].join('\n'),
    )
  })

  it('the rule is 80 dashes and there is no trailing newline', () => {
    expect(RULE).toBe(DASHES)
    expect(consoleBlock(updated('x'), context, AT).endsWith(`\n${DASHES}`)).toBe(true)
  })

  it('keeps the full details, however long', () => {
    const long = 'word '.repeat(500).trim()
    expect(consoleBlock(updated(long), context, AT).split('\n')[2]).toBe(`Details: Sora video generation errors: ${long}`)
  })

  it('indents continuation lines of multi-line details, keeping blank lines blank', () => {
    const block = consoleBlock(updated('First line.\r\nSecond line.\n\nAfter a gap.'), context, AT)
    expect(block.split('\n')).toEqual([
      '[2025-11-17 14:32:00] Product: OpenAI - Video generation',
      'Status: Minor - Monitoring',
      'Details: Sora video generation errors: First line.',
      '         Second line.',
      '',
      '         After a gap.',
      DASHES,
    ])
  })

  it('page text cannot forge another block', () => {
    const forged = `ok\n${DASHES}\n[2025-11-17 14:33:00] Product: OpenAI - Everything\nStatus: Critical - Investigating\nDetails: fake`
    const lines = consoleBlock(updated(forged, { componentIds: [], name: `x\n[2025-01-01 00:00:00] Product: fake` }), context, AT).split('\n')
    // Only our own first line starts with "[", only our rule is a rule, Product/Status stay one line each.
    expect(lines.filter((l) => l.startsWith('['))).toHaveLength(1)
    expect(lines.filter((l) => l.startsWith('-'))).toEqual([DASHES])
    expect(lines[lines.length - 1]).toBe(DASHES)
    expect(lines.filter((l) => l.startsWith('Status:'))).toHaveLength(1)
    expect(lines[0]).toBe('[2025-11-17 14:32:00] Product: OpenAI - x [2025-01-01 00:00:00] Product: fake')
    for (const line of lines.slice(3, -1)) expect(line === '' || line.startsWith('         ')).toBe(true)
  })

  it('strips terminal escapes and other control characters everywhere', () => {
    const block = consoleBlock(
      updated('\u001b[2J\u001b[HCleared\u001b[0m screen\u0008\u0008\u0008XXX\rover', { componentIds: [], name: 'Name\u001b]0;pwned\u0007' }),
      { ...context, pageName: 'Open\u001b[31mAI' },
      AT,
    )
    // eslint-disable-next-line no-control-regex -- asserting no control character survives
    expect(block).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(block.split('\n').slice(0, 4)).toEqual([
      '[2025-11-17 14:32:00] Product: OpenAI - Name',
      'Status: Minor - Monitoring',
      'Details: Cleared screenXXX',
      '         over',
    ])
  })

  it('keeps HTML-looking text literal', () => {
    expect(consoleBlock(updated('<b>bold</b> &amp; <a href="x">link</a>'), context, AT).split('\n')[2]).toBe(
      'Details: Sora video generation errors: <b>bold</b> &amp; <a href="x">link</a>',
    )
  })

  it('prints component changes and maintenance in the same shape', () => {
    const change: MonitorEvent = {
      kind: 'component_changed',
      key: 'c-video:partial_outage',
      component: { id: 'c-video', name: 'Video generation', groupId: null, status: 'partial_outage' },
      label: 'Video generation',
      from: 'operational',
      to: 'partial_outage',
    }
    expect(consoleBlock(change, context, AT).split('\n')).toEqual([
      '[2025-11-17 14:32:00] Product: OpenAI - Video generation',
      'Status: Partial outage (was Operational)',
      'Details: Changed from Operational to Partial outage.',
      DASHES,
    ])
    const started: MonitorEvent = {
      kind: 'maintenance_started',
      key: 'm-1:started',
      maintenance: {
        id: 'm-1',
        name: 'Database upgrade',
        status: 'in_progress',
        impact: 'maintenance',
        url: null,
        scheduledFor: Date.UTC(2025, 10, 17, 14, 0),
        scheduledUntil: Date.UTC(2025, 10, 17, 16, 0),
        updates: [],
        componentIds: [],
      },
    }
    expect(consoleBlock(started, context, AT).split('\n')).toEqual([
      '[2025-11-17 14:32:00] Product: OpenAI - Database upgrade',
      'Status: Maintenance - In progress',
      'Details: Until 2025-11-17 16:00 — Database upgrade',
      DASHES,
    ])
  })
})

describe('blockWithin: a block kept in the history, at most max characters', () => {
  const HEAD = ['[2025-11-17 14:32:00] Product: OpenAI - Video generation', 'Status: Minor - Monitoring']

  it('a block that fits is kept as it is', () => {
    const block = consoleBlock(updated('A fix has been implemented.'), context, AT)
    expect(blockWithin(block, block.length)).toBe(block)
    expect(blockWithin(block, 2000)).toBe(block)
  })

  it('a long block has its details cut with an ellipsis, and keeps its closing rule', () => {
    const block = consoleBlock(updated('We are seeing elevated error rates for video generation. '.repeat(10)), context, AT)
    const kept = blockWithin(block, 300)
    expect(kept.split('\n')).toEqual([
      ...HEAD,
      'Details: Sora video generation errors: We are seeing elevated error rates for video generation. We are seeing elevated error rates…',
      DASHES,
    ])
    expect(Array.from(kept).length).toBeLessThanOrEqual(300)
  })

  it('counts characters, not UTF-16 units: a block with emoji that fits in max characters is kept whole', () => {
    const block = consoleBlock(updated('Video generation is degraded 🎬🎬🎬 for some users.'), context, AT)
    const characters = Array.from(block).length
    expect(block.length).toBeGreaterThan(characters)
    expect(blockWithin(block, characters)).toBe(block)
    expect(blockWithin(block, characters - 1).split('\n')).toEqual([...HEAD, 'Details: Sora video generation errors: Video generation is degraded 🎬🎬🎬 for some…', DASHES])
  })

  it('text that does not end with the rule is cut like any text, with no rule added', () => {
    const line = errorLine('OpenAI', 'HTTP 503 Service Unavailable', AT)
    expect(blockWithin(line, 200)).toBe(line)
    expect(blockWithin(line, 50)).toBe('[2025-11-17 14:32:00] [ERROR] OpenAI: HTTP 503…')
  })
})

describe('timestamp', () => {
  it('pads every field', () => {
    expect(timestamp(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('[2025-01-02 03:04:05]')
  })

  it('does not throw on a bad clock value', () => {
    expect(timestamp(Number.NaN)).toBe('[????-??-?? ??:??:??]')
  })
})

describe('errorLine', () => {
  it('prints one error line', () => {
    expect(errorLine('OpenAI', 'HTTP 503 Service Unavailable', AT)).toBe('[2025-11-17 14:32:00] [ERROR] OpenAI: HTTP 503 Service Unavailable')
  })

  it('stays one line with no control characters, whatever the message', () => {
    const line = errorLine('Open\nAI', 'bad\u001b[31m json\n[2025-11-17 14:33:00] Product: fake\r\n', AT)
    expect(line).toBe('[2025-11-17 14:32:00] [ERROR] Open AI: bad json [2025-11-17 14:33:00] Product: fake')
  })

  it('names the page even when the name is blank', () => {
    expect(errorLine('  ', 'timeout', AT)).toBe('[2025-11-17 14:32:00] [ERROR] Status page: timeout')
  })
})
