import type { PageView, StateView } from '../../messaging/protocol.ts'

/** The view is a pure function of this and `PopupActions`: tests and screenshots use a mock connector. */
export interface PopupState {
  readonly view: StateView | null
  /** Why the background could not be read (its answer is kept if an older one exists). */
  readonly loadError: string | null
  readonly checking: boolean
  /** Injected so renders are deterministic. */
  readonly now: number
  readonly announcement: string
}

export interface PopupActions {
  checkNow(): void
  /** Must call permissions.request synchronously: it only works inside the click. */
  grantPermission(page: PageView): void
  openOptions(): void
}
