import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLATFORMS } from '../../src/model.ts'
import { PROVIDERS } from '../../src/providers/index.ts'
import { SAMPLES_DIR } from '../support/samples.ts'
import { PROPERTY_TIME_LIMIT_MS } from '../support/fast-check-setup.ts'

const ROOT = join(import.meta.dirname, '..', '..')
// Made by tools or by runs, never written by hand, never committed.
const GENERATED = new Set(['node_modules', '.git', 'dist', 'artifacts', 'test-results', 'demo-output', '.bench', '.scratch', '.stryker-tmp'])

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (GENERATED.has(name)) return []
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const testSources = filesUnder(join(ROOT, 'test'))
  .filter((path) => /\.test\.tsx?$/.test(path))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n')

const recorded = filesUnder(SAMPLES_DIR)
  .map((path) => relative(SAMPLES_DIR, path))
  .filter((path) => path !== 'README.md')

/** `file` → SHA-256 from the rows of the provenance table: | `name` | … | `hash` | (folder from the heading). */
function provenanceHashes(): Map<string, string> {
  const hashes = new Map<string, string>()
  let folder = ''
  for (const line of readFileSync(join(SAMPLES_DIR, 'README.md'), 'utf8').split('\n')) {
    const heading = /^## .*\(`([a-z0-9-]+)\/`\)/.exec(line)
    if (heading?.[1]) folder = heading[1]
    const row = /^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/.exec(line)
    if (row?.[1] && row[2]) hashes.set(`${folder}/${row[1]}`, row[2])
  }
  return hashes
}

describe('conventions', () => {
  it('every real recorded payload is read by some test', () => {
    expect(recorded.length).toBeGreaterThan(20)
    expect(recorded.filter((sample) => !testSources.includes(sample))).toEqual([])
  })

  it('every recorded payload has its provenance row, and its bytes are still those it was copied with', () => {
    const hashes = provenanceHashes()
    expect([...hashes.keys()].sort()).toEqual([...recorded].sort())
    for (const file of recorded) {
      const actual = createHash('sha256').update(readFileSync(join(SAMPLES_DIR, file))).digest('hex')
      expect({ file, sha256: actual }).toEqual({ file, sha256: hashes.get(file) })
    }
  })

  it('nothing in the repository reads the sample inbox beside the checkout (a clone has nothing beside it)', () => {
    // Spelled in pieces so that this file does not name what it forbids.
    const outside = new RegExp(['\\.\\./', 'shared', '|', 'shared/', '(samples|catalog)'].join(''))
    const offenders = filesUnder(ROOT)
      .filter((path) => !/\.(png|ico|zip)$/.test(path))
      .filter((path) => outside.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path))
    expect(offenders).toEqual([])
  })

  it('every platform has a provider in the registry and a test file of its own', () => {
    for (const platform of PLATFORMS) {
      expect(PROVIDERS[platform]?.platform).toBe(platform)
      expect(statSync(join(ROOT, 'test/unit/providers', `${platform}.test.ts`)).isFile()).toBe(true)
    }
  })

  it('no property test can hang: fast-check stops every run, shrinking included, within its time limit', () => {
    expect(fc.readConfigureGlobal().interruptAfterTimeLimit).toBe(PROPERTY_TIME_LIMIT_MS)
    const started = Date.now()
    // A property that always fails on big inputs, whose shrinking would otherwise take minutes.
    const outcome = fc.check(
      fc.property(fc.array(fc.array(fc.integer(), { minLength: 50, maxLength: 200 }), { minLength: 500, maxLength: 2_000 }), (rows) => {
        for (let i = 0; i < 20_000; i++) Math.sqrt(i)
        return rows.length < 0
      }),
      { interruptAfterTimeLimit: 1_000 },
    )
    expect(outcome.failed).toBe(true)
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
