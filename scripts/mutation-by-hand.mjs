#!/usr/bin/env node
// `node scripts/mutation-by-hand.mjs <stage> <source file> [--static] -- <test file>…`
//
// Stryker under vitest 4 reports some mutants "Survived" that the tests do kill (docs/testing.md:
// static mutants switched on after their module loaded, and wrong covering tests). This applies
// each surviving or uncovered mutant of one file in the stage's last report alone, the way a
// person would: the mutated source is written in place, the given test files run, the file is
// restored. It prints each verdict and a count; `--static` checks only the static survivors.
// Run it on a clean tree: the source file is restored after every mutant and on Ctrl-C.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const separator = process.argv.indexOf('--')
const args = process.argv.slice(2, separator < 0 ? undefined : separator)
const tests = separator < 0 ? [] : process.argv.slice(separator + 1)
const [stage, file] = args.filter((arg) => !arg.startsWith('--'))
if (stage === undefined || file === undefined || tests.length === 0) {
  console.error('usage: node scripts/mutation-by-hand.mjs <stage> <source file> [--static] -- <test file>…')
  process.exit(2)
}
const onlyStatic = args.includes('--static')
const report = JSON.parse(readFileSync(`.stryker/${stage}.report.json`, 'utf8'))
const mutants = (report.files[file]?.mutants ?? []).filter(
  (m) => (m.status === 'Survived' || m.status === 'NoCoverage') && (!onlyStatic || m.static),
)
const original = readFileSync(file, 'utf8')
const restore = () => writeFileSync(file, original)
process.on('SIGINT', () => {
  restore()
  process.exit(130)
})

/** Offset of a report location (line and column both 1-based) in the source. */
function offsetOf(source, { line, column }) {
  let offset = 0
  for (let current = 1; current < line; current++) offset = source.indexOf('\n', offset) + 1
  return offset + column - 1
}

const verdicts = { killed: 0, survived: 0 }
for (const mutant of mutants) {
  const start = offsetOf(original, mutant.location.start)
  const end = offsetOf(original, mutant.location.end)
  writeFileSync(file, original.slice(0, start) + mutant.replacement + original.slice(end))
  const run = spawnSync('npx', ['vitest', 'run', '--bail=1', '--reporter=dot', ...tests], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, PROPERTY_RUNS_SCALE: process.env.PROPERTY_RUNS_SCALE ?? '0.2' },
  })
  restore()
  // A hang counts as killed, as a Stryker timeout does.
  const killed = run.status !== 0
  verdicts[killed ? 'killed' : 'survived']++
  const where = `${file}:${mutant.location.start.line}:${mutant.location.start.column}`
  console.log(`${killed ? 'killed  ' : 'SURVIVED'} ${where} ${mutant.mutatorName}${mutant.static ? ' (static)' : ''}: ${JSON.stringify(mutant.replacement)}`)
}
console.log(`${file}: ${verdicts.killed} killed, ${verdicts.survived} survived by hand, of ${mutants.length}`)
