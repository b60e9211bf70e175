import { PROBLEM, UNDELIVERED } from '../storage/records.ts'
import { buildStateView } from '../storage/state-view.ts'
import { onStorageChanged } from '../storage/store.ts'
import { failure, type Protocol, type Reply } from './protocol.ts'

/**
 * getState answered from storage, without waking the worker or its first-message set-up (~40 ms,
 * docs/benchmarks.md). Storage is the worker's only output, so both answers show the same.
 */
export async function readStoredState(request: Protocol['getState']['request']): Promise<Reply<'getState'>> {
  try {
    return { ok: true, state: await buildStateView(request) }
  } catch (error) {
    return failure('internal', `Could not read the stored state: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Returns the function that stops it. */
export function onStoredStateChanged(onChange: () => void): () => void {
  return onStorageChanged((changes, area) => {
    // storage.session also holds the badge (rewritten often): only the problem and undelivered notes matter.
    if (area !== 'local' && !(area === 'session' && (PROBLEM.key in changes || UNDELIVERED.key in changes))) return
    onChange()
  })
}
