#!/usr/bin/env node
// `npm test`: every suite, in order, then one plain closing line `N passed, N failed` that CI reads.
// Each suite is a vitest config; its JSON report gives the counts. A suite that crashes before
// reporting counts as one failure, so a broken run can never print "0 failed".
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { relative } from 'node:path'

/**
 * Tests allowed to skip under CI, each with the reason, as `file > full test name`. Every other
 * skip fails the run: the data and browsers of every suite are in the repository or installed by
 * .ci/run, so a skip can only mean a guard turned a test off (missing data, a missing page).
 */
const ALLOWED_SKIPS = new Map([
  // (none)
])

const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  ...(existsSync('vitest.e2e.config.ts') ? [{ name: 'e2e', config: 'vitest.e2e.config.ts' }] : []),
]
const only = process.argv.slice(2)

let passed = 0
let failed = 0
let skipped = 0
const unexpectedSkips = []
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue
  const report = `.vitest-${suite.name}.json`
  rmSync(report, { force: true })
  console.log(`\n=== ${suite.name} tests (${suite.config})`)
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit' },
  )
  if (!existsSync(report)) {
    console.log(`[${suite.name}] vitest exited ${run.status} without a report: counted as 1 failure`)
    failed += 1
    continue
  }
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed += result.numPassedTests
  failed += result.numFailedTests
  skipped += result.numPendingTests + (result.numTodoTests ?? 0)
  for (const file of result.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo') continue
      const name = `${relative(process.cwd(), file.name)} > ${test.fullName}`
      if (!ALLOWED_SKIPS.has(name)) unexpectedSkips.push(name)
    }
  }
  // Files that fail to load (syntax errors, top-level throws) have no tests to count.
  const brokenFiles = result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0)
  failed += brokenFiles.length
  if (run.status !== 0 && result.numFailedTests === 0 && brokenFiles.length === 0) {
    console.log(`[${suite.name}] vitest exited ${run.status}: counted as 1 failure`)
    failed += 1
  }
}

if (process.env.CI && unexpectedSkips.length > 0) {
  console.log(`[ci] ${unexpectedSkips.length} skipped test(s) not on the allow-list (scripts/test.mjs), counted as failures:`)
  for (const name of unexpectedSkips) console.log(`  skipped: ${name}`)
  failed += unexpectedSkips.length
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
