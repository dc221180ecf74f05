/**
 * One child process of the sweep, run inside the scratch copy so it imports the mutated file: a wall-clock limit
 * (SIGKILL to its process group, so a mutant's endless loop never outlives its turn) and the tail of its output.
 */
import { spawn } from 'node:child_process'

/** How a child ended. */
export interface ChildOutcome {
  /** Exit code; null when it was killed. */
  readonly code: number | null
  readonly timedOut: boolean
  /** The last {@link TAIL_CHARS} characters of stdout and stderr together. */
  readonly tail: string
  readonly wallS: number
}

/** @default 4,000 characters — a stack trace and the lines before it. */
export const TAIL_CHARS = 4000

/**
 * Runs `node <args>` with the working directory `cwd` and the environment plus `env`, and resolves when it ends,
 * or is killed after `timeoutMs`; rejects with `mutate: aborted` when `signal` aborts (the child is killed).
 */
export function runChild(
  cwd: string,
  args: readonly string[],
  timeoutMs: number,
  signal?: AbortSignal,
  env: Readonly<Record<string, string>> = {},
): Promise<ChildOutcome> {
  const started = performance.now()
  let tail = ''
  const keep = (chunk: string): void => {
    tail = (tail + chunk).slice(-TAIL_CHARS)
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let timedOut = false
    const kill = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, timeoutMs)
    if (signal?.aborted) kill()
    signal?.addEventListener('abort', kill, { once: true })
    child.stdout.setEncoding('utf8').on('data', keep)
    child.stderr.setEncoding('utf8').on('data', keep)
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', kill)
    }
    child.on('error', (error) => {
      done()
      reject(error)
    })
    child.on('close', (code) => {
      done()
      if (signal?.aborted) return reject(new Error('mutate: aborted'))
      resolve({ code, timedOut, tail, wallS: (performance.now() - started) / 1000 })
    })
  })
}
