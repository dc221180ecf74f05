import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { HttpError } from '../../../../reference/host-service/http-io.ts'
import { resolveStrategy } from '../../../../reference/host-service/strategy-resolution.ts'

const SHIPPED = resolve(import.meta.dirname, '../../../../strategies/neuro_mean_reversion.yaml')

function fieldProblem(fn: () => unknown): { field: string; message: string } {
  try {
    fn()
  } catch (error) {
    if (error instanceof HttpError && error.status === 422) return error.fields[0]!
    throw error
  }
  throw new Error('expected a 422')
}

test.group('host service: strategy resolution', (group) => {
  let dir = ''
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-strategies-'))
    copyFileSync(SHIPPED, join(dir, 'mine.yml'))
    return () => rmSync(dir, { recursive: true, force: true })
  })

  test('a strategy_config path resolves by stem inside the strategies dir, whatever directory it names', ({
    assert,
  }) => {
    const strategy = resolveStrategy({ kind: 'stem', stem: 'mine', given: '/elsewhere/mine.yaml' }, dir)
    assert.equal(strategy.name, 'neuro_mean_reversion')
    assert.equal(strategy.sourcePath, join(dir, 'mine.yml'))
  })

  test('an unknown stem and an invalid YAML are 422s naming the request field', ({ assert }) => {
    assert.deepEqual(
      fieldProblem(() => resolveStrategy({ kind: 'stem', stem: 'passwd', given: '/etc/passwd' }, dir)),
      {
        field: 'model_configuration.strategy_config',
        message: 'no strategy named "passwd" on this host',
      },
    )
    const problem = fieldProblem(() => resolveStrategy({ kind: 'yaml', text: 'name: [unclosed' }, dir))
    assert.equal(problem.field, 'model_configuration.strategy_yaml')
    assert.match(problem.message, /^invalid strategy \(1:\d+\): <strategy_yaml>:1:\d+: YAML syntax error/)
  })
})
