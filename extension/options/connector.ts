import { addPageFromClick, grantFromClick, sendMessage } from '../messaging/client.ts'
import type { Reply } from '../messaging/protocol.ts'
import { browser } from '../platform/browser.ts'
import { onStorageChanged } from '../storage/store.ts'
import { CATALOG } from './catalog.ts'
import type { OptionsActions, OptionsConnector, OptionsState } from './view/types.ts'

export interface ConnectorDeps {
  readonly send: typeof sendMessage
  /** Both ask for host permissions first, so both must run straight from the click. */
  readonly addPageFromClick: typeof addPageFromClick
  readonly grantFromClick: typeof grantFromClick
  readonly watchStorage?: typeof onStorageChanged
  readonly api: Pick<typeof browser, 'permissions'>
  readonly now: () => number
}

const REAL_DEPS: ConnectorDeps = { send: sendMessage, addPageFromClick, grantFromClick, api: browser, now: () => Date.now() }

/** State from `getState`, refreshed when storage or permissions change; actions as protocol messages. */
export function createConnector(deps: ConnectorDeps = REAL_DEPS): OptionsConnector {
  let state: OptionsState = { view: null, catalog: CATALOG, loadError: null, now: deps.now() }
  let publish: (s: OptionsState) => void = () => {}

  const refresh = async (): Promise<void> => {
    const reply = await deps.send('getState', {})
    state = reply.ok ? { ...state, view: reply.state, loadError: null, now: deps.now() } : { ...state, loadError: reply.message, now: deps.now() }
    publish(state)
  }
  const thenRefresh = async <T>(task: Promise<T>): Promise<T> => {
    const result = await task
    await refresh()
    return result
  }

  // Hosts the background asked for on a refused try (an AWS page's API host): asked with the URL's on the next click.
  const asked = new Map<string, readonly string[]>()
  const addPage = async (url: string): Promise<Reply<'addPage'>> => {
    const reply = await deps.addPageFromClick(url, undefined, asked.get(url))
    if (!reply.ok && reply.error === 'permission') asked.set(url, reply.origins)
    return reply
  }

  const actions: OptionsActions = {
    addPage: (url) => thenRefresh(addPage(url)),
    removePage: (pageKey) => thenRefresh(deps.send('removePage', { pageKey })),
    updateFilters: (pageKey, filters) => thenRefresh(deps.send('updateFilters', { pageKey, filters })),
    setNotifyOnRecovery: (notifyOnRecovery) => thenRefresh(deps.send('updateFilters', { notifyOnRecovery })),
    setQuietHours: (quietHours) => thenRefresh(deps.send('updateFilters', { quietHours })),
    setKeepSevereOnScreen: (keepSevereOnScreen) => thenRefresh(deps.send('updateFilters', { keepSevereOnScreen })),
    importSettings: (settings) => thenRefresh(deps.send('importSettings', { settings })),
    grant: (url, platform) => thenRefresh(deps.grantFromClick(url, platform)),
    download: (fileName, text) => {
      const href = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
      const a = document.createElement('a')
      a.href = href
      a.download = fileName
      a.click()
      // Revoked later: some browsers start the download after the click handler returns.
      setTimeout(() => URL.revokeObjectURL(href), 10_000)
    },
  }

  return {
    initial: state,
    actions,
    start(set) {
      publish = set
      let timer: ReturnType<typeof setTimeout> | undefined
      // Polls write storage every cycle: coalesce a burst of changes into one getState.
      const onChanged = (): void => {
        clearTimeout(timer)
        timer = setTimeout(() => void refresh(), 300)
      }
      const stopStorage = (deps.watchStorage ?? onStorageChanged)(onChanged)
      deps.api.permissions.onAdded.addListener(onChanged)
      deps.api.permissions.onRemoved.addListener(onChanged)
      void refresh()
      return () => {
        clearTimeout(timer)
        stopStorage()
        deps.api.permissions.onAdded.removeListener(onChanged)
        deps.api.permissions.onRemoved.removeListener(onChanged)
      }
    },
  }
}
