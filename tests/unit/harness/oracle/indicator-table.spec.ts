// The per-type table's verdict and text (harness/oracle/indicator-table.ts): a row agrees only with no refusal or
// NaN mismatch, every case passing every stage on both sides and every |difference| within the tolerance.
import { test } from '@japa/runner'
import {
  indicatorTableMarkdown,
  tableAgrees,
  type IndicatorTypeRow,
  type SideAgreement,
} from '../../../../harness/oracle/indicator-table.ts'

const SIDE: SideAgreement = { maxAbs: 2.2e-16, values: 100, infinite: 3, mismatches: 0, stagesPassed: 4 }

function row(overrides: Partial<IndicatorTypeRow> = {}, side: Partial<SideAgreement> = {}): IndicatorTypeRow {
  return {
    type: 'CMF',
    cases: 5,
    withColumns: 4,
    refusedByAll: 1,
    refusalMismatches: [],
    sides: { local_new: { ...SIDE, ...side }, local_old: SIDE },
    ...overrides,
  }
}

test.group('oracle indicator table', () => {
  test('a clean row agrees', ({ assert }) => {
    assert.isTrue(tableAgrees([row()], 1e-9))
  })

  test('a refusal mismatch, a NaN mismatch, a failed stage or a large or NaN difference disagrees', ({ assert }) => {
    assert.isFalse(tableAgrees([row({ refusalMismatches: ['local_old refused'] })], 1e-9))
    assert.isFalse(tableAgrees([row({}, { mismatches: 1 })], 1e-9))
    assert.isFalse(tableAgrees([row({}, { stagesPassed: 3 })], 1e-9))
    assert.isFalse(tableAgrees([row({}, { maxAbs: 2e-9 })], 1e-9))
    assert.isFalse(tableAgrees([row({}, { maxAbs: Number.NaN })], 1e-9))
  })

  test('one Markdown line per type with its counts', ({ assert }) => {
    const lines = indicatorTableMarkdown([row(), row({ type: 'OBV' }, { maxAbs: null, values: 0, infinite: 0 })])
      .trim()
      .split('\n')
    assert.lengthOf(lines, 4)
    assert.equal(lines[2], '| CMF | 5 (4 / 1 / 0) | 100 (+ 3) | 2.2e-16 | 2.2e-16 | 0 / 0 | 4 / 4 |')
    assert.equal(lines[3], '| OBV | 5 (4 / 1 / 0) | 0 | — | 2.2e-16 | 0 / 0 | 4 / 4 |')
  })
})
