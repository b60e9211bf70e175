#!/usr/bin/env node
// `npm test`: every suite, in order, then one plain closing line `N passed, N failed` that CI reads.
// Each suite is a vitest config; its JSON report gives the counts. A suite that crashes before
// reporting counts as one failure, so a broken run can never print "0 failed".
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  ...(existsSync('vitest.e2e.config.ts') ? [{ name: 'e2e', config: 'vitest.e2e.config.ts' }] : []),
]
const only = process.argv.slice(2)

let passed = 0
let failed = 0
let skipped = 0
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
  // Files that fail to load (syntax errors, top-level throws) have no tests to count.
  const brokenFiles = result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0)
  failed += brokenFiles.length
  if (run.status !== 0 && result.numFailedTests === 0 && brokenFiles.length === 0) {
    console.log(`[${suite.name}] vitest exited ${run.status}: counted as 1 failure`)
    failed += 1
  }
}

// Under CI nothing may skip: every suite's data and browsers are in the repository or installed by
// .ci/run, so a skip can only mean a guard turned a test off (missing data, a missing page).
if (process.env.CI && skipped > 0) {
  console.log(`[ci] ${skipped} skipped test(s): counted as failures (nothing may skip under CI)`)
  failed += skipped
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
