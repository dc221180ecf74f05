// Property against KTRDR's own code (`make oracle-properties`) for the indicator classes built from `params:`
// (ZigZag, WilliamsR, OBV, CCI, Momentum, ROC, VWAP, ParabolicSAR, Ichimoku, RVI, MFI): for generated series with
// the anomalies real data has — missing closes, exact-tie flat stretches, multi-day gaps, ±12 % one-bar spikes,
// prices below 1 — and generated strategies that reach those classes by explicit type, alias or inferred name,
// with params: mappings, dropped top-level keys and refused parameters, the pre-model stages of ktrdr_py and
// local_old agree within 1e-9 (names, rows, labels and pivots exact), or both refuse the input. One driver
// process for every case. Skipped unless KTRDR_ORACLE_PROPERTIES=1, and skipped with the reason without a
// checkout or its packages.
import { test } from '@japa/runner'
import { anomalousSeriesArb, buildSeries } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import type { OracleSession } from '../../harness/oracle/driver.ts'
import { classStrategyArb, classStrategyYaml } from '../../harness/arbitraries/indicator-classes.ts'
import {
  assertOracleAgreesWithLegacy,
  ORACLE_PROPERTY_SKIP_REASON,
  skipOracleProperties,
  useOracleSession,
} from './_support/oracle-property.ts'

const FILE = import.meta.filename

let session: () => OracleSession

test.group('property: ktrdr_py ↔ local_old stages with the params: indicator classes within 1e-9', (group) => {
  session = useOracleSession(group)

  test('missing closes, flat stretches, multi-day gaps, ±12 % spikes, prices below 1', async () => {
    await checkProperty({
      id: 'oracle-stages-indicator-classes',
      file: FILE,
      cost: 3,
      arbitraries: [anomalousSeriesArb(), classStrategyArb()],
      predicate: (series, strategy) =>
        assertOracleAgreesWithLegacy(session(), { '1h': buildSeries(series, 'PROP') }, classStrategyYaml(strategy)),
    })
  })
    .skip(skipOracleProperties, ORACLE_PROPERTY_SKIP_REASON)
    .timeout(600_000)
})
