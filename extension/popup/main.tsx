import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { createConnector } from './connector.ts'
import { Popup } from './view/popup.tsx'
import './popup.css'

const connector = createConnector()

function App() {
  const [state, setState] = useState(connector.getState())
  useEffect(() => connector.start(setState), [])
  return <Popup state={state} actions={connector.actions} />
}

const root = document.getElementById('app')
if (root !== null) render(<App />, root)
