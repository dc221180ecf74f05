import { test } from '@japa/runner'
import {
  legacyDataSplit,
  legacyLabelConfig,
  legacyLookbackPeriods,
  readLegacyStrategy,
} from '../../../../legacy/local/strategy-file.ts'
import { fixturePath, strategyVariant, tempDir, writeText } from '../../../fixtures/legacy/temp-files.ts'

test.group('legacy strategy file (docs/legacy-behaviour.md §1.2)', () => {
  test('reads the sections the trainer indexed and keeps the raw document', ({ assert }) => {
    const strategy = readLegacyStrategy(fixturePath('rsi_macd_sma_lookback5.yaml'))
    assert.equal(strategy.name, 'legacy_fixture_rsi_macd_sma')
    assert.lengthOf(strategy.indicators as unknown[], 3)
    assert.equal((strategy.raw.model as Record<string, unknown>).input_size, 36)
    assert.deepEqual(legacyLabelConfig(strategy), { zigzagThreshold: 0.02, labelLookahead: 12 })
    assert.deepEqual(legacyDataSplit(strategy), { train: 0.7, validation: 0.15, test: 0.15 })
    assert.equal(legacyLookbackPeriods(strategy), 5)
  })

  test('a missing section fails with the old message and the file', ({ assert }) => {
    const path = strategyVariant(tempDir(), './rsi_macd_lookback2.yaml', 's.yaml', (t) =>
      t.replace(/^fuzzy_sets:/m, 'fuzzy:'),
    )
    assert.throws(() => readLegacyStrategy(path), `${path}: Missing required configuration section: fuzzy_sets`)
  })

  test('training.labels and training.data_split fail only when read, naming file and key', ({ assert }) => {
    const path = strategyVariant(tempDir(), './rsi_macd_lookback2.yaml', 's.yaml', (t) =>
      t.replace(/^ {2}labels:/m, '  label_config:').replace(/^ {2}data_split:/m, '  split:'),
    )
    const strategy = readLegacyStrategy(path)
    assert.throws(
      () => legacyLabelConfig(strategy),
      `${path}: missing required key training.labels (KeyError: 'labels')`,
    )
    assert.throws(
      () => legacyDataSplit(strategy),
      `${path}: missing required key training.data_split (KeyError: 'data_split')`,
    )
  })

  test('lookback defaults to 0 when model.features is absent; YAML errors name the file', ({ assert }) => {
    const dir = tempDir()
    const path = writeText(dir, 's.yaml', 'name: x\nindicators: []\nfuzzy_sets: {}\nmodel: {}\ntraining: {}\n')
    assert.equal(legacyLookbackPeriods(readLegacyStrategy(path)), 0)
    const bad = writeText(dir, 'bad.yaml', 'name: [1,\n  b: x')
    assert.throws(() => readLegacyStrategy(bad), new RegExp(`^${bad}: .*line 2`))
  })
})
