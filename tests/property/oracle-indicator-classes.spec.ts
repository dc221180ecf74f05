// Property against KTRDR's own code (`make oracle-properties`) for the indicator classes built from `params:`
// (ZigZag, WilliamsR, OBV, CCI, Momentum, ROC, VWAP, ParabolicSAR, Ichimoku, RVI, MFI): for generated series with
// the anomalies real data has — missing closes, exact-tie flat stretches, multi-day gaps, ±12 % one-bar spikes,
// prices below 1 — and generated strategies that reach those classes by explicit type, alias or inferred name,
// with params: mappings, dropped top-level keys and refused parameters, the pre-model stages of ktrdr_py and
// local_old agree within 1e-9 (names, rows, labels and pivots exact), or both refuse the input. One driver
// process for every case. Skipped unless KTRDR_ORACLE_PROPERTIES=1, and skipped with the reason without a
// checkout or its packages.
import { test } from '@japa/runner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anomalousSeriesArb, buildSeries, type SeriesSpec } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { compareOracleStages } from '../../harness/oracle/compare.ts'
import { OracleError, OracleSession } from '../../harness/oracle/driver.ts'
import { runOracleStages } from '../../harness/oracle/stages.ts'
import { runLegacySymbolStages } from '../../legacy/local/symbol-stages.ts'
import { formatOhlcvCsv } from '../../reference/data/csv.ts'
import {
  classStrategyArb,
  classStrategyYaml,
  type ClassStrategySpec,
} from '../../harness/arbitraries/indicator-classes.ts'
import { oracleUnavailable, TEST_KTRDR_SRC } from './_support/ktrdr-checkout.ts'

const FILE = import.meta.filename
const START = '2020-01-01'
const END = '2030-01-01'

let session: OracleSession | null = null

async function assertSameStages(series: SeriesSpec, strategy: ClassStrategySpec): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-classes-'))
  try {
    const csvFiles = { '1h': join(dir, 'PROP_1h.csv') }
    writeFileSync(csvFiles['1h'], formatOhlcvCsv(buildSeries(series, 'PROP')))
    const strategyPath = join(dir, 'strategy.yaml')
    writeFileSync(strategyPath, classStrategyYaml(strategy))
    const request = { strategyPath, symbol: 'PROP', csvFiles, startDate: START, endDate: END }
    let legacy: ReturnType<typeof runLegacySymbolStages> | string
    try {
      legacy = runLegacySymbolStages(request)
    } catch (error) {
      legacy = `local_old refused: ${(error as Error).message}`
    }
    let oracle: Awaited<ReturnType<typeof runOracleStages>>['probes'] | string
    try {
      oracle = (await runOracleStages({ ...request, session: session! })).probes
    } catch (error) {
      if (error instanceof OracleError && error.kind === 'setup') throw error
      oracle = `ktrdr_py refused: ${(error as Error).message.split('\n')[0]}`
    }
    if (typeof legacy === 'string' || typeof oracle === 'string') {
      if (typeof legacy === 'string' && typeof oracle === 'string') return
      throw new Error(typeof legacy === 'string' ? legacy : String(oracle))
    }
    const failing = compareOracleStages(oracle, legacy).filter((c) => !c.passed)
    if (failing.length > 0) {
      throw new Error(
        `ktrdr_py ≠ local_old:\n${failing.map((c) => `${c.stage} ${c.artifact}: ${c.detail}`).join('\n')}`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const enabled = process.env.KTRDR_ORACLE_PROPERTIES === '1'
const skip = async (): Promise<boolean> => !enabled || (await oracleUnavailable()) !== null
const REASON = enabled
  ? 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)'
  : 'run by make oracle-properties (KTRDR_ORACLE_PROPERTIES=1)'

test.group('property: ktrdr_py ↔ local_old stages with the params: indicator classes within 1e-9', (group) => {
  group.setup(async () => {
    if (!(await skip())) session = OracleSession.start(TEST_KTRDR_SRC!)
    return async () => {
      await session?.close()
      session = null
    }
  })

  test('missing closes, flat stretches, multi-day gaps, ±12 % spikes, prices below 1', async () => {
    await checkProperty({
      id: 'oracle-stages-indicator-classes',
      file: FILE,
      cost: 3,
      arbitraries: [anomalousSeriesArb(), classStrategyArb()],
      predicate: assertSameStages,
    })
  })
    .skip(skip, REASON)
    .timeout(600_000)
})
