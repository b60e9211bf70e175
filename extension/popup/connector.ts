import { sendMessage } from '../messaging/client.ts'
import type { PageView, Reply, StateView } from '../messaging/protocol.ts'
import { onStoredStateChanged, readStoredState } from '../messaging/stored-state.ts'
import { originsFor } from '../permissions/page-origins.ts'
import { browser } from '../platform/browser.ts'
import { LEVEL_WORDS } from './view/format.ts'
import { HISTORY_SHOWN } from './view/history.tsx'
import { ALL_CARDS_MAX } from './view/popup.tsx'
import type { PopupActions, PopupState } from './view/types.ts'

/** Storage writes come in bursts (one per page per cycle): one re-fetch per burst. */
export const REFRESH_DEBOUNCE_MS = 100
const CLOCK_TICK_MS = 10_000

export interface Connector {
  readonly actions: PopupActions
  getState(): PopupState
  start(listener: (state: PopupState) => void): () => void
}

export interface ConnectorDeps {
  readonly send: typeof sendMessage
  readonly loadState?: () => Promise<Reply<'getState'>>
  readonly watchState?: (onChange: () => void) => () => void
  readonly api: Pick<typeof browser, 'permissions' | 'runtime'>
  readonly now: () => number
}

const POPUP_VIEW = { compactHealthyAbove: ALL_CARDS_MAX, historyLimit: HISTORY_SHOWN } as const

/** From storage itself, not through the worker (readStoredState says why). */
const readPopupState = (): Promise<Reply<'getState'>> => readStoredState(POPUP_VIEW)

/** For the aria-live region. */
function changes(before: StateView | null, after: StateView): string {
  if (before === null) return ''
  const old = new Map(before.pages.map((p) => [p.key, p.level]))
  return after.pages
    .filter((p) => old.has(p.key) && old.get(p.key) !== p.level && p.level !== null)
    .map((p) => `${p.name}: ${LEVEL_WORDS[p.level ?? 'operational']}`)
    .join('. ')
}

/** State read from storage and followed as it changes; actions as messages to the background. */
export function createConnector(deps: ConnectorDeps = { send: sendMessage, api: browser, now: () => Date.now() }): Connector {
  let state: PopupState = { view: null, loadError: null, checking: false, now: deps.now(), announcement: '' }
  let listener: (state: PopupState) => void = () => {}
  const set = (patch: Partial<PopupState>): void => {
    state = { ...state, now: deps.now(), ...patch }
    listener(state)
  }

  async function refresh(): Promise<void> {
    const reply = await (deps.loadState ?? readPopupState)()
    if (reply.ok) {
      const announcement = changes(state.view, reply.state)
      set({ view: reply.state, loadError: null, ...(announcement === '' ? {} : { announcement }) })
    } else {
      set({ loadError: reply.message })
    }
  }

  async function checkNow(pageKey?: string): Promise<void> {
    if (state.checking) return
    set({ checking: true, announcement: 'Checking…' })
    const reply = await deps.send('checkNow', pageKey === undefined ? {} : { pageKey })
    await refresh()
    set({ checking: false, announcement: reply.ok ? `Checked ${reply.polled} ${reply.polled === 1 ? 'page' : 'pages'}.` : reply.message })
  }

  const actions: PopupActions = {
    checkNow: () => void checkNow(),
    grantPermission(page: PageView) {
      // No await before permissions.request: it needs the click's user gesture. Firefox closes the
      // popup for the prompt; the background polls on permissions.onAdded, so checkNow is a speed-up.
      void deps.api.permissions
        .request({ origins: originsFor(page.url, page.platform) })
        .catch(() => false)
        .then((granted) => (granted ? checkNow(page.key) : set({ announcement: `Access to ${page.name} was not granted.` })))
    },
    openOptions: () => void deps.api.runtime.openOptionsPage(),
  }

  return {
    actions,
    getState: () => state,
    start(onState) {
      listener = onState
      let timer: ReturnType<typeof setTimeout> | undefined
      const stopWatching = (deps.watchState ?? onStoredStateChanged)(() => {
        clearTimeout(timer)
        timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS)
      })
      const clock = setInterval(() => set({}), CLOCK_TICK_MS)
      void refresh()
      return () => {
        stopWatching()
        clearTimeout(timer)
        clearInterval(clock)
        listener = () => {}
      }
    },
  }
}
