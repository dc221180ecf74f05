/**
 * The old AroonIndicator: for each full window of `period` bars, how many bars ago the highest high and the
 * lowest low occurred (pandas `argmax` / `argmin`: NaN skipped, first occurrence, −1 for an all-NaN window), as
 * `Aroon_<period>_Up` / `_Down` (hard-coded names) and optionally `_Oscillator`.
 */
import { isPythonInt, pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { constructorArg } from './python-kwargs.ts'

/** `AroonIndicator(period=14, include_oscillator=False)`. Needs period rows of high and low. */
export class LegacyAroon implements LegacyIndicator {
  readonly className = 'AroonIndicator'
  name = 'Aroon'
  private readonly period: number | boolean
  private readonly includeOscillator: boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'include_oscillator'], this.className)
    const period = constructorArg(kwargs, 'period', 14)
    if (!isPythonInt(period) || Number(period) < 1) {
      throw new LegacyIndicatorDataError('INDICATOR-InvalidParameter', 'Aroon period must be an integer >= 1')
    }
    if (Number(period) > 200) {
      throw new LegacyIndicatorDataError('INDICATOR-InvalidParameter', 'Aroon period must be <= 200')
    }
    const includeOscillator = constructorArg(kwargs, 'include_oscillator', false)
    if (typeof includeOscillator !== 'boolean') {
      throw new LegacyIndicatorDataError('INDICATOR-InvalidParameter', 'Aroon include_oscillator must be a boolean')
    }
    this.period = period
    this.includeOscillator = includeOscillator
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['high', 'low'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError(
        'INDICATOR-MissingColumns',
        `Aroon indicator missing required columns: [${listed}]`,
      )
    }
    const p = Number(this.period)
    if (frame.rows === 0) {
      throw new LegacyIndicatorDataError('INDICATOR-EmptyData', 'Aroon indicator requires non-empty data')
    }
    if (frame.rows < p) {
      throw new LegacyIndicatorDataError(
        'INDICATOR-InsufficientData',
        `Aroon indicator requires at least ${p} data points`,
      )
    }
    const up = aroonLine(frame.get('high')!, p, (v, best) => v > best)
    const down = aroonLine(frame.get('low')!, p, (v, best) => v < best)
    const label = `Aroon_${pythonStr(this.period)}`
    const outputs = [
      { name: `${label}_Up`, values: up },
      { name: `${label}_Down`, values: down },
    ]
    if (this.includeOscillator) outputs.push({ name: `${label}_Oscillator`, values: up.map((u, i) => u - down[i]) })
    return outputs
  }
}

/**
 * ((p − bars since the extreme) / p) · 100 per full window; `better(v, best)` says whether v beats the extreme so
 * far (NaN never does; an all-NaN window has position −1, so p bars since).
 */
function aroonLine(x: Float64Array, p: number, better: (v: number, best: number) => boolean): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = p - 1; i < x.length; i++) {
    const start = i - p + 1
    let position = -1
    for (let j = start; j <= i; j++) {
      if (x[j] !== x[j]) continue
      if (position < 0 || better(x[j], x[start + position])) position = j - start
    }
    const since = p - 1 - position
    out[i] = ((p - since) / p) * 100.0
  }
  return out
}
