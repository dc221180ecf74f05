import { test } from '@japa/runner'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLegacySymbolStages } from '../../../../legacy/local/symbol-stages.ts'
import { writeSyntheticDataset } from '../../../../reference/data/synthetic.ts'
import type { ColumnSet, SymbolStageProbes } from '../../../../reference/runtime/probes.ts'
import { compareOracleStages, maxAbsByStage } from '../../../../harness/oracle/compare.ts'

const ROOT = join(import.meta.dirname, '../../../..')

const DATA = mkdtempSync(join(tmpdir(), 'oracle-compare-'))
writeSyntheticDataset(DATA, { symbols: ['DEMO'], bars: 300, seed: 3, timeframes: ['1h'] })

function probes(): SymbolStageProbes {
  return runLegacySymbolStages({
    strategyPath: join(ROOT, 'strategies/neuro_mean_reversion.yaml'),
    symbol: 'DEMO',
    csvFiles: { '1h': join(DATA, 'DEMO_1h.csv') },
    startDate: '2000-01-01',
    endDate: '2100-01-01',
  })
}

function shifted(set: ColumnSet, column: string, row: number, delta: number): ColumnSet {
  return {
    ...set,
    columns: set.columns.map((c, i) => {
      if (set.names[i] !== column) return c
      const copy = Float64Array.from(c)
      copy[row] = copy[row]! + delta
      return copy
    }),
  }
}

test.group('oracle/compare: ktrdr_py stages against a TypeScript path at 1e-9', () => {
  test('identical stages pass with max |diff| 0 in every stage', ({ assert }) => {
    const p = probes()
    const comparisons = compareOracleStages(p, p)
    assert.isTrue(comparisons.every((c) => c.passed))
    assert.deepEqual(maxAbsByStage(comparisons), {
      data: 0,
      indicators: 0,
      mapped: 0,
      fuzzy: 0,
      features: 0,
      labels: 0,
    })
  })

  test('5e-10 on one indicator value passes, 2e-9 fails at that column and row, a NaN fails', ({ assert }) => {
    const p = probes()
    const nudge = (delta: number): SymbolStageProbes => ({
      ...p,
      indicators: { '1h': shifted(p.indicators['1h']!, 'rsi_14', 40, delta) },
    })
    assert.isTrue(compareOracleStages(nudge(5e-10), p).every((c) => c.passed))
    const failing = compareOracleStages(nudge(2e-9), p).filter((c) => !c.passed)
    assert.lengthOf(failing, 1)
    assert.equal(failing[0]!.stage, 'indicators')
    assert.match(failing[0]!.location!, /^column rsi_14, row 40 /)
    const nan = compareOracleStages(nudge(Number.NaN), p).filter((c) => !c.passed)
    assert.equal(nan[0]!.max_abs, Number.POSITIVE_INFINITY)
  })

  test('float32 features: one ulp apart passes (a float64 ulp upstream can round either way), two ulps fail', ({
    assert,
  }) => {
    const p = probes()
    const i = p.features.values.findIndex((v) => v > 0.2)
    const bumped = (ulps: number): SymbolStageProbes => {
      const values = Float32Array.from(p.features.values)
      const bits = new Uint32Array(values.buffer)
      bits[i] = bits[i]! + ulps
      return { ...p, features: { ...p.features, values } }
    }
    assert.isTrue(compareOracleStages(bumped(1), p).every((c) => c.passed))
    assert.deepEqual(
      compareOracleStages(bumped(2), p)
        .filter((c) => !c.passed)
        .map((c) => c.stage),
      ['features'],
    )
  })

  test('the mapped price columns are left out; a different label or pivot is a failure', ({ assert }) => {
    const p = probes()
    const withoutPrices: SymbolStageProbes = {
      ...p,
      mapped: { '1h': { ...p.mapped['1h']!, names: ['rsi', 'macd'], columns: p.mapped['1h']!.columns.slice(-2) } },
    }
    assert.deepEqual(p.mapped['1h']!.names.slice(-2), ['rsi', 'macd'])
    assert.isTrue(compareOracleStages(withoutPrices, p).every((c) => c.passed))
    const labels = Int32Array.from(p.labels)
    labels[100] = (labels[100]! + 1) % 3
    const failing = compareOracleStages({ ...p, labels, pivots: Int32Array.from([0]) }, p).filter((c) => !c.passed)
    assert.deepEqual(
      failing.map((c) => c.artifact),
      ['DEMO/labels', 'DEMO/zigzag_pivots'],
    )
  })
})
