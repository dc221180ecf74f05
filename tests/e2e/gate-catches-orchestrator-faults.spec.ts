// A fault planted in LocalTrainingOrchestrator — the layer the library's users call, around the pipeline — fails
// the gate and is blamed on the protocol stage: the numbers stay bitwise equal, only the progress a caller sees or
// the cancellation it asks for goes wrong. Both faults are also canaries every gate run must catch.
import { test } from '@japa/runner'
import type { CanaryName } from '../../harness/paths/types.ts'
import { smokeMatrix } from './support/smoke-matrix.ts'

test.group('e2e: the gate catches faults planted into LocalTrainingOrchestrator', () => {
  const faults: Array<[CanaryName, string, string]> = [
    ['orchestrator_epoch_updates_dropped', 'progress.training', 'epoch updates'],
    ['orchestrator_cancel_ignored', 'cancel.last_phase', 'cancel()'],
  ]
  for (const [fault, artifact, what] of faults) {
    test(`an orchestrator that loses ${what} (${fault}) fails the gate, blamed on protocol / ${artifact}`, async ({
      assert,
    }) => {
      const report = await smokeMatrix({ plantFault: fault })
      assert.equal(report.verdict, 'fail')
      assert.equal(report.exit_code, 1)
      const cell = report.cells.find((c) => c.kind === 'cross')!
      assert.equal(cell.verdict, 'diverged')
      assert.equal(cell.first_divergence?.stage, 'protocol')
      assert.equal(cell.first_divergence?.artifact, artifact)
      const numbers = cell.comparisons.filter((c) => c.stage !== 'protocol')
      assert.isTrue(numbers.every((c) => c.passed))
      assert.match(
        report.reasons[0]!,
        new RegExp(`simple_ma_crossover local_new↔local_old: diverged — first divergence: protocol / ${artifact}`),
      )
    }).timeout(90_000)
  }

  test('as canaries both are caught and localized to protocol', async ({ assert }) => {
    const report = await smokeMatrix({
      canaries: ['orchestrator_epoch_updates_dropped', 'orchestrator_cancel_ignored'],
    })
    assert.equal(report.verdict, 'pass', report.reasons.join('\n'))
    assert.deepEqual(
      report.canaries.map((c) => [c.name, c.caught, c.localized_stage]),
      [
        ['orchestrator_epoch_updates_dropped', true, 'protocol'],
        ['orchestrator_cancel_ignored', true, 'protocol'],
      ],
    )
  }).timeout(90_000)
})
