/**
 * The old training loader (`MultiSymbolDataLoader.create_balanced_loader`, docs/legacy-behaviour.md §6.2 step 2,
 * docs/legacy-behaviour.md §14 step 5b): one symbol → `DataLoader(shuffle=True, drop_last=False)`; two or more →
 * `BalancedMultiSymbolBatchSampler` (equal rows per symbol, remainders dropped, each batch permuted again).
 */
import type { SeededRng } from '../../../reference/runtime/rng.ts'

/** The batches of the training split, as row positions; iterate once per epoch. */
export interface EpochBatchPlan {
  /** `len(train_loader)`. */
  readonly batchesPerEpoch: number
  /**
   * The batches of one epoch. Draws lazily like the Python iterators: the epoch permutations on the first
   * `next()`, and (balanced sampler) each batch's own permutation when that batch is requested.
   */
  epoch(rng: SeededRng): Generator<Int32Array>
}

/** Plain shuffled loader: `randperm(n)` per epoch, consecutive chunks of `batchSize`, the last one partial. */
function shuffledLoader(rows: number, batchSize: number): EpochBatchPlan {
  return {
    batchesPerEpoch: Math.ceil(rows / batchSize),
    *epoch(rng) {
      const order = rng.randperm(rows)
      for (let start = 0; start < rows; start += batchSize) yield order.slice(start, Math.min(start + batchSize, rows))
    },
  }
}

/**
 * Balanced sampler: samples_per_symbol = max(1, ⌊bs / S⌋); batches = ⌊min_s count_s / samples_per_symbol⌋. Per
 * epoch each symbol's positions (ascending) are permuted; batch b takes slice b of every symbol in order, then
 * permutes the concatenation.
 */
function balancedSampler(symbolIndices: Int32Array, numSymbols: number, batchSize: number): EpochBatchPlan {
  const perSymbol = Math.max(1, Math.floor(batchSize / numSymbols))
  const positions: Int32Array[] = []
  for (let s = 0; s < numSymbols; s++) {
    const list: number[] = []
    symbolIndices.forEach((v, i) => {
      if (v === s) list.push(i)
    })
    positions.push(Int32Array.from(list))
  }
  const batches = Math.floor(Math.min(...positions.map((p) => p.length)) / perSymbol)
  return {
    batchesPerEpoch: batches,
    *epoch(rng) {
      const shuffled = positions.map((p) => {
        const perm = rng.randperm(p.length)
        return Int32Array.from(perm, (k) => p[k]!)
      })
      for (let b = 0; b < batches; b++) {
        const rows = new Int32Array(perSymbol * numSymbols)
        shuffled.forEach((p, s) => rows.set(p.subarray(b * perSymbol, (b + 1) * perSymbol), s * perSymbol))
        const w = rng.randperm(rows.length)
        yield Int32Array.from(w, (k) => rows[k]!)
      }
    },
  }
}

/** The loader the old `train_multi_symbol` built for `numSymbols` symbols over the training split. */
export function createTrainLoader(symbolIndices: Int32Array, numSymbols: number, batchSize: number): EpochBatchPlan {
  return numSymbols <= 1
    ? shuffledLoader(symbolIndices.length, batchSize)
    : balancedSampler(symbolIndices, numSymbols, batchSize)
}
