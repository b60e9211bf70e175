import type { HistoryMark, PageView } from '../../messaging/protocol.ts'
import { Boundary } from './boundary.tsx'
import { RecentEvents } from './history.tsx'
import { byProblemFirst } from './order.ts'
import { LevelBadge, PageCard } from './page-card.tsx'
import { safeLinkFor } from '../../../src/text/safe-link.ts'
import { formatLocalTime } from '../../../src/text/event-text.ts'
import { relativeTime } from './format.ts'
import type { PopupActions, PopupState } from './types.ts'

/** Up to this many pages, healthy ones get a full card too; beyond it a compact list. */
export const ALL_CARDS_MAX = 3

export interface PopupProps {
  readonly state: PopupState
  readonly actions: PopupActions
}

function HealthyList({ pages, now }: { pages: readonly PageView[]; now: number }) {
  return (
    <section class="healthy" aria-labelledby="healthy-heading">
      <h2 id="healthy-heading">All clear ({pages.length})</h2>
      <ul>
        {pages.map((page) => (
          <li key={page.key} class="healthy-row">
            <a class="healthy-name" href={safeLinkFor(null, page.url, page.platform) || undefined} target="_blank" rel="noopener noreferrer">
              {page.name}
            </a>
            <LevelBadge page={page} />
            <span class="meta">{page.lastCheckedAt === null ? '' : relativeTime(page.lastCheckedAt, now)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Summary({ pages }: { pages: readonly PageView[] }) {
  const { problems, healthy } = byProblemFirst(pages)
  if (problems.length === 0) return <p class="summary">All {pages.length === 1 ? 'systems' : `${pages.length} pages`} operational</p>
  return (
    <p class="summary">
      {problems.length} {problems.length === 1 ? 'page needs' : 'pages need'} attention · {healthy.length} operational
    </p>
  )
}

export function Popup({ state, actions }: PopupProps) {
  const { view, now } = state
  return (
    <div class="popup">
      <header class="top">
        <h1>Status Monitor</h1>
        <div class="top-actions">
          <button type="button" class="primary" onClick={() => actions.checkNow()} disabled={state.checking || view === null || view.pages.length === 0} aria-busy={state.checking}>
            {state.checking ? (
              <>
                <span class="spinner" aria-hidden="true" />
                Checking…
              </>
            ) : (
              'Check now'
            )}
          </button>
          <button type="button" class="link-button" onClick={() => actions.openOptions()}>
            Settings
          </button>
        </div>
      </header>
      <div class="live" role="status" aria-live="polite">
        {state.announcement}
      </div>
      {view?.offline.offline ? (
        <div class="banner banner-offline" role="alert">
          <strong>You are offline.</strong>
          {view.offline.since === null ? '' : ` Since ${formatLocalTime(view.offline.since, false)}.`} Pages are checked again once the
          connection is back.
        </div>
      ) : null}
      {view?.problem ? (
        <div class="banner banner-error" role="alert">
          <strong>Monitoring has a problem.</strong> {view.problem.reason} Since {formatLocalTime(view.problem.since, false)}.
        </div>
      ) : null}
      {view?.notifications.permission === 'denied' ? (
        <div class="banner banner-error" role="alert">
          <strong>Desktop notifications are turned off for Status Monitor.</strong> You will not be told when something breaks: turn them
          back on in your browser's notification settings. The badge and this popup still show every page.
        </div>
      ) : null}
      {view?.notifications.undelivered ? (
        <div class="banner banner-error" role="alert">
          <strong>
            {view.notifications.undelivered.count} notification{view.notifications.undelivered.count === 1 ? '' : 's'} could not be shown
          </strong>{' '}
          ({view.notifications.undelivered.reason}). They are listed under Recent events.
        </div>
      ) : null}
      {state.loadError !== null ? (
        <div class="banner banner-error" role="alert">
          {state.loadError}
        </div>
      ) : null}
      {view === null ? (
        state.loadError === null ? <p class="placeholder">Loading…</p> : null
      ) : view.pages.length === 0 ? (
        <div class="empty">
          <p>No pages watched — open settings to add one.</p>
          <button type="button" class="primary" onClick={() => actions.openOptions()}>
            Open settings
          </button>
        </div>
      ) : (
        <Pages pages={view.pages} marks={view.marks} state={state} actions={actions} />
      )}
      {view !== null ? (
        <Boundary what="Recent events">
          <RecentEvents history={view.history} now={now} />
        </Boundary>
      ) : null}
    </div>
  )
}

function Pages({ pages, marks, state, actions }: { pages: readonly PageView[]; marks: readonly HistoryMark[]; state: PopupState; actions: PopupActions }) {
  const { problems, healthy } = byProblemFirst(pages)
  const cards = pages.length <= ALL_CARDS_MAX ? [...problems, ...healthy] : problems
  return (
    <main>
      <Summary pages={pages} />
      {cards.map((page) => (
        <Boundary key={page.key} what={page.name}>
          <PageCard page={page} now={state.now} actions={actions} marks={marks} />
        </Boundary>
      ))}
      {pages.length > ALL_CARDS_MAX && healthy.length > 0 ? (
        <Boundary what="The other pages">
          <HealthyList pages={healthy} now={state.now} />
        </Boundary>
      ) : null}
    </main>
  )
}
