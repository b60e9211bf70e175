/**
 * `npx tsx scripts/catalog/build-catalog.ts [CSV]`
 *
 * Regenerates extension/options/catalog.json from the shared research list (default
 * ../shared/catalog/status-pages.csv). Only what the product needs is kept (name, url,
 * platform): the `source` column is research provenance, not product data.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCatalog, catalogJson, isSupported } from './catalog.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DEFAULT_CSV = resolve(root, '../shared/catalog/status-pages.csv')
const CATALOG_JSON = resolve(root, 'extension/options/catalog.json')

const csvPath = resolve(process.argv[2] ?? DEFAULT_CSV)
const entries = buildCatalog(readFileSync(csvPath, 'utf8'))
writeFileSync(CATALOG_JSON, catalogJson(entries))
const supported = entries.filter((e) => isSupported(e.platform)).length
console.log(`${entries.length} pages (${supported} supported) → ${CATALOG_JSON}`)
