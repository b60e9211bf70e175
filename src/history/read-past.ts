import { decodeJson, describe, fetchBody, type FetchDeps } from '../fetch-json.ts'
import type { Incident, Maintenance } from '../model.ts'
import type { PastEndpoint, PastSources } from '../providers/provider.ts'
import type { PastNeed } from './need.ts'

/**
 * Reads the history lists a poll needs. Never fails the poll: a list that cannot be read is
 * empty, and what depended on it falls back to what the summary alone tells (diff.ts).
 */

export interface PastItems {
  readonly incidents: readonly Incident[]
  readonly maintenances: readonly Maintenance[]
  /** PastEndpoint.sameUpdateIds of the endpoint that answered the incident list. */
  readonly sameUpdateIds: boolean
  /** Why a needed list is empty, for the console and tests. */
  readonly problems: readonly string[]
}

export const NO_PAST: PastItems = { incidents: [], maintenances: [], sameUpdateIds: true, problems: [] }

export async function readPast(sources: PastSources, need: PastNeed, deps: FetchDeps): Promise<PastItems> {
  const problems: string[] = []
  const read = async <T>(endpoints: readonly PastEndpoint<T>[] | undefined, wanted: boolean): Promise<{ items: readonly T[]; sameUpdateIds: boolean }> => {
    for (const endpoint of wanted ? (endpoints ?? []) : []) {
      const items = await readList(endpoint, deps)
      if (typeof items !== 'string') return { items, sameUpdateIds: endpoint.sameUpdateIds }
      problems.push(`${endpoint.url}: ${items}`)
    }
    return { items: [], sameUpdateIds: true }
  }
  const incidents = await read(sources.incidents, need.incidents)
  const maintenances = await read(sources.maintenances, need.maintenances)
  return { incidents: incidents.items, maintenances: maintenances.items, sameUpdateIds: incidents.sameUpdateIds, problems }
}

async function readList<T>(endpoint: PastEndpoint<T>, deps: FetchDeps): Promise<readonly T[] | string> {
  try {
    const fetched = await fetchBody(endpoint.url, null, deps, true)
    if (!fetched.ok) return fetched.error.message
    if (fetched.value.kind === 'not_modified') return 'HTTP 304 to a request that was not conditional'
    const json = decodeJson(fetched.value.bytes, fetched.value.headers)
    if (!json.ok) return json.error.message
    const parsed = endpoint.parse(json.value)
    return parsed.ok ? parsed.value : parsed.error.message
  } catch (error) {
    return `parser failed: ${describe(error)}`
  }
}
