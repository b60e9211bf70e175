import { useState } from 'preact/hooks'
import { AddStatus, useAddFlow } from './add-button.tsx'
import type { ViewProps } from './types.ts'

export function AddUrl({ actions }: Pick<ViewProps, 'actions'>) {
  const [url, setUrl] = useState('')
  const { status, add } = useAddFlow(actions)
  return (
    <section class="card" aria-labelledby="add-url-title">
      <h2 id="add-url-title">Add any status page</h2>
      <form
        class="add-url"
        onSubmit={(e) => {
          e.preventDefault()
          if (url.trim() !== '') void add(url.trim())
        }}
      >
        <input
          type="text"
          inputMode="url"
          placeholder="status.example.com"
          aria-label="Status page address"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button type="submit" disabled={url.trim() === '' || status?.busy === true}>
          Add
        </button>
      </form>
      <AddStatus status={status} />
    </section>
  )
}
