/** Reading a V8 CPU profile (CDP Profiler.stop) of the extension worker. */

export interface ProfileNode {
  id: number
  callFrame: { functionName: string }
}
/** Busy time (ms) of a V8 CPU profile: every sample's time delta, except samples in (idle). */
export function busyMs(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let us = 0
  // timeDeltas[k] is the time before sample k: attribute it to sample k.
  for (let k = 0; k < samples.length; k += 1) if (!idle.has(samples[k] ?? -1)) us += deltas[k] ?? 0
  return us / 1000
}

/** The busiest functions of a V8 CPU profile by self time (ms). */
export function topSelf(profile: { nodes: (ProfileNode & { callFrame: { url: string; lineNumber: number } })[]; samples?: number[]; timeDeltas?: number[] }, k: number): { fn: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const samples = profile.samples ?? []
  for (let i = 0; i < samples.length; i += 1) {
    const n = byId.get(samples[i] ?? -1)
    if (!n || n.callFrame.functionName === '(idle)') continue
    const file = n.callFrame.url.split('/').pop() ?? ''
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000)
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, k).map(([fn, ms]) => ({ fn, ms: Number(ms.toFixed(1)) }))
}
