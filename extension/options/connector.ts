import { addPageFromClick, grantFromClick, sendMessage } from '../messaging/client.ts'
import type { Reply } from '../messaging/protocol.ts'
import { browser } from '../platform/browser.ts'
import { onStorageChanged } from '../storage/store.ts'
import { CATALOG } from './catalog.ts'
import type { OptionsActions, OptionsState } from './view/types.ts'

/**
 * The one place where the options page meets the background: state from `getState`, refreshed
 * when storage changes (a poll, a permission, another device); actions as protocol messages.
 */
export function createConnector(): { readonly initial: OptionsState; readonly actions: OptionsActions; start(set: (s: OptionsState) => void): () => void } {
  let state: OptionsState = { view: null, catalog: CATALOG, loadError: null, now: Date.now() }
  let publish: (s: OptionsState) => void = () => {}

  const refresh = async (): Promise<void> => {
    const reply = await sendMessage('getState', {})
    state = reply.ok ? { ...state, view: reply.state, loadError: null, now: Date.now() } : { ...state, loadError: reply.message, now: Date.now() }
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
    const reply = await addPageFromClick(url, undefined, asked.get(url))
    if (!reply.ok && reply.error === 'permission') asked.set(url, reply.origins)
    return reply
  }

  const actions: OptionsActions = {
    addPage: (url) => thenRefresh(addPage(url)),
    removePage: (pageKey) => thenRefresh(sendMessage('removePage', { pageKey })),
    updateFilters: (pageKey, filters) => thenRefresh(sendMessage('updateFilters', { pageKey, filters })),
    setNotifyOnRecovery: (notifyOnRecovery) => thenRefresh(sendMessage('updateFilters', { notifyOnRecovery })),
    setQuietHours: (quietHours) => thenRefresh(sendMessage('updateFilters', { quietHours })),
    importSettings: (settings) => thenRefresh(sendMessage('importSettings', { settings })),
    grant: (url, platform) => thenRefresh(grantFromClick(url, platform)),
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
      const stopStorage = onStorageChanged(onChanged)
      browser.permissions.onAdded.addListener(onChanged)
      browser.permissions.onRemoved.addListener(onChanged)
      void refresh()
      return () => {
        clearTimeout(timer)
        stopStorage()
        browser.permissions.onAdded.removeListener(onChanged)
        browser.permissions.onRemoved.removeListener(onChanged)
      }
    },
  }
}
