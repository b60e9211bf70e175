/**
 * A local status-page server for tests, the demo and benchmarks. It answers like the real
 * platforms do (weak ETags, `304 Not Modified`, `Cache-Control: max-age`), and each route can be
 * switched at any moment to another body or to a fault: an HTML error page, a bot wall, a 429
 * with Retry-After, truncated JSON, a hang, or a dropped connection.
 *
 * It can serve plain HTTP (the Node monitor, unit tests) or HTTPS with a throwaway certificate,
 * so a browser started with `--host-resolver-rules` reaches it as https://status.openai.com and
 * the production build is tested unchanged.
 */
import { createHash } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

export type Reply =
  | {
      readonly kind: 'json'
      readonly body: string
      readonly status?: number
      /** Send a weak ETag and Last-Modified and answer conditional requests with 304 (default true). */
      readonly conditional?: boolean
      readonly maxAgeSeconds?: number
      readonly contentType?: string
    }
  | { readonly kind: 'raw'; readonly status: number; readonly body: string; readonly headers?: Readonly<Record<string, string>> }
  /** Sends headers and the first bytes, then never finishes the body. */
  | { readonly kind: 'hang' }
  /** Accepts the request and destroys the socket without an answer. */
  | { readonly kind: 'drop' }

export interface RequestRecord {
  readonly at: number
  readonly host: string
  readonly path: string
  readonly status: number
  readonly bytes: number
  readonly ifNoneMatch: string | null
  readonly userAgent: string | null
}

export interface StatusServer {
  /** http://127.0.0.1:PORT or https://127.0.0.1:PORT */
  readonly origin: string
  readonly port: number
  /** Every request answered, in order. */
  readonly requests: RequestRecord[]
  /** Route a path (e.g. `/proxy/status.openai.com`) to a reply; later calls replace it. */
  set(path: string, reply: Reply): void
  /** Route a path to one reply per host, for many pages served from one port. */
  setForHost(host: string, path: string, reply: Reply): void
  clear(): void
  close(): Promise<void>
}

export interface StatusServerOptions {
  readonly port?: number
  readonly host?: string
  /** PEM key and certificate: serve HTTPS. */
  readonly tls?: { readonly key: string; readonly cert: string }
  /** Wall-clock time source for Last-Modified (tests may pin it). */
  readonly now?: () => number
}

// Mimics Statuspage: 10 s cache lifetime, so clients polling faster gain nothing.
const DEFAULT_MAX_AGE_SECONDS = 10

export const json = (value: unknown, options: Omit<Extract<Reply, { kind: 'json' }>, 'kind' | 'body'> = {}): Reply => ({
  kind: 'json',
  body: typeof value === 'string' ? value : JSON.stringify(value),
  ...options,
})

export const faults = {
  htmlError: (status = 503): Reply => ({
    kind: 'raw',
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><head><title>${status} Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>`,
  }),
  htmlWith200: (): Reply => ({
    kind: 'raw',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html><html><body><h1>Oops</h1><p>Something went wrong on our side.</p></body></html>',
  }),
  botWall: (): Reply => ({
    kind: 'raw',
    status: 403,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' },
    body: '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-running">Checking your browser before accessing the site.</div></body></html>',
  }),
  rateLimited: (retryAfterSeconds: number): Reply => ({
    kind: 'raw',
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
    body: '{"error":"rate limited"}',
  }),
  truncated: (body: string): Reply => ({
    kind: 'raw',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: body.slice(0, Math.floor(body.length / 2)),
  }),
  hang: (): Reply => ({ kind: 'hang' }),
  drop: (): Reply => ({ kind: 'drop' }),
} as const

function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`
}

export async function startStatusServer(options: StatusServerOptions = {}): Promise<StatusServer> {
  const now = options.now ?? Date.now
  const routes = new Map<string, Reply>()
  // Last-Modified is when a route's body last changed, as on a real page.
  const changedAt = new Map<string, number>()
  const requests: RequestRecord[] = []
  const sockets = new Set<Socket>()
  const hanging = new Set<ServerResponse>()

  const routeKey = (host: string, path: string): string => `${host}|${path}`
  const store = (key: string, reply: Reply): void => {
    const previous = routes.get(key)
    if (!previous || previous.kind !== 'json' || reply.kind !== 'json' || previous.body !== reply.body) {
      changedAt.set(key, now())
    }
    routes.set(key, reply)
  }

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '')
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const key = routes.has(routeKey(host, path)) ? routeKey(host, path) : routeKey('*', path)
    const reply = routes.get(key)
    const record = (status: number, bytes: number): void => {
      requests.push({
        at: now(),
        host,
        path,
        status,
        bytes,
        ifNoneMatch: typeof request.headers['if-none-match'] === 'string' ? request.headers['if-none-match'] : null,
        userAgent: request.headers['user-agent'] ?? null,
      })
    }
    if (!reply) {
      const body = '<!doctype html><html><body><h1>404 Not Found</h1></body></html>'
      response.writeHead(404, { 'content-type': 'text/html' }).end(body)
      record(404, body.length)
      return
    }
    switch (reply.kind) {
      case 'json': {
        const headers: Record<string, string> = {
          'content-type': reply.contentType ?? 'application/json; charset=utf-8',
          'cache-control': `max-age=${reply.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS}`,
        }
        if (reply.conditional !== false) {
          const etag = weakEtag(reply.body)
          headers.etag = etag
          headers['last-modified'] = new Date(changedAt.get(key) ?? now()).toUTCString()
          if (request.headers['if-none-match'] === etag) {
            response.writeHead(304, headers).end()
            record(304, 0)
            return
          }
        }
        const bytes = Buffer.byteLength(reply.body)
        response.writeHead(reply.status ?? 200, { ...headers, 'content-length': String(bytes) }).end(reply.body)
        record(reply.status ?? 200, bytes)
        return
      }
      case 'raw': {
        const bytes = Buffer.byteLength(reply.body)
        response.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes) }).end(reply.body)
        record(reply.status, bytes)
        return
      }
      case 'hang': {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"page":')
        hanging.add(response)
        response.on('close', () => hanging.delete(response))
        record(200, 8)
        return
      }
      case 'drop': {
        request.socket.destroy()
        record(0, 0)
        return
      }
    }
  }

  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const scheme = options.tls ? 'https' : 'http'

  return {
    origin: `${scheme}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    set: (path, reply) => store(routeKey('*', path), reply),
    setForHost: (host, path, reply) => store(routeKey(host, path), reply),
    clear: () => routes.clear(),
    close: async () => {
      for (const response of hanging) response.destroy()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
