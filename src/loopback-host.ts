/**
 * localhost, 127.0.0.0/8 and [::1]: the only hosts where plain http is allowed (local tests and
 * the demo). URL already canonicalises `0x7f.1` and friends to dotted form.
 *
 * Its own module because both the links a page hands over (providers/urls.ts) and the links a
 * click may open (text/safe-link.ts) decide on it, and text/ sits below providers/.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
