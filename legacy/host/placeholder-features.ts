/**
 * The old host's per-batch "features" and "labels", frozen (docs/legacy-behaviour.md §4.3 "Old host instead", §5.3):
 * a 20-wide row [o/1e5, h/1e5, l/1e5, c/1e5, (h/1e5 − l/1e5)·1e5, (c/1e5 − o/1e5)·1e5, 14 × N(0, 0.01)] and a
 * ±1 % next-bar label inside the batch, the batch's last bar HOLD. The old code drew the noise from numpy's
 * unseeded global generator; here it comes from the session's injected SeededRng, row by row, slot by slot.
 */
import type { SeededRng } from '../../reference/runtime/rng.ts'
import type { PriceSeries } from './price-series.ts'

/** Input width of the old host's fixed network. */
export const PLACEHOLDER_FEATURE_WIDTH = 20
/** Standard deviation of the noise padding. */
const NOISE_STD = 0.01
const SCALE = 100000.0
const BUY = 0
const HOLD = 1
const SELL = 2

/**
 * `_prepare_neural_features` for rows `[start, end)` of `series`: rows × 20, row-major, computed in float64 and
 * cast to float32 once (torch.FloatTensor of a float64 array). Draws 14 normals per row from `rng`.
 */
export function preparePlaceholderFeatures(
  series: PriceSeries,
  start: number,
  end: number,
  rng: SeededRng,
): Float32Array {
  const rows = end - start
  const out = new Float32Array(rows * PLACEHOLDER_FEATURE_WIDTH)
  for (let r = 0; r < rows; r++) {
    const i = start + r
    const o = series.open[i]! / SCALE
    const h = series.high[i]! / SCALE
    const l = series.low[i]! / SCALE
    const c = series.close[i]! / SCALE
    const base = r * PLACEHOLDER_FEATURE_WIDTH
    out[base] = o
    out[base + 1] = h
    out[base + 2] = l
    out[base + 3] = c
    out[base + 4] = (h - l) * SCALE
    out[base + 5] = (c - o) * SCALE
    for (let k = 6; k < PLACEHOLDER_FEATURE_WIDTH; k++) out[base + k] = rng.normal(0, NOISE_STD)
  }
  return out
}

/**
 * `_generate_training_labels` for rows `[start, end)`: r = (close[i+1] − close[i]) / close[i] within the batch;
 * r > 0.01 → BUY (0), r < −0.01 → SELL (2), else HOLD (1) — NaN compares false, so HOLD; the last row HOLD.
 */
export function generatePlaceholderLabels(close: Float64Array, start: number, end: number): Int32Array {
  const rows = end - start
  const labels = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    if (r === rows - 1) {
      labels[r] = HOLD
      continue
    }
    const i = start + r
    const change = (close[i + 1]! - close[i]!) / close[i]!
    labels[r] = change > 0.01 ? BUY : change < -0.01 ? SELL : HOLD
  }
  return labels
}
