#!/usr/bin/env node
// `npm run mutation [-- <stage>…]`: Stryker over each stage of stryker.config.mjs in turn (all of
// them by default), then the score per folder over every stage's last report. A stage's result is
// kept as soon as it ends, so a run stopped half-way keeps the stages it finished.
import { spawnSync } from 'node:child_process'
import { STAGES } from '../stryker.config.mjs'

const asked = process.argv.slice(2)
const unknown = asked.filter((stage) => !(stage in STAGES))
if (unknown.length > 0) {
  console.error(`unknown stage(s) ${unknown.join(', ')}: the stages are ${Object.keys(STAGES).join(', ')}`)
  process.exit(2)
}
for (const stage of asked.length > 0 ? asked : Object.keys(STAGES)) {
  const started = Date.now()
  console.log(`\n== mutation stage ${stage}`)
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATION_STAGE: stage } })
  console.log(`== stage ${stage}: ${Math.round((Date.now() - started) / 60_000)} min`)
  if (run.status !== 0) process.exit(run.status ?? 1)
}
spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' })
