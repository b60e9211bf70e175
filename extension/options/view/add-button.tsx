import { useState } from 'preact/hooks'
import { addResultText, type AddResult } from './messages.ts'
import type { OptionsActions } from './types.ts'

type Status = { readonly busy: true } | ({ readonly busy: false } & AddResult) | null

/**
 * The add flow shared by catalog rows and the URL field. `actions.addPage` runs first thing in
 * the click handler: it requests the host permission while the user gesture lasts.
 */
export function useAddFlow(actions: OptionsActions): { status: Status; add: (url: string) => Promise<void> } {
  const [status, setStatus] = useState<Status>(null)
  const add = async (url: string): Promise<void> => {
    const pending = actions.addPage(url)
    setStatus({ busy: true })
    const reply = await pending.catch((error: unknown) => ({ ok: false as const, error: 'internal' as const, message: String(error) }))
    setStatus({ busy: false, ...addResultText(reply) })
  }
  return { status, add }
}

export function AddStatus({ status }: { readonly status: Status }) {
  if (status === null) return null
  if (status.busy) return <span class="note" role="status">Checking the page…</span>
  return (
    <span class={status.ok ? 'note ok' : 'note error'} role={status.ok ? 'status' : 'alert'}>
      {status.text}
      {/* Lines, not a list: a <ul> may not sit in the inline note. */}
      {status.tried?.map((line, index) => (
        <span key={index} class="tried">
          {line}
        </span>
      ))}
    </span>
  )
}
