/**
 * The old VolumeRatioIndicator (docs/legacy-behaviour.md §3.3): volume / rolling mean of volume, 1.0 wherever the
 * mean is NaN or |mean| ≤ 1e-10 (so the warm-up rows are 1.0). One column `<name.lower()>_<period>`.
 */
import { guardedRatio } from './_internals/guarded-ratio.ts'
import { rollingMean } from './_internals/rolling.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { numberOf } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import { seriesColumnName } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/**
 * volume / rolling mean (full windows) of volume, 1.0 where the mean is NaN or ~0.
 */
export function volumeRatio(volume: Float64Array, period: number): Float64Array {
  return guardedRatio((i) => volume[i]!, rollingMean(volume, period), 1.0)
}

/** `VolumeRatioIndicator(period=20)`, schema period int in [2, 100]. Needs period rows. */
export const volumeRatioClass: IndicatorClass = {
  className: 'VolumeRatioIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'VolumeRatioIndicator', [
      { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
    ])
    const period = numberOf(params.period as number)
    return {
      minRows: period,
      compute: (frame, name, column) => ({
        names: [seriesColumnName(name, params)],
        columns: [volumeRatio(frameColumn(frame, column, 'volume'), period)],
      }),
    }
  },
}
