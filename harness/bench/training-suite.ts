/**
 * Training-throughput suite (issue 9): samples/s of one training pass for each runtime, network and batch
 * size, set against the single-core FP32 peak and PyTorch's figures on this machine. `ktrdr-train bench
 * --suite training` prints `formatTrainingSuite(report)` (or the report as JSON). Not a test: the figures
 * are measurements, and nothing here asserts a speed.
 *
 * Method: 5,000 seeded samples (features U[−1, 1), random labels, random symbols for embedding nets),
 * dropout 0.2, Adam 1e-3; per cell every runtime first trains one warm-up pass, then `passes` rounds in
 * which each runtime trains one pass in turn (interleaved, so all see the same machine load); the figure is
 * the median pass.
 */
import os from 'node:os'
import { DEVICE_ORDER, runtimeForDevice, type DeviceName } from '../../reference/runtime/device-manager.ts'
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
   * The same passes timed by this process's CPU time (user + system): on a shared machine it leaves out the
   * time other processes held the core, so it is the steadier figure when the load average is high.
   */
  readonly samples_per_cpu_s: number
  /** samples/s × training FLOP per sample, in GFLOP/s. */
  readonly gflops: number
  readonly peak_fraction: number
  /** Every timed pass, wall-clock samples/s, in order (`samples_per_s` is their median). */
  readonly passes: number[]
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

/** The training-throughput suite's results: samples per second per runtime, network and batch size. @public */
export interface TrainingSuiteReport {
  readonly results: TrainingSuiteResult[]
  readonly peak: PeakEstimate
  readonly pytorch_reference: PytorchReference
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
  const batches = quick ? [32, 256] : SUITE_BATCHES
  const runtimes: TrainingRuntime[] = []
  for (const name of names as DeviceName[]) runtimes.push(await runtimeForDevice(name))
  const peak = estimatePeak()
  const results: TrainingSuiteResult[] = []
  for (const net of SUITE_NETWORKS) {
    const spec = specOf(net)
    const data = makeData(spec, samples)
    const flops = trainingFlopsPerSample(spec)
    for (const batch of batches) {
      const models = runtimes.map((rt) =>
        rt.createModel(spec, initParameters(spec, new SeededRng(1)), adamConfig(1e-3)),
      )
      const rngs = runtimes.map(() => new SeededRng(7))
      const timings: number[][] = runtimes.map(() => [])
      const cpuTimings: number[][] = runtimes.map(() => [])
      try {
        models.forEach((model, i) => timePass(model, data, batch, rngs[i]!))
        for (let round = 0; round < passes; round++) {
          models.forEach((model, i) => {
            const { wall, cpu } = timePass(model, data, batch, rngs[i]!)
            timings[i]!.push(wall)
            cpuTimings[i]!.push(cpu)
          })
        }
      } finally {
        models.forEach((model) => model.dispose())
      }
      runtimes.forEach((rt, i) => {
        const rate = median(timings[i]!)
        const gflops = (rate * flops) / 1e9
        results.push({
          runtime: rt.name,
          input: net.input,
          hidden: [...net.hidden],
          embedding: net.embedding > 0,
          batch,
          samples_per_s: rate,
          samples_per_cpu_s: median(cpuTimings[i]!),
          gflops,
          peak_fraction: gflops / peak.gflops,
          passes: timings[i]!,
        })
        options.onProgress?.(
          `${rt.name} ${describe(net)} b${batch}: ${Math.round(rate)} samples/s ` +
            `(${Math.round(median(cpuTimings[i]!))} per CPU-second)`,
        )
      })
    }
  }
  const environment = { cpus: os.cpus().length, load_average_1m: os.loadavg()[0]!, node: process.versions.node }
  return { results, peak, pytorch_reference: PYTORCH_REFERENCE, samples, passes, environment }
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
 * one column per runtime, then the first runtime's GFLOP/s and share of peak, its ratio to each other runtime,
 * and PyTorch's figure where one exists.
 * @public
 */
export function formatTrainingSuite(report: TrainingSuiteReport): string {
  const { peak, environment } = report
  return [
    'wall-clock samples/s',
    ...rateTable(report, (r) => r.samples_per_s),
    '',
    'samples per CPU-second of this process',
    ...rateTable(report, (r) => r.samples_per_cpu_s),
    '',
    `median of ${report.passes} interleaved passes over ${report.samples} samples each, after a warm-up pass; ` +
      'dropout 0.2, Adam 1e-3',
    `peak: ${peak.gflops.toFixed(1)} GFLOP/s per core = ${peak.method} (${peak.clock_ghz.toFixed(2)} GHz)`,
    `torch: ${report.pytorch_reference.source}`,
    `machine: ${environment.cpus} CPUs, 1-minute load average ${environment.load_average_1m.toFixed(2)}, ` +
      `Node ${environment.node}`,
  ].join('\n')
}

function rateTable(report: TrainingSuiteReport, rateOf: (r: TrainingSuiteResult) => number): string[] {
  const runtimes = [...new Set(report.results.map((r) => r.runtime))]
  const cells = new Map<string, TrainingSuiteResult[]>()
  for (const r of report.results) {
    const key = `${describe(r)}|${r.batch}`
    cells.set(key, [...(cells.get(key) ?? []), r])
  }
  const lead = runtimes[0]!
  const others = runtimes.slice(1)
  const header = [
    pad('network', 20),
    pad('batch', 5, true),
    ...runtimes.map((rt) => pad(rt, 10, true)),
    pad(`${lead} GF/s`, 15, true),
    pad('% peak', 7, true),
    ...others.map((rt) => pad(`×${rt}`, 8, true)),
    pad('torch 1t', 9, true),
  ]
  const lines = [header.join('  ')]
  for (const rows of cells.values()) {
    const first = rows[0]!
    const byRuntime = new Map(rows.map((r) => [r.runtime, rateOf(r)]))
    const leader = byRuntime.get(lead)
    const flops = first.gflops / first.samples_per_s
    const torch = report.pytorch_reference.results.find(
      (t) =>
        !first.embedding &&
        t.input === first.input &&
        t.batch === first.batch &&
        t.hidden.join() === first.hidden.join(),
    )
    lines.push(
      [
        pad(describe(first), 20),
        pad(String(first.batch), 5, true),
        ...runtimes.map((rt) => pad(fmtRate(byRuntime.get(rt)), 10, true)),
        pad(leader === undefined ? '–' : (leader * flops).toFixed(2), 15, true),
        pad(leader === undefined ? '–' : ((100 * leader * flops) / report.peak.gflops).toFixed(2), 7, true),
        ...others.map((rt) => {
          const other = byRuntime.get(rt)
          return pad(leader !== undefined && other ? `${(leader / other).toFixed(1)}×` : '–', 8, true)
        }),
        pad(torch ? fmtRate(torch.samples_per_s) : '–', 9, true),
      ].join('  '),
    )
  }
  return lines
}

function fmtRate(rate: number | undefined): string {
  return rate === undefined ? '–' : Math.round(rate).toLocaleString('en-US')
}
