// Cross-checks of the reference indicator classes built from `params:` against technicalindicators 3.1.0, on
// price-like OHLCV series (positive, no missing close, no flat stretch — a zero range makes %R and CCI 0 / 0 and a
// flat typical price is a tie MFI counts differently). TI returns shorter arrays aligned to the END of the input;
// `alignEnd` puts them back on our indices.
//
//   indicator  | compared from index      | tolerance                          | convention difference
//   WilliamsR  | period − 1               | bitwise                            | ours turns NaN into −50 (none here)
//   OBV        | 1                        | bitwise                            | TI emits nothing for bar 0 (ours 0)
//   CCI        | period − 1               | 1e-9 · (1 + |CCI|)                 | ours: pandas' compensated rolling mean and
//              |                          |                                    | pairwise mean deviation; TI: running SMA,
//              |                          |                                    | deviation summed in order
//   ROC        | period                   | bitwise                            | ours turns ±∞ into NaN (none here)
//   VWAP       | 0 (period 0, typical)    | bitwise                            | TI only has the cumulative form
//   MFI        | period + 1               | 0.005 + 1e-9 (TI rounds to 2 d)    | TI skips bar 0 entirely, so its first value
//              |                          |                                    | comes one bar later; a tie would be negative
//              |                          |                                    | flow in TI and no flow in ours (none here)
//   Ichimoku   | max(t, k, b, d) − 1      | bitwise (Tenkan, Kijun, Senkou A/B) | neither shifts by the displacement; TI starts
//              |                          |                                    | at max(periods, displacement)
//   not compared: ParabolicSAR (TI starts long from bar 0 and tests the reversal after clamping, with `<`; the old
//   class starts from close[1] vs close[0] and tests before clamping, with `<=`, so the two paths differ by design),
//   Momentum and RVI (TI has neither), ZigZag (TI's is a drawing tool, not this pivot series).
import { test } from '@japa/runner'
import fc from 'fast-check'
import { CCI, IchimokuCloud, MFI, OBV, ROC, VWAP, WilliamsR } from 'technicalindicators'
import { ohlcvFrameArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { cci } from '../../reference/indicators/cci.ts'
import { ichimoku } from '../../reference/indicators/ichimoku.ts'
import { mfi } from '../../reference/indicators/mfi.ts'
import { obv } from '../../reference/indicators/obv.ts'
import { roc } from '../../reference/indicators/roc.ts'
import { vwap } from '../../reference/indicators/vwap.ts'
import { williamsR } from '../../reference/indicators/williams-r.ts'

const FILE = import.meta.filename
const BARS = ohlcvFrameArb({ minBars: 60, maxBars: 160, gaps: true, spikes: true })

/** TI's output (index j ↔ input n − length + j) on our indices, NaN where TI has no value. */
function alignEnd(values: ReadonlyArray<number | undefined>, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN)
  const offset = n - values.length
  values.forEach((v, j) => {
    if (v !== undefined) out[offset + j] = v
  })
  return out
}

/** Fails at the first index ≥ from where |ours − theirs| > tolerance(ours) (or one side is NaN). */
function assertClose(
  label: string,
  ours: Float64Array,
  theirs: Float64Array,
  from: number,
  tolerance: (x: number) => number = () => 0,
): void {
  for (let i = from; i < ours.length; i++) {
    const d = ours[i] === theirs[i] ? 0 : Math.abs(ours[i]! - theirs[i]!)
    if (!(d <= tolerance(ours[i]!)))
      throw new Error(`${label}: index ${i}: ours ${ours[i]} vs TI ${theirs[i]} (|Δ| ${d})`)
  }
}

const arrays = (f: { high: Float64Array; low: Float64Array; close: Float64Array }) => ({
  high: Array.from(f.high),
  low: Array.from(f.low),
  close: Array.from(f.close),
})

test.group('property: indicator classes cross-checked against technicalindicators', () => {
  test('Williams %R is bitwise equal from index period − 1', async () => {
    await checkProperty({
      id: 'ti-williams-r',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 1, max: 40 })],
      predicate: (f, period) => {
        const theirs = alignEnd(WilliamsR.calculate({ ...arrays(f), period }), f.close.length)
        assertClose('WilliamsR', williamsR(f.high, f.low, f.close, period), theirs, period - 1)
      },
    })
  })

  test('OBV is bitwise equal from index 1', async () => {
    await checkProperty({
      id: 'ti-obv',
      file: FILE,
      arbitraries: [BARS],
      predicate: (f) => {
        const theirs = alignEnd(
          OBV.calculate({ close: Array.from(f.close), volume: Array.from(f.volume) }),
          f.close.length,
        )
        assertClose('OBV', obv(f.close, f.volume), theirs, 1)
      },
    })
  })

  test('CCI agrees within 1e-9 · (1 + |CCI|) from index period − 1', async () => {
    await checkProperty({
      id: 'ti-cci',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 2, max: 40 })],
      predicate: (f, period) => {
        const theirs = alignEnd(CCI.calculate({ ...arrays(f), period }), f.close.length)
        assertClose('CCI', cci(f.high, f.low, f.close, period), theirs, period - 1, (x) => 1e-9 * (1 + Math.abs(x)))
      },
    })
  })

  test('ROC is bitwise equal from index period', async () => {
    await checkProperty({
      id: 'ti-roc',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 1, max: 40 })],
      predicate: (f, period) => {
        const theirs = alignEnd(ROC.calculate({ values: Array.from(f.close), period }), f.close.length)
        assertClose('ROC', roc(f.close, period), theirs, period)
      },
    })
  })

  test('cumulative VWAP of the typical price is bitwise equal', async () => {
    await checkProperty({
      id: 'ti-vwap',
      file: FILE,
      arbitraries: [BARS],
      predicate: (f) => {
        const theirs = alignEnd(VWAP.calculate({ ...arrays(f), volume: Array.from(f.volume) }), f.close.length)
        const typical = f.close.map((c, i) => (f.high[i]! + f.low[i]! + c) / 3)
        assertClose('VWAP', vwap(typical, f.volume, 0), theirs, 0)
      },
    })
  })

  test('MFI agrees within 0.005 from index period + 1 (TI rounds to 2 decimals)', async () => {
    await checkProperty({
      id: 'ti-mfi',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 1, max: 30 })],
      predicate: (f, period) => {
        const input = { ...arrays(f), volume: Array.from(f.volume), period }
        const theirs = alignEnd(MFI.calculate(input), f.close.length)
        assertClose('MFI', mfi(f.high, f.low, f.close, f.volume, period), theirs, period + 1, () => 0.005 + 1e-9)
      },
    })
  })

  test('Ichimoku Tenkan, Kijun and Senkou A / B are bitwise equal (neither shifts them)', async () => {
    await checkProperty({
      id: 'ti-ichimoku',
      file: FILE,
      arbitraries: [
        BARS,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 50 }),
      ],
      predicate: (f, tenkan, kijun, senkouB) => {
        const displacement = 5
        const ti = IchimokuCloud.calculate({
          high: Array.from(f.high),
          low: Array.from(f.low),
          conversionPeriod: tenkan,
          basePeriod: kijun,
          spanPeriod: senkouB,
          displacement,
        })
        const ours = ichimoku(f.high, f.low, f.close, { tenkan, kijun, senkouB })
        const n = f.close.length
        const from = Math.max(tenkan, kijun, senkouB, displacement) - 1
        assertClose(
          'Tenkan',
          ours.tenkan,
          alignEnd(
            ti.map((r) => r.conversion),
            n,
          ),
          from,
        )
        assertClose(
          'Kijun',
          ours.kijun,
          alignEnd(
            ti.map((r) => r.base),
            n,
          ),
          from,
        )
        assertClose(
          'Senkou A',
          ours.senkouA,
          alignEnd(
            ti.map((r) => r.spanA),
            n,
          ),
          from,
        )
        assertClose(
          'Senkou B',
          ours.senkouB,
          alignEnd(
            ti.map((r) => r.spanB),
            n,
          ),
          from,
        )
      },
    })
  })
})
