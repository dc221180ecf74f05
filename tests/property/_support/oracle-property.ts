/**
 * What the properties against KTRDR's own code (tests/property/oracle-stages.spec.ts and
 * tests/property/oracle-indicator-classes.spec.ts) share: when they run (`make oracle-properties`, and only with the
 * checkout and its packages), one driver process per test group, and the check of one generated case — its frames
 * and strategy written to a temporary folder, then the pre-model stages of ktrdr_py and local_old compared within
 * 1e-9 (names, rows, labels and pivots exact), or both refusing the input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Group } from '@japa/runner/core'
import { compareOracleStages } from '../../../harness/oracle/compare.ts'
import { OracleError, OracleSession } from '../../../harness/oracle/driver.ts'
import { runOracleStages } from '../../../harness/oracle/stages.ts'
import { runLegacySymbolStages } from '../../../legacy/local/symbol-stages.ts'
import { formatOhlcvCsv } from '../../../reference/data/csv.ts'
import type { OhlcvFrame } from '../../../reference/data/types.ts'
import { oracleUnavailable, TEST_KTRDR_SRC } from './ktrdr-checkout.ts'

const START = '2020-01-01'
const END = '2030-01-01'
const ENABLED = process.env.KTRDR_ORACLE_PROPERTIES === '1'

/** Why an oracle property is skipped. */
export const ORACLE_PROPERTY_SKIP_REASON = ENABLED
  ? 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)'
  : 'run by make oracle-properties (KTRDR_ORACLE_PROPERTIES=1)'

/** For japa's `.skip(…)`: true unless `make oracle-properties` asked for them and the oracle can run here. */
export async function skipOracleProperties(): Promise<boolean> {
  return !ENABLED || (await oracleUnavailable()) !== null
}

/** Starts one driver process for the group's tests (when they run) and closes it after them; returns its getter. */
export function useOracleSession(group: Group): () => OracleSession {
  let session: OracleSession | null = null
  group.setup(async () => {
    if (!(await skipOracleProperties())) session = OracleSession.start(TEST_KTRDR_SRC!)
    return async () => {
      await session?.close()
      session = null
    }
  })
  return () => session!
}

/** Fails unless ktrdr_py and local_old compute the same pre-model stages for these frames (by timeframe) and strategy YAML, or both refuse them. */
export async function assertOracleAgreesWithLegacy(
  session: OracleSession,
  frames: Readonly<Record<string, OhlcvFrame>>,
  strategyYaml: string,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-prop-'))
  try {
    const csvFiles: Record<string, string> = {}
    for (const [tf, frame] of Object.entries(frames)) {
      csvFiles[tf] = join(dir, `PROP_${tf}.csv`)
      writeFileSync(csvFiles[tf], formatOhlcvCsv(frame))
    }
    const strategyPath = join(dir, 'strategy.yaml')
    writeFileSync(strategyPath, strategyYaml)
    const request = { strategyPath, symbol: 'PROP', csvFiles, startDate: START, endDate: END }
    let legacy: ReturnType<typeof runLegacySymbolStages> | string
    try {
      legacy = runLegacySymbolStages(request)
    } catch (error) {
      legacy = `local_old refused: ${(error as Error).message}`
    }
    let oracle: Awaited<ReturnType<typeof runOracleStages>>['probes'] | string
    try {
      oracle = (await runOracleStages({ ...request, session })).probes
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
