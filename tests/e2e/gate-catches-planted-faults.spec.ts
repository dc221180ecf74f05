import { test } from '@japa/runner'
import type { CanaryName } from '../../harness/paths/types.ts'
import { smokeMatrix } from './support/smoke-matrix.ts'

test.group('e2e: the gate catches faults planted into local_new and blames the right stage', () => {
  test('without a fault the smoke matrix passes (exit 0)', async ({ assert }) => {
    const report = await smokeMatrix()
    assert.equal(report.verdict, 'pass', report.reasons.join('\n'))
    assert.equal(report.exit_code, 0)
  }).timeout(60_000)

  const faults: Array<[CanaryName, string]> = [
    ['atr_wilder', 'indicators'],
    ['features_perturbed', 'features'],
    ['split_72_18_10', 'split'],
  ]
  for (const [fault, stage] of faults) {
    test(`a fault in ${stage} (${fault}) fails the gate with ${stage} as the first divergence`, async ({ assert }) => {
      const report = await smokeMatrix({ plantFault: fault })
      assert.equal(report.exit_code, 1)
      const cell = report.cells.find((c) => c.kind === 'cross')!
      assert.equal(cell.verdict, 'diverged')
      assert.equal(cell.first_divergence?.stage, stage)
      assert.isTrue(cell.affected.every((s) => s !== stage))
      assert.match(
        report.reasons[0]!,
        new RegExp(`simple_ma_crossover local_new↔local_old: diverged — first divergence: ${stage} /`),
      )
    }).timeout(60_000)
  }
})
