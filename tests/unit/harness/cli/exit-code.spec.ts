import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { HostStartError } from '../../../../reference/host-service/process.ts'
import { DeviceError } from '../../../../reference/runtime/device-manager.ts'
import { exitCodeOf } from '../../../../harness/cli/exit-code.ts'
import { main } from '../../../../harness/cli/main.ts'
import { EnvironmentError, UsageError } from '../../../../harness/errors.ts'
import { LedgerError } from '../../../../harness/ledger/load.ts'
import { MergeError } from '../../../../harness/report/merge.ts'

test.group('cli/exit-code: the error’s class decides the exit code', () => {
  test('usage and environment errors exit 2, anything else 1, whatever the message says', ({ assert }) => {
    const environment = [new EnvironmentError('x'), new HostStartError('x'), new DeviceError('x')]
    for (const error of [new UsageError('x'), new LedgerError('x'), new MergeError('x'), ...environment]) {
      assert.equal(exitCodeOf(error), 2, error.name)
    }
    assert.equal(exitCodeOf(new Error('host old did not start: the text of a start failure')), 1)
    assert.equal(exitCodeOf('a string'), 1)
  })

  test('the command line maps an unreadable ledger to 2 and a train run of a missing file to 1', async ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-exit-'))
    const ledger = join(dir, 'ledger.yaml')
    writeFileSync(ledger, 'schema_version: 9\nentries: []\n')
    const stderr = process.stderr.write
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      assert.equal(await main(['equivalence', '--ledger', ledger, '--report-dir', dir]), 2)
      const train = ['train', '--path', 'local_new', '--strategy', join(dir, 'nope.yaml'), '--data-dir', dir]
      const rest = ['--symbols', 'AAPL', '--timeframes', '1h', '--seed', '1', '--models-dir', dir]
      assert.equal(await main([...train, ...rest]), 1)
      assert.equal(await main(['train', '--path', 'host_new', '--strategy', ledger, '--data-dir', dir, ...rest]), 2)
      assert.equal(await main(['bench', '--suite', 'training', '--runtimes', 'cpu-fused,gpu9']), 2)
    } finally {
      process.stderr.write = stderr
      process.exitCode = undefined
    }
  }).timeout(60_000)

  test('a ledger file that does not exist and an unknown path exit 2, before any run starts', async ({ assert }) => {
    const stderr = process.stderr.write
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      const ledger = ['equivalence', '--ledger', '/nonexistent/known-divergences.yaml', '--paths', 'local_new']
      assert.equal(await main(ledger), 2)
      assert.equal(await main(['equivalence', '--paths', 'local_new,nowhere']), 2)
    } finally {
      process.stderr.write = stderr
      process.exitCode = undefined
    }
  })
})
