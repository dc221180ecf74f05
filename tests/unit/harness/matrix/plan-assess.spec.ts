import { test } from '@japa/runner'
import { parseLedger } from '../../../../harness/ledger/load.ts'
import { assessMatrix } from '../../../../harness/matrix/assess.ts'
import { planMatrix } from '../../../../harness/matrix/plan.ts'
import { runKey, type RunResult } from '../../../../harness/paths/types.ts'
import { errorRun, okRun, syntheticArtifacts } from '../fixtures/synthetic-runs.ts'

const emptyLedger = parseLedger('schema_version: 1\nentries: []\n', 'l.yaml')
const ctx = {
  ledger: emptyLedger,
  today: '2026-11-28',
  profile: 'quick',
  replay: (s: string, p: readonly string[]) => `replay ${s} ${p.join(',')}`,
}

test.group('matrix/plan: cells, noise pairs, canaries, shards', () => {
  test('4 paths × 1 strategy: 3 cross cells, 4 A/A cells, seed noise for every path but the old host', ({ assert }) => {
    const plan = planMatrix({
      strategies: ['s1'],
      paths: ['local_old', 'local_new', 'host_old', 'host_new'],
      seed: 42,
      noiseSeed: 43,
      canaries: ['split_72_18_10'],
      shard: null,
    })
    assert.deepEqual(
      plan.cells.map((c) => c.id),
      [
        's1:local_new~local_old',
        's1:host_new~local_new',
        's1:host_new~host_old',
        's1:local_old~local_old',
        's1:local_new~local_new',
        's1:host_old~host_old',
        's1:host_new~host_new',
      ],
    )
    assert.sameMembers(
      plan.noise.map((n) => n.path),
      ['local_old', 'local_new', 'host_new'],
    )
    assert.equal(plan.runs[0]!.path, 'host_old')
    assert.equal(new Set(plan.runs.map(runKey)).size, plan.runs.length)
    assert.lengthOf(plan.canaries, 1)
  })

  test('shards partition the cells and canaries: every unit in exactly one shard', ({ assert }) => {
    const options = {
      strategies: ['s1', 's2'],
      paths: ['local_old', 'local_new'] as const,
      seed: 1,
      noiseSeed: 2,
      canaries: ['atr_wilder', 'split_72_18_10'] as const,
      shard: null,
    }
    const whole = planMatrix({ ...options, paths: [...options.paths], canaries: [...options.canaries] })
    const shards = [1, 2, 3].map((index) =>
      planMatrix({
        ...options,
        paths: [...options.paths],
        canaries: [...options.canaries],
        shard: { index, count: 3 },
      }),
    )
    assert.sameMembers(
      shards.flatMap((s) => s.cells.map((c) => c.id)),
      whole.cells.map((c) => c.id),
    )
    assert.equal(
      shards.reduce((n, s) => n + s.canaries.length, 0),
      2,
    )
  })

  test('a planted fault goes into every local_new run of the cells', ({ assert }) => {
    const plan = planMatrix({
      strategies: ['s1'],
      paths: ['local_old', 'local_new'],
      seed: 1,
      noiseSeed: 2,
      canaries: [],
      shard: null,
      plantFault: 'atr_wilder',
    })
    assert.isTrue(plan.runs.filter((r) => r.path === 'local_new').every((r) => r.canary === 'atr_wilder'))
    assert.isTrue(plan.runs.filter((r) => r.path === 'local_old').every((r) => r.canary === null))
  })
})

test.group('matrix/assess: verdicts from synthetic runs', () => {
  const plan = planMatrix({
    strategies: ['s1'],
    paths: ['local_old', 'local_new'],
    seed: 42,
    noiseSeed: 43,
    canaries: [],
    shard: null,
  })
  const results = (
    alterNew: RunResult | null,
    extra: Partial<Record<string, RunResult>> = {},
  ): Map<string, RunResult> => {
    const m = new Map<string, RunResult>()
    for (const id of plan.runs) {
      const seedShift =
        id.seed === 43
          ? (p: ReturnType<typeof syntheticArtifacts>['probes'] & object) => ({
              ...p,
              finalWeights: p.finalWeights.map((w) => ({ ...w, values: w.values.map((v) => v * 1.5) })),
            })
          : undefined
      const base = okRun(id.path, syntheticArtifacts(seedShift), id.seed, id.replicate)
      m.set(runKey(id), id.path === 'local_new' && id.seed === 42 && alterNew ? alterNew : base)
    }
    for (const [k, v] of Object.entries(extra)) m.set(k, v!)
    return m
  }

  test('identical runs: every cell equivalent, the gate passes, noise floors come from the seed pair', ({ assert }) => {
    const a = assessMatrix(plan, results(null), ctx)
    assert.deepEqual(
      a.cells.map((c) => c.verdict),
      ['equivalent', 'equivalent', 'equivalent'],
    )
    assert.equal(a.gate.exitCode, 0)
    const layer = a.cells[0]!.comparisons.find((c) => c.stage === 'final_weights' && c.artifact === 'linear0.weight')!
    assert.equal(layer.noise_floor, 4)
    assert.equal(layer.aa_noise, 0)
  })

  test('a changed label is blamed on labels with its row, and the replay command is given', ({ assert }) => {
    const broken = okRun(
      'local_new',
      syntheticArtifacts((p) => {
        p.symbols[0]!.labels[3] = 0
        return p
      }),
    )
    const cell = assessMatrix(plan, results(broken), ctx).cells[0]!
    assert.equal(cell.verdict, 'diverged')
    assert.deepEqual(cell.first_divergence?.stage, 'labels')
    assert.equal(cell.first_divergence?.location, 'row 3')
    assert.equal(cell.replay, 'replay s1 local_new,local_old')
  })

  test('a failed run makes its cells error with the log tail; the other cells still judge', ({ assert }) => {
    const a = assessMatrix(plan, results(errorRun('local_new', 'boom')), ctx)
    assert.equal(a.cells[0]!.verdict, 'error')
    assert.deepEqual(a.cells[0]!.error, { side: 'a', message: 'boom', log_tail: 'stack line', timed_out: false })
    assert.equal(a.cells[1]!.verdict, 'equivalent')
    assert.equal(a.gate.exitCode, 1)
  })

  test('a cross divergence is inconclusive when a path of the pair does not reproduce itself', ({ assert }) => {
    const aaKey = runKey({ path: 'local_old', strategy: 's1', seed: 42, canary: null, replicate: 1 })
    const unstable = okRun(
      'local_old',
      syntheticArtifacts((p) => ({ ...p, predictions: Float32Array.from([0.2, 0.5, 0.31]) })),
      42,
      1,
    )
    const broken = okRun(
      'local_new',
      syntheticArtifacts((p) => ({ ...p, predictions: Float32Array.from([0.2, 0.5, 0.32]) })),
    )
    const a = assessMatrix(plan, results(broken, { [aaKey]: unstable }), ctx)
    assert.equal(a.cells[0]!.verdict, 'inconclusive')
    assert.equal(a.cells[1]!.verdict, 'diverged')
    assert.equal(a.cells[0]!.comparisons.find((c) => c.stage === 'predictions')!.tolerance_flag, 'below_aa_noise')
  })

  test('an A/A difference only after the cross pair’s first divergence leaves that divergence attributed', ({
    assert,
  }) => {
    const aaKey = runKey({ path: 'local_old', strategy: 's1', seed: 42, canary: null, replicate: 1 })
    const reloadFails = okRun(
      'local_old',
      { ...syntheticArtifacts(), persisted: { exists: true, loads: true, maxPredictionDifference: null, error: null } },
      42,
      1,
    )
    const broken = okRun(
      'local_new',
      syntheticArtifacts((p) => {
        p.symbols[0]!.labels[3] = 0
        return p
      }),
    )
    const a = assessMatrix(plan, results(broken, { [aaKey]: reloadFails }), ctx)
    assert.equal(a.cells[0]!.verdict, 'diverged')
    assert.equal(a.cells[0]!.first_divergence?.stage, 'labels')
    assert.equal(a.cells[1]!.verdict, 'diverged')
    assert.equal(a.cells[1]!.first_divergence?.stage, 'persisted_model')
    assert.equal(a.gate.exitCode, 1)
  })
})
