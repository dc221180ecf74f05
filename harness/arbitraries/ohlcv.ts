/**
 * OHLCV series for property tests. The arbitrary yields a plain, JSON-able {@link SeriesSpec} (so a shrunk
 * counterexample can be saved as a regression fixture) and {@link buildSeries} turns it into a valid
 * `OhlcvFrame`: high ≥ max(open, close) ≥ min(open, close) ≥ low > 0, hourly bars, with optional time gaps, flat
 * stretches, missing closes (NaN) and ±20–40 % spikes (all ranges adjustable). {@link multiTimeframeFrames} adds the 4h bars aggregated
 * from the 1h base (`resampleOhlcv`), as the synthetic market does (docs/architecture.md §3.6).
 */
import fc from 'fast-check'
import { resampleOhlcv } from '../../reference/data/resample.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'

const HOUR_MS = 3_600_000
/** First bar of every generated series (a Monday, 00:00 UTC, so 4h and 1d buckets start with it). */
export const SERIES_START_MS = Date.UTC(2024, 0, 1)

/** One generated stretch of bars. Moves are basis points of the open. */
export type SegmentSpec =
  /** One ordinary bar, `gapHours` hours of missing bars before it. */
  | {
      readonly kind: 'bar'
      readonly move: number
      readonly up: number
      readonly down: number
      readonly gapHours: number
    }
  /** `length` bars with open = high = low = close = the previous close. */
  | { readonly kind: 'flat'; readonly length: number }
  /** One bar whose close jumps by `move` bp (±2000…4000). */
  | { readonly kind: 'spike'; readonly move: number }
  /** One ordinary bar whose close is missing (NaN in the frame; the next open continues from the true close). */
  | { readonly kind: 'missing'; readonly move: number }

/** A whole generated series. */
export interface SeriesSpec {
  /** Open of the first bar. */
  readonly startPrice: number
  readonly segments: readonly SegmentSpec[]
  /** Bars kept at most (flat runs can overshoot the segment count). */
  readonly maxBars: number
}

/** What the series may contain. */
export interface SeriesOptions {
  /** @default 40 */
  readonly minBars?: number
  /** @default 120 */
  readonly maxBars?: number
  /** Time gaps of 1–10 missing hours before some bars. @default false */
  readonly gaps?: boolean
  /** Runs of 2–12 flat bars. @default false */
  readonly flats?: boolean
  /** Bars with a NaN close. @default false */
  readonly missingCloses?: boolean
  /** ±20–40 % jumps. @default false */
  readonly spikes?: boolean
  /** Range of the first open. @default [50, 150] (so fuzzy sets on raw ATR / MACD values see meaningful scales) */
  readonly priceRange?: readonly [number, number]
  /** Missing hours before a gapped bar (with `gaps`). @default [1, 10]; e.g. [25, 96] for multi-day gaps */
  readonly gapHours?: readonly [number, number]
  /** Length of a flat run (with `flats`). @default [2, 12]; longer than an RSI period gives exact-tie deltas */
  readonly flatLength?: readonly [number, number]
  /** Size of a spike in bp, applied up or down (with `spikes`). @default up 2000–4000, down 2000–3000 */
  readonly spikeBp?: readonly [number, number]
}

/**
 * Series specs. Shrinking removes segments (down to `minBars`) and moves towards 0 bp, so a counterexample
 * shrinks to a short, mostly flat series.
 */
export function seriesSpecArb(options: SeriesOptions = {}): fc.Arbitrary<SeriesSpec> {
  const minBars = options.minBars ?? 40
  const maxBars = options.maxBars ?? 120
  const [lo, hi] = options.priceRange ?? [50, 150]
  const bar = fc.record({
    kind: fc.constant('bar' as const),
    move: fc.integer({ min: -300, max: 300 }),
    up: fc.integer({ min: 0, max: 150 }),
    down: fc.integer({ min: 0, max: 150 }),
    gapHours: options.gaps
      ? fc.oneof(
          { arbitrary: fc.constant(0), weight: 12 },
          { arbitrary: fc.integer({ min: options.gapHours?.[0] ?? 1, max: options.gapHours?.[1] ?? 10 }), weight: 1 },
        )
      : fc.constant(0),
  })
  const choices: Array<fc.WeightedArbitrary<SegmentSpec>> = [{ arbitrary: bar, weight: 20 }]
  if (options.flats) {
    choices.push({
      arbitrary: fc.record({
        kind: fc.constant('flat' as const),
        length: fc.integer({ min: options.flatLength?.[0] ?? 2, max: options.flatLength?.[1] ?? 12 }),
      }),
      weight: 1,
    })
  }
  if (options.spikes) {
    const [small, large] = options.spikeBp ?? [null, null]
    const jump =
      small === null || large === null
        ? fc.oneof(fc.integer({ min: 2000, max: 4000 }), fc.integer({ min: -3000, max: -2000 }))
        : fc.oneof(fc.integer({ min: small, max: large }), fc.integer({ min: -large, max: -small }))
    choices.push({ arbitrary: fc.record({ kind: fc.constant('spike' as const), move: jump }), weight: 1 })
  }
  if (options.missingCloses) {
    choices.push({
      arbitrary: fc.record({ kind: fc.constant('missing' as const), move: fc.integer({ min: -300, max: 300 }) }),
      weight: 1,
    })
  }
  return fc.record({
    startPrice: fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((cents) => cents / 100),
    segments: fc.array(fc.oneof(...choices), { minLength: minBars, maxLength: maxBars }),
    maxBars: fc.constant(maxBars),
  })
}

/**
 * Series of `options` of which half start (and so stay) below 1: `priceRange` [0.2, 0.9] or the options' own.
 */
export function halfBelowOneSeriesArb(options: SeriesOptions): fc.Arbitrary<SeriesSpec> {
  return seriesSpecArb({ ...options, priceRange: [0.2, 0.9] }).chain((low) =>
    seriesSpecArb(options).map((high) => (low.segments.length % 2 === 0 ? low : high)),
  )
}

/**
 * Series with every anomaly real data has at once: missing closes, exact-tie flat stretches of 2–20 bars (longer
 * than an RSI period), multi-day gaps (25–96 h), ±12 % one-bar spikes; half of them start (and stay) below 1.
 */
export function anomalousSeriesArb(minBars = 80, maxBars = 200): fc.Arbitrary<SeriesSpec> {
  return halfBelowOneSeriesArb({
    minBars,
    maxBars,
    gaps: true,
    gapHours: [25, 96],
    flats: true,
    flatLength: [2, 20],
    spikes: true,
    spikeBp: [1200, 1200],
    missingCloses: true,
  })
}

/**
 * The frame of a spec (symbol and timeframe as given; volume positive; no extra columns).
 */
export function buildSeries(spec: SeriesSpec, symbol = 'PROP', timeframe = '1h'): OhlcvFrame {
  const rows: Array<{ t: number; o: number; h: number; l: number; c: number; v: number }> = []
  let price = spec.startPrice
  let t = SERIES_START_MS
  const push = (open: number, close: number, up: number, down: number, shownClose = close): void => {
    const v = 1000 + ((rows.length * 7919) % 5000)
    rows.push({
      t,
      o: open,
      h: Math.max(open, close) * (1 + up / 10_000),
      l: Math.min(open, close) * (1 - down / 10_000),
      c: shownClose,
      v,
    })
    t += HOUR_MS
    price = close
  }
  for (const segment of spec.segments) {
    if (rows.length >= spec.maxBars) break
    switch (segment.kind) {
      case 'bar':
        t += segment.gapHours * HOUR_MS
        push(price, price * (1 + segment.move / 10_000), segment.up, segment.down)
        break
      case 'flat':
        for (let k = 0; k < segment.length && rows.length < spec.maxBars; k++) push(price, price, 0, 0)
        break
      case 'spike':
        push(price, price * (1 + segment.move / 10_000), 50, 50)
        break
      case 'missing':
        push(price, price * (1 + segment.move / 10_000), 20, 20, NaN)
        break
    }
  }
  const column = (pick: (r: (typeof rows)[number]) => number): Float64Array => Float64Array.from(rows, pick)
  return {
    symbol,
    timeframe,
    timestamps: column((r) => r.t),
    open: column((r) => r.o),
    high: column((r) => r.h),
    low: column((r) => r.l),
    close: column((r) => r.c),
    volume: column((r) => r.v),
    extra: { names: [], columns: [] },
  }
}

/**
 * Generated frames directly (for properties that need no fixture-friendly spec).
 */
export function ohlcvFrameArb(options: SeriesOptions = {}): fc.Arbitrary<OhlcvFrame> {
  return seriesSpecArb(options).map((spec) => buildSeries(spec))
}

/**
 * The 1h frame of a spec and the 4h frame aggregated from it, keyed in request order (`1h` is the base).
 */
export function multiTimeframeFrames(spec: SeriesSpec, symbol = 'PROP'): Record<string, OhlcvFrame> {
  const base = buildSeries(spec, symbol, '1h')
  return { '1h': base, '4h': resampleOhlcv(base, '4h') }
}

/**
 * Specs long enough for a 1h + 4h run: the old multi-timeframe loader wants ≥ 50 bars of every timeframe over ≥ 7
 * days, and MACD needs 35 bars of the 4h frame, so at least 220 hourly bars.
 */
export function multiTimeframeSpecArb(
  options: Omit<SeriesOptions, 'minBars' | 'maxBars'> = {},
): fc.Arbitrary<SeriesSpec> {
  return seriesSpecArb({ ...options, minBars: 220, maxBars: 260 })
}

/**
 * Closes only: a positive, NaN-free price-like series (for cross-checks against technicalindicators).
 */
export function priceSeriesArb(minLength = 40, maxLength = 160): fc.Arbitrary<Float64Array> {
  return seriesSpecArb({ minBars: minLength, maxBars: maxLength }).map((spec) => buildSeries(spec).close)
}
