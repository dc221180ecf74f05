import { test } from '@japa/runner'
import { createTrainingPipeline, TrainingPipeline } from '../../../../reference/pipeline/stages.ts'
import { splitData } from '../../../../reference/pipeline/split.ts'
import { memorySource, smallStrategy } from './fixtures.ts'

test.group('pipeline/stages', () => {
  test('createTrainingPipeline replaces only the stages it is given', ({ assert }) => {
    const split72: typeof splitData = (combined, strategy) =>
      splitData(combined, { ...strategy, dataSplit: { train: 0.72, validation: 0.18, test: 0.1 } })
    const pipeline = createTrainingPipeline({ splitData: split72 })
    assert.strictEqual(pipeline.splitData, split72)
    assert.strictEqual(pipeline.createFeatures, TrainingPipeline.createFeatures)
    assert.isTrue(Object.isFrozen(pipeline))
  })

  test('the pre-model stages chain: indicators → mapped → fuzzy → features, labels per base bar', ({ assert }) => {
    const strategy = smallStrategy({ lookback: 1 })
    const frames = TrainingPipeline.loadMarketData(memorySource(['AAPL'], 300), 'AAPL', ['1h'], null, null, () => {})
    const { indicators, mapped } = TrainingPipeline.calculateIndicators(frames, strategy, () => {})
    assert.includeMembers([...indicators['1h']!.names], ['rsi_14'])
    assert.includeMembers([...mapped['1h']!.names], ['close', 'rsi', 'macd'])
    const fuzzy = TrainingPipeline.generateFuzzyMemberships(mapped, strategy, false)
    const features = TrainingPipeline.createFeatures(fuzzy, strategy, ['1h'])
    assert.equal(features.cols, 6)
    assert.equal(features.rows, 300)
    const { labels, pivots } = TrainingPipeline.createLabels(frames, strategy)
    assert.lengthOf(labels, 300)
    assert.equal(pivots[0], 0)
  })

  test('validateDataQuality reports each loaded frame', ({ assert }) => {
    const frames = TrainingPipeline.loadMarketData(
      memorySource(['AAPL'], 200, ['1h', '4h']),
      'AAPL',
      ['1h', '4h'],
      null,
      null,
      () => {},
    )
    const reports = TrainingPipeline.validateDataQuality(frames)
    assert.deepEqual(
      reports.map((r) => r.timeframe),
      ['1h', '4h'],
    )
  })

  test('calculateIndicators takes substitute implementations (the canaries’ planted faults)', ({ assert }) => {
    const strategy = smallStrategy()
    const frames = TrainingPipeline.loadMarketData(memorySource(['AAPL'], 100), 'AAPL', ['1h'], null, null, () => {})
    const warnings: string[] = []
    const flat = { minRows: 1, compute: () => ({ names: ['rsi_14'], columns: [new Float64Array(100).fill(42)] }) }
    const { indicators, mapped } = TrainingPipeline.calculateIndicators(
      frames,
      strategy,
      (m) => void warnings.push(m),
      {
        RSI: flat,
      },
    )
    const at = indicators['1h']!.names.indexOf('rsi_14')
    assert.deepEqual([...indicators['1h']!.columns[at]!], new Array(100).fill(42))
    assert.deepEqual([...mapped['1h']!.columns[mapped['1h']!.names.indexOf('rsi')]!], new Array(100).fill(42))
    assert.deepEqual(warnings, ['indicator RSI uses a substituted implementation'])
  })
})
