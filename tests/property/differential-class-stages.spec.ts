// Differential property, local_old ↔ local_new, on the pre-model stages of strategies that reach the indicator
// classes built from `params:` (explicit types and aliases, params: mappings with YAML floats, dropped top-level
// keys, refused parameters, inferred names): identical names and labels and bitwise-identical floats in the data,
// indicators, mapped inputs, fuzzy memberships and features — or both refuse the input.
import { test } from '@japa/runner'
import { buildSeries, seriesSpecArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { parseStrategy } from '../../reference/strategy/load.ts'
import { classStrategyArb, classStrategyYaml } from '../../harness/arbitraries/indicator-classes.ts'
import { assertStagePairAgrees } from './_support/stage-pair.ts'

const FILE = import.meta.filename

test.group('property: local_old ↔ local_new stages with the params: indicator classes (bitwise)', () => {
  test('single timeframe with gaps, flat stretches, missing closes and spikes', async () => {
    await checkProperty({
      id: 'diff-stages-indicator-classes',
      file: FILE,
      cost: 3,
      arbitraries: [
        seriesSpecArb({ minBars: 70, maxBars: 180, gaps: true, flats: true, missingCloses: true, spikes: true }),
        classStrategyArb(),
      ],
      predicate: (series, strategy) => {
        const yaml = classStrategyYaml(strategy)
        assertStagePairAgrees({ '1h': buildSeries(series) }, yaml, parseStrategy(yaml, '<p>'))
      },
    })
  }).timeout(120_000)
})
