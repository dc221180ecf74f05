// The differential property catches a planted off-by-one and shrinks it to a readable counterexample: a COPY of
// the reference RSI whose seed loop runs over bars 1…period+1 (one bar too many) is compared bitwise with the
// real reference RSI on generated series of up to 200 bars; fast-check must find the difference and shrink the
// series to at most 40 bars. The failure report carries a seed, a path and a replay command that reproduces it.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { firstBitwiseDifference } from '../../harness/arbitraries/bitwise-diff.ts'
import { encodeCounterexample } from '../../harness/arbitraries/json-codec.ts'
import { buildSeries, seriesSpecArb, type SeriesSpec } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty, propertyParameters } from '../../harness/arbitraries/property-runner.ts'
import { rsi } from '../../reference/indicators/rsi.ts'

const FILE = import.meta.filename

/** reference/indicators/rsi.ts with one planted fault: the seed averages bars 1…period+1. */
function plantedRsi(close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN)
  if (close.length <= period + 1) return out
  let avgGain = 0
  let avgLoss = 0
  for (let i = 1; i <= period + 1; i++) {
    const delta = close[i]! - close[i - 1]!
    avgGain += delta > 0 ? delta : 0
    avgLoss += delta < 0 ? -delta : 0
  }
  avgGain /= period + 1
  avgLoss /= period + 1
  const value = (): number => (avgLoss !== 0 ? 100 - 100 / (1 + avgGain / avgLoss) : avgGain > 0 ? 100 : 50)
  out[period + 1] = value()
  for (let i = period + 2; i < close.length; i++) {
    const delta = close[i]! - close[i - 1]!
    avgGain = (avgGain * (period - 1) + (delta > 0 ? delta : 0)) / period
    avgLoss = (avgLoss * (period - 1) + (delta < 0 ? -delta : 0)) / period
    out[i] = value()
  }
  return out
}

const SERIES = seriesSpecArb({ minBars: 2, maxBars: 200 })
const PERIOD = fc.integer({ min: 2, max: 30 })

/** The differential predicate: planted copy ≡ reference, bitwise. */
function samePlantedRsi(spec: SeriesSpec, period: number): void {
  const close = buildSeries(spec).close
  const i = firstBitwiseDifference(plantedRsi(close, period), rsi(close, period))
  if (i >= 0) throw new Error(`planted RSI differs at bar ${i} of ${close.length} (period ${period})`)
}

test.group('property: a planted RSI off-by-one is caught and shrunk', () => {
  test('found, and shrunk to a series of at most 40 bars', async ({ assert }) => {
    const property = fc.property(SERIES, PERIOD, (spec, period) => samePlantedRsi(spec, period))
    const details = fc.check(property, { numRuns: 200 })
    assert.isTrue(details.failed, `the planted fault went unnoticed (seed ${details.seed})`)
    const [spec, period] = details.counterexample!
    const bars = buildSeries(spec).close.length
    assert.isAtMost(bars, 40, `shrunk only to ${bars} bars (seed ${details.seed}, path ${details.counterexamplePath})`)
    assert.isAbove(bars, period, 'a counterexample needs bars past the warm-up')
  }).timeout(60_000)

  test('the failure report names seed, path and a replay command, and that seed + path replay it in one run', async ({
    assert,
  }) => {
    const error = await checkProperty({
      id: 'planted-rsi-off-by-one',
      file: FILE,
      arbitraries: [SERIES, PERIOD],
      predicate: samePlantedRsi,
      cost: 0.2,
    }).then(
      () => null,
      (e: Error) => e,
    )
    assert.isNotNull(error, 'checkProperty passed a property that must fail')
    const message = error!.message
    const seed = /seed: (-?\d+)/.exec(message)?.[1]
    const path = /path: (\S+)/.exec(message)?.[1]
    assert.exists(seed, message)
    assert.exists(path, message)
    assert.include(
      message,
      `KTRDR_FC_PROPERTY=planted-rsi-off-by-one KTRDR_FC_SEED=${seed} KTRDR_FC_PATH=${path} node --import tsx bin/test.ts --files=tests/property/planted-off-by-one.spec.ts`,
    )
    const env = { KTRDR_FC_PROPERTY: 'planted-rsi-off-by-one', KTRDR_FC_SEED: seed, KTRDR_FC_PATH: path }
    const replayed = fc.check(
      fc.property(SERIES, PERIOD, (s, p) => samePlantedRsi(s, p)),
      propertyParameters('planted-rsi-off-by-one', 1, env),
    )
    assert.isTrue(replayed.failed)
    assert.equal(replayed.numRuns, 1)
    assert.equal(/counterexample: (.*)$/m.exec(message)?.[1], encodeCounterexample(replayed.counterexample, 0))
  }).timeout(60_000)
})
