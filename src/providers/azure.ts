import type { Incident, Snapshot, Update } from '../model.ts'
import { err, ok, type Result } from '../result.ts'
import { pollError, type PollError } from '../poll-error.ts'
import { htmlToText, singleLine } from '../text/plain-text.ts'
import { uniqueById } from '../untrusted.ts'
import { readFeedDocument, xmlEndpoint, type RawEntry } from './feed.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { pageUrl } from './urls.ts'

/**
 * Microsoft Azure's status RSS (`/en-us/status/feed/`). The feed lists only what is open now: an
 * empty channel is the healthy page, and an item leaves the feed when it is over. An item carries
 * no status word, no severity and no update history: its `<description>` is the current notice
 * and its `<pubDate>` when that notice was written. Item links point at the serving instance's
 * host (`azurestatusprod….azurewebsites.net`), never at the page, so every incident links to the page.
 */

const FEED_PATH = '/en-us/status/feed/'
const PAGE_PATH = '/en-us/status'
/** Ids are Azure's slugs; a longer one is no slug and would bloat stored state. */
const MAX_ID_LENGTH = 200

function itemId(raw: RawEntry): string | null {
  // readFeedDocument has trimmed it.
  const guid = raw.id ?? ''
  if (guid !== '' && guid.length <= MAX_ID_LENGTH) return guid
  // No usable guid: the title names the notice while it lasts.
  const title = singleLine(raw.title)
  return title === '' ? null : title.slice(0, MAX_ID_LENGTH)
}

function toIncident(raw: RawEntry, id: string, page: string): Incident {
  const text = htmlToText(raw.html)
  // A new pubDate is a new notice: the id names it, so each rewrite is one update.
  const updates: Update[] = text === '' ? [] : [{ id: `${id}@${raw.publishedAt ?? 'undated'}`, status: 'investigating', text, at: raw.publishedAt }]
  return {
    id,
    name: singleLine(raw.title) || 'Azure incident',
    status: 'investigating',
    // The feed states no severity: an open notice is at least something wrong, as for any feed.
    impact: 'minor',
    url: page,
    startedAt: raw.publishedAt,
    updates,
    componentIds: [],
  }
}

export function parseAzure(xml: string, base: URL): Result<Snapshot, PollError> {
  const read = readFeedDocument(xml)
  if (!read.ok) return read
  const page = pageUrl(new URL(PAGE_PATH, base).href, base)
  const incidents: Incident[] = []
  for (const raw of read.value.entries) {
    const id = itemId(raw)
    if (id === null) return err(pollError('bad_shape', 'azure: an item has neither a guid nor a title'))
    incidents.push(toIncident(raw, id, page))
  }
  return ok({
    platform: 'azure',
    page: { name: 'Microsoft Azure', url: page },
    level: incidents.length > 0 ? 'minor' : 'operational',
    components: [],
    groups: [],
    incidents: uniqueById(incidents),
    maintenances: [],
  })
}

function azureEndpoint(base: URL): Endpoint {
  // Same host as the page, so the page's own permission covers it (and the replay server can serve it).
  return xmlEndpoint(new URL(FEED_PATH, base).href, 'azure', (xml) => parseAzure(xml, base))
}

export const azure: ProviderEntry<'azure'> = {
  platform: 'azure',
  name: 'Microsoft Azure',
  detectionRank: null,
  // status.azure.com is the older name of the same page.
  hostHints: ['azure.status.microsoft', 'status.azure.com'],
  // The research list's label for Azure's page (scripts/catalog/status-pages.csv); no other row uses it.
  catalog: { labels: ['custom (RSS)'], hosts: [] },
  endpoints: (base) => [azureEndpoint(base)],
}
