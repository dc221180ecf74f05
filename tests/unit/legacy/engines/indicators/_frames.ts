// Small hand-made legacy frames for the per-class indicator tests.
import { LegacyFrame } from '../../../../../legacy/local/engines/frame.ts'
import type { LegacyIndicator } from '../../../../../legacy/local/engines/indicators/indicator.ts'

/** A frame of the given columns (hourly timestamps). */
export function frameOf(columns: Record<string, readonly number[]>): LegacyFrame {
  const n = Object.values(columns)[0]!.length
  const frame = new LegacyFrame(Float64Array.from({ length: n }, (_, i) => i * 3_600_000))
  for (const [name, values] of Object.entries(columns)) frame.set(name, Float64Array.from(values))
  return frame
}

/** A full OHLCV frame whose open, high, low and close all equal `x` (volume 1). */
export function flatBars(x: readonly number[]): LegacyFrame {
  return frameOf({ open: x, high: x, low: x, close: x, volume: x.map(() => 1) })
}

/** The output names and value arrays of one compute. */
export function outputs(indicator: LegacyIndicator, frame: LegacyFrame): { names: string[]; values: number[][] } {
  const out = indicator.compute(frame)
  return { names: out.map((o) => o.name), values: out.map((o) => Array.from(o.values)) }
}
