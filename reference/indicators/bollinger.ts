/**
 * Bollinger bands with a sample standard deviation (docs/legacy-behaviour.md §3.3); generic column names `upper`,
 * `middle`, `lower` whatever the parameters.
 */
import { rollingMean, rollingSampleStd } from './_internals/rolling.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { type IndicatorKwargs, numberOf, pyFloat } from './_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/** The three Bollinger lines. */
export interface BollingerBands {
  readonly upper: Float64Array
  readonly middle: Float64Array
  readonly lower: Float64Array
}

/**
 * middle = rolling mean, std = rolling sample std (ddof 1), upper / lower = middle ± multiplier · std; NaN for the
 * first period − 1 rows.
 */
export function bollingerBands(values: Float64Array, period: number, multiplier: number): BollingerBands {
  const middle = rollingMean(values, period)
  const std = rollingSampleStd(values, period)
  return {
    upper: middle.map((m, i) => m + multiplier * std[i]!),
    middle,
    lower: middle.map((m, i) => m - multiplier * std[i]!),
  }
}

/** The validated arguments of the Bollinger classes. @internal */
export interface BollingerArguments {
  readonly params: Record<string, unknown>
  readonly period: number
  readonly multiplier: number
  readonly source: string
}

/**
 * The arguments of `className(period=20, multiplier=2.0, source="close")` — the signature and schema that
 * BollingerBandsIndicator and BollingerBandWidthIndicator share: period int in [2, 100], multiplier float in
 * [0.1, 5.0], OHLC source.
 *
 * @throws IndicatorParameterError as the old constructor raised
 * @internal
 */
export function bollingerArguments(kwargs: IndicatorKwargs, className: string): BollingerArguments {
  const params = schemaClassArguments(kwargs, className, [
    { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
    { name: 'multiplier', type: 'float', default: pyFloat(2.0), min: 0.1, max: 5.0 },
    SOURCE_PARAMETER,
  ])
  return {
    params,
    period: numberOf(params.period as number),
    multiplier: numberOf(params.multiplier as number),
    source: params.source as string,
  }
}

/**
 * `BollingerBandsIndicator(period=20, multiplier=2.0, source="close")` ({@link bollingerArguments}). Needs period
 * rows.
 */
export const bollingerClass: IndicatorClass = {
  className: 'BollingerBandsIndicator',
  configure(kwargs) {
    const { period, multiplier, source } = bollingerArguments(kwargs, 'BollingerBandsIndicator')
    return {
      minRows: period,
      compute: (frame, _name, column) => {
        const bands = bollingerBands(frameColumn(frame, column, source), period, multiplier)
        return { names: ['upper', 'middle', 'lower'], columns: [bands.upper, bands.middle, bands.lower] }
      },
    }
  },
}
