import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildCatalog, catalogJson, parseCsv, platformOf } from '../../../scripts/catalog/catalog.ts'
import { WHY_UNKNOWN, WHY_UNSUPPORTED } from '../../../scripts/catalog/unsupported.ts'
import { isPlatform } from '../../../src/model.ts'
import catalog from '../../../extension/options/catalog.json' with { type: 'json' }

const CSV = fileURLToPath(new URL('../../../scripts/catalog/status-pages.csv', import.meta.url))
const JSON_FILE = fileURLToPath(new URL('../../../extension/options/catalog.json', import.meta.url))

describe('built-in catalog', () => {
  it('catalog.json is exactly what scripts/catalog/build-catalog.ts makes from the in-repo CSV of 283 pages', () => {
    expect(parseCsv(readFileSync(CSV, 'utf8')).filter((row) => row.length > 1)).toHaveLength(284)
    expect(readFileSync(JSON_FILE, 'utf8')).toBe(catalogJson(buildCatalog(readFileSync(CSV, 'utf8'))))
  })

  it('knows OpenAI as an incident.io page, and keeps only name, url and platform, plus why for a page no reader covers', () => {
    expect(catalog.find((e) => e.name === 'OpenAI')).toEqual({ name: 'OpenAI', url: 'https://status.openai.com', platform: 'incidentio' })
    expect(catalog.length).toBeGreaterThan(200)
    for (const entry of catalog) expect(Object.keys(entry).sort()).toEqual(isPlatform(entry.platform) ? ['name', 'platform', 'url'] : ['name', 'platform', 'url', 'why'])
  })

  it('offers at least 275 of the 283 pages (issue 13), and every other one says why in its own words', () => {
    const unsupported = catalog.filter((entry) => !isPlatform(entry.platform))
    expect(catalog.length - unsupported.length).toBeGreaterThanOrEqual(275)
    expect(unsupported.map((entry) => entry.name)).toEqual(['OpenRouter', 'Miro (AU)', 'Miro (EU)', 'Miro (US)', 'MailChimp'])
    for (const entry of unsupported) expect(entry.why, entry.name).not.toBe(WHY_UNKNOWN)
    expect(Object.keys(WHY_UNSUPPORTED).every((label) => unsupported.some((entry) => entry.platform === label)), 'a reason for a label the list no longer has').toBe(true)
  })

  it('parses quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['last', ''],
    ])
  })

  it('maps platform labels to engine ids, keeps unsupported labels', () => {
    expect(platformOf('Better Stack (Better Uptime)', 'https://x.example')).toBe('betterstack')
    expect(platformOf('custom (RSS + public/currentevents JSON)', 'https://health.aws.amazon.com/health/status')).toBe('aws')
    expect(platformOf('custom (RSS)', 'https://azure.status.microsoft/en-us/status')).toBe('azure')
    expect(platformOf('status.io', 'https://status.example.com')).toBe('statusio')
    expect(platformOf('custom (Miro)', 'https://status.miro.com')).toBe('custom (Miro)')
  })
})
