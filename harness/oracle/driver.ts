/**
 * The TypeScript side of the `ktrdr_py` driver (harness/oracle/ktrdr_driver.py): where the checkout and Debian's
 * Python are, whether the oracle can run here, and a session that keeps ONE driver process open and answers
 * requests one JSON line at a time (so a property run or a matrix starts one interpreter, not hundreds).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

/** The driver script. */
export const DRIVER_PATH = resolve(import.meta.dirname, 'ktrdr_driver.py')

/**
 * Debian's interpreter: the oracle needs its packages (pandas, torch, pydantic… from `make oracle-deps`), not the
 * `python3` first on PATH. `KTRDR_PYTHON` overrides it.
 */
export function oraclePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.KTRDR_PYTHON || '/usr/bin/python3'
}

/** The sentence every report and command uses when the oracle cannot run for want of a checkout. */
export const NO_CHECKOUT = 'not run: no KTRDR checkout'

/**
 * The checkout to use: the explicit option, else `KTRDR_SRC`; null when neither names an existing folder.
 */
export function resolveKtrdrSrc(
  option: string | null | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const chosen = option || env.KTRDR_SRC || null
  return chosen !== null && existsSync(chosen) ? resolve(chosen) : null
}

/** One shim the driver applied to run KTRDR on Debian's packages. */
export interface OracleShim {
  readonly id: string
  readonly what: string
  readonly why: string
}

/** One value the driver put into KTRDR's objects (data directory, seed, epochs). */
export interface OracleInjection {
  readonly id: string
  readonly what: string
}

/** What every driver answer carries besides its result. */
export interface OracleEnvelope {
  readonly ok: boolean
  readonly command?: string | null
  readonly error?: string
  readonly error_kind?: 'setup' | 'request' | 'ktrdr'
  readonly traceback?: readonly string[]
  readonly ktrdr_src?: string
  readonly versions?: Readonly<Record<string, string>>
  readonly shims?: readonly OracleShim[]
  readonly injections?: readonly OracleInjection[]
  readonly id?: string | null
  readonly [key: string]: unknown
}

/** The driver could not run: no checkout, no packages, or KTRDR failed. */
export class OracleError extends Error {
  override readonly name = 'OracleError'
  constructor(
    message: string,
    /** `setup` = no checkout or packages (the path is "not run"); `request` / `ktrdr` = the run itself failed. */
    readonly kind: 'setup' | 'request' | 'ktrdr',
    readonly stderrTail: string = '',
  ) {
    super(message)
  }
}

function failureOf(answer: OracleEnvelope, stderrTail: string): OracleError {
  const trace = answer.traceback?.length ? `\n${answer.traceback.join('')}` : ''
  return new OracleError(`${answer.error ?? 'driver failed'}${trace}`, answer.error_kind ?? 'ktrdr', stderrTail)
}

/**
 * A running driver in `batch` mode. Requests are answered in order; {@link OracleSession.close} ends the process.
 */
export class OracleSession {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly waiting: Array<{ resolve: (a: OracleEnvelope) => void; reject: (e: Error) => void }> = []
  private stderr = ''
  private exited: Error | null = null
  private counter = 0

  private constructor(ktrdrSrc: string, verbose: boolean) {
    const args = [DRIVER_PATH, '--ktrdr-src', ktrdrSrc, ...(verbose ? ['--verbose'] : []), 'batch']
    this.child = spawn(oraclePython(), args, { stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stderr.setEncoding('utf8')
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000)
    })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift()
      if (!next) return
      try {
        next.resolve(JSON.parse(line) as OracleEnvelope)
      } catch {
        next.reject(
          new OracleError(`driver wrote a line that is not JSON: ${line.slice(0, 200)}`, 'ktrdr', this.tail()),
        )
      }
    })
    const fail = (error: Error): void => {
      this.exited = error
      for (const w of this.waiting.splice(0)) w.reject(error)
    }
    this.child.on('error', (error) =>
      fail(new OracleError(`cannot start ${oraclePython()}: ${error.message}`, 'setup')),
    )
    this.child.on('exit', (code) => {
      fail(new OracleError(`driver exited (status ${code})`, code === 2 ? 'setup' : 'ktrdr', this.tail()))
    })
  }

  /** Starts a session on `ktrdrSrc`. */
  static start(ktrdrSrc: string, options: { readonly verbose?: boolean } = {}): OracleSession {
    return new OracleSession(ktrdrSrc, options.verbose ?? false)
  }

  /** The last 4,000 characters the driver (and KTRDR) wrote on stderr. */
  tail(): string {
    return this.stderr.slice(-4000)
  }

  /**
   * Sends one request (`{ command: 'stages' | 'train', … }`) and resolves to its answer.
   *
   * @throws OracleError when the driver reports a failure (kind `setup` when the checkout or packages are missing)
   */
  async request(request: Readonly<Record<string, unknown>>): Promise<OracleEnvelope> {
    if (this.exited) throw this.exited
    const answer = await new Promise<OracleEnvelope>((resolveAnswer, reject) => {
      this.waiting.push({ resolve: resolveAnswer, reject })
      this.child.stdin.write(`${JSON.stringify({ id: String(++this.counter), ...request })}\n`)
    })
    if (!answer.ok) throw failureOf(answer, this.tail())
    return answer
  }

  /** Closes the driver's stdin and waits for it to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.exited) return
    const done = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()))
    this.child.stdin.end()
    await done
  }
}

/**
 * Runs one driver command (`check`, or `stages` / `train` with their flags) and resolves to its JSON answer.
 *
 * @throws OracleError when the driver cannot start or reports a failure
 */
export async function runDriver(ktrdrSrc: string, args: readonly string[]): Promise<OracleEnvelope> {
  const child = spawn(oraclePython(), [DRIVER_PATH, '--ktrdr-src', ktrdrSrc, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-20_000)))
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.on('error', (error) => reject(new OracleError(`cannot start ${oraclePython()}: ${error.message}`, 'setup')))
    child.on('close', resolveExit)
  })
  const line = stdout.trim().split('\n').pop() ?? ''
  let answer: OracleEnvelope
  try {
    answer = JSON.parse(line) as OracleEnvelope
  } catch {
    throw new OracleError(`driver exited (status ${code}) without a JSON answer`, 'ktrdr', stderr.slice(-4000))
  }
  if (!answer.ok) throw failureOf(answer, stderr.slice(-4000))
  return answer
}

/** Whether the oracle can run: the checkout exists and the driver loads KTRDR with Debian's packages. */
export type OracleAvailability =
  | {
      readonly available: true
      readonly ktrdrSrc: string
      readonly versions: Readonly<Record<string, string>>
      readonly shims: readonly OracleShim[]
    }
  | { readonly available: false; readonly reason: string }

/**
 * Checks the checkout named by `option` / `KTRDR_SRC` with the driver's `check` command.
 */
export async function checkOracle(option?: string | null): Promise<OracleAvailability> {
  const src = resolveKtrdrSrc(option)
  if (src === null) return { available: false, reason: NO_CHECKOUT }
  try {
    const answer = await runDriver(src, ['check'])
    return { available: true, ktrdrSrc: src, versions: answer.versions ?? {}, shims: answer.shims ?? [] }
  } catch (error) {
    if (error instanceof OracleError && error.kind === 'setup')
      return { available: false, reason: `not run: ${error.message}` }
    throw error
  }
}
