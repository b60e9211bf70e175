/**
 * SHA-256 of a body, as lowercase hex. Used to skip parse and diff when a page served the very
 * same bytes again (many pages send no ETag, or a new one with every response).
 *
 * `crypto.subtle` is the same in browsers and Node 20, so the engine stays pure. Bytes are
 * hashed as they are when the caller has them, to avoid re-encoding a 350 KB string.
 */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
