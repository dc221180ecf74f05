import { test } from '@japa/runner'
import { formatRuntimeAgreement, runRuntimeAgreement } from '../../../../harness/bench/runtime-agreement.ts'

test.group('bench: runtime agreement', () => {
  test('a runtime against itself agrees exactly; the report names every pair and the accuracy band', async ({
    assert,
  }) => {
    const report = await runRuntimeAgreement({
      epochs: 2,
      strategies: ['strategies/simple_ma_crossover.yaml'],
      runtimes: ['cpu-fused', 'cpu-fused'],
    })
    assert.equal(report.epochs, 2)
    const [only] = report.strategies
    assert.equal(only!.strategy, 'simple_ma_crossover')
    assert.lengthOf(only!.runs, 2)
    assert.lengthOf(only!.runs[0]!.train_loss, 2)
    assert.equal(only!.runs[0]!.weights_sha256, only!.runs[1]!.weights_sha256)
    assert.deepEqual(only!.pairs, [
      {
        a: 'cpu-fused',
        b: 'cpu-fused',
        max_abs_weight_diff: 0,
        max_rel_weight_diff: 0,
        weights_differing: 0,
        weights_total: only!.pairs[0]!.weights_total,
        accuracy_diff: 0,
        within_accuracy_band: true,
        max_train_loss_diff: 0,
        first_epoch_apart: null,
      },
    ])
    assert.isAbove(only!.pairs[0]!.weights_total, 100)
    const table = formatRuntimeAgreement(report)
    assert.match(table, /^runtime agreement after 2 epochs, seed 7/)
    assert.match(table, /simple_ma_crossover\s+cpu-fused ↔ cpu-fused\s+0\.00e\+0/)
  }).timeout(120_000)
})
