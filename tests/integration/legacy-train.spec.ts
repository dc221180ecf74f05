import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runLegacyLocalTraining, type LegacyTrainingArgs } from '../../legacy/local/run-training.ts'
import { CancellationToken } from '../../legacy/local/trainer/cancellation.ts'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'

const STRATEGY = `
name: legacy_it
indicators:
  - name: rsi
    period: 14
  - name: macd
  - name: sma
    period: 20
fuzzy_sets:
  rsi:
    oversold: { type: triangular, parameters: [0, 20, 35] }
    neutral: { type: triangular, parameters: [30, 50, 70] }
    overbought: { type: triangular, parameters: [65, 80, 100] }
  sma:
    below: { type: triangular, parameters: [0.85, 0.95, 1.0] }
    above: { type: triangular, parameters: [1.0, 1.05, 1.15] }
model:
  type: mlp
  architecture: { hidden_layers: [8], activation: relu, dropout: 0.2 }
  features: { lookback_periods: 1 }
  training: { learning_rate: 0.005, batch_size: 32, epochs: 100, optimizer: adam }
training:
  labels: { source: zigzag, zigzag_threshold: 0.01, label_lookahead: 20 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`

const root = mkdtempSync(join(tmpdir(), 'legacy-train-'))
const dataDir = join(root, 'data')
const strategyPath = join(root, 'legacy_it.yaml')

function args(seed: number, modelsDir: string): LegacyTrainingArgs {
  return {
    strategyPath,
    dataDir,
    symbols: ['EURUSD', 'GBPUSD'],
    timeframes: ['1h'],
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    seed,
    epochs: 2,
    modelsDir,
    runtime: fusedRuntime,
    clock: () => new Date('2025-10-09T10:00:00Z'),
  }
}

test.group('legacy local training end to end (synthetic CSVs)', (group) => {
  group.setup(() => {
    writeSyntheticDataset(dataDir, { symbols: ['EURUSD', 'GBPUSD'], bars: 420, seed: 11, timeframes: ['1h'] })
    writeFileSync(strategyPath, STRATEGY)
    return () => rmSync(root, { recursive: true, force: true })
  })

  test('runLegacyLocalTraining: stages → train → save → aggregate', async ({ assert }) => {
    const modelsDir = join(root, 'models-a')
    const outcome = await runLegacyLocalTraining(args(5, modelsDir))
    assert.equal(outcome.device, 'cpu-fused')
    assert.lengthOf(outcome.probes.symbols, 2)
    const rows = outcome.probes.symbols.map((s) => s.labels.length)
    assert.equal(outcome.raw.data_summary.total_samples, 2 * Math.min(...rows))
    assert.equal(outcome.raw.data_summary.feature_count, outcome.probes.symbols[0]!.features.names.length)
    assert.equal(outcome.raw.model_path, join(modelsDir, 'legacy_it', 'EURUSD_GBPUSD_1h_v1'))
    assert.equal(readlinkSync(join(modelsDir, 'legacy_it', 'EURUSD_GBPUSD_1h_latest')), 'EURUSD_GBPUSD_1h_v1')
    const config = JSON.parse(readFileSync(join(outcome.raw.model_path, 'config.json'), 'utf8'))
    assert.equal(config.model.training.epochs, 2, 'the epochs override is what was trained and saved')
    assert.equal(outcome.aggregated.training_metrics.epochs_completed, 2)
    assert.equal(outcome.aggregated.session_info.strategy_name, 'legacy_it')
    assert.lengthOf(outcome.probes.history, 2)
    assert.equal(outcome.progress.at(-1)!.phase, 'completed')
    assert.containsSubset(Object.keys(outcome.timings), ['symbol_stages', 'training', 'save', 'total'])
  }).timeout(60_000)

  test('determinism: same seed → same weights, another seed → other weights', async ({ assert }) => {
    const a = await runLegacyLocalTraining(args(5, join(root, 'models-b')))
    const b = await runLegacyLocalTraining(args(5, join(root, 'models-b')))
    const c = await runLegacyLocalTraining(args(6, join(root, 'models-b')))
    assert.equal(a.weightsSha256, b.weightsSha256)
    assert.deepEqual(a.raw.test_metrics, b.raw.test_metrics)
    assert.deepEqual(a.raw.feature_importance, b.raw.feature_importance)
    assert.notEqual(a.weightsSha256, c.weightsSha256)
    assert.equal(b.raw.model_path, join(root, 'models-b', 'legacy_it', 'EURUSD_GBPUSD_1h_v2'))
  }).timeout(60_000)

  test('determinism: the same weights in a separate process', async ({ assert }) => {
    const here = await runLegacyLocalTraining(args(5, join(root, 'models-c')))
    const script = `
      import { runLegacyLocalTraining } from ${JSON.stringify(resolve('legacy/local/run-training.ts'))}
      import { fusedRuntime } from ${JSON.stringify(resolve('reference/runtime/fused-runtime.ts'))}
      const outcome = await runLegacyLocalTraining({ ...${JSON.stringify({ ...args(5, join(root, 'models-d')), runtime: undefined, clock: undefined })},
        runtime: fusedRuntime, clock: () => new Date('2025-10-09T10:00:00Z') })
      process.stdout.write(outcome.weightsSha256)
    `
    const child = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    })
    assert.equal(child, here.weightsSha256)
  }).timeout(60_000)

  test('cancellation from a progress callback rejects and saves nothing', async ({ assert }) => {
    const token = new CancellationToken()
    const modelsDir = join(root, 'models-e')
    const phases: string[] = []
    const error = await runLegacyLocalTraining({
      ...args(5, modelsDir),
      cancellationToken: token,
      log: () => {},
      onProgress: (u) => {
        phases.push(u.phase)
        if (u.phase === 'batch') token.cancel()
      },
    }).then(
      () => null,
      (e: unknown) => e,
    )
    assert.equal((error as Error).name, 'CancellationError')
    assert.deepEqual(phases, ['phase', 'phase', 'batch'])
    assert.throws(() => readlinkSync(join(modelsDir, 'legacy_it', 'EURUSD_GBPUSD_1h_latest')))
  }).timeout(60_000)
})
