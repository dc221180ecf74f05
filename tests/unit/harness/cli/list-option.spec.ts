import { test } from '@japa/runner'
import { listOption, listOptionOf } from '../../../../harness/cli/list-option.ts'
import { UsageError } from '../../../../harness/errors.ts'

test.group('cli/list-option: the one parser of comma-separated options', () => {
  test('items are trimmed and empty items dropped', ({ assert }) => {
    assert.deepEqual(listOption('AAPL,MSFT', '--symbols'), ['AAPL', 'MSFT'])
    assert.deepEqual(listOption(' AAPL , ,MSFT,', '--symbols'), ['AAPL', 'MSFT'])
    assert.deepEqual(listOption('1h', '--timeframes'), ['1h'])
  })

  test('a list with no item is a usage error naming the flag', ({ assert }) => {
    for (const empty of ['', ',', ' , '])
      assert.throws(() => listOption(empty, '--symbols'), UsageError, '--symbols: give at least one value')
  })

  test('values from a known set: each must be known, and the message names the unknown one and the set', ({
    assert,
  }) => {
    const known = ['local_old', 'local_new'] as const
    assert.deepEqual(listOptionOf('local_new, local_old', '--paths', known, 'path'), ['local_new', 'local_old'])
    assert.throws(
      () => listOptionOf('local_new,host_x', '--paths', known, 'path'),
      UsageError,
      '--paths: unknown path "host_x" (known: local_old, local_new)',
    )
    assert.throws(() => listOptionOf('', '--paths', known, 'path'), UsageError, '--paths: give at least one value')
  })
})
