import { pollError } from '../poll-error.ts'
import { err } from '../result.ts'
import type { Discovery, Endpoint } from './provider.ts'

/** Enough for the header and a status page's links; the page itself is never parsed further. */
export const DISCOVERY_BYTES = 512 * 1024

/**
 * A stored address that lacks what the endpoints need (a page that moved to the platform under its
 * old address, an edited settings file): the page is read with the provider's own discovery, and
 * the poll's error says what to add instead.
 */
export function undiscoveredEndpoint(base: URL, discovery: Discovery, words: { readonly missing: string; readonly none: string }): Endpoint {
  return {
    url: base.href,
    decode: (bytes, headers) => {
      const found = discovery.find({ base, headers, text: new TextDecoder().decode(bytes.subarray(0, discovery.maxBytes)) })
      return err(pollError('bad_shape', `${words.missing} (${found.ok ? `add ${found.value.href} instead` : words.none})`))
    },
    parse: () => err(pollError('bad_shape', words.missing)),
  }
}
