// Invariants of the reference pre-model stages (docs/legacy-behaviour.md §3.3, §4.1, §4.3, §5.1), for any generated
// series and strategy: memberships in [0, 1] with NaN exactly where the input is NaN; the triangular peak is 1;
// RSI in [0, 100] after its warm-up; zigzag labels in {0, 1, 2} with pivot bars and the tail after the last pivot
// HOLD; feature count F · (1 + L); the generated OHLCV itself is valid; stages are deterministic.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { stageProbeDifferences } from '../../harness/arbitraries/bitwise-diff.ts'
import {
  buildSeries,
  multiTimeframeFrames,
  multiTimeframeSpecArb,
  ohlcvFrameArb,
  seriesSpecArb,
} from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { fuzzySetArb, generatedStrategyArb, STRATEGY_INDICATORS } from '../../harness/arbitraries/strategy.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { evaluateMembership } from '../../reference/fuzzy/membership.ts'
import { gaussian } from '../../reference/fuzzy/gaussian.ts'
import { triangular } from '../../reference/fuzzy/triangular.ts'
import { rsi } from '../../reference/indicators/rsi.ts'
import { LABEL, segmentLabels, zigzagPivots } from '../../reference/labels/zigzag.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import type { StrategyConfig } from '../../reference/strategy/types.ts'

const FILE = import.meta.filename
const ANOMALOUS = { gaps: true, flats: true, missingCloses: true, spikes: true } as const
const SET = fc.constantFrom(...STRATEGY_INDICATORS).chain((indicator) => fuzzySetArb(indicator, 'x'))

function stages(frames: Record<string, OhlcvFrame>, strategy: StrategyConfig) {
  return computeSymbolStages({ strategy, symbol: 'PROP', frames })
}

test.group('property: invariants of the reference stages', () => {
  test('generated bars are valid OHLCV: high ≥ max(open, close) ≥ min(open, close) ≥ low > 0, time increasing', async () => {
    await checkProperty({
      id: 'inv-ohlcv-valid',
      file: FILE,
      arbitraries: [ohlcvFrameArb({ minBars: 1, maxBars: 200, ...ANOMALOUS })],
      predicate: (f) => {
        for (let i = 0; i < f.timestamps.length; i++) {
          const close = Number.isNaN(f.close[i]!) ? f.open[i]! : f.close[i]!
          const ok =
            f.high[i]! >= Math.max(f.open[i]!, close) && Math.min(f.open[i]!, close) >= f.low[i]! && f.low[i]! > 0
          if (!ok) throw new Error(`bar ${i} invalid: o ${f.open[i]} h ${f.high[i]} l ${f.low[i]} c ${f.close[i]}`)
          if (i > 0 && !(f.timestamps[i]! > f.timestamps[i - 1]!)) throw new Error(`timestamps not increasing at ${i}`)
        }
      },
    })
  })

  test('memberships lie in [0, 1] and are NaN exactly where the input is NaN', async () => {
    await checkProperty({
      id: 'inv-membership-range',
      file: FILE,
      arbitraries: [SET, fc.array(fc.oneof(fc.double(), fc.constant(NaN)), { minLength: 1, maxLength: 50 })],
      predicate: (set, xs) => {
        const values = Float64Array.from(xs)
        evaluateMembership(set, values).forEach((m, i) => {
          if (Number.isNaN(values[i]!) !== Number.isNaN(m)) throw new Error(`NaN mismatch at x = ${values[i]}: ${m}`)
          if (!Number.isNaN(m) && !(m >= 0 && m <= 1)) throw new Error(`membership ${m} at x = ${values[i]}`)
        })
      },
    })
  })

  test('the triangular peak is exactly 1 (even for degenerate a = b or b = c), the gaussian peak too', async () => {
    await checkProperty({
      id: 'inv-membership-peak',
      file: FILE,
      arbitraries: [
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
      ],
      predicate: (points, sigma) => {
        const [a, b, c] = [...points].sort((x, y) => x - y) as [number, number, number]
        if (triangular(b, a, b, c) !== 1)
          throw new Error(`triangular(${b}; ${a}, ${b}, ${c}) = ${triangular(b, a, b, c)}`)
        if (gaussian(b, b, sigma) !== 1) throw new Error(`gaussian peak ${gaussian(b, b, sigma)}`)
      },
    })
  })

  test('RSI is NaN before period, in [0, 100] from the seed on, and NaN for good from the first NaN delta after it', async () => {
    await checkProperty({
      id: 'inv-rsi-range',
      file: FILE,
      arbitraries: [ohlcvFrameArb({ minBars: 2, maxBars: 150, ...ANOMALOUS }), fc.integer({ min: 1, max: 30 })],
      predicate: (frame, period) => {
        const close = frame.close
        const delta = close.map((c, i) => (i === 0 ? NaN : c - close[i - 1]!))
        const flat = delta.every((d) => Number.isNaN(d) || d === 0)
        const seedMissing = delta.slice(1, period + 1).every(Number.isNaN)
        let broken = false
        rsi(close, period).forEach((v, i) => {
          if (i > period && Number.isNaN(delta[i]!)) broken = true
          const expectNaN = i < period || close.length <= period || (!flat && (broken || seedMissing))
          if (expectNaN !== Number.isNaN(v)) throw new Error(`row ${i} (period ${period}) is ${v}`)
          if (!expectNaN && !(v >= 0 && v <= 100)) throw new Error(`RSI ${v} at row ${i}`)
        })
      },
    })
  })

  test('zigzag labels are in {0,1,2}; bar 0 and every pivot are HOLD, so is the tail after the last pivot', async () => {
    await checkProperty({
      id: 'inv-zigzag-labels',
      file: FILE,
      arbitraries: [
        ohlcvFrameArb({ minBars: 3, maxBars: 200, ...ANOMALOUS }).map((f) => f.close),
        fc.integer({ min: 5, max: 100 }).map((k) => k / 1000),
      ],
      predicate: (close, threshold) => {
        const pivots = zigzagPivots(close, threshold)
        const labels = segmentLabels(close, pivots)
        if (labels.length !== close.length) throw new Error(`${labels.length} labels for ${close.length} bars`)
        if (pivots[0] !== 0) throw new Error('bar 0 is not a pivot')
        for (let k = 1; k < pivots.length; k++)
          if (!(pivots[k]! > pivots[k - 1]!)) throw new Error('pivots not increasing')
        labels.forEach((l, i) => {
          if (l !== LABEL.BUY && l !== LABEL.HOLD && l !== LABEL.SELL) throw new Error(`label ${l} at ${i}`)
        })
        for (const p of pivots) if (labels[p] !== LABEL.HOLD) throw new Error(`pivot bar ${p} is ${labels[p]}`)
        for (let i = pivots[pivots.length - 1]!; i < labels.length; i++) {
          if (labels[i] !== LABEL.HOLD) throw new Error(`bar ${i} after the last pivot is ${labels[i]}`)
        }
        for (let k = 0; k + 1 < pivots.length; k++) {
          const expected = close[pivots[k + 1]!]! > close[pivots[k]!]! ? LABEL.BUY : LABEL.SELL
          for (let i = pivots[k]! + 1; i < pivots[k + 1]!; i++) {
            if (labels[i] !== expected) throw new Error(`bar ${i} between pivots is ${labels[i]}, not ${expected}`)
          }
        }
      },
    })
  })

  test('single timeframe: feature count = F·(1 + L), features in [0, 1], one label per feature row', async () => {
    await checkProperty({
      id: 'inv-feature-count-single',
      file: FILE,
      cost: 2,
      arbitraries: [seriesSpecArb({ minBars: 40, maxBars: 120, ...ANOMALOUS }), generatedStrategyArb()],
      predicate: (series, strategy) => {
        const probes = stages({ '1h': buildSeries(series) }, strategy.config)
        const fuzzyColumns = probes.fuzzy['1h']!.names.length
        const expected = fuzzyColumns * (1 + strategy.spec.lookback)
        const { names, values, timestamps } = probes.features
        if (names.length !== expected)
          throw new Error(`${names.length} features, expected ${fuzzyColumns}·(1+${strategy.spec.lookback})`)
        if (values.length !== timestamps.length * names.length) throw new Error('feature matrix is not rows × names')
        if (probes.labels.length !== timestamps.length)
          throw new Error(`${probes.labels.length} labels, ${timestamps.length} rows`)
        const bad = values.findIndex((v) => !(v >= 0 && v <= 1))
        if (bad >= 0) throw new Error(`feature value ${values[bad]} (${names[bad % names.length]}) outside [0, 1]`)
      },
    })
  }).timeout(120_000)

  test('1h + 4h: feature count = (F₁ₕ + F₄ₕ)·(1 + L) on the 1h rows, names double-prefixed', async () => {
    await checkProperty({
      id: 'inv-feature-count-multi',
      file: FILE,
      cost: 4,
      arbitraries: [
        multiTimeframeSpecArb({ missingCloses: true }),
        generatedStrategyArb({ indicators: ['rsi', 'macd', 'sma', 'ema'] }),
      ],
      predicate: (series, strategy) => {
        const frames = multiTimeframeFrames(series)
        const probes = stages(frames, strategy.config)
        const f = Object.values(probes.fuzzy).reduce((sum, set) => sum + set.names.length, 0)
        const { names, timestamps } = probes.features
        if (names.length !== f * (1 + strategy.spec.lookback)) throw new Error(`${names.length} features for F = ${f}`)
        if (timestamps.length !== frames['1h']!.timestamps.length) throw new Error('rows are not the 1h bars')
        const core = names.slice(0, f)
        const wrong = core.find((n) => !/^(1h_1h_|4h_4h_)/.test(n))
        if (wrong) throw new Error(`core feature ${wrong} is not double-prefixed`)
      },
    })
  }).timeout(120_000)

  test('stages are deterministic: two runs on the same input are bitwise identical', async () => {
    await checkProperty({
      id: 'inv-stages-deterministic',
      file: FILE,
      cost: 2,
      arbitraries: [seriesSpecArb({ minBars: 40, maxBars: 100, ...ANOMALOUS }), generatedStrategyArb()],
      predicate: (series, strategy) => {
        const a = stages({ '1h': buildSeries(series) }, strategy.config)
        const b = stages({ '1h': buildSeries(series) }, strategy.config)
        const differences = stageProbeDifferences(a, b)
        if (differences.length > 0) throw new Error(differences.join('\n'))
      },
    })
  })
})
