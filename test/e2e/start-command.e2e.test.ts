/**
 * The README's first command after `npm ci`: `npm start` builds both extensions and watches
 * OpenAI's page in the console. Offline (CI, this machine), it must fall back to the local replay
 * of the recorded outage by itself and print the incident's console blocks within 60 s; Ctrl+C
 * stops it cleanly. Online, it watches the real page (and prints nothing while all is well).
 */
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/harness/build.ts'

const RULE = '-'.repeat(80)

describe('npm start', () => {
  it('builds, then prints the replayed outage in the original console format within 60 s, and stops on Ctrl+C', async () => {
    const started = Date.now()
    // Its own process group, so that Ctrl+C reaches npm, tsx and the monitor as in a terminal.
    const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, env: { ...process.env, TZ: 'UTC' } })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    try {
      const deadline = started + 60_000
      const done = (): boolean => out.includes(RULE) || out.includes('Watching https://status.openai.com (')
      while (!done() && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 250))
      const elapsed = Date.now() - started
      expect(out).toContain('Extensions built: dist/chrome')
      if (out.includes('Watching https://status.openai.com (')) return // online: the real page, nothing to replay
      expect(out).toContain('is unreachable (offline?). Watching the local replay server instead')
      expect(out, `after ${elapsed} ms:\n${out}`).toContain(RULE)
      expect(elapsed).toBeLessThan(60_000)
      expect(out).toMatch(/\[2025-04-08 17:20:00\] Product: OpenAI - Sora \/ Video generation\nStatus: Minor - Investigating\nDetails: New users may experience temporary delays in video generation capabilities: We are investigating reports of delays in video generation for new users\.\n-{80}/)
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT')
    }
    // npm itself ends by the signal, as in a terminal; what matters is that nothing is left running.
    const { code, signal } = await exited
    expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const groupAlive = (): boolean => {
      try {
        process.kill(-(child.pid ?? 0), 0)
        return true
      } catch {
        return false
      }
    }
    expect(groupAlive()).toBe(false)
  }, 90_000)
})
