/**
 * Training-throughput suite (issues 9 and 17): samples/s of one training pass for each runtime, network and
 * batch size, set against the FP32 peak of the cores used and against PyTorch measured in the same run.
 * `ktrdr-train bench --suite training [--with-torch] [--threads N]` prints `formatTrainingSuite(report)` (or
 * the report as JSON). Not a test: the figures are measurements, and nothing here asserts a speed.
 *
 * Method: 5,000 seeded samples (features U[−1, 1), random labels, random symbols for embedding nets),
 * dropout 0.2, Adam 1e-3; per cell every runtime (and PyTorch, with `withTorch`) first trains one warm-up
 * pass, then `passes` rounds in which each trains one pass in turn, PyTorch last in even rounds and first in
 * odd ones (interleaved, so all see the same machine load). A figure is the median pass; a ratio to PyTorch
 * is the median of the per-round ratios, with their range as the spread. `cpu-fused` and PyTorch run with the
 * same thread count (`threads`); the tfjs runtimes use one.
 */
import os from 'node:os'
import { DEVICE_ORDER, runtimeForDevice, type DeviceName } from '../../reference/runtime/device-manager.ts'
import { createFusedRuntime, defaultFusedThreads } from '../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import {
  adamConfig,
  initParameters,
  linearShapes,
  type MlpSpec,
  type RuntimeModel,
  type TrainingRuntime,
} from '../../reference/runtime/training-runtime.ts'
import { median } from './stats.ts'
import { startTorch, type TorchSession } from './torch-reference.ts'
import { estimatePeak, type PeakEstimate } from './training-peak.ts'

/** One network shape of the suite. */
export interface SuiteNetwork {
  readonly input: number
  readonly hidden: readonly number[]
  /** Symbol-embedding width (16 in the shipped strategies); 0 for a plain MLP. */
  readonly embedding: number
}

/**
 * The two sizes (docs/architecture.md §9.3, where PyTorch was measured) and the two shipped strategy nets
 * with their 16-wide symbol embedding (neuro_mean_reversion, universal_zero_shot_model).
 */
export const SUITE_NETWORKS: readonly SuiteNetwork[] = [
  { input: 12, hidden: [50, 25], embedding: 0 },
  { input: 64, hidden: [256, 128], embedding: 0 },
  { input: 9, hidden: [50, 25], embedding: 16 },
  { input: 36, hidden: [128, 64, 32], embedding: 16 },
]

export const SUITE_BATCHES: readonly number[] = [32, 64, 256]
export const SUITE_RUNTIMES: readonly DeviceName[] = ['cpu-fused', 'wasm', 'cpu']

/**
 * Pause after each PyTorch pass: its OpenBLAS worker threads busy-wait about 0.1 s after a call before they
 * sleep (libgomp's threads briefly too), which would take a core from the runtime's next pass.
 */
const TORCH_SETTLE_MS = 250

/** Symbols in the embedding nets' table. */
const NUM_SYMBOLS = 3

/** One measured cell. */
export interface TrainingSuiteResult {
  readonly runtime: string
  readonly input: number
  readonly hidden: number[]
  readonly embedding: boolean
  readonly batch: number
  readonly samples_per_s: number
  /**
   * The same passes timed by this process's CPU time (user + system, all its threads): on a shared machine it
   * leaves out the time other processes held the cores, so it is the steadier figure when the load is high.
   */
  readonly samples_per_cpu_s: number
  /** Threads the runtime may use (`cpu-fused`: the suite's `threads`; the tfjs runtimes: 1). */
  readonly threads: number
  /** samples/s × training FLOP per sample, in GFLOP/s. */
  readonly gflops: number
  /** `gflops` over the peak of `threads` cores. */
  readonly peak_fraction: number
  /** Every timed pass, wall-clock samples/s, in order (`samples_per_s` is their median). */
  readonly passes: number[]
  /** PyTorch on the same cell in the same rounds (median pass), when it ran. */
  readonly torch_samples_per_s?: number
  /** Median over the rounds of samples_per_s / PyTorch's samples/s in the same round. */
  readonly ratio?: number
  /** Smallest and largest per-round ratio. */
  readonly ratio_range?: [number, number]
  /** PyTorch's samples per CPU-second of its process (all its threads), median pass. */
  readonly torch_samples_per_cpu_s?: number
  /** Median over the rounds of samples_per_cpu_s / PyTorch's samples per CPU-second in the same round. */
  readonly cpu_ratio?: number
}

/** PyTorch 1.13.1 (Debian, CPU, 1 thread) on the same sizes, as measured in docs/architecture.md §9.3. */
export interface PytorchReference {
  readonly source: string
  readonly results: ReadonlyArray<{ input: number; hidden: number[]; batch: number; samples_per_s: number }>
}

export const PYTORCH_REFERENCE: PytorchReference = {
  source:
    'docs/architecture.md §9.3: PyTorch 1.13.1 CPU, torch.set_num_threads(1), dropout 0.2, Adam 1e-3, one epoch over ' +
    '5,000 samples, median of 3 rounds',
  results: [
    { input: 12, hidden: [50, 25], batch: 32, samples_per_s: 104_406 },
    { input: 12, hidden: [50, 25], batch: 256, samples_per_s: 452_663 },
    { input: 64, hidden: [256, 128], batch: 32, samples_per_s: 56_002 },
    { input: 64, hidden: [256, 128], batch: 256, samples_per_s: 109_784 },
  ],
}

/** The live PyTorch reference of a run: what ran, or why it did not. */
export interface TorchRun {
  readonly status: 'ran' | 'skipped' | 'not requested'
  readonly reason?: string
  readonly python?: string
  readonly version?: string
  readonly threads?: number
  /** Every timed PyTorch pass per cell, wall-clock samples/s, keyed `input+embedding→hidden|batch`. */
  readonly passes?: Record<string, number[]>
}

/** The training-throughput suite's results: samples per second per runtime, network and batch size. @public */
export interface TrainingSuiteReport {
  readonly results: TrainingSuiteResult[]
  readonly peak: PeakEstimate
  readonly pytorch_reference: PytorchReference
  readonly torch: TorchRun
  /** Threads of `cpu-fused` and of PyTorch. */
  readonly threads: number
  readonly samples: number
  readonly passes: number
  /** Machine context: a busy machine slows every runtime alike (passes are interleaved), not their ratios. */
  readonly environment: { readonly cpus: number; readonly load_average_1m: number; readonly node: string }
}

/** Options of {@link runTrainingSuite}. @public */
export interface TrainingSuiteOptions {
  /** Runtimes (device names) to measure. @default ['cpu-fused', 'wasm', 'cpu'] */
  readonly runtimes?: string[]
  /** Quick profile: 1,000 samples, 2 timed passes, batches 32 and 256. @default false */
  readonly quick?: boolean
  /** Samples per pass. @default 5000 (1000 when quick) */
  readonly samples?: number
  /** Timed passes per cell (median taken). @default 5 (2 when quick) */
  readonly passes?: number
  /** Threads of `cpu-fused` and PyTorch. @default KTRDR_THREADS, else min(2, cores) */
  readonly threads?: number
  /** Run PyTorch in the same rounds (skipped, and said so, when python3-torch is missing). @default false */
  readonly withTorch?: boolean
  /** Receives one line per finished cell (the CLI prints them on stderr). */
  readonly onProgress?: (line: string) => void
}

/** Training FLOP per sample: 3 (forward + two backward matmuls) × 2 FLOP per multiply-add × MACs. */
export function trainingFlopsPerSample(spec: MlpSpec): number {
  return 6 * linearShapes(spec).reduce((macs, [fanIn, out]) => macs + fanIn * out, 0)
}

function specOf(net: SuiteNetwork): MlpSpec {
  return {
    inputSize: net.input,
    hiddenLayers: net.hidden,
    outputSize: 3,
    activation: 'relu',
    dropout: 0.2,
    embedding: net.embedding > 0 ? { numSymbols: NUM_SYMBOLS, dim: net.embedding } : null,
  }
}

interface PassData {
  readonly x: Float32Array
  readonly y: Int32Array
  readonly symbols: Int32Array | null
  readonly rows: number
}

function makeData(spec: MlpSpec, rows: number): PassData {
  const rng = new SeededRng(42)
  const x = new Float32Array(rows * spec.inputSize)
  for (let i = 0; i < x.length; i++) x[i] = rng.uniformRange(-1, 1)
  const y = new Int32Array(rows)
  for (let i = 0; i < rows; i++) y[i] = rng.intRange(0, 3)
  const symbols = spec.embedding ? new Int32Array(rows).map(() => rng.intRange(0, NUM_SYMBOLS)) : null
  return { x, y, symbols, rows }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Trains one pass over `data` in batches of `batch` rows; returns wall-clock and CPU-time samples/s. */
function timePass(model: RuntimeModel, data: PassData, batch: number, rng: SeededRng): { wall: number; cpu: number } {
  const width = model.spec.inputSize
  const start = performance.now()
  const startCpu = cpuMs()
  for (let s = 0; s < data.rows; s += batch) {
    const rows = Math.min(batch, data.rows - s)
    model.trainStep(
      {
        x: data.x.subarray(s * width, (s + rows) * width),
        y: data.y.subarray(s, s + rows),
        symbols: data.symbols ? data.symbols.subarray(s, s + rows) : null,
        rows,
      },
      rng,
    )
  }
  const wallMs = performance.now() - start
  const usedMs = Math.max(cpuMs() - startCpu, 1e-3)
  return { wall: (data.rows * 1000) / wallMs, cpu: (data.rows * 1000) / usedMs }
}

function isDeviceName(name: string): name is DeviceName {
  return (DEVICE_ORDER as readonly string[]).includes(name)
}

/** A runtime of the suite and the threads it uses. */
async function loadRuntime(name: DeviceName, threads: number): Promise<{ runtime: TrainingRuntime; threads: number }> {
  if (name === 'cpu-fused') return { runtime: createFusedRuntime({ threads }), threads }
  return { runtime: await runtimeForDevice(name), threads: 1 }
}

/** Key of a cell in {@link TorchRun.passes}. */
function cellKey(net: SuiteNetwork, batch: number): string {
  return `${describe(net)}|${batch}`
}

/**
 * Runs the suite. Unknown runtime names throw before anything is measured.
 * @throws Error naming the runtime when it is unknown or its backend cannot load.
 * @public
 */
export async function runTrainingSuite(options: TrainingSuiteOptions = {}): Promise<TrainingSuiteReport> {
  const names = options.runtimes ?? [...SUITE_RUNTIMES]
  for (const name of names) {
    if (!isDeviceName(name)) throw new Error(`unknown runtime '${name}'; use one of ${DEVICE_ORDER.join(', ')}`)
  }
  const quick = options.quick ?? false
  const samples = options.samples ?? (quick ? 1000 : 5000)
  const passes = options.passes ?? (quick ? 2 : 5)
  const threads = options.threads ?? defaultFusedThreads()
  const batches = quick ? [32, 256] : SUITE_BATCHES
  const runtimes: Array<{ runtime: TrainingRuntime; threads: number }> = []
  for (const name of names as DeviceName[]) runtimes.push(await loadRuntime(name, threads))
  let torch: TorchSession | null = null
  let torchRun: TorchRun = { status: 'not requested' }
  if (options.withTorch) {
    const started = await startTorch(threads)
    if ('session' in started) {
      torch = started.session
      torchRun = { status: 'ran', python: torch.python, version: torch.version, threads: torch.threads, passes: {} }
    } else {
      torchRun = { status: 'skipped', reason: started.skipped }
      options.onProgress?.(`torch: skipped: ${started.skipped}`)
    }
  }
  const peak = estimatePeak()
  const results: TrainingSuiteResult[] = []
  try {
    for (const net of SUITE_NETWORKS) {
      const spec = specOf(net)
      const data = makeData(spec, samples)
      const flops = trainingFlopsPerSample(spec)
      for (const batch of batches) {
        const cell = await measureCell(spec, net, batch, data, runtimes, torch, passes, samples)
        if (torch) torchRun.passes![cellKey(net, batch)] = cell.torch
        const torchRate = torch ? median(cell.torch) : undefined
        const torchCpuRate = torch ? median(cell.torchCpu) : undefined
        runtimes.forEach(({ runtime, threads: used }, i) => {
          const rate = median(cell.wall[i]!)
          const gflops = (rate * flops) / 1e9
          const ratios = torchRate === undefined ? [] : cell.wall[i]!.map((w, r) => w / cell.torch[r]!)
          const cpuRatios = cell.cpu[i]!.map((c, r) => c / cell.torchCpu[r]!)
          results.push({
            runtime: runtime.name,
            input: net.input,
            hidden: [...net.hidden],
            embedding: net.embedding > 0,
            batch,
            samples_per_s: rate,
            samples_per_cpu_s: median(cell.cpu[i]!),
            threads: used,
            gflops,
            peak_fraction: gflops / (peak.gflops * used),
            passes: cell.wall[i]!,
            ...(torchRate === undefined
              ? {}
              : {
                  torch_samples_per_s: torchRate,
                  ratio: median(ratios),
                  ratio_range: [Math.min(...ratios), Math.max(...ratios)] as [number, number],
                  torch_samples_per_cpu_s: torchCpuRate!,
                  cpu_ratio: median(cpuRatios),
                }),
          })
          options.onProgress?.(
            `${runtime.name} ${describe(net)} b${batch}: ${Math.round(rate)} samples/s ` +
              `(${Math.round(median(cell.cpu[i]!))} per CPU-second)` +
              (torchRate === undefined ? '' : `, torch ${Math.round(torchRate)}, ratio ${median(ratios).toFixed(2)}`),
          )
        })
      }
    }
  } finally {
    torch?.close()
  }
  const environment = { cpus: os.cpus().length, load_average_1m: os.loadavg()[0]!, node: process.versions.node }
  return { results, peak, pytorch_reference: PYTORCH_REFERENCE, torch: torchRun, threads, samples, passes, environment }
}

/**
 * One cell: every runtime's model (and PyTorch's) warms up with one pass, then `passes` interleaved rounds.
 * Returns per runtime the wall-clock and CPU-time samples/s of each round, and PyTorch's per round.
 */
async function measureCell(
  spec: MlpSpec,
  net: SuiteNetwork,
  batch: number,
  data: PassData,
  runtimes: ReadonlyArray<{ runtime: TrainingRuntime }>,
  torch: TorchSession | null,
  passes: number,
  samples: number,
): Promise<{ wall: number[][]; cpu: number[][]; torch: number[]; torchCpu: number[] }> {
  const models = runtimes.map(({ runtime }) =>
    runtime.createModel(spec, initParameters(spec, new SeededRng(1)), adamConfig(1e-3)),
  )
  const rngs = runtimes.map(() => new SeededRng(7))
  const wall: number[][] = runtimes.map(() => [])
  const cpu: number[][] = runtimes.map(() => [])
  const torchRates: number[] = []
  const torchCpu: number[] = []
  const torchPass = async (): Promise<void> => {
    if (!torch) return
    const timing = await torch.pass()
    torchRates.push(samples / timing.seconds)
    torchCpu.push(samples / Math.max(timing.cpuSeconds, 1e-6))
    // PyTorch's BLAS and OpenMP threads spin for a while after a pass: let them sleep before ours is timed
    await new Promise((done) => setTimeout(done, TORCH_SETTLE_MS))
  }
  try {
    if (torch) {
      await torch.setup({
        input: net.input,
        hidden: net.hidden,
        embedding: net.embedding,
        symbols: NUM_SYMBOLS,
        dropout: spec.dropout,
        batch,
        samples,
        lr: 1e-3,
      })
    }
    models.forEach((model, i) => timePass(model, data, batch, rngs[i]!))
    for (let round = 0; round < passes; round++) {
      if (round % 2 === 1) await torchPass()
      models.forEach((model, i) => {
        const timing = timePass(model, data, batch, rngs[i]!)
        wall[i]!.push(timing.wall)
        cpu[i]!.push(timing.cpu)
      })
      if (round % 2 === 0) await torchPass()
    }
  } finally {
    models.forEach((model) => model.dispose())
  }
  return { wall, cpu, torch: torchRates, torchCpu }
}

function describe(net: { input: number; hidden: readonly number[]; embedding: boolean | number }): string {
  const input = net.embedding
    ? `${net.input}+${typeof net.embedding === 'number' ? net.embedding : 16}`
    : `${net.input}`
  return `${input}→${net.hidden.join('→')}→3`
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width)
}

/**
 * Two plain-text tables (wall-clock samples/s, then samples per CPU-second): one row per network and batch,
 * one column per runtime, then PyTorch (live, when it ran) and the first runtime's ratio to it (median of the
 * rounds, with their range), the first runtime's GFLOP/s and share of the peak of the cores it may use, and
 * its ratio to each other runtime.
 * @public
 */
export function formatTrainingSuite(report: TrainingSuiteReport): string {
  const { peak, environment, torch } = report
  const torchLine =
    torch.status === 'ran'
      ? `torch: PyTorch ${torch.version} (${torch.python}), torch.set_num_threads(${torch.threads}), passes ` +
        'interleaved with the runtimes’ in the same rounds'
      : torch.status === 'skipped'
        ? `torch: skipped: ${torch.reason}; stored figures: ${report.pytorch_reference.source}`
        : `torch: not run (--with-torch); stored figures: ${report.pytorch_reference.source}`
  return [
    `wall-clock samples/s (cpu-fused and torch: ${report.threads} thread${report.threads === 1 ? '' : 's'})`,
    ...rateTable(report, 'wall'),
    '',
    'samples per CPU-second of this process (all its threads)',
    ...rateTable(report, 'cpu'),
    '',
    `median of ${report.passes} interleaved passes over ${report.samples} samples each, after a warm-up pass; ` +
      'dropout 0.2, Adam 1e-3',
    `peak: ${peak.gflops.toFixed(1)} GFLOP/s per core = ${peak.method} (${peak.clock_ghz.toFixed(2)} GHz); ` +
      '% peak is of the cores the runtime may use',
    torchLine,
    `machine: ${environment.cpus} CPUs, 1-minute load average ${environment.load_average_1m.toFixed(2)}, ` +
      `Node ${environment.node}`,
  ].join('\n')
}

function rateTable(report: TrainingSuiteReport, clock: 'wall' | 'cpu'): string[] {
  const live = clock === 'wall'
  const rateOf = (r: TrainingSuiteResult): number => (live ? r.samples_per_s : r.samples_per_cpu_s)
  const torchOf = (r: TrainingSuiteResult | undefined): number | undefined =>
    live ? r?.torch_samples_per_s : r?.torch_samples_per_cpu_s
  const runtimes = [...new Set(report.results.map((r) => r.runtime))]
  const cells = new Map<string, TrainingSuiteResult[]>()
  for (const r of report.results) {
    const key = `${describe(r)}|${r.batch}`
    cells.set(key, [...(cells.get(key) ?? []), r])
  }
  const lead = runtimes[0]!
  const others = runtimes.slice(1)
  const withTorch = report.torch.status === 'ran'
  const header = [
    pad('network', 20),
    pad('batch', 5, true),
    ...runtimes.map((rt) => pad(rt, 10, true)),
    ...(withTorch
      ? [pad(`torch ${report.threads}t`, 10, true), pad(live ? `${lead}/torch (range)` : `${lead}/torch`, 26, true)]
      : []),
    pad(`${lead} GF/s`, 15, true),
    pad('% peak', 7, true),
    ...others.map((rt) => pad(`×${rt}`, 8, true)),
    ...(live && !withTorch ? [pad('torch 1t*', 10, true)] : []),
  ]
  const lines = [header.join('  ')]
  for (const rows of cells.values()) {
    const first = rows[0]!
    const byRuntime = new Map(rows.map((r) => [r.runtime, r]))
    const leader = byRuntime.get(lead)
    const leadRate = leader ? rateOf(leader) : undefined
    const flops = first.gflops / first.samples_per_s
    const stored = report.pytorch_reference.results.find(
      (t) =>
        !first.embedding &&
        t.input === first.input &&
        t.batch === first.batch &&
        t.hidden.join() === first.hidden.join(),
    )
    let ratio = '–'
    if (leader?.ratio !== undefined && live) {
      ratio = `${leader.ratio.toFixed(2)}× (${leader.ratio_range![0].toFixed(2)}–${leader.ratio_range![1].toFixed(2)})`
    } else if (leader?.cpu_ratio !== undefined) {
      ratio = `${leader.cpu_ratio.toFixed(2)}×`
    }
    lines.push(
      [
        pad(describe(first), 20),
        pad(String(first.batch), 5, true),
        ...runtimes.map((rt) => {
          const r = byRuntime.get(rt)
          return pad(fmtRate(r ? rateOf(r) : undefined), 10, true)
        }),
        ...(withTorch ? [pad(fmtRate(torchOf(leader)), 10, true), pad(ratio, 26, true)] : []),
        pad(leadRate === undefined ? '–' : (leadRate * flops).toFixed(2), 15, true),
        pad(
          leadRate === undefined ? '–' : ((100 * leadRate * flops) / (report.peak.gflops * leader!.threads)).toFixed(2),
          7,
          true,
        ),
        ...others.map((rt) => {
          const other = byRuntime.get(rt)
          return pad(leadRate !== undefined && other ? `${(leadRate / rateOf(other)).toFixed(1)}×` : '–', 8, true)
        }),
        ...(live && !withTorch ? [pad(stored ? fmtRate(stored.samples_per_s) : '–', 10, true)] : []),
      ].join('  '),
    )
  }
  if (live && !withTorch)
    lines.push('* torch 1t: stored figures of another machine (docs/architecture.md §9.3), not this run')
  return lines
}

function fmtRate(rate: number | undefined): string {
  return rate === undefined ? '–' : Math.round(rate).toLocaleString('en-US')
}
