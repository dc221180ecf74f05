// KTRDR's own ModelTrainer code (with torch 1.13) decides every fixed case of tests/fixtures/training-rules.ts —
// `_create_scheduler` + `scheduler.step`, `EarlyStopping`, `_create_optimizer` — and the legacy port and the
// reference must decide exactly the same. Skipped (and counted as skipped) without a KTRDR checkout or Debian's
// packages.
import { execFileSync } from 'node:child_process'
import { test } from '@japa/runner'
import { readModelTrainerSettings } from '../../legacy/local/trainer/trainer-settings.ts'
import { buildOptimizer } from '../../reference/model/architecture.ts'
import { oraclePython } from '../../harness/oracle/driver.ts'
import { TEST_KTRDR_SRC, skipWithoutOracle } from '../property/_support/ktrdr-checkout.ts'
import { OPTIMIZER_CASES, SCHEDULE_CASES, STOPPING_CASES } from '../fixtures/training-rules.ts'
import {
  legacyRates,
  legacyStop,
  loadTraining,
  referenceRates,
  referenceStop,
} from '../fixtures/training-rules-apply.ts'

interface OracleAnswer {
  readonly schedules: number[][]
  readonly stopping: Array<number | null>
  readonly optimizers: Array<Record<string, unknown>>
}

let answer: OracleAnswer | null = null

/** Runs tests/fixtures/oracle/training_rules.py once on every case (NaN travels as the string "NaN"). */
function oracle(): OracleAnswer {
  const cases = {
    schedules: SCHEDULE_CASES.map((c) => ({
      config: c.config,
      metrics: c.metrics.map((m) => (Number.isNaN(m) ? 'NaN' : m)),
    })),
    stopping: STOPPING_CASES,
    optimizers: OPTIMIZER_CASES.map((c) => c.config),
  }
  answer ??= JSON.parse(
    execFileSync(oraclePython(), ['tests/fixtures/oracle/training_rules.py', TEST_KTRDR_SRC!], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      timeout: 120_000,
    }),
  ) as OracleAnswer
  return answer
}

const SKIP = 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)'

/** Our optimiser description of torch's param group (class + the values the old trainer set). */
function fromTorch(group: Record<string, unknown>): Record<string, unknown> {
  const kind = String(group.class).toLowerCase()
  const base = { kind, learningRate: group.lr, weightDecay: group.weight_decay }
  if (kind === 'sgd') return { ...base, momentum: group.momentum }
  if (kind === 'rmsprop') return { ...base, alpha: group.alpha, eps: group.eps }
  const [beta1, beta2] = group.betas as [number, number]
  return { ...base, beta1, beta2, eps: group.eps }
}

test.group('KTRDR decides the training rules; legacy and reference agree exactly', () => {
  test('learning-rate schedules: every epoch rate', ({ assert }) => {
    const decided = oracle().schedules
    SCHEDULE_CASES.forEach((c, i) => {
      assert.deepEqual(decided[i], [...c.rates], `KTRDR: ${c.title}`)
      assert.deepEqual(legacyRates(c.config, c.metrics), decided[i], `legacy: ${c.title}`)
      assert.deepEqual(referenceRates(c.config, c.metrics), decided[i], `reference: ${c.title}`)
    })
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)

  test('early stopping: the stopping epoch', ({ assert }) => {
    const decided = oracle().stopping
    STOPPING_CASES.forEach((c, i) => {
      assert.strictEqual(decided[i], c.stoppedAt, `KTRDR: ${c.title}`)
      assert.strictEqual(legacyStop(c.config, c.epochs), decided[i], `legacy: ${c.title}`)
      assert.strictEqual(referenceStop(c.config, c.epochs), decided[i], `reference: ${c.title}`)
    })
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)

  test('optimiser choice: class, learning rate, weight decay, momentum, alpha, eps, betas', ({ assert }) => {
    const decided = oracle().optimizers
    OPTIMIZER_CASES.forEach((c, i) => {
      const torch = fromTorch(decided[i]!)
      assert.deepInclude(readModelTrainerSettings(c.config).optimizer, torch, `legacy: ${JSON.stringify(c.config)}`)
      assert.deepInclude(buildOptimizer(loadTraining(c.config)), torch, `reference: ${JSON.stringify(c.config)}`)
    })
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)
})
