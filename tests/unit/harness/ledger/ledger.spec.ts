import { test } from '@japa/runner'
import type { Comparison } from '../../../../harness/compare/comparison.ts'
import { compareValue, comparePresence, compareNames } from '../../../../harness/compare/exact.ts'
import { compareNumeric } from '../../../../harness/compare/numeric.ts'
import { DEFAULT_CLOSE } from '../../../../harness/compare/tolerance.ts'
import { LedgerError, loadLedger, parseLedger } from '../../../../harness/ledger/load.ts'
import {
  accountLedger,
  artifactMatches,
  findEntry,
  ledgerForProfile,
  predicateHolds,
} from '../../../../harness/ledger/match.ts'

const entry = (extra: string) => `schema_version: 1
entries:
  - id: KD-ONE
    pair: [host_new, host_old]
    stage: metrics
    artifact: "metrics.*"
    predicate: { kind: any }
    reason: placeholder numbers
    owner: team
    expires: '2030-01-01'
${extra}`

test.group('ledger/load: the reviewed YAML', () => {
  test('the shipped ledger loads and cites a reason, owner and expiry for every entry', ({ assert }) => {
    const ledger = loadLedger()
    assert.isAbove(ledger.entries.length, 10)
    for (const e of ledger.entries) {
      assert.isAbove(e.reason.length, 10, e.id)
      assert.match(e.expires, /^\d{4}-\d{2}-\d{2}$/)
    }
  })

  test('a bad field is reported with file, line and entry id', ({ assert }) => {
    const text = entry(`  - id: KD-TWO
    pair: [host_new, nowhere]
    stage: metrics
    artifact: x
    predicate: { kind: any }
    reason: r
    owner: o
    expires: '2030-01-01'
`)
    assert.throws(
      () => parseLedger(text, 'l.yaml'),
      'l.yaml:11: KD-TWO: pair must be two of local_old, local_new, host_old, host_new',
    )
  })

  test('unknown predicates, unknown fields and duplicate ids are refused', ({ assert }) => {
    assert.throws(
      () => parseLedger(entry('').replace('{ kind: any }', '{ kind: eval }'), 'l.yaml'),
      /predicate.kind "eval" is not one of/,
    )
    assert.throws(
      () => parseLedger(entry('').replace("expires: '2030-01-01'", "expires: '2030-01-01'\n    extra: 1"), 'l.yaml'),
      /unknown field "extra"/,
    )
    assert.throws(
      () => parseLedger(entry(entry('').split('entries:\n')[1]!), 'l.yaml'),
      /l.yaml:11: KD-ONE: duplicate id \(first at line 3\)/,
    )
    assert.throws(() => parseLedger('schema_version: 2\nentries: []\n', 'l.yaml'), LedgerError)
  })
})

test.group('ledger/match: predicates, expiry, stale entries', () => {
  const numeric = (a: number, b: number): Comparison =>
    compareNumeric('metrics', 'metrics.test_loss', [a], [b], DEFAULT_CLOSE, () => 'test_loss')

  test('artifact patterns: * matches any run of characters, anything else literally', ({ assert }) => {
    assert.isTrue(artifactMatches('metrics.*', 'metrics.test_loss'))
    assert.isTrue(artifactMatches('*/probes', 'data/probes'))
    assert.isTrue(artifactMatches('a*c*e', 'abcde'))
    assert.isFalse(artifactMatches('metrics.*', 'history.train_loss'))
    assert.isFalse(artifactMatches('a.b', 'axb'))
  })

  test('each predicate kind decides on the comparison it is given', ({ assert }) => {
    assert.isTrue(predicateHolds({ kind: 'missing_on', side: 'b' }, comparePresence('data', 'p', true, false)!))
    assert.isFalse(predicateHolds({ kind: 'missing_on', side: 'a' }, comparePresence('data', 'p', true, false)!))
    assert.isTrue(predicateHolds({ kind: 'max_abs_below', value: 0.1 }, numeric(1.05, 1)))
    assert.isFalse(predicateHolds({ kind: 'max_abs_below', value: 0.01 }, numeric(1.05, 1)))
    assert.isTrue(predicateHolds({ kind: 'max_rel_below', value: 0.1 }, numeric(1.05, 1)))
    assert.isTrue(predicateHolds({ kind: 'values', a: 404, b: 500 }, compareValue('protocol', 'x', 404, 500)))
    assert.isFalse(predicateHolds({ kind: 'values', a: 404, b: 500 }, compareValue('protocol', 'x', 400, 500)))
    const fields = compareNames('protocol', 'f', ['a', 'b', 'phase'], ['a', 'b'])
    assert.isTrue(predicateHolds({ kind: 'fields_missing_on', side: 'b', fields: ['phase'] }, fields))
    assert.isFalse(predicateHolds({ kind: 'fields_missing_on', side: 'b', fields: ['other'] }, fields))
  })

  test('an entry applies only to its ordered pair, stage and strategies', ({ assert }) => {
    const ledger = parseLedger(
      entry('').replace("expires: '2030-01-01'", "expires: '2030-01-01'\n    strategies: [s1]"),
      'l.yaml',
    )
    const c = numeric(2, 1)
    assert.equal(findEntry(ledger, ['host_new', 'host_old'], 's1', c)?.id, 'KD-ONE')
    assert.isUndefined(findEntry(ledger, ['host_old', 'host_new'], 's1', c))
    assert.isUndefined(findEntry(ledger, ['host_new', 'host_old'], 's2', c))
    assert.isUndefined(findEntry(ledger, ['host_new', 'host_old'], 's1', { ...c, stage: 'history' }))
  })

  test('hits, expiry and staleness are accounted over the cells that ran', ({ assert }) => {
    const ledger = parseLedger(entry(''), 'l.yaml')
    const ran = [{ strategy: 's1', pair: ['host_new', 'host_old'] as const, ledgerHits: { 'KD-ONE': 3 } }]
    assert.deepEqual(accountLedger(ledger, ran, '2026-01-01', 'quick'), [
      { id: 'KD-ONE', hits: 3, evaluated: true, expired: false, stale: false },
    ])
    assert.deepEqual(accountLedger(ledger, ran, '2030-01-02', 'quick')[0]!.expired, true)
    const noHits = [{ ...ran[0]!, ledgerHits: {} }]
    assert.deepEqual(accountLedger(ledger, noHits, '2026-01-01', 'quick')[0]!.stale, true)
    const otherPair = [{ ...ran[0]!, pair: ['local_new', 'local_old'] as const }]
    assert.deepEqual(accountLedger(ledger, otherPair, '2026-01-01', 'quick')[0], {
      id: 'KD-ONE',
      hits: 0,
      evaluated: false,
      expired: false,
      stale: false,
    })
  })

  test('an entry limited to some profiles is neither applied nor accounted under another', ({ assert }) => {
    const ledger = parseLedger(
      entry('').replace("expires: '2030-01-01'", "expires: '2030-01-01'\n    profiles: [full]"),
      'l.yaml',
    )
    assert.deepEqual(ledger.entries[0]!.profiles, ['full'])
    assert.lengthOf(ledgerForProfile(ledger, 'quick').entries, 0)
    assert.lengthOf(ledgerForProfile(ledger, 'full').entries, 1)
    const noHits = [{ strategy: 's1', pair: ['host_new', 'host_old'] as const, ledgerHits: {} }]
    assert.isFalse(accountLedger(ledger, noHits, '2026-01-01', 'quick')[0]!.stale)
    assert.isTrue(accountLedger(ledger, noHits, '2026-01-01', 'full')[0]!.stale)
    assert.throws(
      () =>
        parseLedger(
          entry('').replace("expires: '2030-01-01'", "expires: '2030-01-01'\n    profiles: [huge]"),
          'l.yaml',
        ),
      /l\.yaml:\d+: KD-ONE: profiles must be a non-empty list of quick, full, smoke/,
    )
  })
})
