import { Component, type ComponentChildren } from 'preact'

interface Props {
  /** What could not be shown, for the reader: "OpenAI", "Recent events". */
  readonly what: string
  readonly children: ComponentChildren
}

/** Without it one bad date left the whole popup blank until the entry aged out of the history. */
export class Boundary extends Component<Props, { failed: string | null }> {
  override state = { failed: null as string | null }

  static override getDerivedStateFromError(error: unknown): { failed: string } {
    return { failed: error instanceof Error ? error.message : String(error) }
  }

  override componentDidCatch(error: unknown): void {
    console.error(`[status-monitor] could not show ${this.props.what}:`, error)
  }

  override render() {
    if (this.state.failed === null) return this.props.children
    return (
      <p class="note error boundary" role="alert">
        {this.props.what}: this part could not be shown ({this.state.failed}).
      </p>
    )
  }
}
