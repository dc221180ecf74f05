/**
 * The order in which training rows are fed to the model, epoch by epoch (docs/legacy-behaviour.md §6.2 step 2):
 * a shuffled `DataLoader(drop_last=False)` for one symbol, the `BalancedMultiSymbolBatchSampler` for several.
 * Every permutation is drawn from the run's seeded generator, in the order of docs/legacy-behaviour.md §14 step 5b.
 */
import type { SeededRng } from '../runtime/rng.ts'
import { rowsOfSymbol, type LabelledRows } from './dataset.ts'

/** One epoch's batches: `batchesPerEpoch` and a way to get batch b's row positions (in training order). */
export interface EpochBatches {
  readonly batchesPerEpoch: number
  /**
   * Row positions of batch `b`. Must be called for b = 0, 1, … in order, each right before that batch is
   * trained: the balanced sampler draws its within-batch permutation at that moment.
   */
  nextBatch(b: number): Int32Array
}

/** How batches are planned for a training split. */
export interface BatchPlanner {
  readonly batchesPerEpoch: number
  /** Draws the epoch-start permutations and returns that epoch's batches. */
  startEpoch(rng: SeededRng): EpochBatches
}

/**
 * The planner for `numSymbols` symbols: shuffled consecutive chunks for one symbol, balanced per-symbol slices
 * (samples_per_symbol = max(1, ⌊bs / S⌋), remainders dropped) for several.
 */
export function createBatchPlanner(train: LabelledRows, batchSize: number, numSymbols: number): BatchPlanner {
  return numSymbols <= 1 ? shuffledPlanner(train.rows, batchSize) : balancedPlanner(train, batchSize, numSymbols)
}

function shuffledPlanner(rows: number, batchSize: number): BatchPlanner {
  const batchesPerEpoch = Math.ceil(rows / batchSize)
  return {
    batchesPerEpoch,
    startEpoch(rng) {
      const order = rng.randperm(rows)
      return { batchesPerEpoch, nextBatch: (b) => order.subarray(b * batchSize, Math.min((b + 1) * batchSize, rows)) }
    },
  }
}

function balancedPlanner(train: LabelledRows, batchSize: number, numSymbols: number): BatchPlanner {
  const perSymbol = Math.max(1, Math.floor(batchSize / numSymbols))
  const positions = Array.from({ length: numSymbols }, (_, s) => rowsOfSymbol(train, s))
  const batchesPerEpoch = Math.floor(Math.min(...positions.map((p) => p.length)) / perSymbol)
  return {
    batchesPerEpoch,
    startEpoch(rng) {
      const perms = positions.map((p) => rng.randperm(p.length))
      return {
        batchesPerEpoch,
        nextBatch(b) {
          const rows = new Int32Array(perSymbol * numSymbols)
          positions.forEach((p, s) => {
            for (let k = 0; k < perSymbol; k++) rows[s * perSymbol + k] = p[perms[s]![b * perSymbol + k]!]!
          })
          const within = rng.randperm(rows.length)
          return within.map((w) => rows[w]!)
        },
      }
    },
  }
}
