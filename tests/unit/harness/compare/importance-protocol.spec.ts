import { test } from '@japa/runner'
import { compareImportance, topFeatures } from '../../../../harness/compare/importance.ts'
import { progressViolations } from '../../../../harness/compare/protocol.ts'
import { DEFAULT_CLOSE } from '../../../../harness/compare/tolerance.ts'

test.group('compare/importance: top-N set match', () => {
  test('ranks by value, ties broken by name', ({ assert }) => {
    assert.deepEqual(topFeatures({ c: 0.1, b: 0.2, a: 0.1, d: 0 }, 3), ['b', 'a', 'c'])
  })

  test('a different top-N set fails and names the features only one side ranks', ({ assert }) => {
    const [top, values] = compareImportance(
      'feature_importance',
      { x: 3, y: 2, z: 1 },
      { x: 3, y: 1, z: 2 },
      DEFAULT_CLOSE,
      2,
    )
    assert.isFalse(top!.passed)
    assert.equal(top!.detail, 'Top-2 sets differ: only in a ["y"], only in b ["z"].')
    assert.isFalse(values!.passed)
  })
})

test.group('compare/protocol: progress invariants', () => {
  test('a monotonic trace ending at 100 holds', ({ assert }) => {
    assert.deepEqual(progressViolations([0, 10, 10, 100]), [])
  })

  test('going back, leaving 0…100 and stopping short are each reported', ({ assert }) => {
    assert.deepEqual(progressViolations([0, 50, 40, 120]), [
      'decreases from 50 to 40 at poll 2',
      'value 120 at poll 3 outside 0…100',
      'ends at 120 instead of 100',
    ])
    assert.deepEqual(progressViolations([]), ['no progress reported'])
  })
})
