import type { Platform } from '../../src/model.ts'
import { isRecord } from '../../src/untrusted.ts'
import { browser } from '../platform/browser.ts'
import { originsFor, originsForInput } from '../permissions/page-origins.ts'
import { failure, type MessageType, type Protocol, type Reply } from './protocol.ts'

/** Never throws: a background that cannot be reached, or answers nonsense, is an `unreachable` failure. */
export async function sendMessage<K extends MessageType>(type: K, request: Protocol[K]['request']): Promise<Reply<K>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage({ ...request, type })
    if (isRecord(reply) && typeof reply.ok === 'boolean') return reply as Reply<K>
    return failure('unreachable', 'The background did not answer.')
  } catch (error) {
    return failure('unreachable', `The background did not answer: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * `permissions.request` only works during a user gesture, which an earlier `await` may use up, so
 * the hosts are requested first, from the URL alone plus `alsoAsk` (hosts the background said it
 * needs on an earlier try, such as an AWS page's API host).
 */
export async function addPageFromClick(url: string, name?: string, alsoAsk: readonly string[] = []): Promise<Reply<'addPage'>> {
  const fromUrl = originsForInput(url)
  const origins = fromUrl === null ? null : [...new Set([...fromUrl, ...alsoAsk])]
  if (origins !== null) {
    const granted = await browser.permissions.request({ origins }).catch(() => false)
    if (!granted) return { ok: false, error: 'permission', origins, message: `Permission to read ${origins.join(', ')} was not granted.` }
  }
  return sendMessage('addPage', { url, ...(name === undefined ? {} : { name }) })
}

/** For a watched page (imported, or revoked): the background polls it on `permissions.onAdded`. */
export async function grantFromClick(url: string, platform: Platform | null = null): Promise<boolean> {
  return browser.permissions.request({ origins: originsFor(url, platform) }).catch(() => false)
}
