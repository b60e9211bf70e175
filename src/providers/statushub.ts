import type { Incident, Snapshot } from '../model.ts'
import { mentionedOnPage } from './discovery.ts'
import { rowsLevel } from './page-level.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import type { ProviderEntry } from './provider.ts'
import { joinUrl, pageUrl } from './urls.ts'
import { fail, parseGuarded, requireObject, type JsonObject } from '../untrusted.ts'

/**
 * StatusHub (statushub.com): its documented APIs (v1 at statushub.io/api, v3 on
 * `<account>.app.statushub.io/api/v3`) need the account's API key. What a public page serves
 * without one is `GET {page}/api/statuses`, read by public clients (inket/stts) only for its
 * `counters`: how many of the hub's services are up (`count_status_1`), affected (`_2`) and down
 * (`_3`). No component, incident or maintenance shape is on record, and no feed is known. So the
 * counts are read as what they are: while any service is affected or down, one open incident in
 * the page's own numbers (one update per change of counts). Without it the engine, which tells
 * changes of components and incidents, would never say a word about a StatusHub page.
 */
const INCIDENT_ID = 'services'
const INCIDENT_NAME = 'Services affected or down'
/** StatusHub's own hosts and WP Engine's page on it: hinted by host, and read for a mention nowhere else. */
const OWN_HOSTS = ['.statushub.io', 'wpenginestatus.com']

/** A count of services: a non-negative whole number, or the page is not what it claims to be. */
function requireCount(counters: JsonObject, key: string): number {
  const value = counters[key]
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : fail(`$.counters.${key}`, 'a count')
}

function countsIncident(up: number, affected: number, down: number, url: string): Incident[] {
  if (affected + down === 0) return []
  const text = `StatusHub counts ${up} ${up === 1 ? 'service' : 'services'} up, ${affected} affected and ${down} down.`
  return [
    {
      id: INCIDENT_ID,
      name: INCIDENT_NAME,
      status: 'investigating',
      // Down is a disruption (major), affected a performance problem (minor): StatusHub's own words for them.
      impact: down > 0 ? 'major' : 'minor',
      url,
      startedAt: null,
      updates: [{ id: `counts-${up}-${affected}-${down}`, status: 'investigating', text, at: null }],
      componentIds: [],
    },
  ]
}

export function parseStatusHub(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('StatusHub statuses', () => {
    const counters = requireObject(requireObject(json, '$').counters, '$.counters')
    const up = requireCount(counters, 'count_status_1')
    const affected = requireCount(counters, 'count_status_2')
    const down = requireCount(counters, 'count_status_3')
    // A hub that counts no service says nothing about any: not a reading to show as healthy.
    if (up + affected + down === 0) fail('$.counters', 'at least one service counted')
    const url = pageUrl(null, base)
    const incidents = countsIncident(up, affected, down, url)
    return {
      platform: 'statushub',
      page: { name: base.hostname, url },
      // The page states no word of its own: the counts incident is the whole reading.
      level: rowsLevel({ components: [], incidents, maintenances: [] }),
      components: [],
      groups: [],
      incidents,
      maintenances: [],
    } satisfies Snapshot
  })
}

export const statushub: ProviderEntry<'statushub'> = {
  platform: 'statushub',
  name: 'StatusHub',
  detectionRank: 99,
  hostHints: OWN_HOSTS,
  catalog: { labels: ['StatusHub'], hosts: [] },
  endpoints: (base) => [{ url: joinUrl(base, 'api/statuses'), parse: (json) => parseStatusHub(json, base) }],
  // On any other customer's domain, only when the page names StatusHub.
  discover: mentionedOnPage(/statushub/i, 'StatusHub', OWN_HOSTS),
}
