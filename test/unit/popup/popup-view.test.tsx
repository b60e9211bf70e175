// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { pollError } from '../../../src/poll-error.ts'
import { relativeTime } from '../../../extension/popup/view/format.ts'
import { Popup } from '../../../extension/popup/view/popup.tsx'
import type { PopupState } from '../../../extension/popup/view/types.ts'
import {
  botWallPage,
  first,
  healthySnapshot,
  hundredPages,
  instructureSnapshot,
  maintenanceSnapshot,
  mockActions,
  NOW,
  openaiHistory,
  openaiPage,
  openaiSnapshot,
  pageView,
  permissionMissingPage,
  popupState,
  stateView,
  unreachablePage,
} from '../../support/popup-states.ts'

afterEach(cleanup)

function show(state: PopupState) {
  const actions = mockActions()
  const result = render(<Popup state={state} actions={actions} />)
  return { ...result, actions }
}

const card = (name: string): HTMLElement => {
  const section = screen.getByRole('heading', { level: 2, name }).closest('section')
  if (section === null) throw new Error(`no card for ${name}`)
  return section
}

describe('popup view on the real samples', () => {
  it('shows OpenAI with its level in words, the degraded Video generation and the incident with its latest update', () => {
    show(popupState(stateView([openaiPage()])))
    const openai = within(card('OpenAI'))
    expect(openai.getByText('Minor issue')).toBeTruthy()
    expect(openai.getByText('Sora / Video generation')).toBeTruthy()
    expect(openai.getAllByText('Degraded performance').length).toBeGreaterThan(0)

    const incident = openai.getByRole('link', { name: 'New users may experience temporary delays in video generation capabilities' })
    expect(incident.getAttribute('href')).toBe('https://status.openai.com/incidents/01JRB888M6TJVDDKGCA1YZ3ZHT')
    expect(incident.getAttribute('target')).toBe('_blank')
    expect(incident.getAttribute('rel')).toContain('noopener')
    expect(openai.getByText(/We are applying the mitigation and are monitoring the recovery\./)).toBeTruthy()
    expect(openai.getByText('Minor · Monitoring · 12 min ago')).toBeTruthy()
    expect(openai.getByText('checked 30 s ago')).toBeTruthy()
  })

  it("adds our reading under the page's own level when the rows say worse, and nothing when they agree", () => {
    // Instructure's real summary, its indicator lowered to none as a lagging page would leave it.
    const lagging = { ...instructureSnapshot(), level: 'operational' as const, reading: 'minor' as const }
    show(popupState(stateView([pageView(lagging, { name: 'Instructure' }), openaiPage()])))
    const instructure = within(card('Instructure'))
    expect(instructure.getByText('Operational')).toBeTruthy()
    expect(card('Instructure').querySelector('.reading')?.textContent).toBe(
      'Our reading: Minor issue. The page itself says Operational; its incidents and components say worse.',
    )
    expect(card('OpenAI').querySelector('.reading')).toBeNull()
  })

  it('lists every component in the page groups, in snapshot.groups order, problems first within a group', async () => {
    const snapshot = openaiSnapshot()
    const { container } = show(popupState(stateView([openaiPage()])))
    // 37 components: the full list starts collapsed, its rows not even rendered until opened.
    const details = container.querySelector<HTMLDetailsElement>('details.components')
    expect(details?.hasAttribute('open')).toBe(false)
    expect(container.querySelectorAll('details.components .component')).toHaveLength(0)
    if (!details) throw new Error('no component list')
    details.open = true
    fireEvent(details, new Event('toggle'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    const groupNames = [...container.querySelectorAll('details.components h5')].map((h) => h.textContent)
    expect(groupNames).toEqual(snapshot.groups.map((g) => g.name))
    const sora = [...container.querySelectorAll('.component-group')].find((g) => g.querySelector('h5')?.textContent === 'Sora')
    expect(sora?.querySelector('.component-name')?.textContent).toBe('Video generation')
    expect(container.querySelectorAll('details.components .component')).toHaveLength(snapshot.components.length)
  })

  it('says an unreachable page is unreachable', () => {
    show(popupState(stateView([unreachablePage()])))
    const down = within(card('Down Example'))
    expect(down.getByText('Unreachable.')).toBeTruthy()
    expect(down.getByText('Unknown')).toBeTruthy()
  })

  it('says a page behind a bot wall is blocked', () => {
    show(popupState(stateView([botWallPage()])))
    expect(within(card('Walled Example')).getByText('Blocked by a bot wall.')).toBeTruthy()
  })

  it.each([
    ['not_json', 'Unreadable.'],
    ['bad_shape', 'Unreadable.'],
    ['too_large', 'Unreadable.'],
    ['rate_limited', 'Rate limited.'],
    ['timeout', 'Unreachable.'],
  ] as const)('names the %s error', (kind, words) => {
    show(popupState(stateView([openaiPage({ lastError: pollError(kind, 'x') })])))
    const openai = within(card('OpenAI'))
    expect(openai.getByText(words)).toBeTruthy()
    // The last good snapshot is still shown under the error.
    expect(openai.getByText('Minor issue')).toBeTruthy()
  })

  it('offers a permission button that calls grantPermission with the page', () => {
    const page = permissionMissingPage()
    const { actions } = show(popupState(stateView([page])))
    const button = within(card('New Example')).getByRole('button', { name: 'Grant access to New Example' })
    fireEvent.click(button)
    expect(actions.grantPermission).toHaveBeenCalledWith(page)
  })

  it('shows the offline banner', () => {
    show(popupState(stateView([openaiPage()], { offline: { offline: true, since: NOW - 60_000 } })))
    expect(screen.getByRole('alert').textContent).toContain('You are offline.')
  })

  it('shows the empty state with a button to settings', () => {
    const { actions } = show(popupState(stateView([])))
    expect(screen.getByText('No pages watched — open settings to add one.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }))
    expect(actions.openOptions).toHaveBeenCalledTimes(1)
    expect((screen.getByRole('button', { name: 'Check now' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('renders 100 pages: every name present, the problem pages first as cards, the rest as a compact list', () => {
    const pages = hundredPages()
    const { container } = show(popupState(stateView(pages)))
    for (const page of pages) expect(screen.getAllByText(page.name).length).toBeGreaterThan(0)
    const cards = [...container.querySelectorAll('.page-card h2')].map((h) => h.textContent)
    // OpenAI and Instructure are both "minor"; the failing page has no level and comes after them.
    expect(cards).toEqual(['OpenAI', 'Instructure', 'Down Example'])
    expect(container.querySelectorAll('.healthy-row')).toHaveLength(97)
    const first = container.querySelector('.page-card')
    const list = container.querySelector('.healthy')
    expect(first !== null && list !== null && first.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(screen.getByText('3 pages need attention · 97 operational')).toBeTruthy()
  })

  it('calls checkNow, and shows a disabled "Checking…" button while it runs', () => {
    const { actions, rerender } = show(popupState(stateView([openaiPage()])))
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }))
    expect(actions.checkNow).toHaveBeenCalledTimes(1)
    rerender(<Popup state={popupState(stateView([openaiPage()]), { checking: true, announcement: 'Checking…' })} actions={actions} />)
    const button = screen.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement
    expect(button.disabled).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('Checking…')
  })

  it('renders hostile update text as literal text, never as HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const snapshot = openaiSnapshot()
    const incident = first(snapshot.incidents)
    const updates = [{ ...first(incident.updates), text: hostile }, ...incident.updates.slice(1)]
    const page = pageView({ ...snapshot, incidents: [{ ...incident, name: hostile, updates }] }, { name: 'OpenAI' })
    const history = [{ ...first(openaiHistory()), title: hostile, body: hostile, lines: hostile }]
    const { container } = show(popupState(stateView([page], { history })))
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getAllByText(hostile).length).toBeGreaterThanOrEqual(4)
  })

  it('falls back to the page url for unsafe incident links', () => {
    const snapshot = openaiSnapshot()
    const bad = ['javascript:alert(1)', 'https://status.openai.com@evil.example/x', 'https://evil.example/incidents/1', 'data:text/html,hi']
    const incidents = bad.map((url, i) => ({ ...first(snapshot.incidents), id: `bad-${i}`, name: `Bad link ${i}`, url }))
    show(popupState(stateView([pageView({ ...snapshot, incidents }, { name: 'OpenAI' })])))
    for (let i = 0; i < bad.length; i++) {
      expect(screen.getByRole('link', { name: `Bad link ${i}` }).getAttribute('href')).toBe('https://status.openai.com/')
    }
  })

  it('shows recent events in the console wording with the console block in a <pre>', () => {
    const history = openaiHistory()
    const { container } = show(popupState(stateView([openaiPage()], { history })))
    const section = within(card('Recent events'))
    expect(section.getByText('OpenAI — Sora / Video generation')).toBeTruthy()
    expect(section.getByText('12 min ago')).toBeTruthy()
    expect(container.querySelector('.history details pre')?.textContent).toContain('[2025-04-08 17:48:00] Product: OpenAI - Sora / Video generation')
  })

  it('shows at most 10 recent events', () => {
    const entry = first(openaiHistory())
    const history = Array.from({ length: 25 }, (_, i) => ({ ...entry, at: entry.at - i * 1000, title: `Event ${i}` }))
    const { container } = show(popupState(stateView([openaiPage()], { history })))
    expect(container.querySelectorAll('.history li')).toHaveLength(10)
  })

  it('shows a statuspage.io page (Instructure) with its short link and grouped affected components', () => {
    show(popupState(stateView([pageView(instructureSnapshot())])))
    const instructure = within(card('Instructure'))
    const link = instructure.getByRole('link', { name: /Amazon Web Services \(AWS\) is currently experiencing an outage/ })
    expect(link.getAttribute('href')).toBe('https://stspg.io/0vf16sb2j8xn')
    expect(instructure.getByRole('heading', { name: /Affected components/ })).toBeTruthy()
  })

  it('links a short link to the page instead when the page is not a Statuspage page', () => {
    show(popupState(stateView([pageView(instructureSnapshot(), { platform: 'feed' })])))
    const link = within(card('Instructure')).getByRole('link', { name: /Amazon Web Services \(AWS\) is currently experiencing an outage/ })
    expect(link.getAttribute('href')).toBe(new URL(instructureSnapshot().page.url).href)
  })

  it('opens settings from the header', () => {
    const { actions } = show(popupState(stateView([openaiPage()])))
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    expect(actions.openOptions).toHaveBeenCalledTimes(1)
  })

  it('says Loading… before the first state, and the error when the background does not answer', () => {
    const { rerender, actions } = show(popupState(null))
    expect(screen.getByText('Loading…')).toBeTruthy()
    rerender(<Popup state={popupState(null, { loadError: 'The background did not answer.' })} actions={actions} />)
    expect(screen.getByRole('alert').textContent).toBe('The background did not answer.')
  })

  it('shows scheduled maintenance with its window', () => {
    const snapshot = maintenanceSnapshot()
    show(popupState(stateView([pageView(snapshot, { name: 'Example' })]), { now: Date.UTC(2025, 4, 1, 10) }))
    const example = within(card('Example'))
    expect(card('Example').querySelector('.page-head .level')?.textContent).toBe('Maintenance')
    expect(example.getByRole('link', { name: 'API database upgrade' })).toBeTruthy()
    expect(example.getByText('In progress · 2025-05-01 08:00 to 12:00')).toBeTruthy()
    expect(example.getByText('Scheduled · 2025-06-01 00:00 to 02:00')).toBeTruthy()
    cleanup()
    show(popupState(stateView([pageView(snapshot, { name: 'Example' })]), { now: Date.UTC(2025, 4, 31, 21) }))
    expect(within(card('Example')).getByText('Scheduled · 2025-06-01 00:00 to 02:00 (in 3 h)')).toBeTruthy()
  })

  it('gives a single healthy page a full card, all clear', () => {
    const { container } = show(popupState(stateView([pageView(healthySnapshot())])))
    expect(screen.getByText('All systems operational')).toBeTruthy()
    expect(card('OpenAI').querySelector('.page-head .level')?.textContent).toBe('Operational')
    expect(container.querySelector('details.components summary')?.textContent).toBe('All 37 components, all operational')
  })

  it('says how long ago things happened', () => {
    expect(relativeTime(NOW - 2_000, NOW)).toBe('just now')
    expect(relativeTime(NOW - 30_000, NOW)).toBe('30 s ago')
    expect(relativeTime(NOW - 12 * 60_000, NOW)).toBe('12 min ago')
    expect(relativeTime(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago')
    expect(relativeTime(NOW + 5 * 60_000, NOW)).toBe('in 5 min')
    expect(relativeTime(Date.UTC(2021, 11, 7, 12), NOW)).toBe('on 2021-12-07')
  })
})
