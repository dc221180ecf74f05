/**
 * Step 7 of the old StrategyTrainer, `_split_multi_symbol_data` (docs/legacy-behaviour.md §6.3, §14 step 3):
 * contiguous slices of the *shuffled* combined rows, so effectively a random split (the code comment said
 * "chronological").
 */
import { ConfigFieldError, isDict, requireNumber, truthy, type ConfigDict } from './config-dict.ts'
import { sliceRows, type LabelledRows } from './dataset.ts'

/** The three splits; `test` is null when it would be empty (the old `test_size > 0` check). */
export interface DataSplits {
  readonly train: LabelledRows
  readonly validation: LabelledRows
  readonly test: LabelledRows | null
}

/**
 * With a non-empty `training.data_split`: train = ⌊N·train⌋, validation = ⌊N·validation⌋, test = the rest (its
 * `test` key is never read). Otherwise train = ⌊N·(1 − validationSplit)⌋, validation = the rest, no test.
 */
export function splitMultiSymbolData(data: LabelledRows, validationSplit: number, splitConfig: unknown): DataSplits {
  const total = data.rows
  let trainSize: number
  let valSize: number
  if (truthy(splitConfig)) {
    if (!isDict(splitConfig)) throw new ConfigFieldError(`strategy field training.data_split must be a mapping`)
    const split: ConfigDict = splitConfig
    trainSize = Math.trunc(total * requireNumber(split, 'train', 'training.data_split.train'))
    valSize = Math.trunc(total * requireNumber(split, 'validation', 'training.data_split.validation'))
  } else {
    trainSize = Math.trunc(total * (1 - validationSplit))
    valSize = total - trainSize
  }
  const testSize = total - trainSize - valSize
  return {
    train: sliceRows(data, 0, trainSize),
    validation: sliceRows(data, trainSize, trainSize + valSize),
    test: testSize > 0 ? sliceRows(data, trainSize + valSize, total) : null,
  }
}
