import { test } from '@japa/runner'
import { QUIRKS, quirk } from '../../../../reference/quirks/registry.ts'

test.group('quirk registry', () => {
  test('ids are unique, well-formed and point at a docs/legacy-behaviour.md section', ({ assert }) => {
    const ids = QUIRKS.map((q) => q.id)
    assert.lengthOf(new Set(ids), ids.length)
    for (const q of QUIRKS) {
      assert.match(q.id, /^Q-[A-Z0-9]+(-[A-Z0-9]+)*$/)
      assert.match(q.section, /^§\d/)
      assert.isAbove(q.description.length, 20)
    }
  })

  test('lists the training-side quirks the trainer refers to', ({ assert }) => {
    for (const id of [
      'Q-COMBINE-SUBSAMPLE-SHUFFLE',
      'Q-SPLIT-RANDOM-AFTER-SHUFFLE',
      'Q-EVAL-EMBEDDING-ZERO',
      'Q-ADAM-WEIGHT-DECAY',
      'Q-BEST-RESTORE-NOOP',
      'Q-FIRST-BATCH-NAN-RETURN',
      'Q-AGGREGATOR-DEFAULTS',
      'Q-HOST-STATUS-OVERWRITE',
    ] as const) {
      assert.strictEqual(quirk(id).id, id)
    }
    assert.strictEqual(quirk('Q-SPLIT-RANDOM-AFTER-SHUFFLE').actsIn, 'split')
  })
})
