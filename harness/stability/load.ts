/**
 * Background load for the gate-stability check: CPU-bound processes (a busy arithmetic loop each) and processes
 * that write, fsync and rewrite files. Every one is bounded three ways: it ends by itself at a deadline, it ends
 * when its parent is gone (it polls its parent id), and {@link MachineLoad.stop} kills it. Its files live in one
 * temporary folder of at most `fileWriters × 2 × CHUNK_BYTES`, removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** @default 4 MiB — one write of a file writer. */
export const CHUNK_BYTES = 4 * 1024 * 1024

/** What load to create. */
export interface LoadOptions {
  /** @default 2 */
  readonly cpuWorkers: number
  /** @default 1 */
  readonly fileWriters: number
  /** Every process ends by itself this long after its start, whatever happens to its parent. */
  readonly maxSeconds: number
}

/** The running load. */
export interface MachineLoad {
  /** Process ids of the load processes. */
  readonly pids: readonly number[]
  /** Kills every load process, waits for them to exit and removes the files. Idempotent. */
  stop(): Promise<void>
}

/** Ends the loop when the deadline passed or the parent is gone (checked every ~50 ms of work). */
const GUARD = `const end = Date.now() + Number(process.argv[1]) * 1000
const parent = process.ppid
const alive = () => Date.now() < end && process.ppid === parent`

const CPU_LOOP = `${GUARD}
let x = 1
while (alive()) {
  const stop = Date.now() + 50
  while (Date.now() < stop) x = (x * 1103515245 + 12345) % 2147483648
}`

const FILE_LOOP = `${GUARD}
const fs = require('node:fs')
const path = require('node:path')
const chunk = Buffer.alloc(${CHUNK_BYTES}, 7)
let i = 0
while (alive()) {
  const file = path.join(process.argv[2], 'load-' + process.pid + '-' + (i++ % 2) + '.bin')
  const fd = fs.openSync(file, 'w')
  fs.writeSync(fd, chunk)
  fs.fsyncSync(fd)
  fs.closeSync(fd)
}`

/** Starts the load processes. */
export function startMachineLoad(options: LoadOptions): MachineLoad {
  const dir = mkdtempSync(join(tmpdir(), 'ktrdr-load-'))
  const seconds = String(options.maxSeconds)
  const children: ChildProcess[] = []
  const launch = (code: string, ...args: string[]): void => {
    children.push(spawn(process.execPath, ['-e', code, seconds, ...args], { stdio: 'ignore' }))
  }
  for (let i = 0; i < options.cpuWorkers; i++) launch(CPU_LOOP)
  for (let i = 0; i < options.fileWriters; i++) launch(FILE_LOOP, dir)
  const exited = children.map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve()
        else child.once('exit', () => resolve())
      }),
  )
  const killAll = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  process.once('exit', killAll)
  let stopped: Promise<void> | null = null
  return {
    pids: children.map((c) => c.pid!),
    stop: () => {
      stopped ??= (async () => {
        killAll()
        await Promise.all(exited)
        process.removeListener('exit', killAll)
        rmSync(dir, { recursive: true, force: true })
      })()
      return stopped
    },
  }
}
