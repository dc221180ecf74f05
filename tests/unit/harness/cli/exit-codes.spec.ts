import { test } from '@japa/runner'
import { EnvironmentError } from '../../../../harness/cli/environment-error.ts'
import { exitCodeOf, main } from '../../../../harness/cli/main.ts'
import { UsageError } from '../../../../harness/cli/usage-error.ts'
import { HostStartError } from '../../../../reference/host-service/process.ts'

test.group('cli/main: exit codes come from the error type, never from its text', () => {
  test('usage and environment errors exit 2, any other failure 1', ({ assert }) => {
    assert.equal(exitCodeOf(new UsageError('--seed must be an integer')), 2)
    assert.equal(exitCodeOf(new EnvironmentError('host new did not start: …')), 2)
    assert.equal(exitCodeOf(new Error('host new did not start: looks like one, is not one')), 1)
    assert.equal(exitCodeOf(new HostStartError('host new did not start: not mapped by the CLI yet')), 1)
    assert.equal(exitCodeOf('a thrown string'), 1)
  })
})

test.group('cli/main: the equivalence command', () => {
  test('an unreadable ledger is an environment error: exit 2, before any run starts', async ({ assert }) => {
    const code = await main(['equivalence', '--ledger', '/nonexistent/known-divergences.yaml', '--paths', 'local_new'])
    assert.equal(code, 2)
  })

  test('an unknown path is a usage error: exit 2', async ({ assert }) => {
    assert.equal(await main(['equivalence', '--paths', 'local_new,nowhere']), 2)
  })
})
