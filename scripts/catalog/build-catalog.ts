/**
 * `npm run catalog [-- --from FILE]`
 *
 * Regenerates extension/options/catalog.json from scripts/catalog/status-pages.csv, the research
 * list the repository carries. `--from FILE` imports a newer list first: FILE is copied over the
 * in-repo CSV byte for byte (so the committed CSV and catalog.json always agree), then built.
 * Only what the product needs is kept (name, url, platform): the `source` column is research
 * provenance, not product data.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isPlatform } from '../../src/model.ts'
import { buildCatalog, catalogJson } from './catalog.ts'

const here = dirname(fileURLToPath(import.meta.url))
const CATALOG_CSV = resolve(here, 'status-pages.csv')
const CATALOG_JSON = resolve(here, '../../extension/options/catalog.json')

function importFrom(args: readonly string[]): string | null {
  const at = args.indexOf('--from')
  if (at < 0) return null
  const file = args[at + 1]
  if (!file) throw new Error('--from needs a CSV file: npm run catalog -- --from path/to/status-pages.csv')
  return resolve(file)
}

try {
  const from = importFrom(process.argv.slice(2))
  if (from !== null) {
    // Parse before copying: a file that is not a catalog must not replace the one we have.
    buildCatalog(readFileSync(from, 'utf8'))
    copyFileSync(from, CATALOG_CSV)
    console.log(`imported ${from} → ${CATALOG_CSV}`)
  }
  const entries = buildCatalog(readFileSync(CATALOG_CSV, 'utf8'))
  writeFileSync(CATALOG_JSON, catalogJson(entries))
  const supported = entries.filter((e) => isPlatform(e.platform)).length
  console.log(`${entries.length} pages (${supported} supported) → ${CATALOG_JSON}`)
} catch (error) {
  console.error(`npm run catalog: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
