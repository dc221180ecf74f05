import { test } from '@japa/runner'
import { compareNumeric } from '../../../../harness/compare/numeric.ts'
import { comparePresence } from '../../../../harness/compare/exact.ts'
import { BITWISE } from '../../../../harness/compare/tolerance.ts'
import { parseLedger } from '../../../../harness/ledger/load.ts'
import { judgeComparisons, ledgerHits, outcomeOf } from '../../../../harness/verdict/cell-outcome.ts'
import { decideGate } from '../../../../harness/verdict/gate.ts'

const ledger = parseLedger(
  `schema_version: 1
entries:
  - id: KD-NO-IMPORTANCE
    pair: [host_new, host_old]
    stage: feature_importance
    artifact: importance
    predicate: { kind: missing_on, side: b }
    reason: the old host computes none
    owner: team
    expires: '2030-01-01'
`,
  'l.yaml',
)
const differ = (stage: 'features' | 'labels' | 'final_weights', artifact: string) =>
  compareNumeric(stage, artifact, [1, 2], [1, 3], BITWISE, (i) => `row ${i}`)
const same = (stage: 'data') => compareNumeric(stage, 'AAPL/1h', [1], [1], BITWISE, () => 'row 0')

test.group('verdict/cell-outcome: first divergence and affected stages', () => {
  test('the earliest failing stage is blamed with its location; later failing stages are affected only', ({
    assert,
  }) => {
    const judged = judgeComparisons(
      [
        same('data'),
        differ('final_weights', 'linear0.weight'),
        differ('features', 'AAPL/features'),
        differ('labels', 'AAPL/labels'),
      ],
      ledger,
      ['local_new', 'local_old'],
      's1',
    )
    const outcome = outcomeOf(judged)
    assert.equal(outcome.verdict, 'diverged')
    if (outcome.verdict !== 'diverged') return
    assert.deepEqual(outcome.firstDivergence, {
      stage: 'features',
      artifact: 'AAPL/features',
      location: 'row 1',
      detail: outcome.firstDivergence.detail,
    })
    assert.deepEqual(outcome.affected, ['labels', 'final_weights'])
  })

  test('failures the ledger explains make a known divergence and count as hits', ({ assert }) => {
    const judged = judgeComparisons(
      [same('data'), comparePresence('feature_importance', 'importance', true, false)!],
      ledger,
      ['host_new', 'host_old'],
      's1',
    )
    assert.deepEqual(outcomeOf(judged), { verdict: 'known-divergence', ledgerIds: ['KD-NO-IMPORTANCE'] })
    assert.deepEqual(ledgerHits(judged), { 'KD-NO-IMPORTANCE': 1 })
  })

  test('the same failure on a pair the entry does not name is unknown', ({ assert }) => {
    const judged = judgeComparisons(
      [comparePresence('feature_importance', 'importance', true, false)!],
      ledger,
      ['host_new', 'local_new'],
      's1',
    )
    assert.equal(outcomeOf(judged).verdict, 'diverged')
  })

  test('no failure at all is equivalent', ({ assert }) => {
    assert.deepEqual(outcomeOf(judgeComparisons([same('data')], ledger, ['local_new', 'local_old'], 's1')), {
      verdict: 'equivalent',
    })
  })
})

test.group('verdict/gate: run verdict and exit code', () => {
  const ok = { label: 's1 a↔b', verdict: 'equivalent' as const, summary: '' }
  const canary = { name: 'c', caught: true, localized: true, summary: '' }

  test('equivalent and known cells, caught canaries and a clean ledger pass with exit 0', ({ assert }) => {
    const gate = decideGate({
      cells: [ok, { ...ok, verdict: 'known-divergence' }],
      canaries: [canary],
      ledger: [{ id: 'K', expired: false, stale: false, expires: '2030-01-01' }],
    })
    assert.deepEqual(gate, {
      verdict: 'pass',
      exitCode: 0,
      reasons: ['2 cells: 1 equivalent, 1 known divergences; 1 canaries caught and localized'],
    })
  })

  test('each blocking cause fails with exit 1 and one reason line', ({ assert }) => {
    for (const verdict of ['diverged', 'error', 'inconclusive'] as const) {
      assert.equal(decideGate({ cells: [{ ...ok, verdict }], canaries: [], ledger: [] }).exitCode, 1)
    }
    const gate = decideGate({
      cells: [ok],
      canaries: [
        { ...canary, caught: false, summary: 'no divergence' },
        { ...canary, name: 'd', localized: false, summary: 'expected split, blamed metrics' },
      ],
      ledger: [
        { id: 'OLD', expired: true, stale: false, expires: '2020-01-01' },
        { id: 'UNUSED', expired: false, stale: true, expires: '2030-01-01' },
      ],
    })
    assert.deepEqual(gate.reasons, [
      'canary c was not caught — no divergence',
      'canary d was caught at the wrong stage — expected split, blamed metrics',
      'ledger entry OLD expired on 2020-01-01',
      'ledger entry UNUSED is stale: its pair was compared and it matched nothing',
    ])
    assert.equal(gate.verdict, 'fail')
  })
})
