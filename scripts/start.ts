/**
 * `npm start`: build both extensions, then run the console monitor on OpenAI's status page.
 * Offline (this project's CI and dev machines have no internet), it says so and watches the
 * local replay server playing a scripted OpenAI outage instead, so something real happens.
 */
import { spawn, spawnSync } from 'node:child_process'
import { json, startStatusServer } from './harness/status-server.ts'
import { recordedOpenAiOutage } from './harness/recorded.ts'

const OPENAI = 'https://status.openai.com'
// Longer than the 15 s incident cadence, so each step of the outage is seen by some poll.
const STEP_SECONDS = 45
// The replay starts with the incident open, so the monitor's first poll (seconds after the
// build) already prints it: a healthy start would show nothing until the 60 s poll after it.
const FIRST_STEP = 'opened'

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
console.log('\nExtensions built: dist/chrome (Chrome: Load unpacked) and dist/firefox (Firefox: Load Temporary Add-on).\n')

async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) })
    return response.status < 500
  } catch {
    return false
  }
}

const args = ['run', '--silent', 'monitor', '--']
let stopReplay: (() => Promise<void>) | null = null
if (await reachable(OPENAI)) {
  console.log(`Watching ${OPENAI} (Ctrl+C to stop). Nothing prints while all is well.\n`)
  args.push(OPENAI)
} else {
  const steps = recordedOpenAiOutage()
  const server = await startStatusServer()
  let index = Math.max(0, steps.findIndex((step) => step.name === FIRST_STEP))
  const play = (): void => {
    const step = steps[index % steps.length]
    if (!step) return
    for (const path of ['/proxy/127.0.0.1', '/proxy/status.openai.com']) server.set(path, json(step.body))
    index += 1
  }
  play()
  const timer = setInterval(play, STEP_SECONDS * 1000)
  stopReplay = async () => {
    clearInterval(timer)
    await server.close()
  }
  console.log(`${OPENAI} is unreachable (offline?). Watching the local replay server instead: ${server.origin}`)
  console.log(`It plays a scripted OpenAI outage, one step every ${STEP_SECONDS} s: incident → update → outage → resolved → healthy → …\n`)
  args.push(server.origin)
}

const monitor = spawn('npm', args, { stdio: 'inherit' })
process.on('SIGINT', () => monitor.kill('SIGINT'))
monitor.on('exit', (code) => {
  void (stopReplay?.() ?? Promise.resolve()).then(() => process.exit(code ?? 0))
})
