/**
 * The store archives: artifacts/status-monitor-<version>-chrome.zip and …-firefox.zip, made by
 * `web-ext build` from dist/chrome and dist/firefox. Each archive is checked after it is written:
 * unpacked again, it must hold exactly the build's files, byte for byte, with package.json's
 * version in its manifest; the Firefox one must pass `web-ext lint` with 0 errors and 0 warnings.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import extractZip from 'extract-zip'

export type Target = 'chrome' | 'firefox'
export const TARGETS: readonly Target[] = ['chrome', 'firefox']

export interface LintSummary {
  readonly errors: number
  readonly warnings: number
  readonly notices: number
  /** `CODE file: message` of every error and warning. */
  readonly problems: readonly string[]
}

export interface Packaged {
  readonly version: string
  readonly archives: Readonly<Record<Target, string>>
  readonly firefoxLint: LintSummary
}

export interface PackageOptions {
  readonly root: string
  readonly artifactsDir: string
  /** Run `npm run build` first (default). Off when dist is known to be fresh (the e2e suite). */
  readonly build?: boolean
}

export const archiveName = (version: string, target: Target): string => `status-monitor-${version}-${target}.zip`

function run(root: string, command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

const webExt = (root: string, args: readonly string[]): string => run(root, join(root, 'node_modules/.bin/web-ext'), [...args, '--no-config-discovery'])

function pathsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? pathsUnder(path) : [path]
  })
}

const filesUnder = (dir: string): string[] => pathsUnder(dir).map((path) => relative(dir, path)).sort()

/** Throws unless `unpacked` holds exactly the files of `dist`, byte for byte. */
function expectSameTree(dist: string, unpacked: string, archive: string): void {
  const want = filesUnder(dist)
  const got = filesUnder(unpacked)
  if (want.join('\n') !== got.join('\n')) throw new Error(`${archive} holds [${got.join(', ')}], the build [${want.join(', ')}]`)
  const differing = want.filter((file) => !readFileSync(join(dist, file)).equals(readFileSync(join(unpacked, file))))
  if (differing.length > 0) throw new Error(`${archive}: ${differing.join(', ')} differ from the build`)
}

export function parseLint(json: string): LintSummary {
  const report = JSON.parse(json) as {
    summary: { errors: number; warnings: number; notices: number }
    errors: { code: string; file?: string; message: string }[]
    warnings: { code: string; file?: string; message: string }[]
  }
  const problems = [...report.errors, ...report.warnings].map((p) => `${p.code} ${p.file ?? ''}: ${p.message}`)
  return { ...report.summary, problems }
}

export async function packageExtension(options: PackageOptions): Promise<Packaged> {
  const { root, artifactsDir } = options
  if (options.build !== false) run(root, 'npm', ['run', '--silent', 'build'])
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  mkdirSync(artifactsDir, { recursive: true })
  const scratch = mkdtempSync(join(tmpdir(), 'status-monitor-package-'))
  try {
    const archives = {} as Record<Target, string>
    for (const target of TARGETS) {
      const dist = join(root, 'dist', target)
      const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { version?: unknown }
      if (manifest.version !== version) throw new Error(`dist/${target}/manifest.json says version ${String(manifest.version)}, package.json ${version}: rebuild`)
      const name = archiveName(version, target)
      webExt(root, ['build', '--source-dir', dist, '--artifacts-dir', artifactsDir, '--filename', name, '--overwrite-dest'])
      const archive = join(artifactsDir, name)
      const unpacked = join(scratch, target)
      await extractZip(archive, { dir: unpacked })
      expectSameTree(dist, unpacked, name)
      archives[target] = archive
    }
    // Lint what ships: the Firefox archive as unpacked, not the build folder it came from.
    const lintOut = spawnSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(scratch, 'firefox'), '--output', 'json', '--no-config-discovery'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    })
    const firefoxLint = parseLint(lintOut.stdout)
    if (firefoxLint.errors > 0 || firefoxLint.warnings > 0) {
      throw new Error(`web-ext lint on ${archives.firefox}: ${firefoxLint.errors} errors, ${firefoxLint.warnings} warnings\n${firefoxLint.problems.join('\n')}`)
    }
    return { version, archives, firefoxLint }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
