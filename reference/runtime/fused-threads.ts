/**
 * Worker threads for the fused runtime: a pool of `threads − 1` workers that each instantiate a model's kernel
 * module on the model's shared WebAssembly memory and run lists of kernel calls on request, while the calling
 * thread runs its own list. Hand-offs go through a SharedArrayBuffer (a sequence number per worker, spun on
 * briefly, then `Atomics.wait`), and the module and memory travel once per model through a MessagePort read
 * synchronously (`receiveMessageOnPort`), so a step never waits for an event loop.
 *
 * The workers are unref'd (they never keep the process alive) and shared by every model of the process; a
 * worker keeps the instances of the few models used last. Which thread computes a value never changes it: the
 * callers split only independent work (rows of a product, ranges of parameters), never one sum.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'

/** One kernel call: the index of the function in the model's name list, then its arguments. */
export type KernelCall = readonly number[]

// control words per worker (Int32Array indices: slot · CONTROL_WORDS + …)
const SEQ = 0
const DONE = 1
const FAILED = 2
const CONTROL_WORDS = 4
// command words (Float64Array): op, model id, call count, then per call: argument count + 1, function, args
const OP_ATTACH = 1
const OP_RUN = 2
const COMMAND_WORDS = 4096
/** Models whose instances a worker keeps. */
const INSTANCES_KEPT = 4
/** Spin iterations before sleeping in `Atomics.wait` (a few tens of µs). */
const SPIN = 20_000
/** A worker that does not answer within this time is reported broken. */
const TIMEOUT_MS = 120_000

/** The worker's program (plain JS: it needs no loader). */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads')
const { control, command, port, slot, spin, kept } = workerData
const base = slot * ${CONTROL_WORDS}
const models = new Map()
let seen = 0
for (;;) {
  let i = 0
  while (Atomics.load(control, base + ${SEQ}) === seen && i++ < spin) {}
  while (Atomics.load(control, base + ${SEQ}) === seen) Atomics.wait(control, base + ${SEQ}, seen)
  seen = Atomics.load(control, base + ${SEQ})
  try {
    const id = command[1]
    if (command[0] === ${OP_ATTACH}) {
      const { module, memory, names } = receiveMessageOnPort(port).message
      const exports = new WebAssembly.Instance(module, { env: { mem: memory } }).exports
      models.delete(id)
      models.set(id, names.map((name) => exports[name]))
      if (models.size > kept) models.delete(models.keys().next().value)
    } else {
      const fns = models.get(id)
      const count = command[2]
      let at = 3
      for (let c = 0; c < count; c++) {
        const n = command[at]
        const fn = fns[command[at + 1]]
        if (n === 4) fn(command[at + 2], command[at + 3], command[at + 4])
        else fn(...command.subarray(at + 2, at + 1 + n))
        at += n + 1
      }
    }
  } catch (error) {
    Atomics.store(control, base + ${FAILED}, 1)
    port.postMessage(String(error && error.message ? error.message : error))
  }
  Atomics.store(control, base + ${DONE}, seen)
  Atomics.notify(control, base + ${DONE})
}
`

interface PoolWorker {
  readonly worker: Worker
  readonly port: MessagePort
  readonly command: Float64Array
  seq: number
}

/** A model's kernels as the pool knows them. */
export interface PoolModel {
  readonly id: number
  readonly module: object
  /** The model's shared WebAssembly memory. */
  readonly memory: object
  readonly names: readonly string[]
  /** The kernels by index, for the calling thread's own share. */
  readonly functions: ReadonlyArray<(...args: number[]) => void>
}

let nextModelId = 1

/** A pool of `threads − 1` workers (see the module comment). */
export class KernelPool {
  private readonly control: Int32Array
  private readonly workers: PoolWorker[]
  private readonly attached: number[][]

  constructor(readonly threads: number) {
    const extra = Math.max(0, threads - 1)
    this.control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS * Math.max(1, extra)))
    this.attached = Array.from({ length: extra }, () => [])
    this.workers = Array.from({ length: extra }, (_, slot) => {
      const { port1, port2 } = new MessageChannel()
      const command = new Float64Array(new SharedArrayBuffer(8 * COMMAND_WORDS))
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { control: this.control, command, port: port2, slot, spin: SPIN, kept: INSTANCES_KEPT },
        transferList: [port2],
      })
      worker.unref()
      port1.unref()
      return { worker, port: port1, command, seq: 0 }
    })
  }

  /** A model for {@link KernelPool.run}: its module, shared memory, kernel names and this thread's kernels. */
  register(module: object, memory: object, names: readonly string[], functions: PoolModel['functions']): PoolModel {
    return { id: nextModelId++, module, memory, names, functions }
  }

  /** Makes worker `slot` hold the model's instance (workers keep the few models used last). */
  private attach(model: PoolModel, slot: number): void {
    const attached = this.attached[slot]!
    if (attached.includes(model.id)) return
    const w = this.workers[slot]!
    w.port.postMessage({ module: model.module, memory: model.memory, names: model.names })
    w.command[0] = OP_ATTACH
    w.command[1] = model.id
    this.signal(w, slot)
    this.wait(w, slot)
    this.attached[slot] = [...attached, model.id].slice(-INSTANCES_KEPT)
  }

  /**
   * Runs `parts[0]` on this thread and `parts[1…]` on the workers (at most `threads` parts), returning once all
   * are done.
   * @throws Error with the worker's message when a kernel failed there.
   */
  run(model: PoolModel, parts: ReadonlyArray<readonly KernelCall[]>, extraArgs: readonly number[]): void {
    if (parts.length > this.threads)
      throw new RangeError(`cpu-fused: ${parts.length} parts for ${this.threads} threads`)
    for (let p = 1; p < parts.length; p++) {
      const w = this.workers[p - 1]!
      this.attach(model, p - 1)
      encode(w.command, model.id, parts[p]!, extraArgs)
      this.signal(w, p - 1)
    }
    runCalls(model.functions, parts[0] ?? [], extraArgs)
    for (let p = 1; p < parts.length; p++) this.wait(this.workers[p - 1]!, p - 1)
  }

  private signal(w: PoolWorker, slot: number): void {
    w.seq = (w.seq + 1) | 0
    Atomics.store(this.control, slot * CONTROL_WORDS + SEQ, w.seq)
    Atomics.notify(this.control, slot * CONTROL_WORDS + SEQ)
  }

  private wait(w: PoolWorker, slot: number): void {
    const done = slot * CONTROL_WORDS + DONE
    let spins = 0
    while (Atomics.load(this.control, done) !== w.seq && spins++ < SPIN) {
      // spin: the worker usually finishes within microseconds of this thread
    }
    const started = Date.now()
    for (;;) {
      const value = Atomics.load(this.control, done)
      if (value === w.seq) break
      Atomics.wait(this.control, done, value, 50)
      if (Date.now() - started > TIMEOUT_MS) throw new Error('cpu-fused: a worker thread stopped answering')
    }
    if (Atomics.exchange(this.control, slot * CONTROL_WORDS + FAILED, 0) !== 0) {
      const message = receiveMessageOnPort(w.port)?.message as string | undefined
      throw new Error(`cpu-fused worker thread: ${message ?? 'unknown failure'}`)
    }
  }
}

/** Writes a call list into a worker's command buffer. Calls with a negative last argument take `extraArgs`. */
function encode(command: Float64Array, id: number, calls: readonly KernelCall[], extraArgs: readonly number[]): void {
  command[0] = OP_RUN
  command[1] = id
  command[2] = calls.length
  let at = 3
  for (const call of calls) {
    const args = expand(call, extraArgs)
    if (at + args.length + 1 > COMMAND_WORDS) throw new RangeError('cpu-fused: too many kernel calls for one step')
    command[at] = args.length
    for (let i = 0; i < args.length; i++) command[at + 1 + i] = args[i]!
    at += args.length + 1
  }
}

/** `[fn, a, b, k]`, or `[fn, a, b]` followed by the step's extra arguments (the optimiser's scalars). */
function expand(call: KernelCall, extraArgs: readonly number[]): readonly number[] {
  return call.length === 3 ? [...call, ...extraArgs] : call
}

/** Runs a call list on this thread. */
export function runCalls(
  functions: PoolModel['functions'],
  calls: readonly KernelCall[],
  extraArgs: readonly number[],
): void {
  for (const call of calls) {
    const fn = functions[call[0]!]!
    if (call.length === 4) fn(call[1]!, call[2]!, call[3]!)
    else fn(call[1]!, call[2]!, ...extraArgs)
  }
}

const pools = new Map<number, KernelPool>()

/** The process's pool for `threads` threads (created on first use). */
export function kernelPool(threads: number): KernelPool {
  let pool = pools.get(threads)
  if (pool === undefined) {
    pool = new KernelPool(threads)
    pools.set(threads, pool)
  }
  return pool
}
