import { execFile } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { sampleText } from '../../support/samples.ts'

/** Runs `npm run monitor -- …` as a user would (through tsx), and returns what it printed. */
function runMonitor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/monitor.ts', ...args], { env: { ...process.env, TZ: 'UTC' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

describe('npm run monitor -- --once on a local server', () => {
  let server: StatusServer
  beforeAll(async () => {
    server = await startStatusServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('prints the ongoing OpenAI incident (incident.io) in the console format', async () => {
    server.set('/proxy/127.0.0.1', json(sampleText('incidentio/openai-proxy-summary-2025-04-08.json')))
    const { code, stdout } = await runMonitor(['--once', server.origin])
    expect(code).toBe(0)
    const blocks = stdout.trim().split(`${'-'.repeat(80)}`).map((b) => b.trim()).filter(Boolean)
    expect(blocks[0]).toBe(
      [
        '[2025-04-08 17:48:00] Product: OpenAI - Sora / Video generation',
        'Status: Minor - Monitoring',
        'Details: New users may experience temporary delays in video generation capabilities. We are applying the mitigation and are monitoring the recovery.',
      ].join('\n'),
    )
    // A first look: nobody saw what it was before, so no "(was …)".
    expect(blocks[1]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] Product: OpenAI - Sora \/ Video generation\nStatus: Degraded performance\nDetails: Degraded performance when first checked\. Ongoing incident: New users may experience temporary delays in video generation capabilities\.$/,
    )
    expect(blocks).toHaveLength(2)
    server.clear()
  }, 60_000)

  it('detects a Statuspage page by itself and prints its incident', async () => {
    server.set('/api/v2/summary.json', json(sampleText('statuspage/instructure-summary-2021-12-07.json')))
    const { code, stdout } = await runMonitor(['--once', server.origin])
    expect(code).toBe(0)
    expect(stdout).toContain(
      'Status: Minor - Identified\nDetails: Amazon Web Services (AWS) is currently experiencing an outage that is affecting some Canvas users hosted in the IAD (North American) region. We are actively working towards recovery.',
    )
    expect(stdout).toMatch(/^\[2021-12-07 17:39:58\] Product: Instructure - /)
    server.clear()
  }, 60_000)

  it('prints nothing for a healthy page, and [ERROR] with exit 1 for an unreadable one', async () => {
    server.set('/api/v2/summary.json', json(sampleText('statuspage/codametrix-summary-2026-08-02.json')))
    const healthy = await runMonitor(['--once', server.origin])
    expect(healthy).toMatchObject({ code: 0, stdout: '' })

    server.clear()
    server.set('/api/v2/summary.json', { kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Oops</body></html>' })
    const broken = await runMonitor(['--once', server.origin])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] \[ERROR\] 127\.0\.0\.1:\d+: not a status page we can read/)
    expect(broken.stdout).not.toContain('Product:')
  }, 60_000)
})
