import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { createConnector } from './connector.ts'
import { Options } from './view/options.tsx'

const connector = createConnector()

function App() {
  const [state, setState] = useState(connector.initial)
  useEffect(() => connector.start(setState), [])
  return <Options state={state} actions={connector.actions} />
}

const root = document.getElementById('app')
if (root !== null) render(<App />, root)
