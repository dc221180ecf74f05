/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers (issue 10, "a host that stops
 * answering"): the client's request time-out must fire. Sockets are kept so `close()` can end them.
 */
import { createServer, type Socket } from 'node:net'

/** A running silent server. */
export interface HangingServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** Connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

/**
 * Starts the server on a free loopback port.
 */
export function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({
        url: `http://127.0.0.1:${port}`,
        connections: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
