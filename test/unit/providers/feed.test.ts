import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model.ts'
import type { Endpoint } from '../../../src/providers/provider.ts'

type DecodingEndpoint = Required<Pick<Endpoint, 'decode'>> & Endpoint
import { decodeFeedBody, feed, parseFeed, parseFeedHistory, type FeedHistory } from '../../../src/providers/feed.ts'
import { parseRfc822Time, parseUpdateStamp } from '../../../src/providers/feed-dates.ts'
import { innerMarkup, parseXml, textContent, type XmlElement } from '../../../src/providers/feed-xml.ts'
import { sampleText } from '../../support/samples.ts'
import { value, failure } from '../../support/result.ts'

const GITHUB = new URL('https://www.githubstatus.com')
const EXAMPLE = new URL('https://status.example.com')

const history = (path: string): FeedHistory => value(parseFeedHistory(sampleText(path)))

describe('feeds: GitHub history.atom, 2026-07-09 (newer spaced markup)', () => {
  const path = 'feeds/github-history-2026-07-09.atom'

  it('reads all 25 entries, ids from the incident codes of their links', () => {
    const h = history(path)
    expect(h.title).toBe('GitHub Status - Incident History')
    expect(h.url).toBe('https://www.githubstatus.com/')
    expect(h.entries).toHaveLength(25)
    expect(h.entries[1]).toMatchObject({
      id: 'fz9sdc2q008p',
      name: 'Actions and Codespaces APIs experiencing partial failures',
      url: 'https://www.githubstatus.com/incidents/fz9sdc2q008p',
      publishedAt: Date.UTC(2026, 6, 7, 16, 17, 16),
      kind: 'incident',
      status: 'resolved',
      latestLabel: 'Resolved',
      ongoing: false,
    })
    expect(new Set(h.entries.map((e) => e.id)).size).toBe(25)
  })

  it('finds the newest incident ongoing: latest label Update, still investigating', () => {
    const [newest] = history(path).entries
    expect(newest).toMatchObject({ id: 'cstx3v63mklm', name: 'Delays starting Actions runs', kind: 'incident', status: 'investigating', latestLabel: 'Update', ongoing: true })
    expect(newest?.updates).toEqual([
      { id: 'cstx3v63mklm#3', status: 'investigating', text: 'We are continuing to work on a mitigation.', at: Date.UTC(2026, 6, 9, 6, 1) },
      {
        id: 'cstx3v63mklm#2',
        status: 'investigating',
        text: 'Approximately 5% of GitHub Actions runs on GitHub-hosted runners are experiencing run start delays exceeding 5 minutes. A small portion of these runs may fail after extended delays. We have identified the cause and are working on a mitigation.',
        at: Date.UTC(2026, 6, 9, 4, 51),
      },
      { id: 'cstx3v63mklm#1', status: 'investigating', text: 'We are investigating reports of degraded performance for Actions', at: Date.UTC(2026, 6, 9, 4, 34) },
    ])
    expect(history(path).entries.filter((e) => e.ongoing).map((e) => e.id)).toEqual(['cstx3v63mklm'])
  })

  it('parses every space-padded stamp, and every update has its text', () => {
    const updates = history(path).entries.flatMap((e) => e.updates)
    expect(updates.length).toBeGreaterThan(80)
    expect(updates.filter((u) => u.at === null)).toEqual([])
    expect(updates.filter((u) => u.text === '')).toEqual([])
    expect(updates.some((u) => /<|&lt;|&gt;/.test(u.text))).toBe(false)
    // Stamps never lie after their entry: the year was inferred right.
    for (const entry of history(path).entries) {
      for (const u of entry.updates) expect(u.at ?? Infinity).toBeLessThanOrEqual((entry.publishedAt ?? -Infinity) + 60_000)
    }
  })

  it('keeps the statuses an Update inherits, oldest to newest', () => {
    const pages = history(path).entries.find((e) => e.id === 'fz9sdc2q008p')
    expect(pages?.updates.map((u) => u.status)).toEqual([
      'resolved', 'monitoring', 'investigating', 'investigating', 'investigating', 'investigating', 'investigating', 'investigating', 'investigating',
    ])
  })

  it('gives a snapshot with the one ongoing incident, minor, without components', () => {
    const s = value(parseFeed(sampleText(path), GITHUB))
    expect(s.platform).toBe('feed')
    expect(s.page).toEqual({ name: 'GitHub', url: 'https://www.githubstatus.com' })
    expect(s.level).toBe('minor')
    expect(s.components).toEqual([])
    expect(s.groups).toEqual([])
    expect(s.maintenances).toEqual([])
    expect(s.incidents).toHaveLength(1)
    expect(s.incidents[0]).toMatchObject({
      id: 'cstx3v63mklm',
      status: 'investigating',
      impact: 'minor',
      url: 'https://www.githubstatus.com/incidents/cstx3v63mklm',
      startedAt: Date.UTC(2026, 6, 9, 4, 34),
      componentIds: [],
    })
  })
})

describe('feeds: GitHub history.atom, 2025-05-30 (maintenances, tight markup)', () => {
  const path = 'feeds/github-history-2025-05-30.atom'

  it('finds the in-progress maintenance', () => {
    const s = value(parseFeed(sampleText(path), GITHUB))
    expect(s.incidents).toEqual([])
    expect(s.level).toBe('maintenance')
    expect(s.maintenances).toHaveLength(1)
    const [maintenance] = s.maintenances
    expect(maintenance).toMatchObject({
      id: 'nwjwwhj118sf',
      name: 'Codespaces Scheduled Maintenance',
      status: 'in_progress',
      impact: 'maintenance',
      scheduledFor: null,
      scheduledUntil: null,
      url: 'https://www.githubstatus.com/incidents/nwjwwhj118sf',
    })
    expect(maintenance?.updates.map((u) => [u.status, u.at])).toEqual([
      ['in_progress', Date.UTC(2025, 4, 29, 21, 30)],
      ['scheduled', Date.UTC(2025, 4, 29, 21, 1)],
    ])
    expect(maintenance?.updates[1]?.text).toMatch(/^Codespaces will be undergoing global maintenance from May 29, 2025 21:30 UTC to May 31, 2025 4:30 UTC\./)
    expect(maintenance?.updates[1]?.text).toContain('\n\nDuring this time period')
  })

  it('keeps the three completed maintenances in the history only', () => {
    const completed = history(path).entries.filter((e) => e.kind === 'maintenance' && e.status === 'completed')
    expect(completed).toHaveLength(3)
    for (const entry of completed) {
      expect(entry.ongoing).toBe(false)
      expect(entry.updates.map((u) => u.status)).toEqual(['completed', 'in_progress', 'scheduled'])
    }
    expect(history(path).entries.filter((e) => e.kind === 'incident').every((e) => e.status === 'resolved' && !e.ongoing)).toBe(true)
  })

  it('reads the April stamps of entries published in May with the right year', () => {
    const april = history(path).entries.flatMap((e) => e.updates).filter((u) => u.at !== null && new Date(u.at).getUTCMonth() === 3)
    expect(april.length).toBeGreaterThan(0)
    expect(april.every((u) => new Date(u.at ?? 0).getUTCFullYear() === 2025)).toBe(true)
  })
})

describe('feeds: Claude history, Atom and RSS twins (2026-02-04)', () => {
  const atom = (): FeedHistory => history('feeds/claude-history-2026-02-04.atom')
  const rss = (): FeedHistory => history('feeds/claude-history-2026-02-04.rss')

  it('read as the same 25 incidents: ids, titles, links, update counts, texts and times', () => {
    const shape = (h: FeedHistory) => h.entries.map((e) => ({ id: e.id, name: e.name, url: e.url, kind: e.kind, status: e.status, updates: e.updates }))
    expect(atom().entries).toHaveLength(25)
    expect(rss().entries).toHaveLength(25)
    expect(shape(rss())).toEqual(shape(atom()))
    expect(rss().entries.map((e) => e.publishedAt)).toEqual(atom().entries.map((e) => e.publishedAt))
  })

  it('reads the newest one as resolved, with its three updates', () => {
    const [newest] = rss().entries
    expect(newest).toMatchObject({ id: 'pvbysfjjrf8m', name: 'Elevated errors on Claude models', status: 'resolved', ongoing: false })
    expect(newest?.publishedAt).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(newest?.updates.map((u) => [u.status, u.text])).toEqual([
      ['resolved', 'The outage between 16:20 UTC / 8:20 PT and 16:55 UTC / 8:55 PT has now been resolved.'],
      ['identified', 'The issue has been identified and a fix is being implemented.'],
      ['investigating', 'We are currently investigating this issue.'],
    ])
  })

  it('decodes &apos; in RSS as the Atom copy keeps it', () => {
    const apostrophes = rss().entries.flatMap((e) => e.updates).filter((u) => u.text.includes("'"))
    expect(apostrophes.length).toBeGreaterThan(0)
    expect(rss().entries.flatMap((e) => e.updates).some((u) => u.text.includes('&apos;'))).toBe(false)
  })

  it('gives an operational snapshot named Claude from either', () => {
    for (const path of ['feeds/claude-history-2026-02-04.atom', 'feeds/claude-history-2026-02-04.rss']) {
      const s = value(parseFeed(sampleText(path), new URL('https://status.claude.com')))
      expect(s).toMatchObject({ level: 'operational', incidents: [], maintenances: [], page: { name: 'Claude', url: 'https://status.claude.com' } })
    }
  })
})

const atomFeed = (entries: string, head = '<title>Acme Status - Incident History</title>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">${head}${entries}</feed>`

const update = (stamp: string, label: string, text: string): string =>
  `&lt;p&gt;&lt;small&gt;${stamp}&lt;/small&gt;&lt;br&gt;&lt;strong&gt;${label}&lt;/strong&gt; - ${text}&lt;/p&gt;`

const entry = (id: string, published: string, content: string, extra = ''): string =>
  `<entry><id>tag:status.example.com,2005:Incident/${id}</id><published>${published}</published><updated>${published}</updated>` +
  `<link rel="alternate" type="text/html" href="https://status.example.com/incidents/code${id}"/><title>Incident ${id}</title>${extra}` +
  `<content type="html">${content}</content></entry>`

describe('feeds: hand-made cases', () => {
  it('reads a December update of an entry published in January as last year', () => {
    const xml = atomFeed(
      entry('1', '2026-01-01T00:30:00Z', update('Jan &lt;var data-var=\'date\'&gt; 1&lt;/var&gt;, 00:30 UTC', 'Monitoring', 'Better.') + update('Dec 31, 23:50 UTC', 'Investigating', 'Looking.')),
    )
    const [first] = value(parseFeedHistory(xml)).entries
    expect(first?.updates.map((u) => u.at)).toEqual([Date.UTC(2026, 0, 1, 0, 30), Date.UTC(2025, 11, 31, 23, 50)])
    expect(first?.updates.map((u) => u.status)).toEqual(['monitoring', 'investigating'])
  })

  it('reads content given as CDATA, and a Postmortem as closed', () => {
    const xml = atomFeed(
      `<entry><id>urn:x:1</id><title type="html">Outage &amp;lt;EU&amp;gt;</title><published>2026-03-02T10:00:00Z</published>` +
        `<link href="https://status.example.com/incidents/abc123"/>` +
        `<content type="html"><![CDATA[<p><small>Mar 2, 10:00 UTC</small><br><strong>Postmortem</strong> - Root cause: a <a href="x">bad</a> deploy.</p>` +
        `<p><small>Mar 1, 09:00 UTC</small><br><strong>Resolved</strong> - Fixed.</p>]]></content></entry>`,
    )
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only).toMatchObject({ id: 'abc123', name: 'Outage <EU>', status: 'postmortem', ongoing: false, latestLabel: 'Postmortem' })
    expect(only?.updates[0]?.text).toBe('Root cause: a bad deploy.')
  })

  it('drops links that are not https, and then keys the entry on its own id', () => {
    const xml = atomFeed(
      `<entry><id>tag:x,2005:Incident/9</id><title>Bad link</title><link href="javascript:alert(1)"/>` +
        `<content type="html">${update('Mar 1, 09:00 UTC', 'Investigating', 'Hm.')}</content><published>2026-03-01T09:00:00Z</published></entry>`,
    )
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only).toMatchObject({ id: 'tag:x,2005:Incident/9', url: null, ongoing: true })
    const s = value(parseFeed(xml, EXAMPLE))
    expect(s.page).toEqual({ name: 'Acme', url: 'https://status.example.com' })
    expect(s.incidents[0]?.url).toBeNull()
  })

  it('strips only a separator that opens an update, however it is written', () => {
    const head = (stamp: string, label: string) => `&lt;p&gt;&lt;small&gt;${stamp}&lt;/small&gt;&lt;br&gt;&lt;strong&gt;${label}&lt;/strong&gt;`
    const xml = atomFeed(
      entry(
        '1',
        '2026-03-01T10:00:00Z',
        `${head('Mar 1, 10:00 UTC', 'Resolved')}&lt;br&gt;Root cause: a bad deploy - rolled back.&lt;/p&gt;` +
          `${head('Mar 1, 09:30 UTC', 'Identified')} –Found it.&lt;/p&gt;` +
          `${head('Mar 1, 09:00 UTC', 'Investigating')}: Looking.&lt;/p&gt;`,
      ),
    )
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only?.updates.map((u) => [u.status, u.text])).toEqual([
      ['resolved', 'Root cause: a bad deploy - rolled back.'],
      ['identified', 'Found it.'],
      ['investigating', 'Looking.'],
    ])
  })

  it('keeps the first of a repeated entry', () => {
    const one = entry('1', '2026-03-01T09:00:00Z', update('Mar 1, 09:00 UTC', 'Investigating', 'First.'))
    const again = entry('1', '2026-03-01T09:05:00Z', update('Mar 1, 09:05 UTC', 'Resolved', 'Second.'))
    const h = value(parseFeedHistory(atomFeed(one + again)))
    expect(h.entries).toHaveLength(1)
    expect(h.entries[0]?.updates[0]?.text).toBe('First.')
  })

  it('keeps entries without update stamps in the history but never as ongoing', () => {
    const xml = atomFeed(entry('5', '2026-03-01T09:00:00Z', '&lt;p&gt;Something happened.&lt;/p&gt;'))
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only).toMatchObject({ status: null, ongoing: false, updates: [], latestLabel: null })
    expect(value(parseFeed(xml, EXAMPLE)).incidents).toEqual([])
  })

  it('reads an RSS maintenance that is only scheduled as upcoming, not underway', () => {
    const xml =
      '<rss version="2.0"><channel><title>Acme Status - Incident History</title><link>https://status.example.com</link>' +
      '<item><title>DB upgrade</title><pubDate>Mon, 02 Mar 2026 08:00:00 +0000</pubDate>' +
      '<link>https://status.example.com/incidents/m1</link><guid>https://status.example.com/incidents/m1</guid>' +
      `<description>${update('Mar 2, 08:00 UTC', 'Scheduled', 'We will upgrade the database.')}</description></item></channel></rss>`
    const s = value(parseFeed(xml, EXAMPLE))
    expect(s.level).toBe('operational')
    expect(s.maintenances.map((m) => [m.id, m.status])).toEqual([['m1', 'scheduled']])
  })

  it('reads xhtml content', () => {
    const xml = atomFeed(
      `<entry><id>x1</id><title>X</title><published>2026-03-01T09:00:00Z</published>` +
        `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p><small>Mar 1, 09:00 UTC</small><br/><strong>Identified</strong> - Cause found &amp; fixed<br/>soon.</p></div></content></entry>`,
    )
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only?.updates).toEqual([{ id: 'x1#1', status: 'identified', text: 'Cause found & fixed\nsoon.', at: Date.UTC(2026, 2, 1, 9, 0) }])
  })

  it.each([
    ['a truncated feed', atomFeed(entry('1', '2026-03-01T09:00:00Z', '')).slice(0, -20)],
    ['mismatched tags', '<feed><entry></feed></entry>'],
    ['HTML instead of a feed', '<html><body>Just a moment...</body></html>'],
    ['JSON instead of a feed', '{"page":{}}'],
    ['an empty body', ''],
    ['two roots', '<feed></feed><feed></feed>'],
    ['an RSS without channel', '<rss version="2.0"></rss>'],
    ['an entry without id or link', atomFeed('<entry><title>x</title></entry>')],
  ])('refuses %s with bad_shape', (_label, xml) => {
    expect(failure(parseFeed(xml, EXAMPLE)).kind).toBe('bad_shape')
  })

  it('does not expand entities a DTD declares', () => {
    const xml = `<!DOCTYPE feed [<!ENTITY boom "BOOM">]>${atomFeed('<entry><id>1</id><title>&boom;</title></entry>')}`
    expect(value(parseFeedHistory(xml)).entries[0]?.name).toBe('&boom;')
  })

  it('refuses a hostile depth of nesting instead of walking it', () => {
    expect(parseXml('<a>'.repeat(10_000) + '</a>'.repeat(10_000)).ok).toBe(false)
  })
})

describe('feed XML reader', () => {
  it('decodes entities, character references and CDATA; ignores comments and processing instructions', () => {
    const parsed = parseXml('\uFEFF<?xml version="1.0"?><!-- c --><r a=\'1 &amp; 2\'>x &lt; &#x41;&#66; <![CDATA[<b>&amp;</b>]]><?pi x?></r>')
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.value.attributes.get('a')).toBe('1 & 2')
    expect(textContent(parsed.value)).toBe('x < AB <b>&amp;</b>')
  })

  it('replaces forbidden character references instead of producing them', () => {
    const parsed = parseXml('<r>&#0;&#xD800;&#x110000;</r>')
    expect(parsed.ok && textContent(parsed.value)).toBe('\uFFFD\uFFFD\uFFFD')
  })

  it('says why a body is not well formed, as the poll error shows it', () => {
    const why = (xml: string): string => {
      const parsed = parseXml(xml)
      return parsed.ok ? 'ok' : parsed.error
    }
    expect(why('<!-- cut off')).toBe('unterminated comment')
    expect(why('<![CDATA[ cut off')).toBe('unterminated CDATA section')
    expect(why('<?xml version="1.0"')).toBe('unterminated processing instruction')
    expect(why('<feed/><!DOCTYPE feed')).toBe('unterminated declaration')
    expect(why('<!DOCTYPE feed [<!ENTITY a "b"><feed/>')).toBe('unterminated declaration')
    expect(why('<feed/><!DOCTYPE feed [<!ENTITY a "b">')).toBe('unterminated declaration')
    expect(why('<feed/><!DOCTYPE feed [<!ENTITY a "b">]')).toBe('unterminated declaration')
    expect(why('<feed></feed')).toBe('unterminated end tag')
    expect(why('Just a moment...<feed/>')).toBe('text outside the root element')
    expect(why('<feed/>trailing')).toBe('text outside the root element')
    expect(why('<![CDATA[x]]><feed/>')).toBe('CDATA outside the root element')
    expect(why('<feed/><![CDATA[x]]>')).toBe('CDATA outside the root element')
    expect(why('</feed>')).toBe('unexpected end tag </feed>')
    expect(why('<feed/></#document>')).toBe('unexpected end tag </#document>')
    expect(why('<feed></entry></feed>')).toBe('unexpected end tag </entry>')
    expect(why('<feed/><feed/>')).toBe('more than one root element')
    expect(why('<feed><entry>')).toBe('unclosed element <entry>')
    expect(why('')).toBe('no root element')
    expect(why('<?xml version="1.0"?><!-- nothing else -->')).toBe('no root element')
    expect(why('<feed><1/></feed>')).toBe('invalid tag at offset 6')
    expect(why('<feed><entry id="1"x></entry></feed>')).toBe('malformed tag <entry> at offset 6')
  })

  it('reads 64 nested elements and refuses 65', () => {
    const nested = (depth: number) => parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth))
    expect(nested(64).ok).toBe(true)
    expect(nested(65)).toEqual({ ok: false, error: 'elements nested too deeply' })
  })

  it('reads comments, doctypes and end tags as XML writes them', () => {
    const text = (xml: string): string => {
      const parsed = parseXml(xml)
      if (!parsed.ok) throw new Error(parsed.error)
      return textContent(parsed.value)
    }
    // A comment ends at the first `-->` after its opening, and may hold a `>`.
    expect(text('<r>a<!-- x > y -->text<!-->c-->d</r>')).toBe('atextd')
    // Likewise a processing instruction ends at the first `?>` after its opening `<?`.
    expect(text('<r>a<?>b?>c</r>')).toBe('ac')
    // A doctype with or without an internal subset, before content that holds `[` and `]`.
    expect(text('<!DOCTYPE feed><r><![CDATA[x]]></r>')).toBe('x')
    expect(text('<?xml version="1.0"?>\n<!DOCTYPE feed SYSTEM "a]b" [<!ENTITY e "v">]>\n<r>ok</r>')).toBe('ok')
    // Whitespace before the `>` of an end tag, and a stray byte-order mark at the end.
    expect(text('<r><title>t</title ></r >\n\uFEFF')).toBe('t')
    // Text under nested elements, in order.
    expect(text('<r>a<b>c<i>d</i></b>e</r>')).toBe('acde')
  })

  it('reads a start tag of up to 4096 characters and refuses a longer one', () => {
    // `entry title="` and `">` around the value: 15 characters of the tag besides it.
    const tag = (valueLength: number) => parseXml(`<entry title="${'x'.repeat(valueLength)}"></entry>`)
    const atLimit = tag(4096 - 15)
    expect(atLimit.ok && atLimit.value.attributes.get('title')?.length).toBe(4081)
    expect(tag(4097 - 15)).toEqual({ ok: false, error: 'malformed tag <entry> at offset 0' })
  })

  it('keeps the first of a repeated attribute', () => {
    const parsed = parseXml('<link href="https://a.example" href=\'https://b.example\'/>')
    expect(parsed.ok && parsed.value.attributes.get('href')).toBe('https://a.example')
  })

  it('decodes every predefined entity and allowed character reference once, and nothing that only looks like one', () => {
    const parsed = parseXml(
      '<r>&quot;a&quot; &apos;b&apos; &amp;amp; &lt;xlt; Camp; &#X41;&#9;&#10;&#13;&#32;&#x1F600;&#x10FFFF;&#xDFFF;&#xE000;</r>',
    )
    expect(parsed.ok && textContent(parsed.value)).toBe('"a" \'b\' &amp; <xlt; Camp; A\t\n\r \u{1F600}\u{10FFFF}\uFFFD\uE000')
    // Text that starts with a letter, not a `&`, is not read as a reference from its first character.
    const camp = parseXml('<r>Camp; &amp; co</r>')
    expect(camp.ok && textContent(camp.value)).toBe('Camp; & co')
  })

  it('writes xhtml children back as markup: attributes and text escaped, empty elements self-closed', () => {
    const parsed = parseXml('<content><div class="x"><a href="https://e.example/?a=1&amp;b=&quot;2&quot;" title=\'say "hi"\'>a &lt;b&gt; &amp; c</a><p></p><br></br></div></content>')
    if (!parsed.ok) throw new Error(parsed.error)
    expect(innerMarkup(parsed.value)).toBe(
      '<div class="x"><a href="https://e.example/?a=1&amp;b=&quot;2&quot;" title="say &quot;hi&quot;">a &lt;b&gt; &amp; c</a><p/><br/></div>',
    )
    const div = parsed.value.children[0] as XmlElement
    expect(div.children.map((child) => (typeof child === 'string' ? child : child.name))).toEqual(['a', 'p', 'br'])
  })
})

describe('feed dates', () => {
  it('reads RFC 822 as RSS writes it', () => {
    expect(parseRfc822Time('Wed, 04 Feb 2026 17:06:50 +0000')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('4 Feb 2026 09:06:50 -0800')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('Wed, 04 Feb 2026 17:06 GMT')).toBe(Date.UTC(2026, 1, 4, 17, 6))
    expect(parseRfc822Time('Wed, 31 Feb 2026 17:06:50 +0000')).toBeNull()
    expect(parseRfc822Time('yesterday')).toBeNull()
  })

  it('reads Statuspage stamps with a year, AM/PM or a zone name', () => {
    expect(parseUpdateStamp('Sep 13, 2022 - 23:01 CEST', null)).toBe(Date.UTC(2022, 8, 13, 21, 1))
    expect(parseUpdateStamp('Jul  9, 06:01 UTC', Date.UTC(2026, 6, 9, 7))).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp('Mar 3, 2:05 PM PST', Date.UTC(2026, 2, 4))).toBe(Date.UTC(2026, 2, 3, 22, 5))
    expect(parseUpdateStamp('Mar 3, 12:05 AM UTC', Date.UTC(2026, 2, 4))).toBe(Date.UTC(2026, 2, 3, 0, 5))
  })

  it('gives null for an unknown zone or no way to know the year', () => {
    expect(parseUpdateStamp('Jul 9, 06:01 XYZT', Date.UTC(2026, 6, 9))).toBeNull()
    expect(parseUpdateStamp('Jul 9, 06:01 UTC', null)).toBeNull()
  })
})

describe('feed provider', () => {
  it('polls history.atom, then history.rss, decoding the body as text', () => {
    const endpoints = feed.endpoints(new URL('https://status.example.com/')) as readonly DecodingEndpoint[]
    expect(endpoints.map((e) => e.url)).toEqual(['https://status.example.com/history.atom', 'https://status.example.com/history.rss'])
    const xml = atomFeed(entry('1', '2026-03-01T09:00:00Z', update('Mar 1, 09:00 UTC', 'Investigating', 'Looking.')))
    for (const endpoint of endpoints) {
      const body = value(endpoint.decode(new TextEncoder().encode(xml), new Headers({ 'content-type': 'application/atom+xml' })))
      const snapshot: Snapshot = value(endpoint.parse(body))
      expect(snapshot.incidents.map((i) => i.id)).toEqual(['code1'])
      expect(failure(endpoint.parse({ not: 'text' })).kind).toBe('bad_shape')
    }
  })

  it('reports an HTML page instead of a feed as a bot wall or an error page', () => {
    const headers = new Headers({ 'content-type': 'text/html' })
    const challenge = new TextEncoder().encode('<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>')
    expect(failure(decodeFeedBody(challenge, headers)).kind).toBe('bot_wall')
    expect(failure(decodeFeedBody(new TextEncoder().encode('<html><body>Not found</body></html>'), headers)).kind).toBe('not_json')
  })
})

describe('feeds: what each part of an entry or channel says', () => {
  const rssFeed = (channel: string, items: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>${channel}${items}</channel></rss>`

  it('names the failure of a body that is not a feed', () => {
    expect(failure(parseFeed('<feed><entry></feed></entry>', EXAMPLE)).message).toMatch(/^feed: not well-formed XML \(.+\)$/)
    expect(failure(parseFeed('<html><body>Just a moment...</body></html>', EXAMPLE)).message).toBe('feed: expected an Atom <feed> or an RSS <rss>, got <html>')
    expect(failure(parseFeed('<rss version="2.0"></rss>', EXAMPLE)).message).toBe('feed: <rss> without a <channel>')
    expect(failure(parseFeed(atomFeed('<entry><title>x</title></entry>'), EXAMPLE)).message).toBe('feed: an entry has neither an id nor a link')
    const [endpoint] = feed.endpoints(EXAMPLE)
    expect(endpoint && failure(endpoint.parse({ not: 'text' })).message).toBe('feed: expected the body as text')
  })

  it('names the page after the feed title, or after the host when the feed has none', () => {
    const named = (head: string): string => value(parseFeed(atomFeed('', head), EXAMPLE)).page.name
    expect(named('<title>Acme Status: Incident History</title>')).toBe('Acme')
    expect(named('<title>Acme Status:Incident History</title>')).toBe('Acme')
    expect(named('<title>Acme Status Page - Incident History</title>')).toBe('Acme Status Page')
    expect(named('')).toBe('status.example.com')
    expect(named('<title>Incident History</title>')).toBe('Incident History')
    expect(value(parseFeed(rssFeed('<link>https://status.example.com</link>', ''), EXAMPLE)).page.name).toBe('status.example.com')
  })

  it('reads an Atom feed written with the atom: prefix', () => {
    const xml =
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Acme Status - Incident History</atom:title>' +
      '<atom:link rel="alternate" href="https://status.example.com/"/>' +
      `<atom:entry><atom:id>tag:x:1</atom:id><atom:title>Queue delays</atom:title><atom:published>2026-03-01T09:00:00Z</atom:published>` +
      `<atom:link href="https://status.example.com/incidents/q1"/><atom:content type="html">${update('Mar 1, 09:00 UTC', 'Investigating', 'Looking.')}</atom:content></atom:entry></atom:feed>`
    const h = value(parseFeedHistory(xml))
    expect(h).toMatchObject({ title: 'Acme Status - Incident History', url: 'https://status.example.com/' })
    expect(h.entries).toMatchObject([{ id: 'q1', name: 'Queue delays', url: 'https://status.example.com/incidents/q1', status: 'investigating', ongoing: true }])
  })

  it('takes the alternate link, not the self link, and plain-text titles as written', () => {
    const xml = atomFeed(
      `<entry><id>tag:x:2</id><title type="text">Errors on &lt;api&gt; endpoints</title><published>2026-03-01T09:00:00Z</published>` +
        `<link rel="self" href="https://status.example.com/incidents/self1.atom"/><link rel="alternate" href="https://status.example.com/incidents/real2"/>` +
        `<content type="html">${update('Mar 1, 09:00 UTC', 'Identified', 'Found.')}</content></entry>`,
    )
    expect(value(parseFeedHistory(xml)).entries[0]).toMatchObject({ id: 'real2', name: 'Errors on <api> endpoints', url: 'https://status.example.com/incidents/real2' })
  })

  it('reads an entry from its summary, its updated time or the feed\'s, and its own trimmed id', () => {
    const xml = atomFeed(
      `<entry><id>\n  tag:x:3\n</id><title></title><updated>2026-03-02T10:00:00Z</updated>` +
        `<summary type="html">${update('Mar 2, 10:00 UTC', 'Monitoring', 'Watching.')}</summary></entry>` +
        `<entry><id>tag:x:4</id><title>Old</title><content type="html">${update('Dec 30, 10:00 UTC', 'Resolved', 'Done.')}</content></entry>`,
      '<title>Acme Status - Incident History</title><updated>2026-01-05T00:00:00Z</updated>',
    )
    const [first, second] = value(parseFeedHistory(xml)).entries
    expect(first).toMatchObject({ id: 'tag:x:3', name: 'Untitled incident', publishedAt: Date.UTC(2026, 2, 2, 10), status: 'monitoring', ongoing: true })
    expect(first?.updates.map((u) => u.at)).toEqual([Date.UTC(2026, 2, 2, 10)])
    // No time of its own: the year of its stamp comes from the feed's <updated>.
    expect(second?.updates.map((u) => u.at)).toEqual([Date.UTC(2025, 11, 30, 10)])
  })

  it('reads year-less stamps against the later of an entry\'s published and updated times', () => {
    const xml = atomFeed(
      entry('7', '2025-12-31T23:00:00Z', update('Jan 2, 10:00 UTC', 'Resolved', 'Done.') + update('Dec 31, 23:00 UTC', 'Investigating', 'Looking.')).replace(
        '<updated>2025-12-31T23:00:00Z</updated>',
        '<updated>2026-01-02T10:00:00Z</updated>',
      ),
    )
    const [only] = value(parseFeedHistory(xml)).entries
    expect(only?.publishedAt).toBe(Date.UTC(2025, 11, 31, 23))
    expect(only?.updates.map((u) => u.at)).toEqual([Date.UTC(2026, 0, 2, 10), Date.UTC(2025, 11, 31, 23)])
  })

  it('reads RSS items: padded fields, guid ids, content:encoded first, and the channel\'s date for undated items', () => {
    const channel = '<title>Acme Status - Incident History</title><link>https://status.example.com</link>'
    const items =
      '<item><title>\n  Login failures\n</title><guid>\n  tag:acme:incident/1\n</guid><link>https://status.example.com/notices/1</link>' +
      `<description>${update('Mar 1, 09:00 UTC', 'Investigating', 'Short.')}</description>` +
      `<content:encoded>${update('Mar 1, 09:30 UTC', 'Identified', 'Full.') + update('Mar 1, 09:00 UTC', 'Investigating', 'Looking.')}</content:encoded></item>` +
      `<item><title>Undated</title><guid>tag:acme:incident/2</guid><description>${update('Dec 30, 10:00 UTC', 'Resolved', 'Done.')}</description></item>` +
      `<item><title>Old one</title><guid>tag:acme:incident/3</guid><pubDate>Fri, 01 Mar 2024 12:00:00 +0000</pubDate><description>${update('Mar 1, 10:00 UTC', 'Resolved', 'Done.')}</description></item>`
    for (const dated of ['<lastBuildDate>Mon, 05 Jan 2026 00:00:00 +0000</lastBuildDate>', '<pubDate>Mon, 05 Jan 2026 00:00:00 +0000</pubDate>']) {
      const h = value(parseFeedHistory(rssFeed(channel + dated, items)))
      expect(h.url).toBe('https://status.example.com/')
      expect(h.entries.map((e) => [e.id, e.name])).toEqual([['tag:acme:incident/1', 'Login failures'], ['tag:acme:incident/2', 'Undated'], ['tag:acme:incident/3', 'Old one']])
      expect(h.entries[0]?.updates.map((u) => [u.status, u.text])).toEqual([['identified', 'Full.'], ['investigating', 'Looking.']])
      expect(h.entries[1]?.updates.map((u) => u.at)).toEqual([Date.UTC(2025, 11, 30, 10)])
      expect(h.entries[2]?.updates.map((u) => u.at)).toEqual([Date.UTC(2024, 2, 1, 10)])
    }
    expect(value(parseFeedHistory(rssFeed(channel, '<item><guid>g</guid></item>'))).entries[0]?.name).toBe('Untitled incident')
  })

  it('reads incident words in a maintenance: Resolved completes it, others keep its status', () => {
    const xml = atomFeed(
      entry('8', '2026-03-01T12:00:00Z', update('Mar 1, 12:00 UTC', 'Resolved', 'Done.') + update('Mar 1, 11:00 UTC', 'Investigating', 'Slow.') + update('Mar 1, 10:00 UTC', 'In progress', 'Started.') + update('Mar 1, 08:00 UTC', 'Scheduled', 'Planned.')) +
        entry('9', '2026-03-01T12:00:00Z', update('Mar 1, 12:00 UTC', 'Postmortem', 'Why.') + update('Mar 1, 10:00 UTC', 'In progress', 'Started.')),
    )
    const [resolved, postmortem] = value(parseFeedHistory(xml)).entries
    expect(resolved).toMatchObject({ kind: 'maintenance', status: 'completed', ongoing: false })
    expect(resolved?.updates.map((u) => u.status)).toEqual(['completed', 'in_progress', 'in_progress', 'scheduled'])
    expect(postmortem).toMatchObject({ kind: 'maintenance', status: 'completed', ongoing: false })
  })

  it('starts a maintenance as scheduled and an incident as investigating when the first update is a bare Update', () => {
    const xml = atomFeed(
      entry('10', '2026-03-01T12:00:00Z', update('Mar 1, 11:00 UTC', 'In progress', 'Started.') + update('Mar 1, 10:00 UTC', 'Update', 'Heads-up.')) +
        entry('11', '2026-03-01T12:00:00Z', update('Mar 1, 11:00 UTC', 'Update', 'Still on it.')),
    )
    const [maintenance, incident] = value(parseFeedHistory(xml)).entries
    expect(maintenance?.updates.map((u) => u.status)).toEqual(['in_progress', 'scheduled'])
    expect(incident).toMatchObject({ kind: 'incident', status: 'investigating', ongoing: true })
  })

  it('counts a maintenance being verified as underway', () => {
    const xml = atomFeed(entry('12', '2026-03-01T12:00:00Z', update('Mar 1, 11:00 UTC', 'Verifying', 'Checking.') + update('Mar 1, 10:00 UTC', 'In progress', 'Started.')))
    const s = value(parseFeed(xml, EXAMPLE))
    expect(s.maintenances.map((m) => [m.id, m.status])).toEqual([['code12', 'verifying']])
    expect(s.level).toBe('maintenance')
  })

  it('tells an HTML page after leading whitespace, and names what it got', () => {
    const headers = new Headers({ 'content-type': 'text/html' })
    const notFound = failure(decodeFeedBody(new TextEncoder().encode('\n\n  <!DOCTYPE html><html><body>Not found</body></html>'), headers))
    expect(notFound).toMatchObject({ kind: 'not_json', message: 'an HTML page instead of a feed' })
    const challenge = failure(decodeFeedBody(new TextEncoder().encode('<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>'), headers))
    expect(challenge.message).toBe('blocked by a bot check (an HTML challenge page instead of a feed)')
  })
})

describe('feed dates: the edges', () => {
  it('reads RFC 822 offsets east of UTC, with minutes, and no zone at all as GMT', () => {
    expect(parseRfc822Time('Wed, 04 Feb 2026 18:06:50 +0100')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('Wed, 04 Feb 2026 22:36:50 +0530')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('Wed, 04 Feb 2026 17:06:50')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('Wed, 04 Feb 2026 17:06:50 XYZ')).toBeNull()
  })

  it('reads RFC 822 with loose spacing, and refuses anything around the date', () => {
    expect(parseRfc822Time('  Wed,04  Feb  2026  17:06:50  +0000 ')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('104 Feb 2026 17:06:50 +0000')).toBeNull()
    expect(parseRfc822Time('Wed, 04 Feb 2026 17:06:50 +00001')).toBeNull()
  })

  it('reads two-digit RFC 822 years as 19xx or 20xx around 50', () => {
    expect(parseRfc822Time('04 Feb 26 17:06:50 GMT')).toBe(Date.UTC(2026, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('04 Feb 49 17:06:50 GMT')).toBe(Date.UTC(2049, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('04 Feb 50 17:06:50 GMT')).toBe(Date.UTC(1950, 1, 4, 17, 6, 50))
    expect(parseRfc822Time('04 Feb 99 17:06:50 GMT')).toBe(Date.UTC(1999, 1, 4, 17, 6, 50))
  })

  it('refuses hours, minutes and seconds out of range, but keeps a leap second', () => {
    expect(parseRfc822Time('04 Feb 2026 24:00:00 GMT')).toBeNull()
    expect(parseRfc822Time('04 Feb 2026 17:60:00 GMT')).toBeNull()
    expect(parseRfc822Time('04 Feb 2026 17:06:61 GMT')).toBeNull()
    expect(parseRfc822Time('31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1))
  })

  it('reads Statuspage stamps with seconds, numeric offsets and tight or loose spacing', () => {
    const reference = Date.UTC(2026, 6, 10)
    expect(parseUpdateStamp('Jul 9, 06:01:30 UTC', reference)).toBe(Date.UTC(2026, 6, 9, 6, 1, 30))
    expect(parseUpdateStamp('Jul 9, 08:01 +0200', reference)).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp('Jul 9, 01:01 -05:00', reference)).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp(' Jul 9,06:01UTC ', reference)).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp('Jul 9 06:01 UTC', reference)).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp('Sep 13 2022 23:01 CEST', null)).toBe(Date.UTC(2022, 8, 13, 21, 1))
    expect(parseUpdateStamp('Mar 3, 2:05PM PST', reference)).toBe(Date.UTC(2026, 2, 3, 22, 5))
  })

  it('refuses a stamp with words around it', () => {
    const reference = Date.UTC(2026, 6, 10)
    expect(parseUpdateStamp('Updated Jul 9, 06:01 UTC', reference)).toBeNull()
    expect(parseUpdateStamp('Jul 9, 06:01 UTC and later', reference)).toBeNull()
    expect(parseUpdateStamp('Jul 9, 06:01 +00001', reference)).toBeNull()
  })

  it('reads 1 to 12 AM/PM and refuses other hours with a meridiem', () => {
    const reference = Date.UTC(2026, 2, 4)
    expect(parseUpdateStamp('Mar 3, 1:05 AM UTC', reference)).toBe(Date.UTC(2026, 2, 3, 1, 5))
    expect(parseUpdateStamp('Mar 3, 12:05 PM UTC', reference)).toBe(Date.UTC(2026, 2, 3, 12, 5))
    expect(parseUpdateStamp('Mar 3, 0:05 AM UTC', reference)).toBeNull()
    expect(parseUpdateStamp('Mar 3, 13:05 PM UTC', reference)).toBeNull()
  })

  it('takes the year before when the stamp does not exist in the reference year or lies too far after it', () => {
    // Feb 29 in an entry of March 2025: 2025 has no Feb 29, so it is 2024's.
    expect(parseUpdateStamp('Feb 29, 10:00 UTC', Date.UTC(2025, 2, 1))).toBe(Date.UTC(2024, 1, 29, 10))
    // Up to two days after the entry's own time is clock slack, not last year.
    expect(parseUpdateStamp('Jul 9, 06:01 UTC', Date.UTC(2026, 6, 7, 6, 1))).toBe(Date.UTC(2026, 6, 9, 6, 1))
    expect(parseUpdateStamp('Jul 9, 06:02 UTC', Date.UTC(2026, 6, 7, 6, 1))).toBe(Date.UTC(2025, 6, 9, 6, 2))
  })
})
