// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OptionsApp } from '../../../extension/options/view/app.tsx'
import type { OptionsConnector, OptionsState } from '../../../extension/options/view/types.ts'
import { githubWatched, mockActions, openaiWatched, optionsState, stateView } from './fixtures.ts'

afterEach(cleanup)

/** A connector that publishes only when the test says so. */
function fakeConnector(initial: OptionsState) {
  let publish: (state: OptionsState) => void = () => {}
  const stop = vi.fn()
  const connector: OptionsConnector = {
    initial,
    actions: mockActions(),
    start: vi.fn((set: (state: OptionsState) => void) => {
      publish = set
      return stop
    }),
  }
  return { connector, stop, publish: (state: OptionsState) => act(() => publish(state)) }
}

describe('the options page on a connector', () => {
  it('shows the initial state, follows what the connector publishes, and stops it when unmounted', async () => {
    const fake = fakeConnector(optionsState(null))
    const { unmount } = render(<OptionsApp connector={fake.connector} />)
    expect(fake.connector.start).toHaveBeenCalledTimes(1)
    const watchedHeading = (): string | null => screen.getByRole('heading', { level: 2, name: /^Watched pages/ }).textContent
    expect(watchedHeading()).toBe('Watched pages (0)')

    await fake.publish(optionsState(stateView([openaiWatched, githubWatched])))
    expect(watchedHeading()).toBe('Watched pages (2)')
    await fake.publish({ ...optionsState(stateView([])), loadError: 'The background did not answer.' })
    expect(screen.getByRole('alert').textContent).toBe('The background did not answer.')

    await act(() => {
      unmount()
    })
    expect(fake.stop).toHaveBeenCalledTimes(1)
  })
})
