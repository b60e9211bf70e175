/**
 * `npm run replay -- [--port N] [--step-seconds S] [--step NAME]`
 * Serves OpenAI's page on 127.0.0.1 and plays the scripted outage (healthy → opened → updated →
 * degraded → resolved), one step every S seconds (default 20), or holds one step with --step.
 * Point the monitor at it: `npm run monitor -- http://127.0.0.1:PORT`.
 */
import { parseArgs } from 'node:util'
import { json, startStatusServer } from '../harness/status-server.ts'
import { OPENAI_PROXY_PATH } from '../harness/timelines/openai-outage.ts'
import { recordedOpenAiOutage } from '../harness/recorded.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'step-seconds': { type: 'string', default: '20' },
    step: { type: 'string' },
  },
})

const steps = recordedOpenAiOutage()
const server = await startStatusServer({ port: Number(values.port) })
const stamp = (): string => new Date().toISOString().slice(11, 19)

const held = values.step ? steps.find((s) => s.name === values.step) : undefined
if (values.step && !held) {
  console.error(`unknown step ${values.step}; steps: ${steps.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
console.log(`replay server on ${server.origin} (OpenAI page at ${server.origin}${OPENAI_PROXY_PATH})`)

let index = 0
const play = (): void => {
  const step = held ?? steps[index % steps.length]
  if (!step) return
  // incident.io's native path names the host it was asked for: answer for the real host and for
  // the loopback names a local client will use.
  for (const path of [OPENAI_PROXY_PATH, '/proxy/127.0.0.1', '/proxy/localhost']) server.set(path, json(step.body))
  console.log(`[${stamp()}] step: ${step.name}`)
  index += 1
}
play()
const timer = held ? undefined : setInterval(play, Number(values['step-seconds']) * 1000)

process.on('SIGINT', () => {
  if (timer) clearInterval(timer)
  void server.close().then(() => process.exit(0))
})
