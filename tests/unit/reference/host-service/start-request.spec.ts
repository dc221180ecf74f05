import { test } from '@japa/runner'
import { HttpError } from '../../../../reference/host-service/http-io.ts'
import { parseStartRequest } from '../../../../reference/host-service/start-request.ts'

function problems(body: unknown): Array<{ field: string; message: string }> {
  try {
    parseStartRequest(body)
  } catch (error) {
    if (error instanceof HttpError && error.status === 422) return [...error.fields]
    throw error
  }
  throw new Error('expected a 422')
}

const data = { symbols: ['AAPL', 'MSFT'], timeframes: ['1h'] }

test.group('host service: start request validation', () => {
  test('the new shape: YAML text, symbols, timeframes, dates, seed, epochs', ({ assert }) => {
    const parsed = parseStartRequest({
      model_configuration: { strategy_yaml: 'name: x' },
      training_configuration: { start_date: '2024-01-01', end_date: '2024-02-01', seed: 9, epochs: 3, batch_size: 32 },
      data_configuration: data,
    })
    assert.deepEqual(parsed, {
      strategySource: { kind: 'yaml', text: 'name: x' },
      symbols: ['AAPL', 'MSFT'],
      timeframes: ['1h'],
      startDate: '2024-01-01',
      endDate: '2024-02-01',
      seed: 9,
      epochs: 3,
    })
  })

  test('the old shape: only the file stem of strategy_config is kept; training_configuration is optional', ({
    assert,
  }) => {
    const parsed = parseStartRequest({
      model_configuration: { strategy_config: '/app/strategies/neuro_mean_reversion.yaml' },
      data_configuration: data,
      gpu_configuration: { enable_gpu: true },
    })
    assert.deepEqual(parsed.strategySource, {
      kind: 'stem',
      stem: 'neuro_mean_reversion',
      given: '/app/strategies/neuro_mean_reversion.yaml',
    })
    assert.isNull(parsed.seed)
  })

  test('every problem is reported with its field', ({ assert }) => {
    assert.deepEqual(
      problems({
        session_id: 'mine',
        model_configuration: { strategy_yaml: 'a', strategy_config: 'b' },
        training_configuration: { seed: -1, epochs: 1.5, start_date: 'soon', end_date: '2024-01-01' },
        data_configuration: { symbols: ['AAPL', 'AAPL', 7], timeframes: [] },
      }).map((p) => p.field),
      [
        'session_id',
        'model_configuration',
        'data_configuration.symbols[1]',
        'data_configuration.symbols[2]',
        'data_configuration.timeframes',
        'training_configuration.start_date',
        'training_configuration.seed',
        'training_configuration.epochs',
      ],
    )
  })

  test('symbols and timeframes must pass the data source validators: no path can be smuggled in', ({ assert }) => {
    const found = problems({
      model_configuration: { strategy_yaml: 'x' },
      data_configuration: { symbols: ['..', '/etc/passwd', 'A'.repeat(21)], timeframes: ['1h/../../x'] },
    })
    assert.deepEqual(
      found.map((p) => p.field),
      [
        'data_configuration.symbols[0]',
        'data_configuration.symbols[1]',
        'data_configuration.symbols[2]',
        'data_configuration.timeframes[0]',
      ],
    )
    assert.match(found[1]!.message, /invalid symbol "\/etc\/passwd"/)
  })

  test('a body that is not an object, and end before start', ({ assert }) => {
    assert.deepEqual(problems([1, 2]), [{ field: '(body)', message: 'expected a JSON object' }])
    assert.deepEqual(
      problems({
        model_configuration: { strategy_yaml: 'x' },
        training_configuration: { start_date: '2024-02-01', end_date: '2024-01-01' },
        data_configuration: data,
      }),
      [{ field: 'training_configuration.end_date', message: 'must not be before start_date (2024-02-01)' }],
    )
  })
})
