/**
 * Step 6 of the old StrategyTrainer, `_combine_multi_symbol_data` (docs/legacy-behaviour.md §4.4, §14 step 2):
 * balanced subsample of every symbol to the smallest row count, then a global shuffle — even for one symbol.
 */
import type { SeededRng } from '../../../reference/runtime/rng.ts'
import { gatherRows, type LabelledRows, type SymbolTrainingInput } from './dataset.ts'

/**
 * Combines the symbols in request order. A symbol with more rows than the smallest takes
 * `randperm(rows)[:min]` (a random, unordered subset); the others keep all rows in order. The concatenation is
 * then permuted by one more `randperm(N)`. Symbol index = position in `inputs`.
 * @param featureCount - F, already checked equal for every symbol.
 */
export function combineMultiSymbolData(
  inputs: readonly SymbolTrainingInput[],
  featureCount: number,
  rng: SeededRng,
): LabelledRows {
  const minSamples = Math.min(...inputs.map((s) => s.labels.length))
  const parts: LabelledRows[] = inputs.map((input, symbolIndex) => {
    const all: LabelledRows = {
      features: input.features,
      labels: input.labels,
      symbolIndices: new Int32Array(input.labels.length).fill(symbolIndex),
      rows: input.labels.length,
      featureCount,
    }
    if (all.rows > minSamples) return gatherRows(all, rng.randperm(all.rows).subarray(0, minSamples))
    return all
  })
  const total = parts.reduce((n, p) => n + p.rows, 0)
  const concatenated: LabelledRows = {
    features: new Float32Array(total * featureCount),
    labels: new Int32Array(total),
    symbolIndices: new Int32Array(total),
    rows: total,
    featureCount,
  }
  let offset = 0
  for (const part of parts) {
    concatenated.features.set(part.features.subarray(0, part.rows * featureCount), offset * featureCount)
    concatenated.labels.set(part.labels, offset)
    concatenated.symbolIndices.set(part.symbolIndices, offset)
    offset += part.rows
  }
  return gatherRows(concatenated, rng.randperm(total))
}
