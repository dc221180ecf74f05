/**
 * The train / validation / test split of the old local path (docs/legacy-behaviour.md §6.3; §14 step 3):
 * contiguous slices of the shuffled combined rows, sized from `training.data_split` (⌊N·train⌋, ⌊N·validation⌋,
 * the rest) or, without it, from `model.training.validation_split` (default 0.2) with no test split.
 */
import { sliceRows, type LabelledRows } from '../model/dataset.ts'
import type { StrategyConfig } from '../strategy/types.ts'

/** Validation fraction when neither `data_split` nor `validation_split` is given (§6.3). */
export const DEFAULT_VALIDATION_SPLIT = 0.2

/** The three splits. */
export interface DataSplit {
  readonly train: LabelledRows
  readonly validation: LabelledRows
  readonly test: LabelledRows
}

/**
 * Splits `combined` the old way.
 */
export function splitData(combined: LabelledRows, strategy: StrategyConfig): DataSplit {
  const n = combined.rows
  let nTrain: number
  let nVal: number
  if (strategy.dataSplit) {
    nTrain = Math.floor(n * strategy.dataSplit.train)
    nVal = Math.floor(n * strategy.dataSplit.validation)
  } else {
    nTrain = Math.floor(n * (1 - (strategy.model.training.validationSplit ?? DEFAULT_VALIDATION_SPLIT)))
    nVal = n - nTrain
  }
  return {
    train: sliceRows(combined, 0, nTrain),
    validation: sliceRows(combined, nTrain, nTrain + nVal),
    test: sliceRows(combined, nTrain + nVal, n),
  }
}
