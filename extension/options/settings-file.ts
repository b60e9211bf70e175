import { isPlatform } from '../../src/model.ts'
import { decodeItem, encodeItem, isRecord } from '../storage/item.ts'
import { MAX_PAGES, repairPage, repairQuietHours, SETTINGS, SETTINGS_VERSION, type Settings } from '../storage/settings.ts'

// The file is SETTINGS' stored form under a marker, read back through storage's own migrations and repair.

const FILE_FORMAT = 'status-monitor-settings'
/** Real settings fit sync's 100 KB; a file far larger is not one of ours. */
const MAX_FILE_CHARS = 1_000_000

export function exportText(settings: Settings): string {
  return `${JSON.stringify({ format: FILE_FORMAT, ...encodeItem(SETTINGS, settings) }, null, 2)}\n`
}

export function exportFileName(now: Date): string {
  return `status-monitor-settings-${now.toISOString().slice(0, 10)}.json`
}

export type ImportCheck =
  | {
      readonly ok: true
      readonly raw: Readonly<Record<string, unknown>>
      /** What the background will keep, read the same way it will read it. */
      readonly settings: Settings
      readonly problems: readonly string[]
    }
  | { readonly ok: false; readonly message: string }

export function checkImport(text: string): ImportCheck {
  const fail = (message: string): ImportCheck => ({ ok: false, message })
  if (text.length > MAX_FILE_CHARS) return fail('The file is too large to be Status Monitor settings.')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return fail(`The file is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(value)) return fail('The file is not Status Monitor settings: it holds no settings object.')
  if (value.format !== undefined && value.format !== FILE_FORMAT) return fail(`The file is not Status Monitor settings (format "${String(value.format).slice(0, 40)}").`)
  if (!Array.isArray(value.pages)) return fail('The file is not Status Monitor settings: it has no "pages" list.')
  const { format: _format, ...raw } = value
  const problems: string[] = []
  // A newer build's file is read as well as this one can (repair keeps every field it knows).
  if (typeof value.version === 'number' && value.version > SETTINGS_VERSION) problems.push(`Made by a newer version (settings v${value.version}): unknown fields are ignored.`)
  if (value.pages.length > MAX_PAGES) problems.push(`Only the first ${MAX_PAGES} of ${value.pages.length} pages are kept.`)
  const keys = new Set<string>()
  value.pages.slice(0, MAX_PAGES).forEach((rawPage: unknown, i) => {
    const where = `Page ${i + 1}`
    const page = repairPage(rawPage)
    const url = isRecord(rawPage) && typeof rawPage.u === 'string' ? rawPage.u.slice(0, 80) : null
    if (page === null) {
      problems.push(url === null ? `${where}: no address, left out.` : `${where}: "${url}" is not a status-page address we can watch, left out.`)
      return
    }
    if (keys.has(page.key)) {
      problems.push(`${where}: ${page.key} is listed twice, the repeat is left out.`)
      return
    }
    keys.add(page.key)
    if (isRecord(rawPage) && rawPage.p !== undefined && !isPlatform(rawPage.p)) {
      problems.push(`${where} (${page.key}): unknown platform "${String(rawPage.p).slice(0, 30)}", it will be detected again.`)
    }
  })
  if (value.notifyOnRecovery !== undefined && typeof value.notifyOnRecovery !== 'boolean') problems.push('"notifyOnRecovery" is not true or false: on.')
  if (value.quietHours !== undefined && value.quietHours !== null && repairQuietHours(value.quietHours) === null) problems.push('"quietHours" is not a valid window (HH:MM): off.')
  if (value.keepSevereOnScreen !== undefined && typeof value.keepSevereOnScreen !== 'boolean') problems.push('"keepSevereOnScreen" is not true or false: off.')
  if (keys.size === 0 && value.pages.length > 0) return fail(`No page in the file can be watched. ${problems.slice(0, 3).join(' ')}`)
  return { ok: true, raw, settings: decodeItem(SETTINGS, raw), problems }
}
