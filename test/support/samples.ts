import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The real recorded payloads live in ../shared (read-only, never copied into the repo).
 * Where ../shared is absent outside CI, suites that need it skip and say so; under CI they must run.
 */
const here = dirname(fileURLToPath(import.meta.url))
export const SAMPLES_DIR = resolve(here, '../../../shared/samples/status-formats')
export const samplesAvailable = existsSync(SAMPLES_DIR)

if (!samplesAvailable && process.env.CI) {
  throw new Error(`CI is set but the real samples are missing at ${SAMPLES_DIR}`)
}
if (!samplesAvailable) {
  console.warn(`[samples] ${SAMPLES_DIR} not found: suites on real samples are skipped`)
}

export function sampleText(relativePath: string): string {
  return readFileSync(join(SAMPLES_DIR, relativePath), 'utf8')
}

export function sampleJson(relativePath: string): unknown {
  return JSON.parse(sampleText(relativePath)) as unknown
}
