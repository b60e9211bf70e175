import { render } from 'preact'
import { createConnector } from './connector.ts'
import { OptionsApp } from './view/app.tsx'

const root = document.getElementById('app')
if (root !== null) render(<OptionsApp connector={createConnector()} />, root)
