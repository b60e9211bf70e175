import { useState } from 'preact/hooks'
import type { Snapshot } from '../../../src/model.ts'
import type { FiltersPatch, PageView } from '../../messaging/protocol.ts'
import { platformName } from '../catalog.ts'
import { mutedText } from './messages.ts'
import type { OptionsActions, ViewProps } from './types.ts'
import { HOUR_MS } from '../../storage/settings.ts'

export function PageList({ state, actions }: ViewProps) {
  const pages = state.view?.pages ?? []
  return (
    <section class="card" aria-labelledby="pages-title">
      <h2 id="pages-title">Watched pages ({pages.length})</h2>
      {pages.length === 0 ? <p class="note muted">No pages yet: add one above.</p> : null}
      <ul class="pages">
        {pages.map((page) => (
          <PageRow key={page.key} page={page} now={state.now} actions={actions} />
        ))}
      </ul>
    </section>
  )
}

function PageRow({ page, now, actions }: { readonly page: PageView; readonly now: number; readonly actions: OptionsActions }) {
  const [error, setError] = useState<string | null>(null)
  const run = async (task: Promise<{ ok: boolean; message?: string }>): Promise<void> => {
    const reply = await task
    setError(reply.ok ? null : (reply.message ?? 'Failed.'))
  }
  const update = (patch: FiltersPatch): void => void run(actions.updateFilters(page.key, patch))
  const muted = mutedText(page.filters, now)
  return (
    <li class="page" aria-label={page.name}>
      <div class="page-head">
        <div>
          <span class="name">{page.name || page.key}</span>{' '}
          <span class="host">
            {page.url.replace(/^https:\/\//, '').replace(/\/$/, '')} · {page.platform === null ? 'platform not detected yet' : platformName(page.platform)}
          </span>
        </div>
        <button type="button" class="danger" onClick={() => void run(actions.removePage(page.key))} aria-label={`Remove ${page.name || page.key}`}>
          Remove
        </button>
      </div>
      <div class="mute" role="group" aria-label={`Notifications from ${page.name || page.key}`}>
        <span class={muted === null ? 'note ok' : 'note warn'}>{muted ?? 'Notifying'}</span>
        <button type="button" onClick={() => update({ mutedUntil: now + HOUR_MS, mutedForever: false })}>
          Mute 1 h
        </button>
        <button type="button" onClick={() => update({ mutedUntil: now + 8 * HOUR_MS, mutedForever: false })}>
          Mute 8 h
        </button>
        <button type="button" onClick={() => update({ mutedForever: true })}>
          Mute until re-enabled
        </button>
        <button type="button" disabled={muted === null} onClick={() => update({ mutedUntil: null, mutedForever: false })}>
          Unmute
        </button>
      </div>
      <ComponentFilter page={page} update={update} />
      {page.permission === 'missing' ? <p class="note warn">No permission to read this page: grant it below.</p> : null}
      {error === null ? null : (
        <p class="note error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}

/**
 * Which components notify. A checked group covers all its components; "All components" is no
 * filter at all (componentIds null). Incidents that name no component always notify.
 */
function ComponentFilter({ page, update }: { readonly page: PageView; readonly update: (patch: FiltersPatch) => void }) {
  const snapshot: Snapshot | null = page.snapshot
  const ids = page.filters.componentIds
  const selected = new Set(ids ?? [])
  const all = ids === null
  const summary = all ? 'all components' : ids.length === 0 ? 'no components (incidents only)' : `${ids.length} selected`
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(selected)
    if (on) next.add(id)
    else next.delete(id)
    update({ componentIds: [...next] })
  }
  if (snapshot === null || (snapshot.components.length === 0 && snapshot.groups.length === 0)) {
    return <p class="note muted">Component filter: {summary}. Components appear after the first successful check.</p>
  }
  const topLevel = snapshot.components.filter((c) => c.groupId === null || !snapshot.groups.some((g) => g.id === c.groupId))
  return (
    <details class="components">
      <summary>Notify about: {summary}</summary>
      <label class="check all">
        <input type="checkbox" checked={all} onChange={(e) => update({ componentIds: e.currentTarget.checked ? null : [] })} />
        All components
      </label>
      <ul>
        {snapshot.groups.map((group) => {
          const members = snapshot.components.filter((c) => c.groupId === group.id)
          const groupOn = all || selected.has(group.id)
          return (
            <li key={group.id}>
              <label class="check group">
                <input type="checkbox" disabled={all} checked={groupOn} onChange={(e) => toggle(group.id, e.currentTarget.checked)} />
                {group.name} <span class="host">(group, {members.length})</span>
              </label>
              <ul>
                {members.map((c) => (
                  <ComponentCheck key={c.id} name={c.name} disabled={groupOn} checked={groupOn || selected.has(c.id)} onToggle={(on) => toggle(c.id, on)} />
                ))}
              </ul>
            </li>
          )
        })}
        {topLevel.map((c) => (
          <ComponentCheck key={c.id} name={c.name} disabled={all} checked={all || selected.has(c.id)} onToggle={(on) => toggle(c.id, on)} />
        ))}
      </ul>
    </details>
  )
}

function ComponentCheck({ name, disabled, checked, onToggle }: { readonly name: string; readonly disabled: boolean; readonly checked: boolean; readonly onToggle: (on: boolean) => void }) {
  return (
    <li>
      <label class="check">
        <input type="checkbox" disabled={disabled} checked={checked} onChange={(e) => onToggle(e.currentTarget.checked)} />
        {name}
      </label>
    </li>
  )
}
