import { useMemo, useState } from 'preact/hooks'
import { isPlatform } from '../../../src/model.ts'
import { keyOfUrl, platformName, searchCatalog, type CatalogEntry } from '../catalog.ts'
import { AddStatus, useAddFlow } from './add-button.tsx'
import type { OptionsActions, ViewProps } from './types.ts'

export function CatalogSection({ state, actions }: ViewProps) {
  const [query, setQuery] = useState('')
  const found = useMemo(() => searchCatalog(state.catalog, query), [state.catalog, query])
  const watched = new Set(state.view?.settings.pages.map((p) => p.key) ?? [])
  return (
    <section class="card" aria-labelledby="catalog-title">
      <h2 id="catalog-title">Add a known status page</h2>
      <input
        type="search"
        class="search"
        placeholder={`Search ${state.catalog.length} pages by name or address`}
        aria-label="Search status pages"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <p class="count" aria-live="polite">
        {found.length === state.catalog.length ? `${found.length} pages` : `${found.length} of ${state.catalog.length} pages`}
      </p>
      <ul class="catalog" aria-label="Status pages">
        {found.map((entry) => (
          <CatalogRow key={entry.url} entry={entry} watched={watched.has(keyOfUrl(entry.url) ?? '')} actions={actions} />
        ))}
      </ul>
    </section>
  )
}

function CatalogRow({ entry, watched, actions }: { readonly entry: CatalogEntry; readonly watched: boolean; readonly actions: OptionsActions }) {
  const { status, add } = useAddFlow(actions)
  const supported = isPlatform(entry.platform)
  return (
    <li class="catalog-row">
      <span class="name">{entry.name}</span>
      <span class="host">{entry.url.replace(/^https:\/\//, '')}</span>
      <span class="action">
        {watched ? (
          <span class="note ok">Watching</span>
        ) : supported ? (
          <button type="button" disabled={status?.busy === true} onClick={() => void add(entry.url)} aria-label={`Add ${entry.name}`}>
            Add
          </button>
        ) : (
          <span class="note muted">not supported: {entry.why ?? platformName(entry.platform)}</span>
        )}
      </span>
      {status !== null && !(watched && status.busy === false && status.ok) ? (
        <span class="row-status">
          <AddStatus status={status} />
        </span>
      ) : null}
    </li>
  )
}
