import { test } from '@japa/runner'
import { parseShard } from '../../../../harness/cli/commands/equivalence.ts'
import { UsageError } from '../../../../harness/errors.ts'

test.group('cli/equivalence: argument parsing', () => {
  test('--shard i/n parses, and anything else is a usage error (exit 2)', ({ assert }) => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 })
    assert.isNull(parseShard(undefined))
    for (const bad of ['0/2', '3/2', '1-2', '1/0']) assert.throws(() => parseShard(bad), UsageError)
  })
})
