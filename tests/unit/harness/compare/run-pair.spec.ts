import { test } from '@japa/runner'
import { compareRuns } from '../../../../harness/compare/run-pair.ts'
import { STAGES } from '../../../../harness/compare/stages.ts'
import { syntheticArtifacts, syntheticProgress, syntheticProtocol } from '../fixtures/synthetic-runs.ts'

const cross = { pairKind: 'cross' as const, bitwiseWhenSameDevice: true, sameDevice: true }

test.group('compare/run-pair: stage-by-stage comparison', () => {
  test('identical runs pass every comparison, in pipeline order', ({ assert }) => {
    const out = compareRuns(syntheticArtifacts(), syntheticArtifacts(), cross)
    assert.isTrue(out.every((c) => c.passed))
    const order = out.map((c) => STAGES.indexOf(c.stage))
    assert.deepEqual(
      order,
      [...order].sort((x, y) => x - y),
    )
    assert.deepEqual(
      out.filter((c) => c.stage === 'protocol').map((c) => c.artifact),
      [
        'progress.phases',
        'progress.training',
        'progress.invariants.a',
        'progress.invariants.b',
        'cancel.last_phase',
        'cancel.error',
      ],
    )
  })

  test('a changed indicator value is located by column, row and timestamp', ({ assert }) => {
    const b = syntheticArtifacts((p) => {
      p.symbols[0]!.indicators['1h']!.columns[0]![2] = 50.5
      return p
    })
    const failed = compareRuns(syntheticArtifacts(), b, cross).filter((c) => !c.passed)
    assert.lengthOf(failed, 1)
    assert.equal(failed[0]!.stage, 'indicators')
    assert.equal(failed[0]!.location, 'column rsi_14, row 2 (2024-01-01T02:00:00Z)')
  })

  test('final weights within rtol pass on a cross-runtime pair but fail bitwise on one runtime', ({ assert }) => {
    const b = syntheticArtifacts((p) => {
      p.finalWeights[2]!.values[1] = Math.fround(0.61 * (1 + 1e-5))
      return p
    })
    const oneRuntime = compareRuns(syntheticArtifacts(), b, cross).filter(
      (c) => c.stage === 'final_weights' && !c.passed,
    )
    assert.deepEqual(
      oneRuntime.map((c) => c.location),
      ['layer linear1.weight index (0, 1)'],
    )
    const twoRuntimes = compareRuns(syntheticArtifacts(), b, { ...cross, sameDevice: false }).filter((c) => !c.passed)
    assert.lengthOf(twoRuntimes, 0)
  })

  test('a side without probes gives one presence failure per probe stage, naming that side', ({ assert }) => {
    const hostOld = { ...syntheticArtifacts(), probes: null }
    const failed = compareRuns(syntheticArtifacts(), hostOld, cross).filter((c) => c.statistic === 'presence')
    assert.deepEqual([...new Set(failed.map((c) => c.missing_on))], ['b'])
    assert.includeMembers(
      failed.map((c) => c.stage),
      ['data', 'features', 'initial_weights', 'predictions'],
    )
  })

  test('protocol is compared only when both sides are host runs', ({ assert }) => {
    const host = { ...syntheticArtifacts(), protocol: syntheticProtocol(), cancellation: null, progress: null }
    const local = { ...syntheticArtifacts(), cancellation: null }
    assert.notInclude(
      compareRuns(host, local, cross).map((c) => c.stage),
      'protocol',
    )
    const old = {
      ...syntheticArtifacts(),
      protocol: syntheticProtocol({ errorStatus: { status_unknown_session: 500 } }),
    }
    const failed = compareRuns(host, old, cross).filter((c) => !c.passed)
    assert.deepEqual(
      failed.map((c) => [c.artifact, c.values]),
      [['protocol.error_status.status_unknown_session', { a: 404, b: 500 }]],
    )
  })

  test('two local runs compare their progress: phases, every training update, and each side’s invariants', ({
    assert,
  }) => {
    assert.isTrue(compareRuns(syntheticArtifacts(), syntheticArtifacts(), cross).every((c) => c.passed))
    const dropped = { ...syntheticArtifacts(), progress: syntheticProgress().filter((e) => e.kind !== 'epoch') }
    const failed = compareRuns(dropped, syntheticArtifacts(), cross).filter((c) => !c.passed)
    assert.deepEqual(
      failed.map((c) => [c.stage, c.artifact, c.location]),
      [['protocol', 'progress.training', 'position 1']],
    )
    const backwards = syntheticProgress().map((e) => (e.kind === 'terminal' ? { ...e, percent: 40 } : e))
    const broken = compareRuns({ ...syntheticArtifacts(), progress: backwards }, syntheticArtifacts(), cross).filter(
      (c) => !c.passed,
    )
    assert.deepEqual(
      broken.map((c) => [c.artifact, c.detail]),
      [['progress.invariants.a', 'decreases from 100 to 40 at poll 6; ends at 40 instead of 100.']],
    )
    const cancelled = syntheticProgress().slice(0, 3)
    cancelled.push({ kind: 'terminal', phase: 'cancelled', epoch: null, batch: null, items: 1, percent: 50 })
    assert.deepEqual(
      compareRuns({ ...syntheticArtifacts(), progress: cancelled }, syntheticArtifacts(), cross)
        .filter((c) => c.artifact.startsWith('progress.invariants'))
        .map((c) => c.passed),
      [true, true],
    )
  })
})
