// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { Popup } from '../../../extension/popup/view/popup.tsx'
import { first, healthySnapshot, mockActions, NOW, openaiPage, openaiSnapshot, openaiWeek, pageView, permissionMissingPage, popupState, stateView, unreachablePage } from '../../support/popup-states.ts'

afterEach(cleanup)

const strip = (pageName: string): HTMLElement => {
  const card = screen.getByRole('heading', { level: 2, name: pageName }).closest('section')
  if (card === null) throw new Error(`no card for ${pageName}`)
  return within(card).getByRole('list', { name: 'Last 7 days' })
}

describe("the card's 7-day strip, rendered", () => {
  it("shows OpenAI's week: one labelled image a day, the label and tooltip naming the day's incidents", () => {
    render(<Popup state={popupState(stateView([openaiPage()], { history: openaiWeek(NOW) }))} actions={mockActions()} />)
    const days = within(strip('OpenAI')).getAllByRole('img')
    expect(days.map((d) => d.getAttribute('aria-label'))).toEqual([
      'Wed, Apr 2: nothing recorded',
      'Thu, Apr 3: worst major — Elevated errors in the API',
      'Fri, Apr 4: no incidents, only recoveries or calm checks',
      'Sat, Apr 5: worst minor — Increased ChatGPT errors; Increased errors with Advanced Voice; Elevated errors for ChatGPT; +1 more',
      'Sun, Apr 6: nothing recorded',
      'Mon, Apr 7: worst critical — Increased errors for ChatGPT, Sora, and API',
      `Today (Tue, Apr 8): worst minor — ${first(openaiSnapshot().incidents).name}`,
    ])
    expect(days.map((d) => d.getAttribute('title'))).toEqual(days.map((d) => d.getAttribute('aria-label')))
    expect(days.map((d) => d.className)).toEqual(['day day-empty', 'day day-major', 'day day-none', 'day day-minor', 'day day-empty', 'day day-critical', 'day day-minor'])
  })

  it('keeps a hostile name as text: no element is made from it', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const [entry] = openaiWeek(NOW)
    if (entry === undefined) throw new Error('no week')
    render(<Popup state={popupState(stateView([pageView(healthySnapshot())], { history: [{ ...entry, at: NOW - 60_000, name: hostile }] }))} actions={mockActions()} />)
    const today = within(strip('OpenAI')).getAllByRole('img').at(-1)
    expect(today?.getAttribute('aria-label')).toBe(`Today (Tue, Apr 8): worst critical — ${hostile}`)
    expect(document.querySelector('img')).toBeNull()
  })

  it('a page never read and without history shows no strip; an unreachable one with history does', () => {
    const down = unreachablePage()
    const [entry] = openaiWeek(NOW)
    if (entry === undefined) throw new Error('no week')
    render(<Popup state={popupState(stateView([permissionMissingPage(), down], { history: [{ ...entry, pageKey: down.key }] }))} actions={mockActions()} />)
    expect(screen.getAllByRole('list', { name: 'Last 7 days' })).toHaveLength(1)
    expect(within(strip(down.name)).getAllByRole('img')).toHaveLength(7)
  })
})
