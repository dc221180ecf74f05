/**
 * Paired, interleaved measurement of an old and a new implementation of one task (issue 8): each round runs
 * both sides back to back in one tinybench `Bench` (alternating which goes first, so drift and warm caches hit
 * both alike), and the statistic is the per-round ratio new/old. Sampling continues in steps until the bootstrap
 * interval of the median ratio decides, or the cap is reached (→ inconclusive). Errors fail closed.
 */
import { Bench } from 'tinybench'
import { bootstrapMedianCi, median } from './stats.ts'
import { decideVerdict, type PerfVerdict } from './verdict.ts'

/** One old-versus-new task. Both functions must do the same work on the same (pre-built) inputs. */
export interface PairedTask {
  readonly name: string
  /** Pipeline stage or "path" (for whole-path tasks). */
  readonly stage: string
  readonly old: () => unknown | Promise<unknown>
  readonly new: () => unknown | Promise<unknown>
  /** Per-task overrides of the measurement options (e.g. longer rounds for a noisy whole-path task). */
  readonly measurement?: PairedOptions
}

export interface PairedOptions {
  /** Rounds before the first decision; fewer than 10 gives intervals too wide to ever pass. @default 10 */
  readonly minPairs?: number
  /** Cap on rounds; past it an undecided pair is `inconclusive`. @default 60 */
  readonly maxPairs?: number
  /** Rounds added between decisions. @default 10 */
  readonly step?: number
  /** Largest acceptable median ratio. @default 1.05 (the plan's "< 5 %") */
  readonly threshold?: number
  /** Target wall time of one side in one round, for calibrating iterations per round. @default 20 ms */
  readonly roundTargetMs?: number
  /** Wall-clock budget for this pair; sampling stops (inconclusive if undecided) when spent. @default 30000 */
  readonly budgetMs?: number
}

/** Summary of one side's measurements. Times are per call, in milliseconds; a round's wall sample is the median call latency of that round (robust to preemption by other processes). */
export interface SideSummary {
  readonly wall_ms_median: number
  readonly wall_ms_min: number
  readonly cpu_ms_median: number
  readonly heap_used_mb_max: number
  readonly peak_rss_mb: number
  readonly samples: number
}

export interface PairResult {
  readonly name: string
  readonly stage: string
  readonly old: SideSummary | null
  readonly new: SideSummary | null
  readonly ratios: readonly number[]
  readonly ratio_median: number
  readonly ci: readonly [number, number]
  readonly verdict: PerfVerdict
  readonly samples: number
  readonly iterations_per_round: number
  readonly error: string | null
}

interface SideSamples {
  wall: number[]
  cpu: number[]
  heapMax: number
}

async function calibrate(task: PairedTask, targetMs: number): Promise<number> {
  await task.old()
  await task.new()
  const t0 = performance.now()
  await task.old()
  await task.new()
  const perCall = Math.max((performance.now() - t0) / 2, 1e-3)
  return Math.min(1000, Math.max(1, Math.ceil(targetMs / perCall)))
}

async function runRound(task: PairedTask, iterations: number, newFirst: boolean, old: SideSamples, neu: SideSamples) {
  const bench = new Bench({ iterations, time: 0, warmup: false, throws: true })
  const cpuStart = new Map<string, NodeJS.CpuUsage>()
  const sides = newFirst
    ? [['new', task.new, neu] as const, ['old', task.old, old] as const]
    : [['old', task.old, old] as const, ['new', task.new, neu] as const]
  for (const [label, fn, samples] of sides) {
    bench.add(label, fn, {
      beforeAll: () => {
        cpuStart.set(label, process.cpuUsage())
      },
      afterAll: () => {
        const cpu = process.cpuUsage(cpuStart.get(label))
        samples.cpu.push((cpu.user + cpu.system) / 1000 / iterations)
        samples.heapMax = Math.max(samples.heapMax, process.memoryUsage().heapUsed)
      },
    })
  }
  await bench.run()
  for (const t of bench.tasks) {
    const r = t.result
    if (r.state !== 'completed') throw new Error(`task '${task.name}' (${t.name}) ended in state ${r.state}`)
    ;(t.name === 'new' ? neu : old).wall.push(r.latency.p50)
  }
}

function summarise(s: SideSamples): SideSummary {
  return {
    wall_ms_median: median(s.wall),
    wall_ms_min: Math.min(...s.wall),
    cpu_ms_median: median(s.cpu),
    heap_used_mb_max: s.heapMax / 2 ** 20,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    samples: s.wall.length,
  }
}

/** Measures one paired task and decides its verdict. Never throws: an error yields verdict `fail`. */
export async function measurePaired(task: PairedTask, options: PairedOptions = {}): Promise<PairResult> {
  const {
    minPairs = 10,
    maxPairs = 60,
    step = 10,
    threshold = 1.05,
    roundTargetMs = 20,
    budgetMs = 30_000,
  } = { ...options, ...task.measurement }
  const old: SideSamples = { wall: [], cpu: [], heapMax: 0 }
  const neu: SideSamples = { wall: [], cpu: [], heapMax: 0 }
  let iterations = 0
  try {
    iterations = await calibrate(task, roundTargetMs)
    const started = performance.now()
    let target = minPairs
    for (;;) {
      while (old.wall.length < target) await runRound(task, iterations, old.wall.length % 2 === 1, old, neu)
      const ratios = neu.wall.map((w, i) => w / old.wall[i]!)
      const ci = bootstrapMedianCi(ratios)
      const verdict = decideVerdict(ci, threshold)
      const spent = performance.now() - started
      if (verdict !== 'inconclusive' || target >= maxPairs || spent >= budgetMs) {
        return {
          name: task.name,
          stage: task.stage,
          old: summarise(old),
          new: summarise(neu),
          ratios,
          ratio_median: median(ratios),
          ci,
          verdict: Number.isFinite(ci[0]) ? verdict : 'fail',
          samples: ratios.length,
          iterations_per_round: iterations,
          error: null,
        }
      }
      target = Math.min(maxPairs, target + step)
    }
  } catch (error) {
    return {
      name: task.name,
      stage: task.stage,
      old: old.wall.length ? summarise(old) : null,
      new: neu.wall.length ? summarise(neu) : null,
      ratios: [],
      ratio_median: NaN,
      ci: [NaN, NaN],
      verdict: 'fail',
      samples: 0,
      iterations_per_round: iterations,
      error: error instanceof Error ? error.message : String(error),
    }
  }
}
