import { useState } from 'preact/hooks'
import { checkImport, exportFileName, exportText } from '../settings-file.ts'
import { SYNC_BUDGET_BYTES, syncUsage } from '../../storage/sync-budget.ts'
import type { ViewProps } from './types.ts'

type Result = { readonly ok: boolean; readonly text: string; readonly problems: readonly string[] } | null

export function Backup({ state, actions }: ViewProps) {
  const [result, setResult] = useState<Result>(null)
  const settings = state.view?.settings
  const usage = settings === undefined ? null : syncUsage(settings)
  const nearlyFull = usage !== null && usage.bytes > 0.8 * SYNC_BUDGET_BYTES
  const missing = state.view?.pages.filter((p) => p.permission === 'missing') ?? []

  const onFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return
    const checked = checkImport(await file.text())
    if (!checked.ok) {
      setResult({ ok: false, text: `Not imported: ${checked.message}`, problems: [] })
      return
    }
    const reply = await actions.importSettings(checked.raw)
    if (!reply.ok) {
      setResult({ ok: false, text: `Not imported: ${reply.message}`, problems: checked.problems })
      return
    }
    const n = reply.settings.pages.length
    setResult({ ok: true, text: `Imported ${n} page${n === 1 ? '' : 's'}.`, problems: checked.problems })
  }

  return (
    <section class="card" aria-labelledby="backup-title">
      <h2 id="backup-title">Export and import</h2>
      <div class="row">
        <button type="button" disabled={settings === undefined} onClick={() => settings && actions.download(exportFileName(new Date(state.now)), exportText(settings))}>
          Export settings
        </button>
        <label class="file">
          Import settings…
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Import settings file"
            onChange={(e) => {
              const input = e.currentTarget
              void onFile(input.files?.[0]).finally(() => (input.value = ''))
            }}
          />
        </label>
      </div>
      {usage === null ? null : (
        <p class={nearlyFull ? 'note error' : 'note muted'}>
          Your settings take {Math.ceil(usage.bytes / 1024)} KB of the {Math.floor(SYNC_BUDGET_BYTES / 1024)} KB that browser sync allows
          {nearlyFull ? ': remove pages or shorten their names before adding more.' : '.'}
        </p>
      )}
      {result === null ? null : (
        <div role={result.ok ? 'status' : 'alert'}>
          <p class={result.ok ? 'note ok' : 'note error'}>{result.text}</p>
          {result.problems.length > 0 ? (
            <ul class="problems" aria-label="Invalid entries">
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {missing.length > 0 ? (
        <div class="missing">
          <h3>Waiting for permission</h3>
          <p class="note muted">These pages are not read until you allow the extension to read their site.</p>
          <ul>
            {missing.map((page) => (
              <li key={page.key}>
                <span class="name">{page.name || page.key}</span> <span class="host">{page.url.replace(/^https:\/\//, '')}</span>{' '}
                <button type="button" onClick={() => void actions.grant(page.url, page.platform)} aria-label={`Grant ${page.name || page.key}`}>
                  Grant
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
