/**
 * Runtime agreement (issue 17, `ktrdr-train bench --suite agreement`): every shipped strategy trained for the
 * same epochs (default 20) with the same seed on each runtime (`cpu-fused` and the tfjs `wasm` and `cpu`
 * backends), through the reference pipeline on the embedded data set, then per pair of runtimes the largest
 * difference of any final weight and of the test accuracy. The tfjs pair (wasm ↔ cpu) is the yardstick of
 * float32 noise: two correct float32 implementations that sum in different orders drift apart by that much.
 * The per-epoch training losses show when two trajectories separate (differences of 1e-9 grow, through the
 * discrete events of training such as a ReLU unit switching, into a different local path).
 * Not a test: the figures are reported, with the ±0.01 accuracy band of the issue marked.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { materializeEmbeddedDataset } from '../../reference/data/synthetic.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { runtimeForDevice, type DeviceName } from '../../reference/runtime/device-manager.ts'
import type { ParamTensor } from '../../reference/runtime/training-runtime.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../reference/strategy/shipped.ts'

/** Largest test-accuracy difference the issue accepts between runtimes. */
export const ACCURACY_BAND = 0.01

/** Training losses further apart than this mark the epoch where two runtimes' trajectories separate. */
const LOSS_APART = 1e-6

/** One strategy trained on one runtime. */
export interface AgreementRun {
  readonly runtime: string
  /** Training loss of every epoch. */
  readonly train_loss: readonly number[]
  readonly test_accuracy: number
  readonly test_loss: number
  readonly weights_sha256: string
  readonly seconds: number
}

/** One pair of runtimes on one strategy. */
export interface AgreementPair {
  readonly a: string
  readonly b: string
  readonly max_abs_weight_diff: number
  /** Largest |Δw| / max(|w|, 1e-3). */
  readonly max_rel_weight_diff: number
  readonly weights_differing: number
  readonly weights_total: number
  readonly accuracy_diff: number
  readonly within_accuracy_band: boolean
  /** Largest |Δ training loss| over the epochs. */
  readonly max_train_loss_diff: number
  /** First epoch (0-based) whose training losses differ by more than 1e-6; null when none does. */
  readonly first_epoch_apart: number | null
}

export interface AgreementReport {
  readonly epochs: number
  readonly seed: number
  readonly data: string
  readonly strategies: ReadonlyArray<{
    readonly strategy: string
    readonly runs: readonly AgreementRun[]
    readonly pairs: readonly AgreementPair[]
  }>
}

export interface AgreementOptions {
  /** @default 20 */
  readonly epochs?: number
  /** @default 7 */
  readonly seed?: number
  /** @default every strategies/*.yaml */
  readonly strategies?: readonly string[]
  /** @default ['cpu-fused', 'wasm', 'cpu'] */
  readonly runtimes?: readonly DeviceName[]
  readonly onProgress?: (line: string) => void
}

/** Trains every strategy on every runtime and compares them pairwise. */
export async function runRuntimeAgreement(options: AgreementOptions = {}): Promise<AgreementReport> {
  const epochs = options.epochs ?? 20
  const seed = options.seed ?? 7
  const names = options.runtimes ?? (['cpu-fused', 'wasm', 'cpu'] as const)
  const strategies =
    options.strategies ??
    readdirSync(SHIPPED_STRATEGIES_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(SHIPPED_STRATEGIES_DIR, f))
  const runtimes = []
  for (const name of names) runtimes.push(await runtimeForDevice(name))
  const dir = mkdtempSync(join(tmpdir(), 'ktrdr-agreement-'))
  try {
    const dataSource = new CsvDataSource(materializeEmbeddedDataset(join(dir, 'data')))
    const results = []
    for (const path of strategies) {
      const strategy = loadStrategy(path)
      const runs: AgreementRun[] = []
      const weights: Array<readonly ParamTensor[]> = []
      for (const runtime of runtimes) {
        const started = performance.now()
        const result = await runTrainingPipeline({
          strategy,
          symbols: strategy.trainingData.symbols,
          timeframes: strategy.trainingData.timeframes,
          startDate: '2024-01-01',
          endDate: '2024-12-31',
          seed,
          epochs,
          dataSource,
          storage: null,
          runtime,
        })
        const seconds = (performance.now() - started) / 1000
        runs.push({
          runtime: runtime.name,
          train_loss: result.probes.history.map((h) => h.train_loss),
          test_accuracy: result.test_metrics.test_accuracy,
          test_loss: result.test_metrics.test_loss,
          weights_sha256: result.weights_sha256,
          seconds,
        })
        weights.push(result.probes.finalWeights)
        options.onProgress?.(
          `${strategy.name} on ${runtime.name}: test accuracy ${result.test_metrics.test_accuracy.toFixed(4)} ` +
            `(${seconds.toFixed(1)} s)`,
        )
      }
      const pairs: AgreementPair[] = []
      for (let i = 0; i < runs.length; i++) {
        for (let j = i + 1; j < runs.length; j++) pairs.push(comparePair(runs[i]!, runs[j]!, weights[i]!, weights[j]!))
      }
      results.push({ strategy: strategy.name, runs, pairs })
    }
    return { epochs, seed, data: 'embedded synthetic data set, 2024-01-01 → 2024-12-31', strategies: results }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function comparePair(
  a: AgreementRun,
  b: AgreementRun,
  wa: readonly ParamTensor[],
  wb: readonly ParamTensor[],
): AgreementPair {
  let maxAbs = 0
  let maxRel = 0
  let differing = 0
  let total = 0
  wa.forEach((tensor, t) => {
    const other = wb[t]!.values
    tensor.values.forEach((x, i) => {
      const d = Math.abs(x - other[i]!)
      total++
      if (d !== 0) differing++
      maxAbs = Math.max(maxAbs, d)
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(x), 1e-3))
    })
  })
  const accuracyDiff = Math.abs(a.test_accuracy - b.test_accuracy)
  const lossDiffs = a.train_loss.map((loss, e) => Math.abs(loss - b.train_loss[e]!))
  const apart = lossDiffs.findIndex((d) => !(d <= LOSS_APART))
  return {
    a: a.runtime,
    b: b.runtime,
    max_abs_weight_diff: maxAbs,
    max_rel_weight_diff: maxRel,
    weights_differing: differing,
    weights_total: total,
    accuracy_diff: accuracyDiff,
    within_accuracy_band: accuracyDiff <= ACCURACY_BAND,
    max_train_loss_diff: Math.max(0, ...lossDiffs),
    first_epoch_apart: apart < 0 ? null : apart,
  }
}

/** Plain-text table: one line per strategy and runtime pair. */
export function formatRuntimeAgreement(report: AgreementReport): string {
  const lines = [
    `runtime agreement after ${report.epochs} epochs, seed ${report.seed}, ${report.data}`,
    [
      'strategy'.padEnd(28),
      'pair'.padEnd(20),
      'max |Δw|'.padStart(10),
      'max rel'.padStart(9),
      'differing'.padStart(15),
      'accuracy a / b'.padStart(17),
      '|Δacc|'.padStart(8),
      `≤ ${ACCURACY_BAND}`.padStart(6),
      'max |Δloss|'.padStart(11),
      'apart from epoch'.padStart(16),
    ].join('  '),
  ]
  for (const s of report.strategies) {
    for (const p of s.pairs) {
      const accA = s.runs.find((r) => r.runtime === p.a)!.test_accuracy
      const accB = s.runs.find((r) => r.runtime === p.b)!.test_accuracy
      lines.push(
        [
          s.strategy.padEnd(28),
          `${p.a} ↔ ${p.b}`.padEnd(20),
          p.max_abs_weight_diff.toExponential(2).padStart(10),
          p.max_rel_weight_diff.toExponential(1).padStart(9),
          `${p.weights_differing}/${p.weights_total}`.padStart(15),
          `${accA.toFixed(4)} / ${accB.toFixed(4)}`.padStart(17),
          p.accuracy_diff.toFixed(4).padStart(8),
          (p.within_accuracy_band ? 'yes' : 'NO').padStart(6),
          p.max_train_loss_diff.toExponential(2).padStart(11),
          (p.first_epoch_apart === null ? '–' : String(p.first_epoch_apart)).padStart(16),
        ].join('  '),
      )
    }
  }
  return lines.join('\n')
}
