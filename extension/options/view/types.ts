import type { FiltersPatch, Reply, StateView } from '../../messaging/protocol.ts'
import type { QuietHours } from '../../storage/settings.ts'
import type { Platform } from '../../../src/model.ts'
import type { CatalogEntry } from '../catalog.ts'

/** Everything the options page shows. The views render this and nothing else. */
export interface OptionsState {
  /** null while the first getState is on its way. */
  readonly view: StateView | null
  readonly catalog: readonly CatalogEntry[]
  /** Why the background could not be read, if it could not. */
  readonly loadError: string | null
  /** For "muted until …": the time the state was rendered. */
  readonly now: number
}

/**
 * Everything the options page can do. The real ones talk to the background (connector.ts); tests
 * and screenshots pass mocks. `addPage` and `grant` must be called straight from a click: they
 * request host permissions, which needs the user gesture.
 */
export interface OptionsActions {
  addPage(url: string): Promise<Reply<'addPage'>>
  removePage(pageKey: string): Promise<Reply<'removePage'>>
  updateFilters(pageKey: string, patch: FiltersPatch): Promise<Reply<'updateFilters'>>
  setNotifyOnRecovery(on: boolean): Promise<Reply<'updateFilters'>>
  setQuietHours(quietHours: QuietHours | null): Promise<Reply<'updateFilters'>>
  importSettings(raw: Readonly<Record<string, unknown>>): Promise<Reply<'importSettings'>>
  /** The page's platform too: some fetch another host than the page's (AWS). */
  grant(url: string, platform: Platform | null): Promise<boolean>
  /** Saves `text` as a file the user downloads. */
  download(fileName: string, text: string): void
}

/** What the page runs on: the real one talks to the background (connector.ts); tests pass fakes. */
export interface OptionsConnector {
  readonly initial: OptionsState
  readonly actions: OptionsActions
  /** Loads the state, then follows changes; returns the stop function. */
  start(set: (state: OptionsState) => void): () => void
}

export interface ViewProps {
  readonly state: OptionsState
  readonly actions: OptionsActions
}
