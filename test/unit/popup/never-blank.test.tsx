// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PageView } from '../../../extension/messaging/protocol.ts'
import { Popup } from '../../../extension/popup/view/popup.tsx'
import { healthySnapshot, mockActions, NOW, openaiHistory, openaiPage, pageView, popupState, stateView } from '../../support/popup-states.ts'

afterEach(cleanup)

/**
 * The popup says what it can, always: a monitoring problem first, what the storage budget left
 * out, and one part that cannot be drawn (a value no check foresaw) costs only that part.
 */
describe('the popup is never blank', () => {
  it('says that monitoring itself has a problem, with the reason and since when', () => {
    render(<Popup state={popupState(stateView([openaiPage()], { problem: { since: NOW - 5 * 60_000, reason: "The extension's storage is full: the newest state of 2 pages could not be saved." } }))} actions={mockActions()} />)
    const alert = screen.getAllByRole('alert').find((el) => el.textContent?.includes('Monitoring has a problem.'))
    expect(alert?.textContent).toMatch(/Monitoring has a problem\. The extension's storage is full: the newest state of 2 pages could not be saved\. Since \d{4}-\d\d-\d\d \d\d:\d\d\./)
  })

  it('an event time no Date can hold (1e23) is shown without crashing', () => {
    const [entry] = openaiHistory()
    if (entry === undefined) throw new Error('no history')
    render(<Popup state={popupState(stateView([openaiPage()], { history: [{ ...entry, at: 1e23 }] }))} actions={mockActions()} />)
    expect(screen.getByRole('heading', { name: 'Recent events' })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 2, name: 'OpenAI' })).toBeTruthy()
  })

  it('a page card that cannot be drawn says so, and the other pages and the events are still shown', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // A snapshot whose component list is not a list: nothing the parsers let through, but the
    // view must survive what it did not foresee.
    const broken: PageView = pageView({ ...healthySnapshot('Broken'), level: 'minor', components: 42 as never }, { key: 'broken.example.com', name: 'Broken' })
    render(<Popup state={popupState(stateView([broken, openaiPage()], { history: openaiHistory() }))} actions={mockActions()} />)
    expect(screen.getByText(/^Broken: this part could not be shown/)).toBeTruthy()
    expect(within(screen.getByRole('heading', { level: 2, name: 'OpenAI' }).closest('section') as HTMLElement).getByText('Minor issue')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Recent events' })).toBeTruthy()
    vi.restoreAllMocks()
  })

  it('says what the storage budget left out of a page', () => {
    const page: PageView = { ...openaiPage(), omitted: { components: 73_923, incidents: 2, maintenances: 0 } }
    render(<Popup state={popupState(stateView([page]))} actions={mockActions()} />)
    expect(screen.getByText('This page lists more than the extension keeps: … and 2 more incidents, 73,923 more components not shown. Long texts are cut short.')).toBeTruthy()
  })

  it('says when desktop notifications are turned off for the extension, and when some could not be shown', () => {
    render(
      <Popup
        state={popupState(stateView([openaiPage()], { notifications: { permission: 'denied', undelivered: { since: NOW - 60_000, count: 2, reason: 'Unable to download all specified images.' }, actions: true } }))}
        actions={mockActions()}
      />,
    )
    const alerts = screen.getAllByRole('alert').map((el) => el.textContent ?? '')
    expect(alerts.some((text) => text.startsWith('Desktop notifications are turned off for Status Monitor. You will not be told when something breaks'))).toBe(true)
    expect(alerts).toContain('2 notifications could not be shown (Unable to download all specified images.). They are listed under Recent events.')
  })
})
