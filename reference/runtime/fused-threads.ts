/**
 * Worker threads for the fused runtime: a pool of `threads − 1` workers that each instantiate a model's kernel
 * module on the model's shared WebAssembly memory and run lists of kernel calls on request, while the calling
 * thread runs its own list. Hand-offs go through a SharedArrayBuffer (a sequence number per worker, spun on
 * briefly, then `Atomics.wait`), and the module and memory travel once per model through a MessagePort read
 * synchronously (`receiveMessageOnPort`), so a step never waits for an event loop. A posted list is claimed
 * with a compare-and-swap, by its worker or — once the calling thread has finished its own list and the worker
 * has not started (on a busy machine it may wait long for a core) — by the calling thread, which then runs it
 * itself.
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
/** Sequence number of the last command claimed (by its worker or by the calling thread). */
const CLAIM = 3
const CONTROL_WORDS = 4
// command words (Float64Array): op, model id, call count, then per call: argument count + 1, function, args
const OP_ATTACH = 1
const OP_RUN = 2
const COMMAND_WORDS = 4096
/** Models whose instances a worker keeps. */
const INSTANCES_KEPT = 4
/** Spin iterations of the calling thread before it sleeps in `Atomics.wait` (a few tens of µs). */
const SPIN = 20_000
/**
 * How long an idle worker keeps spinning for the next list before it sleeps: longer than the calling thread's
 * work between two stages or two steps (the loss, the next masks: up to a few hundred µs), so that a training
 * run never pays a wake-up.
 */
const WORKER_SPIN_MS = 1
/** A worker that does not answer within this time is reported broken. */
const TIMEOUT_MS = 120_000

/** The worker's program (plain JS: it needs no loader). */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads')
const { control, command, port, slot, spinMs, kept } = workerData
const base = slot * ${CONTROL_WORDS}
const models = new Map()
let seen = 0
for (;;) {
  const until = performance.now() + spinMs
  let i = 0
  while (Atomics.load(control, base + ${SEQ}) === seen && ((++i & 255) !== 0 || performance.now() < until)) {}
  while (Atomics.load(control, base + ${SEQ}) === seen) Atomics.wait(control, base + ${SEQ}, seen)
  seen = Atomics.load(control, base + ${SEQ})
  const previous = (seen - 1) | 0
  if (Atomics.compareExchange(control, base + ${CLAIM}, previous, seen) === previous) try {
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
        workerData: { control: this.control, command, port: port2, slot, spinMs: WORKER_SPIN_MS, kept: INSTANCES_KEPT },
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
   * Runs `parts[0]` on this thread and `parts[1…]` on the workers (at most `threads` parts; a part its worker
   * has not started once `parts[0]` is done runs on this thread too), returning once all are done.
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
    for (let p = 1; p < parts.length; p++) {
      const w = this.workers[p - 1]!
      const claim = (p - 1) * CONTROL_WORDS + CLAIM
      const previous = (w.seq - 1) | 0
      // a worker that has not started its list by now is waiting for a core: run the list here instead
      if (Atomics.compareExchange(this.control, claim, previous, w.seq) === previous) {
        runCalls(model.functions, parts[p]!, extraArgs)
      } else {
        this.wait(w, p - 1)
      }
    }
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

/**
 * Writes a call list into a worker's command buffer: per call its word count, the function index and the
 * arguments, where a call of three words (`[fn, from, to]`) is followed by the step's `extraArgs` (the
 * optimiser's scalars).
 */
function encode(command: Float64Array, id: number, calls: readonly KernelCall[], extraArgs: readonly number[]): void {
  command[0] = OP_RUN
  command[1] = id
  command[2] = calls.length
  let at = 3
  for (const call of calls) {
    const extra = call.length === 3 ? extraArgs.length : 0
    const words = call.length + extra
    if (at + words + 1 > COMMAND_WORDS) throw new RangeError('cpu-fused: too many kernel calls for one step')
    command[at] = words
    for (let i = 0; i < call.length; i++) command[at + 1 + i] = call[i]!
    for (let i = 0; i < extra; i++) command[at + 1 + call.length + i] = extraArgs[i]!
    at += words + 1
  }
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

/** Steps of a new batch size that run on one thread before anything is timed (compilation, tier-up). */
const TUNER_WARMUP = 4
/** Steps per block of one mode: the first split step of a block wakes the workers and is not counted. */
const TUNER_BLOCK = 3
/** Blocks after the warm-up that alternate the two modes (split first), to time both. */
const TUNER_EXPLORE_BLOCKS = 4
/** Every this many steps the mode not in use is timed again for one block (the machine's load changes). */
const TUNER_PROBE_EVERY = 24
/** Recent times kept per mode; the estimate is their median (robust to one preempted step). */
const TUNER_WINDOW = 5

/** Running state of one batch size. */
interface TunerState {
  steps: number
  last: number
  readonly single: number[]
  readonly split: number[]
}

/**
 * Decides, per batch size, whether a step runs on one thread or is split between all of them, from the
 * measured times of each mode: after a warm-up on one thread it alternates blocks of the two modes, then keeps
 * the one whose median of recent times is lower, re-timing the other for one block every
 * {@link TUNER_PROBE_EVERY} steps. A split step that follows a one-thread step is not counted (the workers
 * were asleep, or attach the model and compile). On a machine whose other cores are busy one thread wins; on an
 * idle one the split does. Only the speed depends on the choice, never a bit of the result.
 */
export class SplitTuner {
  private readonly stats = new Map<number, TunerState>()

  constructor(private readonly threads: number) {}

  /** Threads for the next step of `rows` rows. */
  parts(rows: number): number {
    if (this.threads === 1) return 1
    let s = this.stats.get(rows)
    if (s === undefined) {
      s = { steps: 0, last: 1, single: [], split: [] }
      this.stats.set(rows, s)
    }
    const after = ++s.steps - TUNER_WARMUP - 1
    if (after < 0) return 1
    const exploring = TUNER_BLOCK * TUNER_EXPLORE_BLOCKS
    if (after < exploring || s.single.length === 0 || s.split.length === 0) {
      return Math.floor(after / TUNER_BLOCK) % 2 === 0 ? this.threads : 1
    }
    const best = median(s.split) < median(s.single) ? this.threads : 1
    const probing = (after - exploring) % TUNER_PROBE_EVERY >= TUNER_PROBE_EVERY - TUNER_BLOCK
    return probing === (best === 1) ? this.threads : 1
  }

  /** Records how long a step of `rows` rows took on `parts` threads. */
  record(rows: number, parts: number, ms: number): void {
    const s = this.stats.get(rows)
    if (s === undefined || s.steps <= TUNER_WARMUP) return
    const cold = parts !== 1 && s.last === 1
    s.last = parts
    if (cold) return
    const times = parts === 1 ? s.single : s.split
    times.push(ms)
    if (times.length > TUNER_WINDOW) times.shift()
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
