import { test } from '@japa/runner'
import { validateDataQuality, type QualityReport } from '../../../../reference/data/quality.ts'
import { generateSyntheticSeries } from '../../../../reference/data/synthetic.ts'
import type { OhlcvFrame } from '../../../../reference/data/types.ts'

function clean(): OhlcvFrame {
  return generateSyntheticSeries({ symbol: 'AAPL', bars: 200, seed: 21 })
}

function issue(report: QualityReport, check: string): { severity: string; count: number; firstIndex: number } {
  const found = report.issues.find((i) => i.check === check)
  if (!found) throw new Error(`no ${check} issue in ${JSON.stringify(report.issues.map((i) => i.check))}`)
  return { severity: found.severity, count: found.count, firstIndex: found.firstIndex }
}

test.group('data/quality', () => {
  test('clean synthetic data has no issue and is healthy', ({ assert }) => {
    const report = validateDataQuality(clean())

    assert.deepEqual(report.issues, [])
    assert.isTrue(report.healthy)
    assert.equal(report.rows, 200)
  })

  test('an empty frame is critical and unhealthy', ({ assert }) => {
    const f = clean()
    const empty = { ...f, timestamps: new Float64Array(0) }

    const report = validateDataQuality(empty)

    assert.deepEqual(
      report.issues.map((i) => [i.check, i.severity]),
      [['empty', 'critical']],
    )
    assert.isFalse(report.healthy)
  })

  test('planted faults are each found at their first row', ({ assert }) => {
    const f = clean()
    f.timestamps[30] = f.timestamps[29]!
    f.timestamps[60] = f.timestamps[58]! - 1
    f.low[70] = -1
    f.volume[80] = 0
    f.volume[81] = -5
    f.high[90] = f.low[90]! - 0.01
    f.high[100] = Math.max(f.open[100]!, f.close[100]!) - 0.001
    f.low[101] = Math.min(f.open[101]!, f.close[101]!) + 0.001
    f.close[110] = NaN
    for (let i = 120; i < 200; i++) f.timestamps[i] += 4 * 3_600_000
    f.close[150] = f.close[150]! * 1.5

    const report = validateDataQuality(f)

    assert.deepEqual(issue(report, 'duplicates'), { severity: 'high', count: 1, firstIndex: 30 })
    assert.deepEqual(issue(report, 'unsorted_index'), { severity: 'high', count: 1, firstIndex: 60 })
    assert.deepEqual(issue(report, 'non_positive_prices'), { severity: 'critical', count: 1, firstIndex: 70 })
    assert.deepEqual(issue(report, 'zero_volume'), { severity: 'low', count: 1, firstIndex: 80 })
    assert.deepEqual(issue(report, 'negative_volume'), { severity: 'high', count: 1, firstIndex: 81 })
    assert.deepEqual(issue(report, 'high_below_low'), { severity: 'high', count: 1, firstIndex: 90 })
    assert.equal(issue(report, 'high_below_body').firstIndex, 90)
    assert.equal(issue(report, 'low_above_body').firstIndex, 101)
    assert.deepEqual(issue(report, 'missing_values'), { severity: 'medium', count: 1, firstIndex: 110 })
    assert.deepEqual(issue(report, 'timestamp_gaps'), { severity: 'low', count: 3, firstIndex: 31 })
    assert.equal(issue(report, 'extreme_moves').firstIndex, 150)
    assert.equal(issue(report, 'outliers').firstIndex, 150)
    assert.isFalse(report.healthy)
    assert.match(
      report.issues[0]!.message,
      /^1 row\(s\): duplicate timestamps; first at row 30 \(2024-01-02T05:00:00Z\)$/,
    )
  })

  test('healthy tolerates up to five high-severity checks but no critical one', ({ assert }) => {
    const f = clean()
    f.timestamps[30] = f.timestamps[29]!
    f.volume[81] = -5
    assert.isTrue(validateDataQuality(f).healthy)

    f.close[40] = 0
    assert.isFalse(validateDataQuality(f).healthy)
  })

  test('many missing values are high severity', ({ assert }) => {
    const f = clean()
    for (let i = 0; i < 60; i++) f.close[i * 3] = NaN

    assert.equal(issue(validateDataQuality(f), 'missing_values').severity, 'high')
  })
})
