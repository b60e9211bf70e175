/**
 * `npm run package`: builds both extensions and writes the store archives to artifacts/
 * (checked as scripts/package/package.ts says). Exits non-zero on any problem.
 */
import { statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageExtension, TARGETS } from './package.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

try {
  const packaged = await packageExtension({ root, artifactsDir: join(root, 'artifacts') })
  console.log(`Status Monitor ${packaged.version}:`)
  for (const target of TARGETS) {
    const archive = packaged.archives[target]
    console.log(`  ${relative(root, archive)}  ${(statSync(archive).size / 1024).toFixed(1)} KB`)
  }
  const lint = packaged.firefoxLint
  console.log(`  web-ext lint (Firefox archive): ${lint.errors} errors, ${lint.warnings} warnings, ${lint.notices} notices`)
} catch (error) {
  console.error(`npm run package failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
