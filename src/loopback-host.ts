/**
 * The only hosts where plain http is allowed (local tests and the demo). URL already turns `0x7f.1`
 * into dotted form. Shared by providers/urls.ts and text/safe-link.ts, and text/ sits below providers/.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
