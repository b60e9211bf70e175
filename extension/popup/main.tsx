import { render } from 'preact'
import { createConnector } from './connector.ts'
import { Popup } from './view/popup.tsx'
import './popup.css'

const SHELL_AFTER_MS = 150

// The state is read as soon as this module runs (Preact runs effects a frame later), and the
// first render waits up to SHELL_AFTER_MS for it: a shell rendered before the answer only kept
// the page's one thread busy and was replaced milliseconds later.
const connector = createConnector()
const root = document.getElementById('app')
if (root !== null) {
  const show = (): void => render(<Popup state={connector.getState()} actions={connector.actions} />, root)
  const shell = setTimeout(show, SHELL_AFTER_MS)
  connector.start(() => {
    clearTimeout(shell)
    show()
  })
}
