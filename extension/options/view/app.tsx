import { useEffect, useState } from 'preact/hooks'
import { Options } from './options.tsx'
import type { OptionsConnector } from './types.ts'

export function OptionsApp({ connector }: { readonly connector: OptionsConnector }) {
  const [state, setState] = useState(connector.initial)
  useEffect(() => connector.start(setState), [connector])
  return <Options state={state} actions={connector.actions} />
}
