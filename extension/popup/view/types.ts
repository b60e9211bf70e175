import type { PageView, StateView } from '../../messaging/protocol.ts'

/**
 * What the popup view renders: the background's StateView plus the little the popup itself
 * knows (loading, a running check, the clock). The view is a pure function of this and
 * `PopupActions`, so tests and screenshots render it with a mock connector.
 */
export interface PopupState {
  /** Null until the first getState answer. */
  readonly view: StateView | null
  /** Why the background could not be read (its answer is kept if an older one exists). */
  readonly loadError: string | null
  readonly checking: boolean
  /** Epoch ms used for every "… ago": injected so renders are deterministic. */
  readonly now: number
  /** Read out by the aria-live region: status changes, check results. */
  readonly announcement: string
}

export interface PopupActions {
  checkNow(): void
  /** Must call permissions.request synchronously: it only works inside the click. */
  grantPermission(page: PageView): void
  openOptions(): void
}
