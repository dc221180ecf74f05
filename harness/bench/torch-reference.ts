/**
 * The live PyTorch reference of the training-throughput suite (`bench --suite training --with-torch`): a
 * persistent `torch_training.py` child (Debian's python3-torch) that builds the suite's network and trains
 * one pass whenever asked, so the suite can interleave PyTorch's passes with the runtimes' passes in the same
 * time window. When Python or torch is missing the session is not started and the reason is reported.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./torch_training.py', import.meta.url))
/** Debian's interpreter, which has python3-torch (the one first on PATH may not). */
const DEFAULT_PYTHON = '/usr/bin/python3'
/** Longest wait for one answer (a pass of the largest suite cell takes well under a second). */
const ANSWER_TIMEOUT_MS = 300_000

/** One network and batch to train, as the Python side takes it. */
export interface TorchCell {
  readonly input: number
  readonly hidden: readonly number[]
  readonly embedding: number
  readonly symbols: number
  readonly dropout: number
  readonly batch: number
  readonly samples: number
  readonly lr: number
}

/** A running PyTorch reference. */
export interface TorchSession {
  readonly python: string
  readonly version: string
  readonly threads: number
  /** Builds the cell's data and model and trains one warm-up pass. */
  setup(cell: TorchCell): Promise<void>
  /** Trains one pass; wall-clock and process CPU seconds. */
  pass(): Promise<{ seconds: number; cpuSeconds: number }>
  close(): void
}

/** Either a session or why there is none. */
export type TorchStart = { readonly session: TorchSession } | { readonly skipped: string }

/**
 * Starts the reference with `threads` intra-op threads (torch.set_num_threads, and the OpenMP / BLAS thread
 * variables of the child).
 * @param python - interpreter. @default KTRDR_TORCH_PYTHON, else /usr/bin/python3
 */
export async function startTorch(
  threads: number,
  python = process.env.KTRDR_TORCH_PYTHON ?? DEFAULT_PYTHON,
): Promise<TorchStart> {
  if (!existsSync(python)) return { skipped: `${python} not found (Debian's python3 with python3-torch is needed)` }
  const count = String(threads)
  const child = spawn(python, [SCRIPT, count], {
    env: { ...process.env, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const session = new ChildSession(child, python)
  try {
    const hello = await session.ask({ cmd: 'hello' })
    session.version = String(hello.torch)
    session.threads = Number(hello.threads)
    return { session }
  } catch (error) {
    session.close()
    return {
      skipped: `PyTorch did not start with ${python}: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

class ChildSession implements TorchSession {
  version = ''
  threads = 0
  private readonly lines: AsyncIterator<string>
  private stderr = ''
  private exited: string | null = null

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly python: string,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000)
    })
    child.on('error', (error) => (this.exited = error.message))
    child.on('exit', (code) => (this.exited ??= `exited with code ${code}`))
  }

  async setup(cell: TorchCell): Promise<void> {
    await this.ask({ cmd: 'setup', ...cell })
  }

  async pass(): Promise<{ seconds: number; cpuSeconds: number }> {
    const answer = await this.ask({ cmd: 'pass' })
    return { seconds: Number(answer.seconds), cpuSeconds: Number(answer.cpu_seconds) }
  }

  close(): void {
    if (this.child.exitCode === null && this.child.stdin.writable)
      this.child.stdin.end(`${JSON.stringify({ cmd: 'quit' })}\n`)
  }

  /** Sends one command and reads its one-line answer; a dead child or an error answer throws. */
  async ask(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited !== null) throw new Error(this.failure())
    this.child.stdin.write(`${JSON.stringify(command)}\n`)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer to ${String(command.cmd)} within ${ANSWER_TIMEOUT_MS} ms`)),
        ANSWER_TIMEOUT_MS,
      )
    })
    try {
      const next = await Promise.race([this.lines.next(), timeout])
      if (next.done) throw new Error(this.failure())
      const answer = JSON.parse(next.value) as Record<string, unknown>
      if (typeof answer.error === 'string') throw new Error(answer.error)
      return answer
    } finally {
      clearTimeout(timer)
    }
  }

  private failure(): string {
    const last = this.stderr.trim().split('\n').pop() ?? ''
    return `${this.exited ?? 'closed its output'}${last ? `: ${last}` : ''}`
  }
}
