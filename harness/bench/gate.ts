/**
 * `make bench`: runs every paired old/new task of the stage suite, then the host-overhead pair (host_new against
 * local_new on the same training), through the interleaved measurement, adds the scaling table, writes
 * reports/bench.json and reports/bench.html, and returns the report (verdict `fail` if any pair fails; a missing
 * or errored measurement fails closed).
 */
import { cpus } from 'node:os'
import { buildHostTask, type HostTask } from './host-task.ts'
import { measurePaired, type PairResult, type PairedTask } from './paired.ts'
import { overallVerdict, writeBenchReport, type BenchReport } from './report.ts'
import { runScaling } from './scaling.ts'
import { buildStageSuite } from './stage-suite.ts'

/** Options of {@link runBenchGate}. @public */
export interface BenchGateOptions {
  readonly reportDir: string
  /** Smaller inputs, fewer sizes: for smoke runs. */
  readonly quick?: boolean
  readonly log?: (line: string) => void
}

function failedPair(name: string, stage: string, error: unknown): PairResult {
  return {
    name,
    stage,
    old: null,
    new: null,
    ratios: [],
    ratio_median: NaN,
    ci: [NaN, NaN],
    verdict: 'fail',
    samples: 0,
    iterations_per_round: 0,
    error: error instanceof Error ? error.message : String(error),
  }
}

/**
 * The paired performance gate (`ktrdr-train bench`, `make bench`): every stage and the whole path, legacy against
 * reference, interleaved, with a paired-ratio verdict per pair and the scaling table; writes bench.json and
 * bench.html into `reportDir`.
 *
 * @public
 */
export async function runBenchGate(options: BenchGateOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {})
  const started = performance.now()
  const pairs: PairResult[] = []
  const measure = async (task: PairedTask): Promise<void> => {
    log(`bench: ${task.name} …`)
    const result = await measurePaired(task, { budgetMs: options.quick ? 10_000 : 25_000 })
    log(`bench: ${task.name}: ${result.verdict} (ratio ${result.ratio_median.toFixed(3)}, ${result.samples} pairs)`)
    pairs.push(result)
  }
  const suite = buildStageSuite({ quick: options.quick })
  try {
    for (const task of suite.tasks) await measure(task)
  } finally {
    suite.dispose()
  }
  log('bench: starting a new host …')
  let host: HostTask | null = null
  try {
    host = await buildHostTask({ quick: options.quick })
  } catch (error) {
    // fail closed: a host that does not start is a failed pair, not a skipped one
    pairs.push(failedPair('host_new vs local_new', 'host', error))
  }
  if (host !== null) {
    try {
      await measure(host.task)
    } finally {
      await host.dispose()
    }
  }
  log('bench: scaling of the pre-model stages …')
  const scaling = runScaling({ sizes: options.quick ? [5_000, 20_000, 80_000] : [10_000, 100_000, 1_000_000] })
  const report: BenchReport = {
    schema_version: 1,
    verdict: overallVerdict(pairs),
    threshold: 1.05,
    environment: { node: process.version, cpus: cpus().length, platform: `${process.platform}-${process.arch}` },
    pairs,
    scaling,
    duration_s: (performance.now() - started) / 1000,
  }
  const paths = writeBenchReport(options.reportDir, report)
  log(`bench: wrote ${paths.json} and ${paths.html}`)
  return report
}
