// Cross-checks of the reference indicators against technicalindicators 3.1.0 (docs/architecture.md §9.5) on
// price-like series only (positive, no NaN, no exact 0 in any window — TI's linked-list iterator stops at a 0).
// TI returns shorter arrays aligned to the END of the input; `alignEnd` puts them back on our indices. Where the
// two seed differently, they must agree once the warm-up has died out: for a recursion with factor (1 − α) the
// seed's influence after k further bars is (1 − α)^k, so we compare from the first index where (1 − α)^k < 1e-8.
//
//   indicator  | compared from index                      | tolerance                     | convention difference
//   RSI        | period                                   | |Δ| ≤ 0.005 (TI rounds to 2 d) | same seed (mean of bars 1…period); ours is 50 while
//              |                                          |                               | every delta so far is 0, TI 100: those rows skipped
//   SMA        | period − 1                               | 1e-9 relative                 | TI keeps a running sum, ours re-sums every window
//   EMA        | period − 1 + k, (1 − α)^k < 1e-8          | 1e-6 relative                 | TI seeds with the SMA of the first `period` values; our
//              |                                          |                               | MACD lines (adjust=False) seed with the first value and
//              |                                          |                               | our `ema` is pandas adjust=True (normalised weights)
//   MACD       | slow − 1 + k_slow (+ k_signal for signal  | 1e-6 × mean close, absolute    | TI EMA flags must be passed as false explicitly; seeds
//              | and histogram)                           | (MACD crosses 0)              | differ as for EMA
//   Bollinger  | period − 1                               | middle 1e-9 relative; σ 1e-8 × | ours: sample σ (ddof 1), TI: population σ — compared
//              |                                          | mean close after rescaling     | after σ_ours · sqrt((n − 1)/n)
//   ATR        | period + k, (1 − 1/period)^k < 1e-8       | 1e-6 relative                 | the strategy ATR (`atr`) is a simple mean of TR (old
//              |                                          |                               | behaviour) and is NOT comparable with TI's Wilder ATR;
//              |                                          |                               | `wilderAtrValues` is compared instead. Its seed is the
//              |                                          |                               | mean of TR[0…p−1] (TR[0] = high − low), TI's TR[1…p].
import { test } from '@japa/runner'
import fc from 'fast-check'
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators'
import { ohlcvFrameArb, priceSeriesArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { alignEnd, decayBars } from './_support/technicalindicators-alignment.ts'
import { ewmAdjustFalse, ewmAlpha } from '../../reference/indicators/_internals/smoothing.ts'
import { wilderAtrValues } from '../../reference/indicators/atr.ts'
import { bollingerBands } from '../../reference/indicators/bollinger.ts'
import { ema } from '../../reference/indicators/ema.ts'
import { macd } from '../../reference/indicators/macd.ts'
import { rsi } from '../../reference/indicators/rsi.ts'
import { sma } from '../../reference/indicators/sma.ts'

const FILE = import.meta.filename

function mean(x: Float64Array): number {
  return x.reduce((a, b) => a + b, 0) / x.length
}

/** Fails at the first index ≥ from where |ours − theirs| > tolerance(i) (or one side is NaN). */
function assertClose(
  label: string,
  ours: Float64Array,
  theirs: Float64Array,
  from: number,
  tolerance: (i: number) => number,
  skip: (i: number) => boolean = () => false,
): void {
  for (let i = from; i < ours.length; i++) {
    if (skip(i)) continue
    const d = Math.abs(ours[i]! - theirs[i]!)
    if (!(d <= tolerance(i)))
      throw new Error(`${label}: index ${i}: ours ${ours[i]} vs TI ${theirs[i]} (|Δ| ${d} > ${tolerance(i)})`)
  }
}

const relative = (x: Float64Array, r: number) => (i: number) => r * Math.abs(x[i]!)
const SHORT = priceSeriesArb(40, 160)

test.group('property: cross-check against technicalindicators after warm-up', () => {
  test('RSI agrees within 0.005 from index period (TI rounds to 2 decimals)', async () => {
    await checkProperty({
      id: 'ti-rsi',
      file: FILE,
      arbitraries: [SHORT, fc.integer({ min: 2, max: 30 })],
      predicate: (close, period) => {
        const theirs = alignEnd(RSI.calculate({ values: Array.from(close), period }), close.length)
        let flatUntil = 0
        while (flatUntil + 1 < close.length && close[flatUntil + 1] === close[0]) flatUntil++
        assertClose(
          'RSI',
          rsi(close, period),
          theirs,
          period,
          () => 0.005 + 1e-9,
          (i) => i <= flatUntil,
        )
      },
    })
  })

  test('SMA agrees within 1e-9 relative from index period − 1', async () => {
    await checkProperty({
      id: 'ti-sma',
      file: FILE,
      arbitraries: [SHORT, fc.integer({ min: 2, max: 40 })],
      predicate: (close, period) => {
        const ours = sma(close, period)
        const theirs = alignEnd(SMA.calculate({ values: Array.from(close), period }), close.length)
        assertClose('SMA', ours, theirs, period - 1, relative(ours, 1e-9))
      },
    })
  })

  test('EMA (adjust=False line and adjust=True ema) agree within 1e-6 relative once (1 − α)^k < 1e-8', async () => {
    await checkProperty({
      id: 'ti-ema',
      file: FILE,
      arbitraries: [priceSeriesArb(300, 420), fc.integer({ min: 2, max: 20 })],
      predicate: (close, period) => {
        const from = period - 1 + decayBars(ewmAlpha({ span: period }))
        if (from >= close.length) throw new Error(`series of ${close.length} too short for period ${period}`)
        const theirs = alignEnd(EMA.calculate({ values: Array.from(close), period }), close.length)
        const line = ewmAdjustFalse(close, { span: period })
        assertClose('EMA adjust=False', line, theirs, from, relative(line, 1e-6))
        const adjusted = ema(close, period)
        assertClose('EMA adjust=True', adjusted, theirs, from, relative(adjusted, 1e-6))
      },
    })
  })

  test('MACD line, signal and histogram agree within 1e-6 × mean close once both seeds have decayed', async () => {
    await checkProperty({
      id: 'ti-macd',
      file: FILE,
      arbitraries: [
        priceSeriesArb(420, 500),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 2, max: 9 }),
      ],
      predicate: (close, fast, slowExtra, signal) => {
        const slow = fast + slowExtra
        const ours = macd(close, fast, slow, signal)
        const ti = MACD.calculate({
          values: Array.from(close),
          fastPeriod: fast,
          slowPeriod: slow,
          signalPeriod: signal,
          SimpleMAOscillator: false,
          SimpleMASignal: false,
        })
        const n = close.length
        const tol = () => 1e-6 * mean(close)
        const lineFrom = slow - 1 + decayBars(ewmAlpha({ span: slow }))
        const signalFrom = lineFrom + signal - 1 + decayBars(ewmAlpha({ span: signal }))
        if (signalFrom >= n) throw new Error(`series of ${n} too short for MACD ${fast}/${slow}/${signal}`)
        assertClose(
          'MACD',
          ours.macd,
          alignEnd(
            ti.map((r) => r.MACD),
            n,
          ),
          lineFrom,
          tol,
        )
        assertClose(
          'MACD signal',
          ours.signal,
          alignEnd(
            ti.map((r) => r.signal),
            n,
          ),
          signalFrom,
          tol,
        )
        assertClose(
          'MACD histogram',
          ours.histogram,
          alignEnd(
            ti.map((r) => r.histogram),
            n,
          ),
          signalFrom,
          tol,
        )
      },
    })
  })

  test('Bollinger: middle within 1e-9 relative, σ·sqrt((n−1)/n) within 1e-8 × mean close, from index period − 1', async () => {
    await checkProperty({
      id: 'ti-bollinger',
      file: FILE,
      arbitraries: [SHORT, fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 30 }).map((k) => k / 10)],
      predicate: (close, period, multiplier) => {
        const ours = bollingerBands(close, period, multiplier)
        const ti = BollingerBands.calculate({ values: Array.from(close), period, stdDev: multiplier })
        const n = close.length
        const middle = alignEnd(
          ti.map((r) => r.middle),
          n,
        )
        assertClose('Bollinger middle', ours.middle, middle, period - 1, relative(ours.middle, 1e-9))
        const theirSigma = alignEnd(
          ti.map((r) => (r.upper - r.middle) / multiplier),
          n,
        )
        const rescale = Math.sqrt((period - 1) / period)
        const ourSigma = ours.upper.map((u, i) => ((u - ours.middle[i]!) / multiplier) * rescale)
        assertClose('Bollinger σ', ourSigma, theirSigma, period - 1, () => 1e-8 * mean(close))
      },
    })
  })

  test('Wilder ATR (wilderAtrValues, not the old simple-mean atr) agrees within 1e-6 relative once its seed decayed', async () => {
    await checkProperty({
      id: 'ti-atr-wilder',
      file: FILE,
      arbitraries: [ohlcvFrameArb({ minBars: 320, maxBars: 400 }), fc.integer({ min: 2, max: 14 })],
      predicate: (frame, period) => {
        const ours = wilderAtrValues(frame.high, frame.low, frame.close, period)
        const ti = ATR.calculate({
          high: Array.from(frame.high),
          low: Array.from(frame.low),
          close: Array.from(frame.close),
          period,
        })
        const from = period + decayBars(1 / period)
        if (from >= ours.length) throw new Error(`series of ${ours.length} too short for period ${period}`)
        assertClose('ATR', ours, alignEnd(ti, ours.length), from, relative(ours, 1e-6))
      },
    })
  })
})
