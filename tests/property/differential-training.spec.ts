// Differential properties, local_old ↔ local_new, for short trainings (docs/legacy-behaviour.md §14: bitwise-identical weights,
// history, metrics and importance for the same seed and runtime): tiny generated data (≤ 200 bars a symbol), 1–2
// epochs, random strategies and seeds, `cpu-fused` runtime, frozen clock.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { firstDeepDifference } from '../../harness/arbitraries/bitwise-diff.ts'
import {
  buildSeries,
  multiTimeframeFrames,
  multiTimeframeSpecArb,
  seriesSpecArb,
  type SeriesSpec,
} from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import {
  seedArb,
  strategyConfig,
  strategySpecArb,
  strategyYaml,
  type StrategySpec,
} from '../../harness/arbitraries/strategy.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { runTrainingPair } from './_support/training-pair.ts'

const FILE = import.meta.filename
const SERIES = seriesSpecArb({ minBars: 60, maxBars: 200, gaps: true, flats: true, missingCloses: true, spikes: true })

async function assertSameTraining(
  series: readonly SeriesSpec[],
  strategy: StrategySpec,
  seed: number,
  multiTimeframe = false,
): Promise<void> {
  const market: Record<string, Record<string, OhlcvFrame>> = {}
  series.forEach((spec, i) => {
    const symbol = `SYM${i}`
    market[symbol] = multiTimeframe ? multiTimeframeFrames(spec, symbol) : { '1h': buildSeries(spec, symbol) }
  })
  const { legacy, reference } = await runTrainingPair(
    market,
    strategyYaml(strategy),
    strategyConfig(strategy),
    seed,
    strategy.epochs,
  )
  if (legacy.ok && reference.ok) {
    const difference = firstDeepDifference(legacy.summary, reference.summary, 'training')
    if (difference) throw new Error(`local_old vs local_new: ${difference}`)
  } else if (legacy.ok !== reference.ok) {
    throw new Error(
      legacy.ok
        ? `only local_new failed: ${reference.ok || reference.error}`
        : `only local_old failed: ${legacy.error}`,
    )
  }
}

test.group('property: local_old ↔ local_new short trainings (weights_sha256)', () => {
  test('one symbol: same seed → same weights_sha256, history, metrics and importance', async () => {
    await checkProperty({
      id: 'diff-training-one-symbol',
      file: FILE,
      cost: 6,
      arbitraries: [SERIES, strategySpecArb(), seedArb()],
      predicate: (series, strategy, seed) => assertSameTraining([series], strategy, seed),
    })
  }).timeout(300_000)

  test('two symbols (subsample, balanced batches, embedding): same seed → same training', async () => {
    await checkProperty({
      id: 'diff-training-two-symbols',
      file: FILE,
      cost: 6,
      arbitraries: [fc.tuple(SERIES, SERIES), strategySpecArb(), seedArb()],
      predicate: (series, strategy, seed) => assertSameTraining(series, strategy, seed),
    })
  }).timeout(300_000)

  test('1h + 4h (220–260 bars: the old loader needs ≥ 50 bars of 4h): same seed → same training', async () => {
    await checkProperty({
      id: 'diff-training-multi-timeframe',
      file: FILE,
      cost: 8,
      arbitraries: [multiTimeframeSpecArb({ missingCloses: true, gaps: true }), strategySpecArb(), seedArb()],
      predicate: (series, strategy, seed) => assertSameTraining([series], strategy, seed, true),
    })
  }).timeout(300_000)
})
