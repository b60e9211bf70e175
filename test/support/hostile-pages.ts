import { recordedText } from '../../scripts/harness/recorded.ts'

type Json = Record<string, unknown>

/**
 * Instructure's real summary.json (an ongoing incident, 24 components in 3 groups) whose incident
 * has one update of `bytes` of text: the shape that filled Chrome's 10 MB storage.local with five
 * pages when states were stored whole.
 */
export function bulkySummary(bytes: number, tag: string): string {
  const summary = JSON.parse(recordedText('statuspage/instructure-summary-2021-12-07.json')) as Json
  const [incident] = summary.incidents as Json[]
  const [update] = (incident?.incident_updates ?? []) as Json[]
  const words = `${tag} is slow for some users and we are looking into it. `
  const body = words.repeat(Math.ceil(bytes / words.length)).slice(0, bytes)
  return JSON.stringify({ ...summary, incidents: [{ ...incident, incident_updates: [{ ...update, body }] }] })
}
