import { render } from 'preact'
import { createConnector } from './connector.ts'
import { Popup } from './view/popup.tsx'
import './popup.css'

/** How long the popup may stay blank waiting for its state before it shows its empty shell. */
const SHELL_AFTER_MS = 150

// The state is asked for as soon as this module runs, not from an effect after the first paint
// (Preact runs effects a frame later), and the first render waits for it: a shell rendered
// before the answer only kept the page's one thread busy while the answer came in, and was
// replaced a few milliseconds later. A slow answer (a worker waking up) gets the shell.
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
