/**
 * The old MFIIndicator (docs/legacy-behaviour.md §3.3): a Python loop over windows of typical-price changes —
 * money flow TP · volume to the positive or negative sum (NaN changes skipped), 100 when the negative sum is 0,
 * 0 when the positive sum is, else 100 − 100 / (1 + pos / neg). It returned an unnamed series, so the column is
 * the strategy's `name`.
 */
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { constructorArg } from './python-kwargs.ts'
import { classIntCheck } from './signature-extras.ts'

/** `MFIIndicator(period=14)`, its own check (an int in [1, 100]). Needs period + 1 rows, no negative volume. */
export class LegacyMfi implements LegacyIndicator {
  readonly className = 'MFIIndicator'
  name = 'MFI'
  private readonly period: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.period = Number(classIntCheck(constructorArg(kwargs, 'period', 14), 'MFI period', 1, 100))
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['high', 'low', 'close', 'volume'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError(
        'INDICATOR-MissingColumns',
        `MFI indicator missing required columns: [${listed}]`,
      )
    }
    if (frame.rows === 0) {
      throw new LegacyIndicatorDataError('INDICATOR-EmptyData', 'MFI indicator requires non-empty data')
    }
    const p = this.period
    if (frame.rows < p + 1) {
      throw new LegacyIndicatorDataError(
        'INDICATOR-InsufficientData',
        `MFI indicator requires at least ${p + 1} data points`,
      )
    }
    const volume = frame.get('volume')!
    if (volume.some((v) => v < 0)) {
      throw new LegacyIndicatorDataError('INDICATOR-InvalidData', 'MFI indicator requires non-negative volume values')
    }
    const high = frame.get('high')!
    const low = frame.get('low')!
    const tp = frame.get('close')!.map((c, i) => (high[i] + low[i] + c) / 3.0)
    const flow = tp.map((t, i) => t * volume[i])
    const mfi = new Float64Array(frame.rows).fill(NaN)
    for (let i = p; i < frame.rows; i++) {
      let positive = 0.0
      let negative = 0.0
      for (let j = i - p + 1; j <= i; j++) {
        const change = j > 0 ? tp[j] - tp[j - 1] : NaN
        if (change !== change) continue
        if (change > 0) positive += flow[j]
        else if (change < 0) negative += flow[j]
      }
      if (negative === 0) mfi[i] = 100.0
      else if (positive === 0) mfi[i] = 0.0
      else mfi[i] = 100.0 - 100.0 / (1.0 + positive / negative)
    }
    return [{ name: this.name, values: mfi }]
  }
}
