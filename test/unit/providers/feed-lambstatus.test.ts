import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/detect.ts'
import { CATALOG_LABELS } from '../../../src/providers/index.ts'
import { feed, parseFeed, parseFeedHistory } from '../../../src/providers/feed.ts'
import { failure, value } from '../../support/result.ts'
import { sampleText } from '../../support/samples.ts'

/** Built from LambStatus's feed generator (see the fixtures README): no capture of a LambStatus feed was found. */
const ATOM = 'feeds/lambstatus-codacy-history-built-2026-11-30.atom'
const RSS = 'feeds/lambstatus-codacy-history-built-2026-11-30.rss'
const CODACY = new URL('https://status.codacy.com/')

describe('LambStatus history feeds (Codacy): read by the feed provider', () => {
  it.each([ATOM, RSS])('%s: the open incident and the maintenance underway, with short ids', (path) => {
    const s = value(parseFeed(sampleText(path), CODACY))
    expect(s.platform).toBe('feed')
    expect(s.page).toEqual({ name: 'Codacy', url: 'https://status.codacy.com' })
    expect(s.level).toBe('minor')
    expect(s.incidents.map((i) => [i.id, i.name, i.status, i.url, i.startedAt])).toEqual([
      ['q3Vx8LmT2bKd', 'Delays in analysis of pull requests', 'identified', 'https://status.codacy.com/incidents/q3Vx8LmT2bKd', Date.UTC(2026, 10, 30, 8, 55)],
    ])
    expect(s.incidents[0]?.updates).toEqual([
      { id: 'q3Vx8LmT2bKd#2', status: 'identified', text: 'We identified a backlog in the analysis workers and are adding capacity.', at: Date.UTC(2026, 10, 30, 9, 41) },
      { id: 'q3Vx8LmT2bKd#1', status: 'investigating', text: 'Some pull request analyses are taking longer than usual. We are investigating.', at: Date.UTC(2026, 10, 30, 8, 55) },
    ])
    expect(s.maintenances.map((m) => [m.id, m.name, m.status, m.url])).toEqual([['Hc7pR2wQz9Ns', 'Database upgrade', 'in_progress', 'https://status.codacy.com/maintenances/Hc7pR2wQz9Ns']])
    expect(s.maintenances[0]?.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ['Hc7pR2wQz9Ns#2', 'in_progress', Date.UTC(2026, 10, 29, 22, 5)],
      ['Hc7pR2wQz9Ns#1', 'scheduled', Date.UTC(2026, 10, 25, 10, 0)],
    ])
  })

  it('keeps the whole history with the same short ids in Atom and RSS (Atom ids are tag: URIs)', () => {
    const ids = (path: string): [string, string, string | null, boolean][] =>
      value(parseFeedHistory(sampleText(path), CODACY)).entries.map((e) => [e.kind, e.id, e.status, e.ongoing])
    const expected = [
      ['incident', 'q3Vx8LmT2bKd', 'identified', true],
      ['maintenance', 'Hc7pR2wQz9Ns', 'in_progress', true],
      ['incident', 'A8dLk2PqW4rZ', 'resolved', false],
      ['maintenance', 'm0TbY5eXc1Uf', 'completed', false],
    ]
    expect(ids(ATOM)).toEqual(expected)
    expect(ids(RSS)).toEqual(expected)
  })

  it('a maintenance code is one path segment of safe characters; anything else keeps the entry’s own id', () => {
    const entry = (href: string): string =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><entry><id>tag:x,2017:Maintenance/1</id><link href="${href}"/><title>M</title><content type="html">&lt;p&gt;&lt;small&gt;Nov 29, 2026, 22:05 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;In Progress&lt;/strong&gt; - m&lt;/p&gt;</content></entry></feed>`
    const id = (href: string): string | undefined => value(parseFeedHistory(entry(href), CODACY)).entries[0]?.id
    expect(id('https://status.codacy.com/maintenances/Ab_9-z')).toBe('Ab_9-z')
    expect(id('https://status.codacy.com/maintenances/a%2Fb')).toBe('tag:x,2017:Maintenance/1')
    expect(id('https://status.codacy.com/maintenances/a/b')).toBe('tag:x,2017:Maintenance/1')
    expect(id('javascript:alert(1)//maintenances/x')).toBe('tag:x,2017:Maintenance/1')
  })

  it('an entry of hostile shape is bad_shape or skipped, never a crash', () => {
    expect(failure(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>no id, no link</title></entry></feed>', CODACY)).kind).toBe('bad_shape')
    expect(failure(parseFeed(sampleText(RSS).slice(0, 900), CODACY)).kind).toBe('bad_shape')
  })

  it('the catalog’s LambStatus label is the feed platform', () => {
    expect(CATALOG_LABELS.get('LambStatus')).toBe('feed')
  })

  it('detection finds status.codacy.com by its history.atom and polls it there', async () => {
    const body = sampleText(ATOM)
    const found = await detectPlatform(CODACY, {
      fetch: (url) => Promise.resolve(url === 'https://status.codacy.com/history.atom' ? new Response(body, { headers: { 'content-type': 'application/atom+xml' } }) : new Response('', { status: 404 })),
      timeoutSignal: () => new AbortController().signal,
      now: () => Date.UTC(2026, 10, 30, 10),
    })
    expect(value(found).platform).toBe('feed')
    expect(value(found).snapshot.maintenances.map((m) => m.id)).toEqual(['Hc7pR2wQz9Ns'])
    expect(feed.endpoints(CODACY).map((e) => e.url)).toEqual(['https://status.codacy.com/history.atom', 'https://status.codacy.com/history.rss'])
  })
})
