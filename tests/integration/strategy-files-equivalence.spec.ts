// Strategy files as written — our own fixtures in every training_data form with every training option, and,
// with a KTRDR checkout, KTRDR's eight original files — load in the reference and in the legacy port, and train
// through local_old (legacy) and local_new (reference pipeline) to bitwise-equal weights, history (learning rates
// included), metrics, importance, predictions and stopping epoch. KTRDR's files are skipped, and counted as
// skipped, without a checkout.
import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { runLegacyLocalTraining, type LegacyTrainingOutcome } from '../../legacy/local/run-training.ts'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import type { PipelineResult } from '../../reference/pipeline/types.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { timeframeMs } from '../../reference/data/timeframe.ts'
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { TEST_KTRDR_SRC } from '../property/_support/ktrdr-checkout.ts'
import { MARKET_START, writeStrategyMarket } from '../fixtures/strategy-market.ts'
import { fixedClock, tempDir } from '../unit/reference/pipeline/fixtures.ts'

/** The strategy files of KTRDR at 1e0933c5 (`strategies/`), by stem. */
const KTRDR_FILES = [
  'bollinger_squeeze',
  'crypto_scalping',
  'neuro_mean_reversion',
  'rsi_mean_reversion',
  'trend_momentum',
  'universal_generalization_model',
  'universal_zero_shot_model',
  'volume_surge_momentum',
]

/** The shipped strategies that exercise the training options (strategies/README.md). */
const SHIPPED_OPTION_STRATEGIES = ['sgd_step_momentum', 'rmsprop_plateau_early_stop']

/** The shipped strategies that reach the registry's indicator types through `params:` (strategies/README.md). */
const SHIPPED_INDICATOR_STRATEGIES = ['oscillator_panel_single', 'volatility_squeeze_mtf']

interface Trained {
  readonly fresh: PipelineResult
  readonly old: LegacyTrainingOutcome
}

/**
 * Trains `file` through both local paths on synthetic data for its own symbols and timeframes. With a timeframe
 * under an hour: enough days for 60 bars of the coarsest timeframe and at least 8 (the old multi-timeframe loader
 * wants ≥ 7 days and ≥ 50 bars of common coverage); otherwise 62 days (60 daily bars for MACD).
 */
async function trainBoth(file: string, epochs: number | undefined): Promise<Trained> {
  const strategy = loadStrategy(file)
  const { symbols, timeframes } = strategy.trainingData
  const steps = timeframes.map((tf) => timeframeMs(tf)!)
  const minutes = Math.min(...steps) < 3_600_000
  const days = minutes ? Math.max(8, Math.ceil((60 * Math.max(...steps)) / 86_400_000) + 1) : 62
  const data = tempDir('ktrdr-forms-data')
  const models = tempDir('ktrdr-forms-models')
  try {
    const endDate = writeStrategyMarket(data.path, symbols, timeframes, days)
    const common = {
      symbols,
      timeframes,
      startDate: MARKET_START,
      endDate,
      seed: 23,
      ...(epochs === undefined ? {} : { epochs }),
      runtime: fusedRuntime,
      clock: fixedClock,
    }
    const old = await runLegacyLocalTraining({
      ...common,
      strategyPath: file,
      dataDir: data.path,
      modelsDir: `${models.path}/old`,
      log: () => {},
    })
    const fresh = await runTrainingPipeline({
      ...common,
      strategy,
      dataSource: new CsvDataSource(data.path),
      storage: new ModelStorage(`${models.path}/new`),
    })
    return { fresh, old }
  } finally {
    data.cleanup()
    models.cleanup()
  }
}

function bytes(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength)
}

/** Bitwise equality of everything both paths produce. */
function assertSameRun(assert: Assert, { fresh, old }: Trained): void {
  assert.equal(fresh.weights_sha256, old.weightsSha256)
  assert.deepEqual(fresh.probes.history, old.probes.history)
  assert.deepEqual(fresh.training_metrics, old.raw.training_metrics)
  assert.deepEqual(fresh.test_metrics, old.raw.test_metrics)
  assert.deepEqual(fresh.per_symbol_metrics, old.raw.per_symbol_metrics)
  assert.deepEqual(fresh.feature_importance, old.raw.feature_importance)
  assert.deepEqual(Object.keys(fresh.feature_importance), Object.keys(old.raw.feature_importance))
  assert.isTrue(bytes(fresh.probes.predictions).equals(bytes(old.probes.predictions)), 'predictions')
  assert.strictEqual(fresh.stopped_epoch, old.stoppedEpoch)
  assert.strictEqual(fresh.stopped_early, old.stoppedEpoch !== null)
}

/** Early stopping triggered before the last of `epochs` epochs, and the stopping epoch is the last record. */
function assertStoppedEarly(assert: Assert, { fresh }: Trained, epochs: number): void {
  assert.isTrue(fresh.stopped_early)
  assert.isBelow(fresh.stopped_epoch!, epochs - 1)
  assert.lengthOf(fresh.probes.history, fresh.stopped_epoch! + 1)
}

test.group('strategy files as written: local_new = local_old bitwise', () => {
  test('single_forms: SGD, step schedule, clipping, early stopping on val_accuracy', async ({ assert }) => {
    const run = await trainBoth(`tests/fixtures/strategies/forms/single_forms.yaml`, undefined)
    assertSameRun(assert, run)
    const rates = run.fresh.probes.history.map((h) => h.learning_rate)
    assert.deepEqual(rates, [0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125].slice(0, rates.length))
    assertStoppedEarly(assert, run, 6)
  }).timeout(300_000)

  test('multi_forms: RMSprop, plateau schedule, early stopping on val_loss, two symbols × two timeframes', async ({
    assert,
  }) => {
    const run = await trainBoth(`tests/fixtures/strategies/forms/multi_forms.yaml`, undefined)
    assertSameRun(assert, run)
    assert.deepEqual(run.fresh.data_summary.timeframes, ['1h', '4h'])
    assertStoppedEarly(assert, run, 8)
    const rates = run.fresh.probes.history.map((h) => h.learning_rate)
    assert.isBelow(Math.min(...rates), 0.002, 'the plateau halved the rate')
    assert.isTrue(run.fresh.warnings.some((w) => w.startsWith('Q-LR-SCHEDULER-KEYS-IGNORED: lr_scheduler.min_lr')))
  }).timeout(300_000)

  test('plain_lists: an unknown optimizer name (Adam without decay) and an exponential schedule', async ({
    assert,
  }) => {
    const run = await trainBoth(`tests/fixtures/strategies/forms/plain_lists.yaml`, undefined)
    assertSameRun(assert, run)
    assert.deepEqual(
      run.fresh.probes.history.map((h) => h.learning_rate),
      [0.003, 0.003 * 0.7, 0.003 * 0.7 * 0.7, 0.003 * 0.7 * 0.7 * 0.7],
    )
  }).timeout(300_000)

  for (const stem of SHIPPED_OPTION_STRATEGIES) {
    test(`shipped ${stem}.yaml: its own epochs, schedule and early stopping, bitwise-equal`, async ({ assert }) => {
      assertSameRun(assert, await trainBoth(`strategies/${stem}.yaml`, undefined))
    }).timeout(300_000)
  }

  for (const stem of SHIPPED_INDICATOR_STRATEGIES) {
    test(`shipped ${stem}.yaml: every params: indicator reaches a feature, bitwise-equal`, async ({ assert }) => {
      const run = await trainBoth(`strategies/${stem}.yaml`, 2)
      assertSameRun(assert, run)
      const strategy = loadStrategy(`strategies/${stem}.yaml`)
      const features = Object.keys(run.fresh.feature_importance)
      for (const { indicator, sets } of strategy.fuzzySets) {
        for (const set of sets) {
          assert.isTrue(
            features.some((f) => f.endsWith(`${indicator}_${set.name}`)),
            `${indicator}_${set.name} is a feature`,
          )
        }
      }
    }).timeout(300_000)
  }

  for (const stem of KTRDR_FILES) {
    test(`KTRDR ${stem}.yaml: loads in both and trains 2 epochs bitwise-equal`, async ({ assert }) => {
      const run = await trainBoth(`${TEST_KTRDR_SRC}/strategies/${stem}.yaml`, 2)
      assertSameRun(assert, run)
      assert.lengthOf(run.fresh.probes.history, 2)
    })
      .skip(TEST_KTRDR_SRC === null, 'not run: no KTRDR checkout (KTRDR_SRC)')
      .timeout(300_000)
  }
})
