import type { BackgroundDeps } from './deps.ts'
import { createMutex, type Mutex } from './mutex.ts'

export interface Context {
  readonly deps: BackgroundDeps
  readonly cycleLock: Mutex
  /** Every read-modify-write of a shared record: settings, schedule, outbox, history, links. */
  readonly storageLock: Mutex
}

export function createContext(deps: BackgroundDeps): Context {
  return { deps, cycleLock: createMutex(), storageLock: createMutex() }
}
