/**
 * The original design, for scripts/bench/run.ts to compare against (run as a child process so
 * its CPU time is its own, not the replay server's): for every page, a full GET of
 * /api/v2/summary.json each cycle, and whenever that body's hash changed since the last cycle,
 * also /api/v2/incidents.json and /api/v2/components.json. No conditional requests.
 *
 * Generous to the original: keep-alive connections (the Python script opened a new TLS
 * connection per request) and 6 requests in flight (it polled one page after another).
 *
 * IPC protocol: the parent sends { type: 'init', port, hosts } once, then { type: 'cycle' } per
 * cycle; each is answered with { type: 'done', wallMs, cpuUserUs, cpuSystemUs, requests, bytes }.
 */
import { createHash } from 'node:crypto'
import { Agent, request } from 'node:https'

interface Init {
  readonly type: 'init'
  readonly port: number
  readonly hosts: readonly string[]
}

const CONCURRENCY = 6
let port = 0
let hosts: readonly string[] = []
const lastHash = new Map<string, string>()
const agent = new Agent({ keepAlive: true, maxSockets: 1 })

function get(host: string, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, servername: host, headers: { host, 'user-agent': 'original-loop' }, rejectUnauthorized: false, agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

async function cycle(): Promise<{ requests: number; bytes: number }> {
  let requests = 0
  let bytes = 0
  let next = 0
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++
      const host = hosts[i]
      if (host === undefined) return
      try {
        const summary = await get(host, '/api/v2/summary.json')
        requests += 1
        bytes += summary.body.length
        if (summary.status !== 200) continue
        const hash = createHash('sha256').update(summary.body).digest('hex')
        JSON.parse(summary.body.toString('utf8'))
        if (lastHash.get(host) === hash) continue
        lastHash.set(host, hash)
        for (const path of ['/api/v2/incidents.json', '/api/v2/components.json']) {
          const r = await get(host, path)
          requests += 1
          bytes += r.body.length
          if (r.status === 200) JSON.parse(r.body.toString('utf8'))
        }
      } catch {
        // an error: the original printed [ERROR] and carried on
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return { requests, bytes }
}

process.on('message', (message: Init | { type: 'cycle' } | { type: 'exit' }) => {
  if (message.type === 'init') {
    port = message.port
    hosts = message.hosts
    process.send?.({ type: 'ready' })
    return
  }
  if (message.type === 'exit') {
    agent.destroy()
    process.exit(0)
  }
  const cpu = process.cpuUsage()
  const started = performance.now()
  void cycle().then(({ requests, bytes }) => {
    const used = process.cpuUsage(cpu)
    process.send?.({ type: 'done', wallMs: performance.now() - started, cpuUserUs: used.user, cpuSystemUs: used.system, requests, bytes })
  })
})
