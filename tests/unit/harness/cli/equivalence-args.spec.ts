import { readdirSync } from 'node:fs'
import { test } from '@japa/runner'
import { parseShard } from '../../../../harness/cli/commands/equivalence.ts'
import { UsageError } from '../../../../harness/errors.ts'
import { PROFILE_STRATEGIES } from '../../../../harness/matrix/profile.ts'

test.group('cli/equivalence: argument parsing', () => {
  test('--shard i/n parses, and anything else is a usage error (exit 2)', ({ assert }) => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 })
    assert.isNull(parseShard(undefined))
    for (const bad of ['0/2', '3/2', '1-2', '1/0']) assert.throws(() => parseShard(bad), UsageError)
  })
})

test.group('matrix/profile: strategies per profile', () => {
  test('the quick profile names shipped strategies; full and smoke run every shipped strategy', ({ assert }) => {
    const shipped = readdirSync('strategies')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
    const quick = PROFILE_STRATEGIES.quick!
    assert.isAbove(quick.length, 0)
    for (const name of quick) assert.include(shipped, name)
    assert.isAbove(shipped.length, quick.length, 'newer strategies run in the full profile only')
    assert.isNull(PROFILE_STRATEGIES.full)
    assert.isNull(PROFILE_STRATEGIES.smoke)
  })
})
