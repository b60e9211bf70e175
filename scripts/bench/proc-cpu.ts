import { readdirSync, readFileSync } from 'node:fs'

/** CPU time of a Chromium process tree and of the extension's worker thread, from /proc (Linux). */

export interface Proc {
  readonly pid: number
  readonly ppid: number
  readonly ticks: number
  readonly cmd: string
}

/** utime+stime in ticks (10 ms) from a /proc stat line. */
export function statTicks(stat: string): { ppid: number; ticks: number } {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) }
}

/** The Chromium process whose command line holds `marker`, and all its descendants. */
export function chromiumTree(marker: string): Proc[] {
  const procs: Proc[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      procs.push({ pid: Number(entry), ...statTicks(readFileSync(`/proc/${entry}/stat`, 'utf8')), cmd })
    } catch {
      // gone meanwhile
    }
  }
  const root = procs.find((p) => p.cmd.includes(marker) && !p.cmd.includes('--type='))
  if (!root) return []
  const tree = new Set([root.pid])
  let grew = true
  while (grew) {
    grew = false
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid)
        grew = true
      }
    }
  }
  return procs.filter((p) => tree.has(p.pid))
}

/** utime+stime (ms) of every process of that Chromium. */
export function chromiumCpuMs(marker: string): number {
  const tree = chromiumTree(marker)
  return tree.length === 0 ? NaN : tree.reduce((sum, p) => sum + p.ticks * 10, 0) // CLK_TCK = 100
}

/**
 * utime+stime (ms) of the extension's service-worker thread: the thread Chromium names
 * "ServiceWorker thread" in the extension's renderer process. Real CPU time, unlike a V8
 * profile's busy samples, which also count the time the thread waited to be scheduled.
 */
export function workerThreadCpuMs(marker: string): number {
  let ms = 0
  let found = false
  for (const p of chromiumTree(marker).filter((q) => q.cmd.includes('--extension-process'))) {
    try {
      for (const tid of readdirSync(`/proc/${p.pid}/task`)) {
        if (!readFileSync(`/proc/${p.pid}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) continue
        ms += statTicks(readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8')).ticks * 10
        found = true
      }
    } catch {
      // gone meanwhile
    }
  }
  return found ? ms : NaN
}
