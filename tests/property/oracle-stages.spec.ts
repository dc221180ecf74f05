// Properties against KTRDR's own code (`make oracle-properties`): for generated series with the anomalies real
// data has — exact-tie flat stretches longer than an RSI period, multi-day gaps, ±12 % one-bar spikes, prices
// below 1, with and without missing closes — and generated strategies, the pre-model stages of ktrdr_py and
// local_old agree within 1e-9 (names, rows, labels and zigzag pivots exact), or both refuse the input.
// All cases of a run go through ONE driver process. Skipped unless KTRDR_ORACLE_PROPERTIES=1 (they need the
// checkout, and a few seconds a case), and skipped with the reason when the checkout or packages are missing.
import { test } from '@japa/runner'
import { buildSeries, halfBelowOneSeriesArb, type SeriesOptions } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { strategySpecArb, strategyYaml, type StrategySpec } from '../../harness/arbitraries/strategy.ts'
import type { OracleSession } from '../../harness/oracle/driver.ts'
import { resampleOhlcv } from '../../reference/data/resample.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import {
  assertOracleAgreesWithLegacy,
  ORACLE_PROPERTY_SKIP_REASON,
  skipOracleProperties,
  useOracleSession,
} from './_support/oracle-property.ts'

const FILE = import.meta.filename

/** Real data's anomalies, missing closes aside. */
const ANOMALIES: SeriesOptions = {
  minBars: 80,
  maxBars: 220,
  gaps: true,
  gapHours: [25, 96],
  flats: true,
  flatLength: [15, 30],
  spikes: true,
  spikeBp: [1200, 1200],
}

function assertSameStages(frames: Record<string, OhlcvFrame>, strategy: StrategySpec): Promise<void> {
  return assertOracleAgreesWithLegacy(session(), frames, strategyYaml(strategy))
}

let session: () => OracleSession

test.group('property: ktrdr_py (KTRDR’s own code) ↔ local_old pre-model stages within 1e-9', (group) => {
  session = useOracleSession(group)

  test('single timeframe: flat stretches longer than an RSI period, multi-day gaps, ±12 % spikes, prices below 1', async () => {
    await checkProperty({
      id: 'oracle-stages-single-anomalies',
      file: FILE,
      cost: 3,
      arbitraries: [halfBelowOneSeriesArb(ANOMALIES), strategySpecArb()],
      predicate: (series, strategy) => assertSameStages({ '1h': buildSeries(series, 'PROP') }, strategy),
    })
  })
    .skip(skipOracleProperties, ORACLE_PROPERTY_SKIP_REASON)
    .timeout(600_000)

  test('1h + 4h with the same anomalies', async () => {
    await checkProperty({
      id: 'oracle-stages-multi-anomalies',
      file: FILE,
      cost: 3,
      arbitraries: [halfBelowOneSeriesArb({ ...ANOMALIES, minBars: 240, maxBars: 300 }), strategySpecArb()],
      predicate: (series, strategy) => {
        const base = buildSeries(series, 'PROP', '1h')
        return assertSameStages({ '1h': base, '4h': resampleOhlcv(base, '4h') }, strategy)
      },
    })
  })
    .skip(skipOracleProperties, ORACLE_PROPERTY_SKIP_REASON)
    .timeout(600_000)

  test('single timeframe with missing closes too', async () => {
    await checkProperty({
      id: 'oracle-stages-missing-closes',
      file: FILE,
      cost: 3,
      arbitraries: [halfBelowOneSeriesArb({ ...ANOMALIES, missingCloses: true }), strategySpecArb()],
      predicate: (series, strategy) => assertSameStages({ '1h': buildSeries(series, 'PROP') }, strategy),
    })
  })
    .skip(skipOracleProperties, ORACLE_PROPERTY_SKIP_REASON)
    .timeout(600_000)

  test('1h + 4h with missing closes too (NaN kept through the multi-timeframe mapping and fuzzy)', async () => {
    await checkProperty({
      id: 'oracle-stages-multi-missing-closes',
      file: FILE,
      cost: 3,
      arbitraries: [
        halfBelowOneSeriesArb({ ...ANOMALIES, missingCloses: true, minBars: 240, maxBars: 300 }),
        strategySpecArb(),
      ],
      predicate: (series, strategy) => {
        const base = buildSeries(series, 'PROP', '1h')
        return assertSameStages({ '1h': base, '4h': resampleOhlcv(base, '4h') }, strategy)
      },
    })
  })
    .skip(skipOracleProperties, ORACLE_PROPERTY_SKIP_REASON)
    .timeout(600_000)
})
