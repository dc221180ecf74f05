// Differential properties, local_old ↔ local_new, stage by stage (docs/legacy-behaviour.md §12.2: pre-model stages
// bit-exact): for any generated series and strategy, the legacy port (files in, `runLegacySymbolStages`) and the
// reference pipeline (`computeSymbolStages` on the parsed strategy) give identical names and labels and bitwise
// identical floats in data, indicators, mapped inputs, fuzzy memberships and features — or both refuse the input.
import { test } from '@japa/runner'
import {
  buildSeries,
  multiTimeframeFrames,
  multiTimeframeSpecArb,
  seriesSpecArb,
  type SeriesSpec,
} from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import {
  QUIRKY_INDICATORS,
  STRATEGY_INDICATORS,
  strategyConfig,
  strategySpecArb,
  strategyYaml,
  type StrategySpec,
} from '../../harness/arbitraries/strategy.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { assertStagePairAgrees } from './_support/stage-pair.ts'

const FILE = import.meta.filename

function assertSameStages(frames: Record<string, OhlcvFrame>, strategy: StrategySpec): void {
  assertStagePairAgrees(frames, strategyYaml(strategy), strategyConfig(strategy))
}

const single = (spec: SeriesSpec) => ({ '1h': buildSeries(spec) })

test.group('property: local_old ↔ local_new pre-model stages (bitwise)', () => {
  test('single timeframe, clean series', async () => {
    await checkProperty({
      id: 'diff-stages-single-clean',
      file: FILE,
      cost: 3,
      arbitraries: [seriesSpecArb({ minBars: 40, maxBars: 150 }), strategySpecArb()],
      predicate: (series, strategy) => assertSameStages(single(series), strategy),
    })
  }).timeout(120_000)

  test('single timeframe with gaps, flats longer than an RSI period, missing closes, ±12 % spikes, prices from 0.2', async () => {
    await checkProperty({
      id: 'diff-stages-single-anomalies',
      file: FILE,
      cost: 3,
      arbitraries: [
        seriesSpecArb({
          minBars: 40,
          maxBars: 150,
          gaps: true,
          flats: true,
          flatLength: [2, 24],
          missingCloses: true,
          spikes: true,
          spikeBp: [1200, 1200],
          priceRange: [0.2, 150],
        }),
        strategySpecArb(),
      ],
      predicate: (series, strategy) => assertSameStages(single(series), strategy),
    })
  }).timeout(120_000)

  test('1h base + 4h aggregated (multi-timeframe), with gaps up to four days, long flats and missing closes', async () => {
    await checkProperty({
      id: 'diff-stages-multi-timeframe',
      file: FILE,
      cost: 6,
      arbitraries: [
        multiTimeframeSpecArb({ gaps: true, gapHours: [1, 96], missingCloses: true, flats: true, flatLength: [2, 24] }),
        strategySpecArb(),
      ],
      predicate: (series, strategy) => assertSameStages(multiTimeframeFrames(series), strategy),
    })
  }).timeout(120_000)

  test('indicator names that hit the old type-inference quirks (dropped, generic columns, explicit type)', async () => {
    await checkProperty({
      id: 'diff-stages-quirky-names',
      file: FILE,
      cost: 3,
      arbitraries: [
        seriesSpecArb({ minBars: 40, maxBars: 150, missingCloses: true }),
        strategySpecArb({ indicators: [...STRATEGY_INDICATORS, ...QUIRKY_INDICATORS] }),
      ],
      predicate: (series, strategy) => assertSameStages(single(series), strategy),
    })
  }).timeout(120_000)

  test('short series: both paths refuse or both agree', async () => {
    await checkProperty({
      id: 'diff-stages-short-series',
      file: FILE,
      cost: 3,
      arbitraries: [seriesSpecArb({ minBars: 1, maxBars: 40, missingCloses: true }), strategySpecArb()],
      predicate: (series, strategy) => assertSameStages(single(series), strategy),
    })
  }).timeout(120_000)
})
