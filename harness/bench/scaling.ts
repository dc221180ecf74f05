/**
 * Scaling of the reference pipeline's pre-model stages (indicators → mapping → fuzzy → features → labels) with
 * the number of bars, against `technicalindicators` computing the same indicators (RSI 14, MACD 12/26/9, SMA 20)
 * on the same closes. The fitted exponent k of time ∝ bars^k (least squares on log–log) should be ≈ 1.
 */
import { RSI, MACD, SMA } from 'technicalindicators'
import { generateSyntheticSeries } from '../../reference/data/synthetic.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { median } from './stats.ts'

export interface ScalingRow {
  readonly bars: number
  readonly reference_ms: number
  readonly technicalindicators_ms: number
}

export interface ScalingReport {
  readonly strategy: string
  readonly rows: readonly ScalingRow[]
  readonly reference_exponent: number
  readonly technicalindicators_exponent: number
  readonly note: string
}

/** Least-squares slope of log(time) on log(bars). */
export function fitExponent(points: ReadonlyArray<{ x: number; y: number }>): number {
  const xs = points.map((p) => Math.log(p.x))
  const ys = points.map((p) => Math.log(p.y))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let num = 0
  let den = 0
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my)
    den += (xs[i]! - mx) ** 2
  }
  return num / den
}

function timeMedian(fn: () => unknown, repeats: number): number {
  const times: number[] = []
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

/**
 * @param sizes - bar counts to time. @default [10_000, 100_000, 1_000_000]
 * @param strategyPath - a single-timeframe strategy using RSI, MACD and SMA. @default strategies/universal_zero_shot_model.yaml
 */
export function runScaling(
  options: { sizes?: readonly number[]; strategyPath?: string; repeats?: number } = {},
): ScalingReport {
  const {
    sizes = [10_000, 100_000, 1_000_000],
    strategyPath = 'strategies/universal_zero_shot_model.yaml',
    repeats = 3,
  } = options
  const strategy = loadStrategy(strategyPath)
  const rows: ScalingRow[] = sizes.map((bars) => {
    const frame = generateSyntheticSeries({ symbol: 'EURUSD', bars, seed: 11 })
    const closes = Array.from(frame.close)
    const reference_ms = timeMedian(
      () => computeSymbolStages({ strategy, symbol: 'EURUSD', frames: { '1h': frame }, warn: () => {} }),
      repeats,
    )
    const technicalindicators_ms = timeMedian(() => {
      RSI.calculate({ values: closes, period: 14 })
      MACD.calculate({
        values: closes,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      })
      SMA.calculate({ values: closes, period: 20 })
    }, repeats)
    return { bars, reference_ms, technicalindicators_ms }
  })
  return {
    strategy: strategy.name,
    rows,
    reference_exponent: fitExponent(rows.map((r) => ({ x: r.bars, y: r.reference_ms }))),
    technicalindicators_exponent: fitExponent(rows.map((r) => ({ x: r.bars, y: r.technicalindicators_ms }))),
    note:
      'reference = all pre-model stages (indicators, mapping, fuzzy, features with lags, zigzag labels); ' +
      'technicalindicators = RSI, MACD and SMA only, so it does less work.',
  }
}
