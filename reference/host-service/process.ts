/**
 * Starting a training host (old or new) as a child process, the way the harness and the integration tests use
 * it (docs/architecture.md §3.5 "Real parts"): spawn `ktrdr-train host serve …` (the CLI entry matching this module: compiled
 * or, from source, under tsx), read the
 * `listening http://…` line, wait for `GET /health`, and stop it with SIGTERM (SIGKILL after a grace period).
 * A start failure names the cause and quotes the tail of the child's stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import type { DeviceName } from '../runtime/device-manager.ts'
import { moduleEntry, nodeArguments } from '../runtime/module-entry.ts'

/** How to start a host. @public */
export interface HostProcessOptions {
  readonly impl: 'old' | 'new'
  readonly modelsDir: string
  readonly dataDir: string
  /** @default 0 (a free port) */
  readonly port?: number
  /** @default '127.0.0.1' */
  readonly host?: string
  /** Old host: batch sleep N ms, epoch sleep 5·N. @default the original 100 / 500 */
  readonly batchDelayMs?: number
  /** New host. @default 2 */
  readonly maxSessions?: number
  /** New host: bearer token. */
  readonly token?: string
  /** Old host: fixed clock for its one-year window (ISO-8601). */
  readonly now?: string
  readonly strategiesDir?: string
  readonly probesDir?: string
  readonly seed?: number
  /** The device the host trains on (`--device`). @default the host's own choice: `KTRDR_DEVICE`, else auto */
  readonly device?: DeviceName | 'auto'
  /** New host: per-session time limit in seconds. */
  readonly sessionTimeLimitS?: number
  /** How long to wait for the health check. @default 30_000 */
  readonly startTimeoutMs?: number
  /** Extra environment for the child. */
  readonly env?: Readonly<Record<string, string>>
  /** Called with each stderr chunk of the child (its log). */
  readonly onStderr?: (text: string) => void
  /** The CLI script to run (plain `node <cliPath>`). @default `$KTRDR_CLI`, else this package's own CLI entry */
  readonly cliPath?: string
}

/** A running host child process. @public */
export interface HostProcess {
  /** `http://<host>:<port>` */
  readonly url: string
  readonly pid: number
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; resolves once it has exited. */
  stop(): Promise<void>
  /** Sends a signal; resolves with the exit code (null when killed by a signal) once it has exited. */
  kill(signal: NodeJS.Signals): Promise<number | null>
}

/** A host process that did not come up (exited, never listened, or never answered its health check). @public */
export class HostStartError extends Error {
  override readonly name = 'HostStartError'
}

/** This package's CLI entry, compiled or source like this module. */
const CLI_ENTRY = moduleEntry(import.meta.url, '../../harness/cli/bin')
const STDERR_TAIL_CHARS = 2000
const STOP_GRACE_MS = 10_000
const HEALTH_POLL_MS = 100

/**
 * Starts a host and resolves once `GET /health` answers 200.
 *
 * @throws HostStartError naming the failure (exit before listening, no listening line in time, health never 200)
 *   and quoting the last lines of the child's stderr
 * @public
 */
export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const cliPath = options.cliPath ?? process.env.KTRDR_CLI
  const cli = cliPath === undefined ? nodeArguments(CLI_ENTRY) : [cliPath]
  const child = spawn(process.execPath, [...cli, 'host', 'serve', ...cliArguments(options)], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)
    options.onStderr?.(chunk)
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const timeoutMs = options.startTimeoutMs ?? 30_000
  const deadline = Date.now() + timeoutMs
  const fail = async (reason: string): Promise<never> => {
    child.kill('SIGKILL')
    await exited
    const tail = stderr.trim().split('\n').slice(-15).join('\n')
    throw new HostStartError(
      `host ${options.impl} did not start: ${reason}${tail ? `\n--- stderr tail ---\n${tail}` : ''}`,
    )
  }
  const url = await Promise.race([
    listeningUrl(child),
    exited.then((code) => `exit:${code}`),
    sleep(timeoutMs).then(() => 'timeout'),
  ])
  if (url === 'timeout') return fail(`no "listening" line within ${timeoutMs} ms`)
  if (url.startsWith('exit:')) return fail(`the process exited with code ${url.slice(5)} before listening`)
  while (!(await healthy(url))) {
    if (child.exitCode !== null) return fail(`the process exited with code ${child.exitCode}`)
    if (Date.now() > deadline) return fail(`GET ${url}/health did not answer 200 within ${timeoutMs} ms`)
    await sleep(HEALTH_POLL_MS)
  }
  const kill = async (signal: NodeJS.Signals): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  return {
    url,
    pid: child.pid!,
    kill,
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      await kill('SIGTERM')
      clearTimeout(timer)
    },
  }
}

function cliArguments(o: HostProcessOptions): string[] {
  const args = ['--impl', o.impl, '--port', String(o.port ?? 0), '--models-dir', o.modelsDir, '--data-dir', o.dataDir]
  const optional: Array<[string, string | number | undefined]> = [
    ['--host', o.host],
    ['--batch-delay-ms', o.batchDelayMs],
    ['--max-sessions', o.maxSessions],
    ['--token', o.token],
    ['--now', o.now],
    ['--strategies-dir', o.strategiesDir],
    ['--probes-dir', o.probesDir],
    ['--seed', o.seed],
    ['--device', o.device],
    ['--session-time-limit-s', o.sessionTimeLimitS],
  ]
  for (const [flag, value] of optional) if (value !== undefined) args.push(flag, String(value))
  return args
}

/** Resolves with the URL from the child's `listening http://…` stdout line. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((done) => {
    let buffer = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      const match = /^listening (http:\/\/\S+)$/m.exec(buffer)
      if (match) done(match[1]!)
    })
  })
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.status === 200
  } catch {
    return false
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref())
}
