import type { FiltersPatch, Reply, StateView } from '../../messaging/protocol.ts'
import type { QuietHours } from '../../storage/settings.ts'
import type { Platform } from '../../../src/model.ts'
import type { CatalogEntry } from '../catalog.ts'

export interface OptionsState {
  readonly view: StateView | null
  readonly catalog: readonly CatalogEntry[]
  readonly loadError: string | null
  readonly now: number
}

/** `addPage` and `grant` must be called straight from a click: requesting host permissions needs the user gesture. */
export interface OptionsActions {
  addPage(url: string): Promise<Reply<'addPage'>>
  removePage(pageKey: string): Promise<Reply<'removePage'>>
  updateFilters(pageKey: string, patch: FiltersPatch): Promise<Reply<'updateFilters'>>
  setNotifyOnRecovery(on: boolean): Promise<Reply<'updateFilters'>>
  setQuietHours(quietHours: QuietHours | null): Promise<Reply<'updateFilters'>>
  setKeepSevereOnScreen(on: boolean): Promise<Reply<'updateFilters'>>
  importSettings(raw: Readonly<Record<string, unknown>>): Promise<Reply<'importSettings'>>
  /** The page's platform too: some fetch another host than the page's (AWS). */
  grant(url: string, platform: Platform | null): Promise<boolean>
  download(fileName: string, text: string): void
}

export interface OptionsConnector {
  readonly initial: OptionsState
  readonly actions: OptionsActions
  /** Returns the stop function. */
  start(set: (state: OptionsState) => void): () => void
}

export interface ViewProps {
  readonly state: OptionsState
  readonly actions: OptionsActions
}
