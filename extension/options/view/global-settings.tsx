import { useState } from 'preact/hooks'
import type { QuietHours } from '../../storage/settings.ts'
import type { ViewProps } from './types.ts'

const DEFAULT_WINDOW: QuietHours = { enabled: true, start: '22:00', end: '07:00' }

export function GlobalSettings({ state, actions }: ViewProps) {
  const settings = state.view?.settings
  const actionsHere = state.view?.notifications.actions ?? true
  const [error, setError] = useState<string | null>(null)
  if (settings === undefined) return null
  const quiet = settings.quietHours ?? null
  const window = quiet ?? { ...DEFAULT_WINDOW, enabled: false }
  const run = async (task: Promise<{ ok: boolean; message?: string }>): Promise<void> => {
    const reply = await task
    setError(reply.ok ? null : (reply.message ?? 'Failed.'))
  }
  const setWindow = (patch: Partial<QuietHours>): void => void run(actions.setQuietHours({ ...window, ...patch }))
  return (
    <section class="card" aria-labelledby="global-title">
      <h2 id="global-title">Notifications</h2>
      <label class="check">
        <input type="checkbox" checked={settings.notifyOnRecovery} onChange={(e) => void run(actions.setNotifyOnRecovery(e.currentTarget.checked))} />
        Notify on recovery (incident resolved, component back to operational)
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={actionsHere && settings.keepSevereOnScreen === true}
          disabled={!actionsHere}
          aria-describedby="keep-hint"
          onChange={(e) => void run(actions.setKeepSevereOnScreen(e.currentTarget.checked))}
        />
        Keep major and critical notifications on screen until dismissed
      </label>
      <p id="keep-hint" class="note muted">
        {actionsHere ? 'Chrome only. Each incident notification also has “Open incident” and “Mute 1 h” buttons.' : 'Not available in Firefox, which closes notifications itself and shows no buttons: a click opens the incident.'}
      </p>
      <div class="quiet">
        <label class="check">
          <input type="checkbox" checked={window.enabled} onChange={(e) => setWindow({ enabled: e.currentTarget.checked })} />
          Quiet hours
        </label>
        <label>
          from{' '}
          <input type="time" value={window.start} disabled={!window.enabled} aria-label="Quiet hours start" onChange={(e) => e.currentTarget.value && setWindow({ start: e.currentTarget.value })} />
        </label>
        <label>
          to <input type="time" value={window.end} disabled={!window.enabled} aria-label="Quiet hours end" onChange={(e) => e.currentTarget.value && setWindow({ end: e.currentTarget.value })} />
        </label>
      </div>
      <p class="note muted">During quiet hours nothing pops up; when they end, one notification sums up what happened. The history keeps everything.</p>
      {error === null ? null : (
        <p class="note error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
