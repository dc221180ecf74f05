// The per-type table against KTRDR's own classes (harness/oracle/indicator-table.ts) on a checkout: two types
// whose outputs can hold infinities (ADLine) or differ from KTRDR by float rounding (FisherTransform), on seeded
// cases with every anomaly, agree within the oracle's 1e-9 on both TypeScript paths, and the same seed draws the
// same cases. Skipped, with the reason, where there is no checkout or no Debian packages (CI).
import { test } from '@japa/runner'
import { ORACLE_TOLERANCE } from '../../../harness/oracle/compare.ts'
import { OracleSession } from '../../../harness/oracle/driver.ts'
import { measureIndicatorTypes, tableAgrees } from '../../../harness/oracle/indicator-table.ts'
import { TEST_KTRDR_SRC, skipWithoutOracle } from '../../property/_support/ktrdr-checkout.ts'

const SKIP = 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)'

test.group('oracle indicator table (KTRDR checkout)', () => {
  test('ADLine and FisherTransform agree with KTRDR on anomalous series, reproducibly', async ({ assert }) => {
    const session = OracleSession.start(TEST_KTRDR_SRC!)
    try {
      const request = { session, types: ['ADLine', 'FisherTransform'], casesPerType: 3, seed: 7, log: () => {} }
      const rows = await measureIndicatorTypes(request)
      assert.deepEqual(
        rows.map((r) => r.type),
        ['ADLine', 'FisherTransform'],
      )
      assert.isTrue(tableAgrees(rows, ORACLE_TOLERANCE.kind === 'close' ? ORACLE_TOLERANCE.atol : 0))
      for (const r of rows) {
        assert.isAbove(r.withColumns, 0, r.type)
        assert.isAbove(r.sides.local_new.values, 0, r.type)
        assert.deepEqual(r.sides.local_new, r.sides.local_old, r.type)
      }
      const again = await measureIndicatorTypes({ ...request, types: ['FisherTransform'] })
      assert.deepEqual(again[0], rows[1])
    } finally {
      await session.close()
    }
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(300_000)
})
