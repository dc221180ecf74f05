// Properties of the property machinery itself, so the differential properties cannot pass vacuously: the stage
// comparator notices any single perturbed element (a NaN, a −0 for a 0, the next representable double, a swapped
// label) and names the stage; the counterexample codec restores every value bit for bit (NaN, ±∞, −0, typed arrays).
import { test } from '@japa/runner'
import fc from 'fast-check'
import { firstDeepDifference, stageProbeDifferences } from '../../harness/arbitraries/bitwise-diff.ts'
import { decodeCounterexample, encodeCounterexample } from '../../harness/arbitraries/json-codec.ts'
import { buildSeries, seriesSpecArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { generatedStrategyArb } from '../../harness/arbitraries/strategy.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'

const FILE = import.meta.filename

/** A deep copy of the probes (typed arrays copied), so a perturbation leaves the original untouched. */
function copyProbes(p: SymbolStageProbes): SymbolStageProbes {
  const copySets = (r: Readonly<Record<string, ColumnSet>>) =>
    Object.fromEntries(
      Object.entries(r).map(([tf, s]) => [
        tf,
        { ...s, timestamps: s.timestamps.slice(), columns: s.columns.map((c) => c.slice()) },
      ]),
    )
  return {
    ...p,
    data: copySets(p.data),
    indicators: copySets(p.indicators),
    mapped: copySets(p.mapped),
    fuzzy: copySets(p.fuzzy),
    features: { ...p.features, values: p.features.values.slice() },
    labels: p.labels.slice(),
  }
}

/** A value that differs from v under Object.is. */
function perturb(v: number, how: number): number {
  if (Number.isNaN(v)) return 0
  if (how === 0) return NaN
  if (how === 1 && Object.is(v, 0)) return -0
  const bits = new Float64Array([v])
  const word = new BigInt64Array(bits.buffer)
  word[0] = word[0]! + 1n
  return Object.is(bits[0], v) || Number.isNaN(bits[0]!) ? v + 1 : bits[0]!
}

const STAGES = ['data', 'indicators', 'mapped', 'fuzzy', 'features', 'labels'] as const

test.group('property: the property machinery itself', () => {
  test('the stage comparator catches any single perturbed element and names its stage', async () => {
    await checkProperty({
      id: 'self-comparator-sensitivity',
      file: FILE,
      cost: 2,
      arbitraries: [
        seriesSpecArb({ minBars: 40, maxBars: 80, missingCloses: true }),
        generatedStrategyArb(),
        fc.constantFrom(...STAGES),
        fc.nat(),
        fc.nat(),
        fc.nat(2),
      ],
      predicate: (series, strategy, stage, column, row, how) => {
        const probes = computeSymbolStages({
          strategy: strategy.config,
          symbol: 'PROP',
          frames: { '1h': buildSeries(series) },
        })
        const changed = copyProbes(probes)
        if (stage === 'labels') {
          const r = row % changed.labels.length
          changed.labels[r] = (changed.labels[r]! + 1) % 3
        } else if (stage === 'features') {
          const values = changed.features.values
          if (values.length === 0) return
          const i = row % values.length
          const next = Math.fround(perturb(values[i]!, how))
          values[i] = Object.is(next, values[i]) ? values[i]! + 1 : next
        } else {
          const set = changed[stage]['1h']!
          if (set.columns.length === 0) return
          const c = set.columns[column % set.columns.length]!
          const i = row % c.length
          c[i] = perturb(c[i]!, how)
        }
        const differences = stageProbeDifferences(probes, changed)
        if (differences.length !== 1)
          throw new Error(`expected one difference, got ${differences.length}: ${differences}`)
        if (!differences[0]!.startsWith(stage)) throw new Error(`blamed the wrong stage: ${differences[0]}`)
      },
    })
  })

  test('the counterexample codec round-trips any value bit for bit', async () => {
    const number = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0), fc.integer())
    const leaf = fc.oneof(number, fc.string(), fc.boolean(), fc.constant(null))
    const typed = fc.oneof(
      fc.array(fc.double()).map((a) => Float64Array.from(a)),
      fc.array(fc.float()).map((a) => Float32Array.from(a)),
      fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })).map((a) => Int32Array.from(a)),
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        typed,
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node
    await checkProperty({
      id: 'self-codec-round-trip',
      file: FILE,
      arbitraries: [value],
      predicate: (v) => {
        const back = decodeCounterexample(encodeCounterexample(v))
        const difference = firstDeepDifference(v, back)
        if (difference) throw new Error(difference)
        if (ArrayBuffer.isView(v) && (back as object).constructor !== (v as object).constructor)
          throw new Error('typed array kind lost')
      },
    })
  })
})
