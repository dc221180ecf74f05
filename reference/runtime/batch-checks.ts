/**
 * Input checks every runtime runs before touching a batch, so all of them reject the same mistakes with the
 * same one-line message (naming the runtime and the row).
 */
import type { MlpSpec } from './training-runtime.ts'

/** Checks `rows`, the length of `x` and every symbol index against the spec. */
export function assertBatchInputs(
  runtime: string,
  spec: MlpSpec,
  x: Float32Array,
  rows: number,
  symbols: Int32Array | null,
): void {
  const width = spec.inputSize
  if (!(Number.isInteger(rows) && rows > 0)) throw new RangeError(`${runtime}: rows must be a positive integer`)
  if (x.length < rows * width) {
    throw new RangeError(
      `${runtime}: x holds ${x.length} values, ${rows} rows × ${width} features need ${rows * width}`,
    )
  }
  if (symbols && spec.embedding) {
    const n = spec.embedding.numSymbols
    if (symbols.length < rows) throw new RangeError(`${runtime}: ${symbols.length} symbol ids for ${rows} rows`)
    for (let r = 0; r < rows; r++) {
      const s = symbols[r]!
      if (!(s >= 0 && s < n)) throw new RangeError(`${runtime}: symbol index ${s} at row ${r} is outside 0…${n - 1}`)
    }
  }
}

/** Checks that every label of the first `rows` is a class id of the spec. */
export function assertLabels(runtime: string, spec: MlpSpec, y: Int32Array, rows: number): void {
  const out = spec.outputSize
  if (y.length < rows) throw new RangeError(`${runtime}: ${y.length} labels for ${rows} rows`)
  for (let r = 0; r < rows; r++) {
    const label = y[r]!
    if (!(label >= 0 && label < out))
      throw new RangeError(`${runtime}: label ${label} at row ${r} is outside 0…${out - 1}`)
  }
}
