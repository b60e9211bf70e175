/**
 * The e2e suites load the production build (dist/chrome, dist/firefox) unchanged. This makes sure
 * it exists and is not older than its sources: `npm run build` runs at most once per test run
 * (vitest globalSetup), and only when needed (~2 s).
 *
 *   E2E_BUILD=auto (default)  build when a dist is missing or any source is newer than it
 *   E2E_BUILD=always          build every run
 *   E2E_BUILD=never           use dist as it is (fails if missing)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST_CHROME = join(ROOT, 'dist/chrome')
export const DIST_FIREFOX = join(ROOT, 'dist/firefox')

/** Everything the build reads. */
const SOURCES = ['src', 'extension', 'public', 'scripts/build', 'manifest.json', 'manifest.config.ts', 'vite.config.ts', 'package.json', 'package-lock.json']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why a build is needed, or null when both dists are up to date. */
export function staleReason(): string | null {
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))))
  for (const dist of [DIST_CHROME, DIST_FIREFOX]) {
    const manifest = join(dist, 'manifest.json')
    if (!existsSync(manifest)) return `${dist} is missing`
    if (statSync(manifest).mtimeMs < sourcesAt) return `${dist} is older than its sources`
  }
  return null
}

export function ensureBuilt(mode = process.env.E2E_BUILD ?? 'auto'): void {
  const reason = mode === 'always' ? 'E2E_BUILD=always' : mode === 'never' ? null : staleReason()
  if (reason === null) {
    for (const dist of [DIST_CHROME, DIST_FIREFOX]) {
      if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing (E2E_BUILD=${mode}): run npm run build`)
    }
    return
  }
  const started = Date.now()
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) {
    throw new Error(`npm run build failed (${reason}), exit ${run.status}:\n${run.stdout}\n${run.stderr}`)
  }
  console.log(`[e2e] built dist/chrome + dist/firefox in ${Date.now() - started} ms (${reason})`)
}

/** vitest globalSetup entry. */
export default function setup(): void {
  ensureBuilt()
}
