/**
 * `npm run bench:parsers` (tsx scripts/bench/parsers.ts) [--only TEXT] [--runs 5] [--sizes 2,1,0.5]
 *
 * Every provider's parser on the worst realistic bodies a page can send (scripts/bench/shapes.ts:
 * real recorded payloads with one part repeated) at the poll's size cap, 2 MiB, and at half and
 * a quarter of it, so that linearity shows: ms per MiB stays about the same when it holds.
 *
 * Per shape and size, after one warm-up run (which counts alone when it takes over 2 s):
 *   parse  the whole parse as a poll does it (read-endpoint.ts parseBodies: decoding, JSON.parse
 *          or the XML reader, the provider, companions); for endpoints no poll reads, JSON.parse
 *          and the endpoint's parser
 *   poll   pollPage on a fresh page: fetch (a fake answering the body from memory, no network),
 *          SHA-256, parse, diff, next state; "-" for endpoints no poll reads
 * The medians of `--runs` runs are printed; the target is 250 ms for a 2 MiB body (125 ms per
 * MiB) on the whole poll, or the parse where there is no poll. Synchronous either way: the time
 * is also how long the event loop stalls.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { FetchLike } from '../../src/fetch-json.ts'
import { pollPage } from '../../src/monitor.ts'
import { initialPageState } from '../../src/page-state.ts'
import { BASE, readBuilt, SHAPES, type Built, type Shape } from './shapes.ts'
import { median } from './stats.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const MIB = 1024 * 1024
const TARGET_MS_PER_MIB = 250 / 2
/** A run slower than this is not repeated: before the fixes, one 2 MiB parse took half a minute. */
const SLOW_MS = 2_000

const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '2,1,0.5' } } })
const RUNS = Number(values.runs)
const SIZES = values.sizes.split(',').map(Number)

/** Times `run` (ms): the warm-up alone when it is slow, else the median of RUNS more. */
async function timed(run: () => unknown): Promise<{ ms: number; runs: number }> {
  let start = performance.now()
  await run()
  const warmUp = performance.now() - start
  if (warmUp > SLOW_MS) return { ms: warmUp, runs: 1 }
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return { ms: median(times), runs: RUNS }
}

function parseOnce(shape: Shape, built: Built): void {
  const result = readBuilt(shape, built)
  if (!result.ok) throw new Error(`${shape.provider} / ${shape.shape}: ${result.error.kind}: ${result.error.message}`)
}

/** A fetch that answers the built bodies by path, 404 for anything else (incident.io's compat shapes need that). */
function fakeFetch(built: Built): FetchLike {
  const byUrl = new Map(built.bodies.map((part) => [new URL(part.path, BASE).href, part]))
  return (url) => {
    const part = byUrl.get(url)
    return Promise.resolve(part === undefined ? new Response('not found', { status: 404 }) : new Response(part.bytes, { headers: { 'content-type': part.contentType } }))
  }
}

async function pollOnce(shape: Shape, built: Built): Promise<void> {
  if (shape.platform === null) return
  const outcome = await pollPage(
    { page: { base: BASE, platform: shape.platform }, state: initialPageState() },
    { fetch: fakeFetch(built), timeoutSignal: () => new AbortController().signal, now: () => Date.UTC(2026, 6, 9, 12), random: () => 0.5 },
  )
  if (outcome.result !== 'changed') throw new Error(`${shape.provider} / ${shape.shape}: poll ${outcome.result}: ${outcome.state.lastError?.message ?? ''}`)
}

interface Row {
  readonly provider: string
  readonly shape: string
  readonly bytes: number
  readonly items: number
  readonly unit: string
  readonly parseMs: number
  readonly pollMs: number | null
  readonly runs: number
}

const perMiB = (ms: number, bytes: number): number => ms / (bytes / MIB)
const judged = (row: Row): number => row.pollMs ?? row.parseMs
const meets = (row: Row): boolean => perMiB(judged(row), row.bytes) <= TARGET_MS_PER_MIB

function print(row: Row): void {
  const cells = [
    row.provider.padEnd(23),
    row.shape.padEnd(39),
    (row.bytes / MIB).toFixed(2).padStart(5),
    String(row.bytes).padStart(9),
    String(row.items).padStart(7),
    row.parseMs.toFixed(1).padStart(9),
    perMiB(row.parseMs, row.bytes).toFixed(1).padStart(8),
    (row.pollMs === null ? '-' : row.pollMs.toFixed(1)).padStart(9),
    (row.pollMs === null ? '-' : perMiB(row.pollMs, row.bytes).toFixed(1)).padStart(8),
    (meets(row) ? 'yes' : 'NO').padStart(4),
    String(row.runs).padStart(4),
  ]
  console.log(cells.join(' '))
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(`${cpu}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString()}`)
console.log(`sizes ${SIZES.map((size) => `${size} MiB`).join(', ')}; median of ${RUNS} runs after a warm-up; target ≤ 250 ms per 2 MiB (poll, or parse where no poll reads the endpoint)`)
console.log(
  ['provider'.padEnd(23), 'shape'.padEnd(39), '  MiB', '    bytes', '  items', ' parse ms', ' ms/MiB', '  poll ms', ' ms/MiB', '  ok', 'runs'].join(' '),
)

const rows: Row[] = []
for (const shape of SHAPES) {
  if (values.only !== undefined && !`${shape.provider} ${shape.shape}`.includes(values.only)) continue
  for (const size of SIZES) {
    const built = shape.build(Math.floor(size * MIB))
    const bytes = built.bodies.reduce((sum, part) => sum + part.bytes.byteLength, 0)
    const parse = await timed(() => parseOnce(shape, built))
    const poll = shape.platform === null ? null : await timed(() => pollOnce(shape, built))
    const row: Row = { provider: shape.provider, shape: shape.shape, bytes, items: built.items, unit: shape.unit, parseMs: parse.ms, pollMs: poll?.ms ?? null, runs: Math.min(parse.runs, poll?.runs ?? parse.runs) }
    rows.push(row)
    print(row)
  }
}

const full = rows.filter((row) => row.bytes > 1.5 * MIB)
console.log(`\n${full.filter(meets).length} of ${full.length} shapes meet the target at 2 MiB`)
mkdirSync(join(ROOT, '.bench'), { recursive: true })
writeFileSync(join(ROOT, '.bench', 'parsers.json'), `${JSON.stringify({ cpu, cpus: cpus().length, node: process.version, at: new Date().toISOString(), rows }, null, 2)}\n`)
