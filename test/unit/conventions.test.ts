import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PLATFORMS } from '../../src/model.ts'
import { PROVIDERS } from '../../src/providers/index.ts'
import { SAMPLES_DIR, samplesAvailable } from '../support/samples.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const testSources = filesUnder(join(ROOT, 'test'))
  .filter((path) => /\.test\.tsx?$/.test(path))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n')

describe('conventions', () => {
  it.skipIf(!samplesAvailable)('every real recorded payload is read by some test', () => {
    const samples = filesUnder(SAMPLES_DIR)
      .map((path) => relative(SAMPLES_DIR, path))
      .filter((path) => !path.endsWith('README.md'))
    expect(samples.length).toBeGreaterThan(20)
    const unread = samples.filter((sample) => !testSources.includes(sample))
    expect(unread).toEqual([])
  })

  it('every platform has a provider in the registry and a test file of its own', () => {
    for (const platform of PLATFORMS) {
      expect(PROVIDERS[platform]?.platform).toBe(platform)
      expect(statSync(join(ROOT, 'test/unit/providers', `${platform}.test.ts`)).isFile()).toBe(true)
    }
  })

  it('the real samples are never copied into the repository', () => {
    if (!samplesAvailable) return
    const sampleBodies = new Set(filesUnder(SAMPLES_DIR).filter((p) => !p.endsWith('.md')).map((p) => readFileSync(p, 'utf8')))
    const ours = filesUnder(join(ROOT, 'test')).concat(filesUnder(join(ROOT, 'scripts')))
    expect(ours.filter((path) => sampleBodies.has(readFileSync(path, 'utf8')))).toEqual([])
  })
})
