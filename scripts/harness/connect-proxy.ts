/**
 * A tiny forward proxy that plays the DNS role of Chromium's --host-resolver-rules for Firefox.
 *
 * Firefox is given this proxy for every scheme (manual proxy prefs). For `https://host/...` it
 * sends `CONNECT host:443`; for `http://host/...` it sends the request in absolute form. A host
 * found in `hostMap` is tunnelled (CONNECT) or forwarded (plain HTTP) to 127.0.0.1:<mapped port>,
 * whatever port the URL named; any other host is refused with 502, so nothing leaves the machine
 * and unmapped hosts fail fast, as with `MAP * ~NOTFOUND` in Chromium.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export type HostMap = Readonly<Record<string, number>>

export interface ProxyRecord {
  readonly method: string
  readonly host: string
  readonly port: number
  /** The local port the request was sent to, or null when refused. */
  readonly mappedTo: number | null
}

export interface ConnectProxy {
  readonly port: number
  /** Every CONNECT / proxied request, mapped or refused, in order. */
  readonly log: ProxyRecord[]
  /** Add or change mappings while running (e.g. a test adds another status page). */
  map(host: string, port: number): void
  close(): Promise<void>
}

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority)
  if (bracketed) return { host: bracketed[1] ?? '', port: Number(bracketed[2] ?? defaultPort) }
  const at = authority.lastIndexOf(':')
  if (at > 0 && /^\d+$/.test(authority.slice(at + 1))) return { host: authority.slice(0, at), port: Number(authority.slice(at + 1)) }
  return { host: authority, port: defaultPort }
}

export async function startConnectProxy(hostMap: HostMap): Promise<ConnectProxy> {
  const targets = new Map<string, number>(Object.entries(hostMap).map(([host, port]) => [host.toLowerCase(), port]))
  const log: ProxyRecord[] = []
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Plain-HTTP proxying: the request line carries an absolute URL.
    let url: URL
    try {
      url = new URL(request.url ?? '')
    } catch {
      response.writeHead(400).end('absolute URL expected')
      return
    }
    const host = url.hostname.toLowerCase()
    const mapped = targets.get(host)
    log.push({ method: request.method ?? 'GET', host, port: Number(url.port || 80), mappedTo: mapped ?? null })
    if (mapped === undefined) {
      response.writeHead(502, { 'content-type': 'text/plain' }).end(`e2e proxy: ${host} is not mapped`)
      return
    }
    const headers = { ...request.headers }
    delete headers['proxy-connection']
    const upstream = httpRequest(
      { host: '127.0.0.1', port: mapped, method: request.method, path: `${url.pathname}${url.search}`, headers },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(response)
      },
    )
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  server.on('connection', track)

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const { host: rawHost, port } = splitHostPort(request.url ?? '', 443)
    const host = rawHost.toLowerCase()
    const mapped = targets.get(host)
    log.push({ method: 'CONNECT', host, port, mappedTo: mapped ?? null })
    if (mapped === undefined) {
      client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`)
      return
    }
    const upstream = connect(mapped, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    track(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    port,
    log,
    map: (host, target) => void targets.set(host.toLowerCase(), target),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
