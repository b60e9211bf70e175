#!/usr/bin/env node
// `node scripts/mutation-summary.mjs [--survivors]`: the mutation score per folder over the last
// report of each stage of `npm run mutation` (.stryker/<stage>.report.json), and with --survivors
// the surviving mutants (file:line:column, mutator, replacement). "static" counts the survivors in
// code run when a module loads (a top-level constant): under vitest 4 Stryker may load the module
// before it switches the mutant on, so those verdicts are the least trustworthy (docs/testing.md).
import { existsSync, readFileSync } from 'node:fs'
import { STAGES } from '../stryker.config.mjs'

const report = { files: {} }
for (const stage of Object.keys(STAGES)) {
  const file = `.stryker/${stage}.report.json`
  if (!existsSync(file)) {
    console.log(`stage ${stage}: not run yet`)
    continue
  }
  Object.assign(report.files, JSON.parse(readFileSync(file, 'utf8')).files)
}
const folders = new Map()
const survivors = []
const folderOf = (file) => {
  const parts = file.split('/')
  return parts[0] === 'extension' ? parts.slice(0, 2).join('/') : parts[0] === 'src' && parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]
}
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = folderOf(file)
  const counts = folders.get(folder) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0, staticSurvived: 0 }
  for (const m of mutants) {
    if (m.status === 'Killed') counts.killed++
    else if (m.status === 'Timeout') counts.timeout++
    else if (m.status === 'Survived') {
      counts.survived++
      if (m.static) counts.staticSurvived++
    }
    else if (m.status === 'NoCoverage') counts.noCoverage++
    else counts.other++
    if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status}${m.static ? ' (static)' : ''} ${m.mutatorName}: ${JSON.stringify(m.replacement ?? '')}`)
  }
  folders.set(folder, counts)
}
const score = (c) => (100 * (c.killed + c.timeout)) / Math.max(1, c.killed + c.timeout + c.survived + c.noCoverage)
console.log('folder'.padEnd(26), 'score', 'killed', 'timeout', 'survived', 'static', 'no cov')
const all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 }
for (const [folder, c] of [...folders].sort()) {
  console.log(folder.padEnd(26), score(c).toFixed(1).padStart(5), String(c.killed).padStart(6), String(c.timeout).padStart(7), String(c.survived).padStart(8), String(c.staticSurvived).padStart(6), String(c.noCoverage).padStart(6))
  for (const k of Object.keys(all)) all[k] += c[k]
}
for (const root of ['src', 'extension']) {
  const sum = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 }
  for (const [folder, c] of folders) if (folder.split('/')[0] === root) for (const k of Object.keys(sum)) sum[k] += c[k]
  console.log(`${root}/ (all)`.padEnd(26), score(sum).toFixed(1).padStart(5))
}
console.log('all'.padEnd(26), score(all).toFixed(1).padStart(5))
if (process.argv.includes('--survivors')) for (const line of survivors) console.log(line)
