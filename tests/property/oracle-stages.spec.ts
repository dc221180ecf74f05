// Properties against KTRDR's own code (`make oracle-properties`): for generated series with the anomalies real
// data has — exact-tie flat stretches longer than an RSI period, multi-day gaps, ±12 % one-bar spikes, prices
// below 1, with and without missing closes — and generated strategies, the pre-model stages of ktrdr_py and
// local_old agree within 1e-9 (names, rows, labels and zigzag pivots exact), or both refuse the input.
// All cases of a run go through ONE driver process. Skipped unless KTRDR_ORACLE_PROPERTIES=1 (they need the
// checkout, and a few seconds a case), and skipped with the reason when the checkout or packages are missing.
import { test } from '@japa/runner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSeries, halfBelowOneSeriesArb, type SeriesOptions } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { strategySpecArb, strategyYaml, type StrategySpec } from '../../harness/arbitraries/strategy.ts'
import { compareOracleStages } from '../../harness/oracle/compare.ts'
import { OracleError, OracleSession } from '../../harness/oracle/driver.ts'
import { runOracleStages } from '../../harness/oracle/stages.ts'
import { resampleOhlcv } from '../../reference/data/resample.ts'
import { formatOhlcvCsv } from '../../reference/data/csv.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { runLegacySymbolStages } from '../../legacy/local/symbol-stages.ts'
import { TEST_KTRDR_SRC, oracleUnavailable } from './_support/ktrdr-checkout.ts'

const FILE = import.meta.filename
const START = '2020-01-01'
const END = '2030-01-01'

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

let session: OracleSession | null = null

async function assertSameStages(frames: Record<string, OhlcvFrame>, strategy: StrategySpec): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-prop-'))
  try {
    const csvFiles: Record<string, string> = {}
    for (const [tf, frame] of Object.entries(frames)) {
      csvFiles[tf] = join(dir, `PROP_${tf}.csv`)
      writeFileSync(csvFiles[tf], formatOhlcvCsv(frame))
    }
    const strategyPath = join(dir, 'strategy.yaml')
    writeFileSync(strategyPath, strategyYaml(strategy))
    let legacy: ReturnType<typeof runLegacySymbolStages> | string
    try {
      legacy = runLegacySymbolStages({ strategyPath, symbol: 'PROP', csvFiles, startDate: START, endDate: END })
    } catch (error) {
      legacy = `local_old refused: ${(error as Error).message}`
    }
    let oracle: Awaited<ReturnType<typeof runOracleStages>>['probes'] | string
    try {
      oracle = (
        await runOracleStages({
          strategyPath,
          symbol: 'PROP',
          csvFiles,
          startDate: START,
          endDate: END,
          session: session!,
        })
      ).probes
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

test.group('property: ktrdr_py (KTRDR’s own code) ↔ local_old pre-model stages within 1e-9', (group) => {
  group.setup(async () => {
    if (!(await skip())) session = OracleSession.start(TEST_KTRDR_SRC!)
    return async () => {
      await session?.close()
      session = null
    }
  })

  test('single timeframe: flat stretches longer than an RSI period, multi-day gaps, ±12 % spikes, prices below 1', async () => {
    await checkProperty({
      id: 'oracle-stages-single-anomalies',
      file: FILE,
      cost: 3,
      arbitraries: [halfBelowOneSeriesArb(ANOMALIES), strategySpecArb()],
      predicate: (series, strategy) => assertSameStages({ '1h': buildSeries(series, 'PROP') }, strategy),
    })
  })
    .skip(skip, REASON)
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
    .skip(skip, REASON)
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
    .skip(skip, REASON)
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
    .skip(skip, REASON)
    .timeout(600_000)
})
