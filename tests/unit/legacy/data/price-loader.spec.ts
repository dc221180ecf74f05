import { readFileSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import type { LegacyDataError } from '../../../../legacy/local/data/errors.ts'
import { loadLegacyPriceData } from '../../../../legacy/local/data/price-loader.ts'
import { tempDir, writeHourlyCsv } from '../../../fixtures/legacy/temp-files.ts'

const ramp = (n: number): number[] => Array.from({ length: n }, (_, i) => 100 + i)

test.group('legacy _load_price_data (docs/legacy-behaviour.md §2.2)', () => {
  test('single timeframe: whole file, then an inclusive label slice; a date-only end means midnight', ({ assert }) => {
    const path = writeHourlyCsv(tempDir(), 'X_1h.csv', ramp(72))
    const data = loadLegacyPriceData({ '1h': path }, '2024-01-01 05:00', '2024-01-02')
    const ts = data['1h'].timestamps
    assert.equal(ts[0], Date.UTC(2024, 0, 1, 5))
    assert.equal(ts[ts.length - 1], Date.UTC(2024, 0, 2, 0))
    assert.lengthOf(ts, 20)
  })

  test('single timeframe on an unsorted index with absent bounds fails like pandas', ({ assert }) => {
    const dir = tempDir()
    const path = writeHourlyCsv(dir, 'X_1h.csv', ramp(5))
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    writeFileSync(path, [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n')
    assert.throws(
      () => loadLegacyPriceData({ '1h': path }, '2023-01-01', '2025-01-01'),
      /non-monotonic DatetimeIndex with non-existing keys/,
    )
  })

  test('multi timeframe: insufficient common coverage raises MULTI_TF_INSUFFICIENT_COVERAGE', ({ assert }) => {
    const dir = tempDir()
    const h1 = writeHourlyCsv(dir, 'X_1h.csv', ramp(100))
    const h2 = writeHourlyCsv(dir, 'X_2h.csv', ramp(60), '2024-01-01T00:00:00Z', 2)
    try {
      loadLegacyPriceData({ '1h': h1, '2h': h2 }, '2024-01-01', '2024-12-31')
      assert.fail('expected an error')
    } catch (error) {
      assert.equal((error as LegacyDataError).code, 'MULTI_TF_INSUFFICIENT_COVERAGE')
    }
  })

  test('multi timeframe: every timeframe is re-sliced to max(starts)..min(ends)', ({ assert }) => {
    const dir = tempDir()
    const h1 = writeHourlyCsv(dir, 'X_1h.csv', ramp(190), '2024-01-01T00:00:00Z')
    const h2 = writeHourlyCsv(dir, 'X_2h.csv', ramp(100), '2024-01-01T04:00:00Z', 2)
    const data = loadLegacyPriceData({ '1h': h1, '2h': h2 }, '2024-01-01', '2024-12-31')
    assert.deepEqual(Object.keys(data), ['1h', '2h'])
    assert.equal(data['1h'].timestamps[0], Date.UTC(2024, 0, 1, 4))
    assert.equal(data['1h'].timestamps[data['1h'].timestamps.length - 1], Date.UTC(2024, 0, 8, 21))
    assert.lengthOf(data['1h'].timestamps, 186)
    assert.lengthOf(data['2h'].timestamps, 93)
  })

  test('multi timeframe: a failing base timeframe raises, a failing other one is dropped', ({ assert }) => {
    const dir = tempDir()
    const h1 = writeHourlyCsv(dir, 'X_1h.csv', ramp(190))
    assert.throws(
      () => loadLegacyPriceData({ '2h': `${dir}/none.csv`, '1h': h1 }, '2024-01-01', '2024-12-31'),
      /Failed to load 2h data/,
    )
    const data = loadLegacyPriceData({ '1h': h1, '2h': `${dir}/none.csv` }, '2024-01-01', '2024-12-31')
    assert.deepEqual(Object.keys(data), ['1h'])
    assert.lengthOf(data['1h'].timestamps, 190)
  })
})
