import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
import { isFloatLiteral, YamlFloat } from '../../../../reference/strategy/yaml-float.ts'

const MINIMAL = readFileSync('tests/fixtures/strategies/minimal.yaml', 'utf8')

/** The minimal strategy with its indicator list replaced. */
function withIndicators(lines: string): string {
  if (!MINIMAL.includes('  - name: rsi\n')) throw new Error('fixture has no rsi entry')
  return MINIMAL.replace('  - name: rsi\n', lines)
}

test.group('strategy/load: indicator params:', () => {
  test('float literals as PyYAML reads them', ({ assert }) => {
    for (const text of ['2.0', '.5', '-1.', '1e3', '1.5E-2', '.inf', '-.Inf', '.nan'])
      assert.isTrue(isFloatLiteral(text), text)
    for (const text of ['2', '-7', '0x1E', '1_000', 'abc']) assert.isFalse(isFloatLiteral(text), text)
  })

  test('params: is kept as keyword arguments, floats as YamlFloat, apart from the dropped top-level keys', ({
    assert,
  }) => {
    const strategy = parseStrategy(
      withIndicators(
        '  - name: rsi\n  - name: sar\n    type: ParabolicSAR\n    period: 3\n    params: { max_af: 1.0, step_af: 0.05, label: x, n: 2 }\n',
      ),
      't.yaml',
    )
    const sar = strategy.indicators[1]!
    assert.deepEqual(sar.params, { period: 3 })
    assert.deepEqual(Object.keys(sar.kwargs), ['max_af', 'step_af', 'label', 'n'])
    assert.instanceOf(sar.kwargs.max_af, YamlFloat)
    assert.strictEqual((sar.kwargs.max_af as YamlFloat).value, 1)
    assert.strictEqual(sar.kwargs.n, 2)
    assert.strictEqual(sar.kwargs.label, 'x')
    assert.deepEqual(strategy.indicators[0]!.kwargs, {})
  })

  test('params: must be a mapping', ({ assert }) => {
    assert.throws(
      () => parseStrategy(withIndicators('  - name: rsi\n    params: 14\n'), 't.yaml'),
      /indicators\[0\]\.params: expected a mapping/,
    )
  })

  test('an explicit type must be a registry name; a name must be known or infer one', ({ assert }) => {
    assert.doesNotThrow(() =>
      parseStrategy(withIndicators('  - name: rsi\n  - name: w\n    type: WilliamsRIndicator\n'), 't'),
    )
    assert.doesNotThrow(() => parseStrategy(withIndicators('  - name: rsi\n  - name: williams_r\n'), 't'))
    assert.throws(
      () => parseStrategy(withIndicators('  - name: rsi\n  - name: w\n    type: williamsr\n'), 't'),
      /indicators\[1\]\.type: unknown indicator "williamsr"/,
    )
    assert.throws(() => parseStrategy(withIndicators('  - name: rsi\n  - name: cci\n'), 't'), /unknown indicator "cci"/)
  })
})
