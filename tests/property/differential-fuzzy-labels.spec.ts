// Differential properties, legacy ↔ reference, for the membership functions (docs/legacy-behaviour.md §4.1) and the
// zigzag segment labels (§5.1): bitwise-equal memberships for every set shape, any parameters within the schema and
// any input (including the parameters themselves, NaN, ±∞, −0); identical labels and pivots for any close series.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { legacyGaussian, legacyTrapezoidal, legacyTriangular } from '../../legacy/local/engines/fuzzy/membership.ts'
import { legacyZigzagPivots, legacyZigzagSegmentLabels } from '../../legacy/local/engines/labels.ts'
import { evaluateMembership } from '../../reference/fuzzy/membership.ts'
import { createLabels, zigzagPivots } from '../../reference/labels/zigzag.ts'
import type { FuzzySetSpec } from '../../reference/strategy/types.ts'
import { firstBitwiseDifference } from '../../harness/arbitraries/bitwise-diff.ts'
import { ohlcvFrameArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { fuzzySetArb, STRATEGY_INDICATORS } from '../../harness/arbitraries/strategy.ts'

const FILE = import.meta.filename

/** A set on some indicator's scale, with inputs that hit its parameters exactly, values around it and specials. */
const SET_AND_INPUTS = fc
  .constantFrom(...STRATEGY_INDICATORS)
  .chain((indicator) => fuzzySetArb(indicator, 'x'))
  .chain((set) => {
    const lo = Math.min(...set.parameters) - 1
    const hi = Math.max(...set.parameters) + 1
    const x = fc.oneof(
      fc.constantFrom(...set.parameters),
      fc.double({ min: lo, max: hi, noNaN: true }),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -0),
    )
    return fc.tuple(fc.constant(set), fc.array(x, { minLength: 1, maxLength: 40 }))
  })

function legacyMembership(set: FuzzySetSpec): (x: number) => number {
  const p = set.parameters
  if (set.type === 'triangular') return legacyTriangular(p[0]!, p[1]!, p[2]!)
  if (set.type === 'trapezoidal') return legacyTrapezoidal(p[0]!, p[1]!, p[2]!, p[3]!)
  return legacyGaussian(p[0]!, p[1]!)
}

const CLOSES = ohlcvFrameArb({ minBars: 3, maxBars: 150, flats: true, missingCloses: true, spikes: true }).map(
  (f) => f.close,
)
const THRESHOLD = fc.integer({ min: 5, max: 100 }).map((k) => k / 1000)

test.group('property: legacy ↔ reference fuzzy memberships and zigzag labels', () => {
  test('every membership shape agrees bitwise on any input', async () => {
    await checkProperty({
      id: 'diff-membership',
      file: FILE,
      arbitraries: [SET_AND_INPUTS],
      predicate: ([set, xs]) => {
        const values = Float64Array.from(xs)
        const reference = evaluateMembership(set, values)
        const legacy = values.map(legacyMembership(set))
        const i = firstBitwiseDifference(legacy, reference)
        if (i >= 0)
          throw new Error(`${set.type} [${set.parameters}] at x = ${values[i]}: ${legacy[i]} vs ${reference[i]}`)
      },
    })
  })

  test('zigzag segment labels agree exactly for any closes and threshold', async () => {
    await checkProperty({
      id: 'diff-zigzag-labels',
      file: FILE,
      arbitraries: [CLOSES, THRESHOLD],
      predicate: (close, t) => {
        const legacy = legacyZigzagSegmentLabels(close, t)
        const i = firstBitwiseDifference(legacy, createLabels(close, t))
        if (i >= 0) throw new Error(`label at bar ${i} differs`)
      },
    })
  })

  // Bar 0 is a reference pivot even when its close is missing, never a legacy one (the old pivot scan skips NaN
  // zigzag values); labels are unaffected. The stage-level property compares the raw pivot probes and reports it.
  test('zigzag pivots agree on every bar with a close (the reference also marks bar 0 when its close is NaN)', async () => {
    await checkProperty({
      id: 'diff-zigzag-pivots',
      file: FILE,
      arbitraries: [CLOSES, THRESHOLD],
      predicate: (close, t) => {
        const legacy = Array.from(legacyZigzagPivots(close, t)).flatMap((v, i) => (Number.isNaN(v) ? [] : [i]))
        const reference = Array.from(zigzagPivots(close, t)).filter((i) => !Number.isNaN(close[i]!))
        if (legacy.join() !== reference.join()) throw new Error(`pivots [${legacy}] vs [${reference}]`)
      },
    })
  })
})
