import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real HTTP server on 127.0.0.1:<random port> for engine tests: the poll goes through Node's
 * real fetch, sockets, chunked encoding and aborts, not through a mock of them.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
}

export interface TestServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  readonly origin: string
  readonly requests: RecordedRequest[]
  /** Replaces the handler for the next requests. */
  handle(handler: Handler): void
  close(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => {
    res.writeHead(404).end()
  }
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on (it was free a moment ago): for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array = ''): void {
  res.writeHead(status, headers)
  res.end(body)
}

/**
 * Streams `total` bytes of `fill` in chunks, without Content-Length (chunked), respecting
 * backpressure and stopping when the client goes away. Resolves with the bytes written.
 */
export function streamBytes(res: ServerResponse, total: number, chunkSize = 64 * 1024, fill = 0x20): Promise<{ written: number; finished: boolean }> {
  return new Promise((resolve) => {
    let written = 0
    let closed = false
    res.on('close', () => {
      closed = true
      resolve({ written, finished: res.writableFinished })
    })
    const chunk = new Uint8Array(chunkSize).fill(fill)
    const pump = (): void => {
      while (!closed && written < total) {
        const size = Math.min(chunkSize, total - written)
        written += size
        if (!res.write(size === chunkSize ? chunk : chunk.subarray(0, size))) {
          res.once('drain', pump)
          return
        }
      }
      if (!closed) res.end()
    }
    pump()
  })
}
