import { AddUrl } from './add-url.tsx'
import { Backup } from './backup.tsx'
import { CatalogSection } from './catalog-section.tsx'
import { GlobalSettings } from './global-settings.tsx'
import { PageList } from './page-list.tsx'
import type { ViewProps } from './types.ts'

export function Options({ state, actions }: ViewProps) {
  return (
    <div class="options">
      <header>
        <h1>Status Monitor</h1>
        <p class="note muted">Watch public status pages and get notified the moment something breaks.</p>
      </header>
      {state.loadError === null ? null : (
        <p class="note error" role="alert">
          {state.loadError}
        </p>
      )}
      <PageList state={state} actions={actions} />
      <GlobalSettings state={state} actions={actions} />
      <CatalogSection state={state} actions={actions} />
      <AddUrl actions={actions} />
      <Backup state={state} actions={actions} />
    </div>
  )
}
