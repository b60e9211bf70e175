import { isPlatform } from '../../src/model.ts'
import { CATALOG_HOSTS, CATALOG_LABELS } from '../../src/providers/index.ts'
import { WHY_UNKNOWN, WHY_UNSUPPORTED } from './unsupported.ts'

/**
 * The built-in catalog of the options page, derived from the research list kept beside this file
 * (status-pages.csv: name,url,platform,source; each row's source says where it was found). Pure,
 * so the unit test can check that the committed catalog.json is exactly what this makes of the CSV.
 */

export interface CatalogEntry {
  readonly name: string
  readonly url: string
  /** One of our Platform ids when the engine can read the page, else the CSV's own label ("status.io"). */
  readonly platform: string
  /** Only when the engine cannot read the page: why (unsupported.ts). */
  readonly why?: string
}

/** RFC 4180 CSV: quoted fields, doubled quotes inside them, commas and newlines in quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

/** The platform id for a row, or its original label when this build cannot read that platform. */
export function platformOf(label: string, url: string): string {
  const known = CATALOG_LABELS.get(label.trim())
  if (known !== undefined) return known
  let host = ''
  try {
    host = new URL(url).hostname
  } catch {
    // an unusable URL keeps its label
  }
  return CATALOG_HOSTS.get(host) ?? label.trim()
}

/** CSV text → catalog entries, in the list's order; rows without a name or an https URL, and repeated URLs, are left out. */
export function buildCatalog(csv: string): CatalogEntry[] {
  const [header, ...rows] = parseCsv(csv)
  const column = (name: string): number => header?.findIndex((h) => h.trim().toLowerCase() === name) ?? -1
  const [nameAt, urlAt, platformAt] = [column('name'), column('url'), column('platform')]
  if (nameAt < 0 || urlAt < 0 || platformAt < 0) throw new Error('the CSV needs name, url and platform columns')
  const seen = new Set<string>()
  const entries: CatalogEntry[] = []
  for (const row of rows) {
    const name = (row[nameAt] ?? '').trim()
    const url = (row[urlAt] ?? '').trim()
    if (name === '' || !url.startsWith('https://') || seen.has(url)) continue
    seen.add(url)
    const platform = platformOf(row[platformAt] ?? '', url)
    entries.push({ name, url, platform, ...(isPlatform(platform) ? {} : { why: WHY_UNSUPPORTED[platform] ?? WHY_UNKNOWN }) })
  }
  return entries
}

/** The committed file's exact text: one entry per line, so a change to the list is a readable diff. */
export function catalogJson(entries: readonly CatalogEntry[]): string {
  return `[\n${entries.map((e) => `  ${JSON.stringify({ name: e.name, url: e.url, platform: e.platform, ...(e.why === undefined ? {} : { why: e.why }) })}`).join(',\n')}\n]\n`
}
