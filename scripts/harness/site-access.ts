/**
 * Host permissions in headless Chromium, which cannot answer a permission prompt: the user's
 * other way in, chrome://extensions → Details → Site access (developerPrivate.addHostPermission,
 * the API behind that page). It makes the extension's own `permissions.request` resolve at once,
 * without a prompt; `contains` only turns true once that request is made (`grantFromClick`).
 */
import type { ChromiumWithExtension } from './chromium.ts'

export async function allowSiteAccess(chromium: ChromiumWithExtension, patterns: readonly string[]): Promise<void> {
  const extensions = await chromium.context.newPage()
  try {
    await extensions.goto('chrome://extensions/')
    for (const pattern of patterns) {
      const result = await extensions.evaluate(
        async ([id, host]) => {
          const api = (globalThis as unknown as { chrome: { developerPrivate?: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate
          if (!api) return 'chrome.developerPrivate is missing'
          await api.addHostPermission(id ?? '', host ?? '')
          return 'ok'
        },
        [chromium.extensionId, pattern],
      )
      if (result !== 'ok') throw new Error(result)
    }
  } finally {
    await extensions.close()
  }
}

/** Site access, then the extension's own request from a click (a user gesture), as a user's Add would make it. */
export async function grantFromClick(chromium: ChromiumWithExtension, pattern: string): Promise<void> {
  await allowSiteAccess(chromium, [pattern])
  const page = await chromium.openExtensionPage('extension/options/index.html')
  try {
    await page.evaluate((origin) => {
      const button = document.createElement('button')
      button.id = 'grant-host'
      button.textContent = 'grant'
      button.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;width:100px;height:40px'
      button.onclick = () => {
        const g = globalThis as unknown as { chrome: { permissions: { request(p: object): Promise<boolean> } }; __granted?: Promise<boolean> }
        g.__granted = g.chrome.permissions.request({ origins: [origin] })
      }
      document.body.append(button)
    }, pattern)
    await page.click('#grant-host')
    if (!(await page.evaluate(() => (globalThis as unknown as { __granted: Promise<boolean> }).__granted))) throw new Error(`host permission ${pattern} not granted`)
  } finally {
    await page.close()
  }
}
