import type { BackgroundDeps } from './deps.ts'
import { createMutex, type Mutex } from './mutex.ts'

/** What every background step shares: the injected effects and the two in-memory locks. */
export interface Context {
  readonly deps: BackgroundDeps
  /** One poll cycle at a time. */
  readonly cycleLock: Mutex
  /** Every read-modify-write of a shared record: settings, schedule, outbox, history, links. */
  readonly storageLock: Mutex
}

export function createContext(deps: BackgroundDeps): Context {
  return { deps, cycleLock: createMutex(), storageLock: createMutex() }
}
