import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { loadPriceSeries } from '../../../../legacy/host/price-series.ts'

const HOUR = 3_600_000
const T0 = Date.UTC(2024, 0, 1)

test.group('legacy host: price series loading (docs/legacy-behaviour.md §2.1, §2.3)', (group) => {
  let dir = ''
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'legacy-host-csv-'))
    return () => rmSync(dir, { recursive: true, force: true })
  })

  test('keeps start <= t <= end (both inclusive), naive times as UTC, file order', ({ assert }) => {
    writeFileSync(
      join(dir, 'AAPL_1h.csv'),
      'Date,Open,High,Low,Close,Volume\n2024-01-01 02:00:00,3,3,3,3,1\n2024-01-01 00:00:00,1,1,1,1,1\n2024-01-01 01:00:00,2,2,2,2,1\n2024-01-01 03:00:00,4,4,4,4,1\n',
    )
    const s = loadPriceSeries(dir, 'AAPL', '1h', T0, T0 + 2 * HOUR)
    assert.deepEqual(Array.from(s.close), [3, 1, 2])
    assert.deepEqual(Array.from(s.timestamps), [T0 + 2 * HOUR, T0, T0 + HOUR])
  })

  test('missing price columns copy the first present one; missing volume is 0', ({ assert }) => {
    writeFileSync(join(dir, 'X_1d.csv'), 'date,close\n2024-01-01,7\n')
    const s = loadPriceSeries(dir, 'X', '1d', T0, T0)
    assert.deepEqual([s.open[0], s.high[0], s.low[0], s.close[0], s.volume[0]], [7, 7, 7, 7, 0])
  })

  test('the old patterns reject the host’s own default timeframe 1D, traversal symbols and long symbols', ({
    assert,
  }) => {
    assert.throws(() => loadPriceSeries(dir, 'AAPL', '1D', 0, T0), 'Invalid timeframe: 1D')
    assert.throws(() => loadPriceSeries(dir, '../etc', '1h', 0, T0), 'Invalid symbol: ../etc')
    assert.throws(() => loadPriceSeries(dir, 'A'.repeat(21), '1h', 0, T0), /Invalid symbol/)
  })

  test('a missing file and a non-numeric price fail the series with file and line', ({ assert }) => {
    assert.throws(() => loadPriceSeries(dir, 'NONE', '1h', 0, T0), /Data file not found: .*NONE_1h\.csv/)
    writeFileSync(join(dir, 'BAD_1h.csv'), 'date,open,high,low,close,volume\n2024-01-01,1,1,1,abc,1\n')
    assert.throws(() => loadPriceSeries(dir, 'BAD', '1h', 0, T0), /BAD_1h\.csv:2:close: not a number: "abc"/)
  })
})
