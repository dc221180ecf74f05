import { test } from '@japa/runner'
import { classify, scoreOf } from '../../../../harness/mutation/classify.ts'
import { combineGateOutcomes, judgeGateReport, type GateOutcome } from '../../../../harness/mutation/gate.ts'
import type { ObservationOutcome, ObservedChange } from '../../../../harness/mutation/observe.ts'
import { owningStage } from '../../../../harness/mutation/ownership.ts'
import { gateOrder, OBSERVE_TIMEOUT_FLOOR_S, observeTimeoutMs } from '../../../../harness/mutation/sweep.ts'

const change = (strategy: string, dataset: string, stages: ObservedChange['stages']): ObservedChange => ({
  key: `${dataset}/${strategy}`,
  dataset,
  strategy,
  stages,
  artifacts: [],
})
const observed = (...changes: ObservedChange[]): ObservationOutcome => ({ kind: 'observed', changes, wallS: 1 })

/** An `equivalence.json` cell as the gate writes it. */
function cell(
  id: string,
  kind: 'cross' | 'aa',
  verdict: string,
  stage: string | null = null,
  error: string | null = null,
) {
  return {
    id,
    kind,
    verdict,
    first_divergence: stage === null ? null : { stage },
    error: error === null ? null : { message: error },
  }
}

test.group('mutation/gate: reading the gate report', () => {
  test('exit 0 passes; exit 1 blames the earliest first divergence of the diverged cross cells', ({ assert }) => {
    assert.equal(
      judgeGateReport(0, { exit_code: 0, reasons: [], cells: [cell('s:a~b', 'cross', 'equivalent')] }, 1).kind,
      'passed',
    )
    const failed = judgeGateReport(
      1,
      {
        exit_code: 1,
        reasons: ['s1 local_new↔local_old: diverged'],
        cells: [
          cell('s1:local_new~local_old', 'cross', 'diverged', 'features'),
          cell('s2:local_new~local_old', 'cross', 'diverged', 'fuzzy'),
          cell('s2:local_new~local_new', 'aa', 'diverged', 'indicators'),
        ],
      },
      2,
    )
    assert.equal(failed.kind, 'failed')
    assert.equal(failed.kind === 'failed' ? failed.blamed : null, 'fuzzy', 'cross cells before A/A cells')
  })

  test('an A/A divergence alone is blamed; run errors alone are an error; no report or exit 2 is an error', ({
    assert,
  }) => {
    const aa = judgeGateReport(1, { exit_code: 1, reasons: [], cells: [cell('s:n~n', 'aa', 'diverged', 'labels')] }, 1)
    assert.equal(aa.kind === 'failed' ? aa.blamed : null, 'labels')
    const crash = judgeGateReport(
      1,
      { exit_code: 1, reasons: [], cells: [cell('s:n~o', 'cross', 'error', null, 'RangeError: x')] },
      1,
    )
    assert.deepEqual([crash.kind, crash.kind === 'error' ? crash.reason : ''], ['error', 'a run failed: RangeError: x'])
    assert.equal(judgeGateReport(2, null, 1).kind, 'error')
    assert.equal(judgeGateReport(1, null, 1).kind, 'error')
  })

  test('runs over several strategies combine as one gate: a failure wins, then an error, else a pass', ({ assert }) => {
    const passed: GateOutcome = { kind: 'passed', cells: [], wallS: 1 }
    const error: GateOutcome = { kind: 'error', reason: 'boom', cells: [], wallS: 2 }
    const failed = (stage: 'fuzzy' | 'features'): GateOutcome => ({
      kind: 'failed',
      blamed: stage,
      reason: stage,
      cells: [{ id: stage, kind: 'cross', verdict: 'diverged', first_divergence: stage }],
      wallS: 3,
    })
    const combined = combineGateOutcomes([passed, failed('features'), error, failed('fuzzy')])
    assert.deepEqual(
      [combined.kind, combined.kind === 'failed' ? combined.blamed : null, combined.wallS],
      ['failed', 'fuzzy', 9],
    )
    assert.equal(combineGateOutcomes([passed, error]).kind, 'error')
    assert.equal(combineGateOutcomes([passed, passed]).kind, 'passed')
  })

  test('the gate tries first the strategies changed on its own data whose earliest change is the owner', ({
    assert,
  }) => {
    const changes = [
      change('a', 'anomalies', ['fuzzy']),
      change('b', 'gate', ['features']),
      change('c', 'gate', ['fuzzy', 'features']),
    ]
    assert.deepEqual(gateOrder(['a', 'b', 'c', 'd'], changes, 'fuzzy'), ['c', 'b', 'a'])
  })
})

test.group('mutation/sweep: the observation limit', () => {
  test('eight times the unmutated run, never under the 60 s floor', ({ assert }) => {
    assert.equal(OBSERVE_TIMEOUT_FLOOR_S, 60)
    assert.equal(observeTimeoutMs(3.9), 60_000, 'a 4 s baseline: the floor, not 31 s')
    assert.equal(observeTimeoutMs(10), 80_000)
  })
})

test.group('mutation/classify: a mutant’s status', () => {
  test('stage throws, timeouts and gate errors are crashed, each of its kind; unchanged outputs or unreached code not observable', ({
    assert,
  }) => {
    const timeout = classify(
      { observation: { kind: 'crashed', reason: 'ran past 60 s', timedOut: true, wallS: 60 }, gate: null },
      'fuzzy',
    )
    assert.deepEqual([timeout.status, timeout.crashKind], ['crashed', 'timeout'])
    const throws = classify(
      { observation: { kind: 'crashed', reason: 'RangeError', timedOut: false, wallS: 1 }, gate: null },
      'fuzzy',
    )
    assert.deepEqual([throws.status, throws.crashKind], ['crashed', 'throws'])
    assert.equal(classify({ observation: observed(), gate: null }, 'fuzzy').status, 'not_observable')
    const unreached = classify(
      { observation: { kind: 'unreached', functionName: 'adx', wallS: 0 }, gate: null },
      'indicators',
    )
    assert.deepEqual(unreached, {
      status: 'not_observable',
      blamedStage: null,
      crashKind: null,
      detail: 'not reached: adx is never called on the observed data',
    })
    const gateError: GateOutcome = { kind: 'error', reason: 'a run failed', cells: [], wallS: 1 }
    const erred = classify({ observation: observed(change('s', 'gate', ['fuzzy'])), gate: gateError }, 'fuzzy')
    assert.deepEqual([erred.status, erred.crashKind], ['crashed', 'gate_error'])
  })

  test('observable: passed → survived; failed at the owner → localized; elsewhere or nowhere → killed', ({
    assert,
  }) => {
    const obs = observed(change('s', 'gate', ['fuzzy']))
    const failed = (blamed: 'fuzzy' | 'features' | null): GateOutcome => ({
      kind: 'failed',
      blamed,
      reason: 'r',
      cells: [],
      wallS: 1,
    })
    assert.equal(
      classify({ observation: obs, gate: { kind: 'passed', cells: [], wallS: 1 } }, 'fuzzy').status,
      'survived',
    )
    assert.deepEqual(classify({ observation: obs, gate: failed('fuzzy') }, 'fuzzy'), {
      status: 'localized',
      blamedStage: 'fuzzy',
      crashKind: null,
      detail: 'r',
    })
    assert.equal(classify({ observation: obs, gate: failed('features') }, 'fuzzy').status, 'killed')
    assert.equal(classify({ observation: obs, gate: failed(null) }, 'fuzzy').status, 'killed')
    assert.throws(() => classify({ observation: obs, gate: null }, 'fuzzy'), /needs the gate outcome/)
  })

  test('the scores leave crashed and not-observable mutants out; localized counts as killed', ({ assert }) => {
    type Status = Parameters<typeof scoreOf>[0][number]['status']
    const m = (status: Status, explanation: string | null = null) => ({
      status,
      crash_kind: status === 'crashed' ? ('timeout' as const) : null,
      explanation,
    })
    const { counts, score_killed, score_localized } = scoreOf([
      ...Array.from({ length: 18 }, () => m('localized')),
      m('killed'),
      m('survived', 'equivalent'),
      m('crashed'),
      m('not_observable'),
    ])
    assert.deepEqual(counts, {
      total: 22,
      not_observable: 1,
      killed: 19,
      localized: 18,
      survived: 1,
      crashed: 1,
      crashed_by_kind: { throws: 0, timeout: 1, gate_error: 0 },
      survived_explained: 1,
    })
    assert.equal(score_killed, 19 / 20)
    assert.equal(score_localized, 18 / 19)
    assert.deepEqual(scoreOf([m('crashed')]).score_killed, null)
  })
})

test.group('mutation/ownership: the stage that owns the code', () => {
  test('folders map to their stage; the indicator engine’s mapping functions to `mapped`; the split to `split`', ({
    assert,
  }) => {
    assert.equal(owningStage('reference/indicators/_internals/rolling.ts', 'rollingMean'), 'indicators')
    assert.equal(owningStage('reference/indicators/engine.ts', 'calculateIndicators'), 'indicators')
    assert.equal(owningStage('reference/indicators/engine.ts', 'mapIndicators'), 'mapped')
    assert.equal(owningStage('reference/indicators/engine.ts', 'ratio'), 'mapped')
    assert.equal(owningStage('reference/fuzzy/triangular.ts', null), 'fuzzy')
    assert.equal(owningStage('reference/features/lags.ts', null), 'features')
    assert.equal(owningStage('reference/labels/zigzag.ts', null), 'labels')
    assert.equal(owningStage('reference/pipeline/split.ts', 'splitData'), 'split')
    assert.isNull(owningStage('reference/model/train-loop.ts', null))
  })
})
