// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Reply } from '../../../extension/messaging/protocol.ts'
import { checkImport, exportText } from '../../../extension/options/settings-file.ts'
import { Options } from '../../../extension/options/view/options.tsx'
import { decodeItem } from '../../../extension/storage/item.ts'
import { SETTINGS } from '../../../extension/storage/settings.ts'
import { mockActions, NOW, optionsState, stateView } from './fixtures.ts'

afterEach(cleanup)

function show(actions = mockActions(), state = optionsState()) {
  render(<Options state={state} actions={actions} />)
  return actions
}

const section = (name: string): HTMLElement => {
  const heading = screen.getByRole('heading', { level: 2, name })
  const card = heading.closest('section')
  if (card === null) throw new Error(`no section ${name}`)
  return card
}
const catalogRows = (): HTMLElement[] => within(screen.getByRole('list', { name: 'Status pages' })).getAllByRole('listitem')

describe('catalog search', () => {
  it('lists every catalog page, filters instantly by name or host', () => {
    show()
    const all = catalogRows().length
    expect(all).toBeGreaterThan(200)
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search status pages' }), { target: { value: 'github' } })
    const names = catalogRows().map((row) => row.querySelector('.name')?.textContent)
    expect(names).toContain('GitHub')
    expect(names.length).toBeLessThan(all)
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'githubstatus.com' } })
    expect(catalogRows().map((row) => row.querySelector('.name')?.textContent)).toEqual(['GitHub'])
    expect(screen.getByText(/^1 of \d+ pages$/)).toBeTruthy()
  })

  it('watched pages say so, unsupported ones say why, supported ones can be added', () => {
    show(mockActions(), optionsState(stateView([])))
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'status.openai.com' } })
    expect(within(catalogRows()[0] as HTMLElement).getByRole('button', { name: 'Add OpenAI' })).toBeTruthy()
    cleanup()
    show()
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'status.openai.com' } })
    expect(within(catalogRows()[0] as HTMLElement).getByText('Watching')).toBeTruthy()
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'miro' } })
    expect(within(catalogRows()[0] as HTMLElement).getByText("not supported: Miro's regional pages are its own app: no public API or feed found to read")).toBeTruthy()
  })
})

describe('adding a page', () => {
  const addFromCatalog = async (actions: ReturnType<typeof mockActions>, query: string, name: string): Promise<HTMLElement> => {
    show(actions, optionsState(stateView([])))
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } })
    fireEvent.click(screen.getByRole('button', { name: `Add ${name}` }))
    return catalogRows()[0] as HTMLElement
  }

  it('success: calls addPage with the URL from the click and shows the detected name and platform', async () => {
    const actions = mockActions({
      addPage: vi.fn(async (): Promise<Reply<'addPage'>> => ({
        ok: true,
        page: { key: 'www.githubstatus.com', url: 'https://www.githubstatus.com/', platform: 'statuspage', name: 'GitHub', addedAt: NOW, filters: { componentIds: null, mutedUntil: null, mutedForever: false } },
      })),
    })
    const row = await addFromCatalog(actions, 'githubstatus', 'GitHub')
    expect(actions.addPage).toHaveBeenCalledWith('https://www.githubstatus.com')
    expect(await within(row).findByText('Added GitHub (Statuspage).')).toBeTruthy()
  })

  it('permission refused: a clear message', async () => {
    const actions = mockActions({
      addPage: vi.fn(async (): Promise<Reply<'addPage'>> => ({ ok: false, error: 'permission', origins: ['https://www.githubstatus.com/*'], message: 'not granted' })),
    })
    const row = await addFromCatalog(actions, 'githubstatus', 'GitHub')
    const alert = await within(row).findByRole('alert')
    expect(alert.textContent).toBe('To watch this page the extension needs to read www.githubstatus.com. Click Add again and choose Allow.')
  })

  it('detect error from the URL field: "not a status page we can read"', async () => {
    const actions = mockActions({
      addPage: vi.fn(async (): Promise<Reply<'addPage'>> => ({ ok: false, error: 'detect', message: 'no known status API answered at https://example.com/' })),
    })
    show(actions)
    const card = section('Add any status page')
    fireEvent.input(within(card).getByRole('textbox', { name: 'Status page address' }), { target: { value: ' example.com ' } })
    fireEvent.click(within(card).getByRole('button', { name: 'Add' }))
    expect(actions.addPage).toHaveBeenCalledWith('example.com')
    expect((await within(card).findByRole('alert')).textContent).toBe('Not a status page we can read: no known status API answered at https://example.com/')
  })

  it('nothing matched: says what was tried, one line per platform, with the address read and why it did not fit', async () => {
    const actions = mockActions({
      addPage: vi.fn(
        async (): Promise<Reply<'addPage'>> => ({
          ok: false,
          error: 'detect',
          message: 'not a status page we can read: https://example.com/',
          tried: [
            { platform: 'statuspage', url: 'https://example.com/api/v2/summary.json', reason: 'HTTP 404 Not Found' },
            { platform: 'statusio', url: 'https://example.com/', reason: 'the page names no status.io page id' },
            { platform: 'feed', url: 'https://example.com/history.atom', reason: 'HTTP 404 Not Found' },
            { platform: 'sorry', url: 'https://example.com/', reason: 'the page names no status.io page id' },
            { platform: null, url: null, reason: 'internal error: boom' },
          ],
        }),
      ),
    })
    show(actions)
    const card = section('Add any status page')
    fireEvent.input(within(card).getByRole('textbox', { name: 'Status page address' }), { target: { value: 'example.com' } })
    fireEvent.click(within(card).getByRole('button', { name: 'Add' }))
    const alert = await within(card).findByRole('alert')
    expect([...alert.querySelectorAll('.tried')].map((line) => line.textContent)).toEqual([
      'Statuspage (https://example.com/api/v2/summary.json): HTTP 404 Not Found',
      'status.io, Sorry (https://example.com/): the page names no status.io page id',
      'Atom/RSS feed (https://example.com/history.atom): HTTP 404 Not Found',
      'Detection: internal error: boom',
    ])
    expect(alert.firstChild?.textContent).toBe('Not a status page we can read: https://example.com/. Tried:')
  })
})

describe('watched pages and their filters', () => {
  const pageItem = (name: string): HTMLElement => within(section('Watched pages (2)')).getByRole('listitem', { name })

  it('mute 1 h / 8 h / until re-enabled / unmute, and remove', () => {
    const actions = show()
    const openai = pageItem('OpenAI')
    fireEvent.click(within(openai).getByRole('button', { name: 'Mute 1 h' }))
    fireEvent.click(within(openai).getByRole('button', { name: 'Mute 8 h' }))
    fireEvent.click(within(openai).getByRole('button', { name: 'Mute until re-enabled' }))
    expect(actions.updateFilters.mock.calls).toEqual([
      ['status.openai.com', { mutedUntil: NOW + 3_600_000, mutedForever: false }],
      ['status.openai.com', { mutedUntil: NOW + 8 * 3_600_000, mutedForever: false }],
      ['status.openai.com', { mutedForever: true }],
    ])
    expect((within(openai).getByRole('button', { name: 'Unmute' }) as HTMLButtonElement).disabled).toBe(true)
    const github = pageItem('GitHub')
    expect(within(github).getByText(/^Muted until /)).toBeTruthy()
    fireEvent.click(within(github).getByRole('button', { name: 'Unmute' }))
    expect(actions.updateFilters).toHaveBeenLastCalledWith('www.githubstatus.com', { mutedUntil: null, mutedForever: false })
    fireEvent.click(within(github).getByRole('button', { name: 'Remove GitHub' }))
    expect(actions.removePage).toHaveBeenCalledWith('www.githubstatus.com')
  })

  it('component filter: "all" is null; unchecking it then checking the APIs group keeps only that group', () => {
    const actions = show()
    const openai = pageItem('OpenAI')
    const all = within(openai).getByRole('checkbox', { name: 'All components' }) as HTMLInputElement
    expect(all.checked).toBe(true)
    expect((within(openai).getByRole('checkbox', { name: /^APIs/ }) as HTMLInputElement).disabled).toBe(true)
    fireEvent.click(all)
    expect(actions.updateFilters).toHaveBeenLastCalledWith('status.openai.com', { componentIds: [] })
    cleanup()

    const view = stateView()
    const none = { ...view, pages: view.pages.map((p) => (p.key === 'status.openai.com' ? { ...p, filters: { ...p.filters, componentIds: [] } } : p)) }
    const again = show(mockActions(), optionsState(none))
    const openaiAgain = pageItem('OpenAI')
    fireEvent.click(within(openaiAgain).getByRole('checkbox', { name: /^APIs/ }))
    expect(again.updateFilters).toHaveBeenLastCalledWith('status.openai.com', { componentIds: ['g-apis'] })
    fireEvent.click(within(openaiAgain).getByRole('checkbox', { name: 'Sora' }))
    expect(again.updateFilters).toHaveBeenLastCalledWith('status.openai.com', { componentIds: ['c-sora'] })
  })

  it('a checked group covers its components', () => {
    const view = stateView()
    const apis = { ...view, pages: view.pages.map((p) => (p.key === 'status.openai.com' ? { ...p, filters: { ...p.filters, componentIds: ['g-apis'] } } : p)) }
    show(mockActions(), optionsState(apis))
    const responses = within(pageItem('OpenAI')).getByRole('checkbox', { name: 'Responses' }) as HTMLInputElement
    expect(responses.checked).toBe(true)
    expect(responses.disabled).toBe(true)
    expect((within(pageItem('OpenAI')).getByRole('checkbox', { name: 'Login' }) as HTMLInputElement).checked).toBe(false)
    expect(within(pageItem('OpenAI')).getByText('Notify about: 1 selected')).toBeTruthy()
  })

  it('global switches: notify on recovery, quiet hours', () => {
    const actions = show()
    const card = section('Notifications')
    const recovery = within(card).getByRole('checkbox', { name: /Notify on recovery/ }) as HTMLInputElement
    expect(recovery.checked).toBe(true)
    fireEvent.click(recovery)
    expect(actions.setNotifyOnRecovery).toHaveBeenCalledWith(false)
    fireEvent.click(within(card).getByRole('checkbox', { name: 'Quiet hours' }))
    expect(actions.setQuietHours).toHaveBeenCalledWith({ enabled: true, start: '22:00', end: '07:00' })
  })

  it('keeps severe notifications on screen on request, in Chrome', () => {
    const actions = show()
    const keep = within(section('Notifications')).getByRole('checkbox', { name: /Keep major and critical notifications on screen/ }) as HTMLInputElement
    expect([keep.checked, keep.disabled]).toEqual([false, false])
    expect(keep.getAttribute('aria-describedby')).toBe('keep-hint')
    expect(document.getElementById('keep-hint')?.textContent).toMatch(/^Chrome only/)
    fireEvent.click(keep)
    expect(actions.setKeepSevereOnScreen).toHaveBeenCalledWith(true)
  })

  it('says in Firefox that notifications cannot stay on screen, and offers no switch to turn', () => {
    const view = stateView()
    show(mockActions(), optionsState({ ...view, settings: { ...view.settings, keepSevereOnScreen: true }, notifications: { ...view.notifications, actions: false } }))
    const keep = within(section('Notifications')).getByRole('checkbox', { name: /Keep major and critical notifications on screen/ }) as HTMLInputElement
    expect([keep.checked, keep.disabled]).toEqual([false, true])
    expect(document.getElementById('keep-hint')?.textContent).toMatch(/^Not available in Firefox/)
  })
})

describe('export and import', () => {
  it('export downloads valid JSON that reads back as the same settings', () => {
    const actions = show()
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }))
    expect(actions.download).toHaveBeenCalledTimes(1)
    const [fileName, text] = actions.download.mock.calls[0] as [string, string]
    expect(fileName).toBe('status-monitor-settings-2026-11-25.json')
    const parsed = JSON.parse(text) as Record<string, unknown>
    expect(parsed.format).toBe('status-monitor-settings')
    const checked = checkImport(text)
    expect(checked.ok && checked.problems).toEqual([])
    expect(checked.ok && checked.settings).toEqual(stateView().settings)
    expect(decodeItem(SETTINGS, parsed)).toEqual(stateView().settings)
  })

  const importFile = (text: string): void => {
    const input = screen.getByLabelText('Import settings file') as HTMLInputElement
    const file = new File([text], 'settings.json', { type: 'application/json' })
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    fireEvent.change(input)
  }

  it('rejects a file that is not JSON, or not our settings, with a message', async () => {
    const actions = show()
    importFile('{ not json')
    expect((await screen.findByText(/^Not imported: The file is not JSON/)).textContent).toBeTruthy()
    importFile(JSON.stringify({ hello: 'world' }))
    await screen.findByText('Not imported: The file is not Status Monitor settings: it has no "pages" list.')
    importFile(JSON.stringify({ pages: [{ u: 'javascript:alert(1)' }, { u: 'ftp://x' }] }))
    await screen.findByText(/^Not imported: No page in the file can be watched\. Page 1: "javascript:alert\(1\)"/)
    expect(actions.importSettings).not.toHaveBeenCalled()
  })

  it('imports the valid pages, lists what was invalid, and offers to grant missing permissions', async () => {
    const actions = show()
    const text = exportText(stateView().settings).replace('"pages": [', '"pages": [\n{ "u": "http://evil.example" },')
    importFile(text)
    await screen.findByText('Imported 2 pages.')
    expect(actions.importSettings).toHaveBeenCalledTimes(1)
    const problems = screen.getByRole('list', { name: 'Invalid entries' })
    expect(problems.textContent).toContain('Page 1: "http://evil.example" is not a status-page address we can watch, left out.')
    fireEvent.click(screen.getByRole('button', { name: 'Grant GitHub' }))
    await waitFor(() => expect(actions.grant).toHaveBeenCalledWith('https://www.githubstatus.com/', 'statuspage'))
  })
})
