import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCatalog } from '../../../scripts/catalog/catalog.ts'
import { isPlatform, PLATFORMS, type Platform } from '../../../src/model.ts'
import { CATALOG_HOSTS, CATALOG_LABELS, detectionOrder, PROVIDERS } from '../../../src/providers/index.ts'
import type { ProviderEntry } from '../../../src/providers/provider.ts'
import { SAMPLES_DIR } from '../../support/samples.ts'

/**
 * What a provider needs besides compiling: the compiler already asks for a registry entry per
 * platform id, and these catch what it cannot, so a half-added platform fails here instead of
 * never being detected.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..')
const ENTRIES: readonly ProviderEntry[] = Object.values(PROVIDERS)
// The feed samples were recorded before the platform had its id.
const RECORDED_FOLDER: Partial<Record<Platform, string>> = { feed: 'feeds' }

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile())
  } catch {
    return []
  }
}

/** A host that a hint names: `.example.com` → `status.example.com`, `example.com` → itself. */
function hostFor(hint: string): string {
  return hint.startsWith('.') ? `status${hint}` : hint
}

describe('every provider in the registry', () => {
  it('is filed under its own platform id, and every id has one', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual([...PLATFORMS].sort())
    for (const [platform, provider] of Object.entries(PROVIDERS)) expect(provider.platform).toBe(platform)
  })

  it.each(ENTRIES.map((provider) => [provider.platform, provider] as const))('%s has real recorded samples and a test file of its own', (platform) => {
    expect(filesIn(join(SAMPLES_DIR, RECORDED_FOLDER[platform] ?? platform)).length, `test/fixtures/recorded/${RECORDED_FOLDER[platform] ?? platform}/`).toBeGreaterThan(0)
    expect(filesIn(join(ROOT, 'test/unit/providers')), `test/unit/providers/${platform}.test.ts`).toContain(`${platform}.test.ts`)
  })

  it.each(ENTRIES.map((provider) => [provider.platform, provider] as const))('%s has a display name of its own', (_platform, provider) => {
    expect(provider.name.trim()).not.toBe('')
    expect(ENTRIES.filter((other) => other.name === provider.name)).toHaveLength(1)
  })

  it.each(ENTRIES.map((provider) => [provider.platform, provider] as const))('%s can be detected: a rank, or a host that names it', (platform, provider) => {
    expect(provider.detectionRank !== null || provider.hostHints.length > 0).toBe(true)
    if (provider.detectionRank !== null) expect(detectionOrder(new URL('https://status.example.com/'))).toContain(platform)
    for (const hint of provider.hostHints) expect(detectionOrder(new URL(`https://${hostFor(hint)}/`))[0], hint).toBe(platform)
  })
})

describe('the registry’s derived lists', () => {
  it('no two providers share a detection rank, so the order never rests on the registry’s', () => {
    const ranks = ENTRIES.flatMap((provider) => (provider.detectionRank === null ? [] : [provider.detectionRank]))
    expect(new Set(ranks).size).toBe(ranks.length)
  })

  it('host hints are lower-case host names, each claimed by one provider', () => {
    const hints = ENTRIES.flatMap((provider) => provider.hostHints)
    expect(new Set(hints).size).toBe(hints.length)
    for (const hint of hints) expect(new URL(`https://${hostFor(hint)}/`).hostname).toBe(hostFor(hint))
  })

  it('catalog labels and hosts are each claimed by one provider, and map to a known platform', () => {
    const labels = ENTRIES.flatMap((provider) => provider.catalog.labels)
    const hosts = ENTRIES.flatMap((provider) => provider.catalog.hosts)
    expect(new Set(labels).size).toBe(labels.length)
    expect(new Set(hosts).size).toBe(hosts.length)
    for (const platform of [...CATALOG_LABELS.values(), ...CATALOG_HOSTS.values()]) expect(isPlatform(platform)).toBe(true)
  })

  it('no catalog page is left unread under the name or id of a platform we read (a missing catalog label)', () => {
    const ours = new Set(ENTRIES.flatMap((provider) => [provider.name, provider.platform]).map((name) => name.toLowerCase()))
    const catalog = buildCatalog(readFileSync(join(ROOT, 'scripts/catalog/status-pages.csv'), 'utf8'))
    const unread = catalog.filter((entry) => !isPlatform(entry.platform) && ours.has(entry.platform.toLowerCase()))
    expect(unread).toEqual([])
  })
})

describe('the order and names the registry gives today', () => {
  it('tries incident.io, Statuspage, Instatus, Better Stack, cState, status.io, Sorry, StatusCast, Statuspal, Site24x7, StatusHub, then feeds; a named host first', () => {
    const rest = ['incidentio', 'statuspage', 'instatus', 'betterstack', 'cstate', 'statusio', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed']
    expect(detectionOrder(new URL('https://status.example.com/'))).toEqual(rest)
    expect(detectionOrder(new URL('https://acme.statuspage.io/'))).toEqual(['statuspage', 'incidentio', 'instatus', 'betterstack', 'cstate', 'statusio', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://acme.betteruptime.com/'))).toEqual(['betterstack', 'incidentio', 'statuspage', 'instatus', 'cstate', 'statusio', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://ACME.BetterStack.com/'))).toEqual(['betterstack', 'incidentio', 'statuspage', 'instatus', 'cstate', 'statusio', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://acme.instatus.com/'))).toEqual(['instatus', 'incidentio', 'statuspage', 'betterstack', 'cstate', 'statusio', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://letsencrypt.status.io/'))).toEqual(['statusio', 'incidentio', 'statuspage', 'instatus', 'betterstack', 'cstate', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://status.io/pages/51f6f2088643809b7200000d'))).toEqual(['statusio', 'incidentio', 'statuspage', 'instatus', 'betterstack', 'cstate', 'sorry', 'statuscast', 'statuspal', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://health.aws.amazon.com/health/status'))).toEqual(['aws', ...rest])
    expect(detectionOrder(new URL('https://status.slack.com/'))).toEqual(['slack', ...rest])
    expect(detectionOrder(new URL('https://slack-status.com/'))).toEqual(['slack', ...rest])
    expect(detectionOrder(new URL('https://status.cloud.google.com/'))).toEqual(['google', ...rest])
    expect(detectionOrder(new URL('https://www.google.com/appsstatus/dashboard'))).toEqual(['google', ...rest])
    expect(detectionOrder(new URL('https://wpenginestatus.com/'))).toEqual(['statushub', ...rest.filter((platform) => platform !== 'statushub')])
    expect(detectionOrder(new URL('https://acme.statushub.io/'))).toEqual(['statushub', ...rest.filter((platform) => platform !== 'statushub')])
    expect(detectionOrder(new URL('https://status.unity.com/'))).toEqual(['statuspal', 'incidentio', 'statuspage', 'instatus', 'betterstack', 'cstate', 'statusio', 'sorry', 'statuscast', 'site24x7', 'statushub', 'feed'])
    expect(detectionOrder(new URL('https://azure.status.microsoft/en-us/status'))).toEqual(['azure', ...rest])
    expect(detectionOrder(new URL('https://status.azure.com/en-us/status'))).toEqual(['azure', ...rest])
    expect(detectionOrder(new URL('https://status.site24x7.com/'))).toEqual(['site24x7', ...rest.filter((platform) => platform !== 'site24x7')])
    expect(detectionOrder(new URL('https://status.canonical.com/'))).toEqual(['site24x7', ...rest.filter((platform) => platform !== 'site24x7')])
  })

  it('names each platform as the options page always has', () => {
    expect(Object.fromEntries(ENTRIES.map((provider) => [provider.platform, provider.name]))).toEqual({
      statuspage: 'Statuspage',
      incidentio: 'incident.io',
      instatus: 'Instatus',
      betterstack: 'Better Stack',
      aws: 'AWS Health',
      feed: 'Atom/RSS feed',
      slack: 'Slack',
      statusio: 'status.io',
      cstate: 'cState',
      google: 'Google Cloud',
      sorry: 'Sorry',
      statuscast: 'StatusCast',
      statuspal: 'Statuspal',
      statushub: 'StatusHub',
      azure: 'Microsoft Azure',
      site24x7: 'Site24x7',
    })
  })

  it('maps the research list’s labels as the catalog always has', () => {
    expect(Object.fromEntries(CATALOG_LABELS)).toEqual({
      Statuspage: 'statuspage',
      'incident.io': 'incidentio',
      Instatus: 'instatus',
      'Better Stack': 'betterstack',
      'Better Stack (Better Uptime)': 'betterstack',
      'status.io': 'statusio',
      'other (RSS feed.xml)': 'feed',
      cState: 'cstate',
      Sorry: 'sorry',
      StatusCast: 'statuscast',
      Statuspal: 'statuspal',
      StatusHub: 'statushub',
      'custom (RSS)': 'azure',
      LambStatus: 'feed',
      Site24x7: 'site24x7',
    })
    expect(Object.fromEntries(CATALOG_HOSTS)).toEqual({ 'health.aws.amazon.com': 'aws', 'status.slack.com': 'slack', 'status.cloud.google.com': 'google', 'www.google.com': 'google' })
  })
})
