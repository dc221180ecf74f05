// Invariants of the model-side stages (docs/legacy-behaviour.md §4.4, §6.3; docs/legacy-behaviour.md §14 steps 2, 3, 8, 10):
// split sizes add up and follow ⌊N·fraction⌋; combining keeps min-rows per symbol; permuting a constant feature
// changes nothing (importance exactly 0); the same seed gives the same RNG stream and the same training, different
// seeds give different streams.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { buildSeries, seriesSpecArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { generatedStrategyArb, seedArb, strategyConfig, strategySpecArb } from '../../harness/arbitraries/strategy.ts'
import { computeFeatureImportance } from '../../reference/model/importance.ts'
import type { LabelledRows } from '../../reference/model/dataset.ts'
import { combineSymbols } from '../../reference/pipeline/combine.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { splitData } from '../../reference/pipeline/split.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import { adamConfig, initParameters, type MlpSpec } from '../../reference/runtime/training-runtime.ts'

const FILE = import.meta.filename

/** Labelled rows of a given shape with features drawn from the seed. */
function randomRows(rows: number, featureCount: number, seed: number, symbols = 1): LabelledRows {
  const rng = new SeededRng(seed)
  return {
    features: Float32Array.from({ length: rows * featureCount }, () => rng.uniform()),
    labels: Int32Array.from({ length: rows }, () => rng.intRange(0, 3)),
    symbolIndices: Int32Array.from({ length: rows }, () => rng.intRange(0, symbols)),
    rows,
    featureCount,
  }
}

test.group('property: invariants of the model stages', () => {
  test('split sizes add up to N and follow ⌊N·train⌋, ⌊N·validation⌋ (or 1 − validation_split without data_split)', async () => {
    await checkProperty({
      id: 'inv-split-sizes',
      file: FILE,
      arbitraries: [fc.integer({ min: 0, max: 500 }), strategySpecArb(), seedArb()],
      predicate: (n, spec, seed) => {
        const strategy = strategyConfig(spec)
        const split = splitData(randomRows(n, 2, seed), strategy)
        const { train, validation, test: testRows } = split
        if (train.rows + validation.rows + testRows.rows !== n)
          throw new Error(`${train.rows}+${validation.rows}+${testRows.rows} ≠ ${n}`)
        const s = strategy.dataSplit
        const expectedTrain = s ? Math.floor(n * s.train) : Math.floor(n * (1 - 0.2))
        const expectedVal = s ? Math.floor(n * s.validation) : n - expectedTrain
        if (train.rows !== expectedTrain || validation.rows !== expectedVal) {
          throw new Error(`train ${train.rows} / val ${validation.rows}, expected ${expectedTrain} / ${expectedVal}`)
        }
        for (const part of [train, validation, testRows]) {
          if (part.features.length !== part.rows * 2 || part.labels.length !== part.rows)
            throw new Error('slice shapes')
        }
      },
    })
  })

  test('combining symbols keeps min(rows) rows of each symbol, in a permutation of the subsampled rows', async () => {
    await checkProperty({
      id: 'inv-combine-rows',
      file: FILE,
      arbitraries: [fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }), seedArb()],
      predicate: (counts, seed) => {
        const symbols = counts.map((rows, s) => {
          const labels = Int32Array.from({ length: rows }, (_, r) => (r + s) % 3)
          const features = Float32Array.from({ length: rows }, (_, r) => s * 1000 + r)
          return { symbol: `S${s}`, names: ['f_a'], features, labels }
        })
        const combined = combineSymbols(symbols, new SeededRng(seed))
        const min = Math.min(...counts)
        if (combined.rows !== min * counts.length)
          throw new Error(`${combined.rows} rows, expected ${min}·${counts.length}`)
        const seen = new Set<number>()
        for (let r = 0; r < combined.rows; r++) {
          const value = combined.features[r]!
          const s = Math.floor(value / 1000)
          const row = value - s * 1000
          if (combined.symbolIndices[r] !== s)
            throw new Error(`row ${r}: symbol index ${combined.symbolIndices[r]} for a row of S${s}`)
          if (combined.labels[r] !== (row + s) % 3) throw new Error(`row ${r}: label detached from its features`)
          if (seen.has(value)) throw new Error(`row ${value} taken twice`)
          seen.add(value)
        }
      },
    })
  })

  test('permutation importance of a constant feature is exactly 0', async () => {
    await checkProperty({
      id: 'inv-importance-constant-feature',
      file: FILE,
      arbitraries: [
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 2 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        seedArb(),
      ],
      predicate: (rows, featureCount, hiddenLayers, constant, seed) => {
        const spec: MlpSpec = {
          inputSize: featureCount,
          hiddenLayers,
          outputSize: 3,
          activation: 'relu',
          dropout: 0,
          embedding: { numSymbols: 1, dim: 4 },
        }
        const rng = new SeededRng(seed)
        const model = fusedRuntime.createModel(spec, initParameters(spec, rng), adamConfig(0.001))
        const validation = randomRows(rows, featureCount, seed ^ 0x5bd1e995)
        const column = rng.intRange(0, featureCount)
        for (let r = 0; r < rows; r++) validation.features[r * featureCount + column] = constant
        const names = Array.from({ length: featureCount }, (_, i) => `f_${i}`)
        const importance = computeFeatureImportance(model, validation, names, rng)
        model.dispose()
        if (!Object.is(importance[names[column]!], 0))
          throw new Error(`importance of constant f_${column} = ${importance[names[column]!]}`)
      },
    })
  })

  test('same seed → the same RNG stream; different seeds → different streams', async () => {
    await checkProperty({
      id: 'inv-rng-streams',
      file: FILE,
      arbitraries: [seedArb(), seedArb(), fc.integer({ min: 1, max: 64 })],
      predicate: (a, b, n) => {
        const draw = (seed: number): number[] => {
          const rng = new SeededRng(seed)
          return [...Array.from({ length: n }, () => rng.nextUint32()), ...rng.randperm(16)]
        }
        if (draw(a).join() !== draw(a).join()) throw new Error(`seed ${a} gave two streams`)
        if (a !== b && draw(a).join() === draw(b).join()) throw new Error(`seeds ${a} and ${b} gave the same stream`)
      },
    })
  })

  test('same seed → bitwise the same training (weights_sha256, metrics); a different seed → different weights', async () => {
    await checkProperty({
      id: 'inv-training-seed',
      file: FILE,
      cost: 6,
      arbitraries: [seriesSpecArb({ minBars: 60, maxBars: 160 }), generatedStrategyArb(), seedArb(), seedArb()],
      predicate: async (series, strategy, seed, other) => {
        const frame = buildSeries(series, 'SYM')
        const source = { description: 'memory', load: () => frame }
        const train = (s: number) =>
          runTrainingPipeline({
            strategy: strategy.config,
            symbols: ['SYM'],
            timeframes: ['1h'],
            startDate: '2020-01-01',
            endDate: '2030-01-01',
            seed: s,
            dataSource: source,
            storage: null,
            runtime: fusedRuntime,
            clock: () => new Date('2026-01-01T00:00:00Z'),
          })
        const [first, again] = [await train(seed), await train(seed)]
        if (first.weights_sha256 !== again.weights_sha256) throw new Error('same seed, different weights')
        if (JSON.stringify(first.test_metrics) !== JSON.stringify(again.test_metrics))
          throw new Error('same seed, different metrics')
        if (seed !== other && (await train(other)).weights_sha256 === first.weights_sha256) {
          throw new Error(`seeds ${seed} and ${other} trained identical weights`)
        }
      },
    })
  }).timeout(300_000)
})
