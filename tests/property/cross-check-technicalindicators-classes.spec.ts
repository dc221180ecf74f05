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
//   ADLine     | 0 (highs lifted 1 % so   | 0.5 + 1e-9 · (1 + |AD|)            | TI rounds every output to an integer and
//              | no bar has a zero range) |                                    | takes the multiplier of a zero range as 1
//   Keltner    | period − 1 + k,          | middle 1e-6 relative               | TI seeds its EMA with the SMA of the first
//              | (1 − α)^k < 1e-8          |                                    | period closes, ours with the first close;
//              |                          |                                    | the bands are not compared: TI's ATR is
//              |                          |                                    | Wilder's, the old class a simple mean of TR
//   Donchian   | period − 1               | bitwise (upper, lower)             | TI Highest / Lowest
//   BBW        | period − 1               | 1e-9 absolute after σ_ours ·       | TI's bands use the population σ
//              |                          | sqrt((n − 1)/n)                    |
//   VolumeRatio| period − 1               | 1e-9 relative                      | TI SMA of volume (running sum)
//   DistanceMA | period − 1               | 1e-9 · (1 + |x|) (SMA form)        | TI SMA (running sum)
//   not compared: ParabolicSAR (TI starts long from bar 0 and tests the reversal after clamping, with `<`; the old
//   class starts from close[1] vs close[0] and tests before clamping, with `<=`, so the two paths differ by design),
//   Momentum and RVI (TI has neither), ZigZag (TI's is a drawing tool, not this pivot series), Aroon, CMF,
//   SuperTrend, FisherTransform and SqueezeIntensity (TI has none of them).
import { test } from '@japa/runner'
import fc from 'fast-check'
import {
  ADL,
  BollingerBands,
  CCI,
  Highest,
  IchimokuCloud,
  KeltnerChannels,
  Lowest,
  MFI,
  OBV,
  ROC,
  SMA,
  VWAP,
  WilliamsR,
} from 'technicalindicators'
import { ohlcvFrameArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { alignEnd, decayBars } from './_support/technicalindicators-alignment.ts'
import { ewmAlpha } from '../../reference/indicators/_internals/smoothing.ts'
import { adLine } from '../../reference/indicators/ad-line.ts'
import { bollingerBandWidth } from '../../reference/indicators/bollinger-band-width.ts'
import { cci } from '../../reference/indicators/cci.ts'
import { distanceFromMa } from '../../reference/indicators/distance-from-ma.ts'
import { donchian } from '../../reference/indicators/donchian.ts'
import { keltner } from '../../reference/indicators/keltner.ts'
import { ichimoku } from '../../reference/indicators/ichimoku.ts'
import { mfi } from '../../reference/indicators/mfi.ts'
import { obv } from '../../reference/indicators/obv.ts'
import { roc } from '../../reference/indicators/roc.ts'
import { volumeRatio } from '../../reference/indicators/volume-ratio.ts'
import { vwap } from '../../reference/indicators/vwap.ts'
import { williamsR } from '../../reference/indicators/williams-r.ts'

const FILE = import.meta.filename
const BARS = ohlcvFrameArb({ minBars: 60, maxBars: 160, gaps: true, spikes: true })

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
  test('ADLine agrees with TI ADL within its integer rounding (0.5) from index 0', async () => {
    await checkProperty({
      id: 'ti-ad-line',
      file: FILE,
      arbitraries: [BARS],
      predicate: (f) => {
        const high = f.high.map((h) => h * 1.01)
        const theirs = alignEnd(
          ADL.calculate({ ...arrays({ ...f, high }), volume: Array.from(f.volume) }),
          f.close.length,
        )
        const ours = adLine(high, f.low, f.close, f.volume).line
        assertClose('ADLine', ours, theirs, 0, (x) => 0.5 + 1e-9 * (1 + Math.abs(x)))
      },
    })
  })

  test('Keltner middle agrees with TI within 1e-6 relative once the EMA seeds have decayed', async () => {
    await checkProperty({
      id: 'ti-keltner-middle',
      file: FILE,
      arbitraries: [
        ohlcvFrameArb({ minBars: 320, maxBars: 400, gaps: true, spikes: true }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 2, max: 20 }),
      ],
      predicate: (f, period, atrPeriod) => {
        const alpha = ewmAlpha({ span: period })
        const from = Math.max(period, atrPeriod) + decayBars(alpha)
        if (from >= f.close.length) throw new Error(`series of ${f.close.length} too short for span ${period}`)
        const ti = KeltnerChannels.calculate({
          ...arrays(f),
          maPeriod: period,
          atrPeriod,
          useSMA: false,
          multiplier: 2,
        })
        const theirs = alignEnd(
          ti.map((r) => r.middle),
          f.close.length,
        )
        const ours = keltner(f.high, f.low, f.close, period, atrPeriod, 2).middle
        assertClose('Keltner middle', ours, theirs, from, (x) => 1e-6 * Math.abs(x))
      },
    })
  })

  test('Donchian upper / lower are bitwise TI Highest / Lowest from index period − 1', async () => {
    await checkProperty({
      id: 'ti-donchian',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 2, max: 40 })],
      predicate: (f, period) => {
        const n = f.close.length
        const lines = donchian(f.high, f.low, f.close, period)
        assertClose(
          'DC upper',
          lines.upper,
          alignEnd(Highest.calculate({ values: Array.from(f.high), period }), n),
          period - 1,
        )
        assertClose(
          'DC lower',
          lines.lower,
          alignEnd(Lowest.calculate({ values: Array.from(f.low), period }), n),
          period - 1,
        )
      },
    })
  })

  test('BollingerBandWidth agrees with TI bands (population σ rescaled) within 1e-9 from index period − 1', async () => {
    await checkProperty({
      id: 'ti-bollinger-band-width',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 50 }).map((k) => k / 10)],
      predicate: (f, period, multiplier) => {
        const ti = BollingerBands.calculate({ values: Array.from(f.close), period, stdDev: multiplier })
        const theirs = alignEnd(
          ti.map((r) => (r.upper - r.lower) / r.middle),
          f.close.length,
        )
        const rescale = Math.sqrt((period - 1) / period)
        const ours = bollingerBandWidth(f.close, period, multiplier).map((w) => w * rescale)
        assertClose('BBW', ours, theirs, period - 1, () => 1e-9)
      },
    })
  })

  test('VolumeRatio and DistanceFromMA (SMA) agree with TI SMA within 1e-9 from index period − 1', async () => {
    await checkProperty({
      id: 'ti-volume-ratio-distance',
      file: FILE,
      arbitraries: [BARS, fc.integer({ min: 2, max: 40 })],
      predicate: (f, period) => {
        const n = f.close.length
        const volumeSma = alignEnd(SMA.calculate({ values: Array.from(f.volume), period }), n)
        const ratio = f.volume.map((v, i) => v / volumeSma[i]!)
        assertClose('VolumeRatio', volumeRatio(f.volume, period), ratio, period - 1, (x) => 1e-9 * Math.abs(x))
        const closeSma = alignEnd(SMA.calculate({ values: Array.from(f.close), period }), n)
        const distance = f.close.map((c, i) => ((c - closeSma[i]!) / closeSma[i]!) * 100)
        assertClose(
          'DistanceFromMA',
          distanceFromMa(f.close, period, 'SMA'),
          distance,
          period - 1,
          (x) => 1e-9 * (1 + Math.abs(x)),
        )
      },
    })
  })
})
