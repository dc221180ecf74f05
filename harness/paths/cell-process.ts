/**
 * Runs one RunSpec in a child process (`node run-cell.js`, or the `.ts` source under tsx), so a crash or a hang
 * stays inside its cell: after `timeoutMs` the child is killed (SIGKILL to its process group) and the run
 * becomes an `error` result carrying the last lines of its output; the rest of the matrix goes on. The host
 * sessions the child reports are passed on, so the caller can stop those a dead child left running.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { moduleEntry, nodeArguments } from '../../reference/runtime/module-entry.ts'
import { parseWithTypedArrays } from '../../reference/runtime/typed-json.ts'
import { parseProgressLine, parseSessionLine, type ProgressNote, type SessionNote } from './progress-line.ts'
import type { CellJob } from './run-cell.ts'
import { runKey, type PathAdapter, type RunResult, type RunSpec } from './types.ts'

/** The child's entry, compiled or source like this module. */
const ENTRY = moduleEntry(import.meta.url, './run-cell')

/** @default 40 — enough lines to show a stack trace and the last progress lines. */
export const LOG_TAIL_LINES = 40

/** Keeps the last `n` lines of a stream. */
class TailBuffer {
  private lines: string[] = []
  private partial = ''
  constructor(private readonly n: number) {}
  push(chunk: string, onLine?: (line: string) => void): void {
    const parts = (this.partial + chunk).split('\n')
    this.partial = parts.pop() ?? ''
    for (const line of parts) {
      onLine?.(line)
      this.lines.push(line)
      if (this.lines.length > this.n) this.lines.shift()
    }
  }
  text(): string {
    return [...this.lines, this.partial].filter((l) => l.length > 0).join('\n')
  }
}

/** Options of {@link ChildProcessAdapter}. @public */
export interface ChildProcessAdapterOptions {
  /** Folder for job and result files. */
  readonly workDir: string
  /** Per-run wall-clock limit in milliseconds. */
  readonly timeoutMs: number
  /** Called for each progress line of a running child. */
  readonly onProgress?: (spec: RunSpec, note: ProgressNote) => void
  /** Extra environment for the children (e.g. KTRDR_DEVICE). */
  readonly env?: Record<string, string>
}

/** A {@link PathAdapter} that runs every spec in its own child process. @public */
export class ChildProcessAdapter implements PathAdapter {
  constructor(private readonly options: ChildProcessAdapterOptions) {}

  run(spec: RunSpec, onSession?: (note: SessionNote) => void): Promise<RunResult> {
    const { workDir, timeoutMs } = this.options
    mkdirSync(workDir, { recursive: true })
    const stem = runKey(spec).replace(/[^A-Za-z0-9_.-]+/g, '_')
    const job: CellJob = { spec, resultPath: join(workDir, `${stem}.result.json`) }
    const jobPath = join(workDir, `${stem}.job.json`)
    writeFileSync(jobPath, JSON.stringify(job))
    const identity = {
      path: spec.path,
      strategy: spec.strategy,
      seed: spec.seed,
      canary: spec.canary,
      replicate: spec.replicate,
    }
    const tail = new TailBuffer(LOG_TAIL_LINES)
    const started = performance.now()
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...nodeArguments(ENTRY), jobPath], {
        env: { ...process.env, ...this.options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          child.kill('SIGKILL')
        }
      }, timeoutMs)
      child.stdout.setEncoding('utf8').on('data', (chunk: string) =>
        tail.push(chunk, (line) => {
          const note = parseProgressLine(line)
          if (note) this.options.onProgress?.(spec, note)
          const session = parseSessionLine(line)
          if (session) onSession?.(session)
        }),
      )
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk))
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        const wall = (performance.now() - started) / 1000
        const fail = (error: string): RunResult => ({
          status: 'error',
          spec: identity,
          error,
          logTail: tail.text(),
          timedOut,
          timings: { wall },
        })
        if (timedOut) return resolve(fail(`timed out after ${Math.round(timeoutMs / 1000)} s (killed)`))
        if (!existsSync(job.resultPath)) {
          return resolve(fail(`child exited with ${signal ? `signal ${signal}` : `code ${code}`} and wrote no result`))
        }
        const result = parseWithTypedArrays<RunResult>(readFileSync(job.resultPath, 'utf8'))
        if (result.status === 'error')
          return resolve({ ...result, logTail: `${result.logTail}\n${tail.text()}`.trim() })
        resolve({ ...result, timings: { ...result.timings, wall } })
      })
    })
  }
}
