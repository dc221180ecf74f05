/**
 * The old DonchianChannelsIndicator: rolling highest high and lowest low over full windows, the optional middle
 * line, channel width and the close's position in the channel. Columns `DC_<line>_<period>` (hard-coded).
 */
import { pythonTruthy } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, constructorArg } from './python-kwargs.ts'
import { rollingExtreme } from './rolling.ts'

/** The old "requires columns" check of the channel classes (names joined by ", "). */
export function requireColumns(frame: LegacyFrame, columns: readonly string[], label: string): void {
  const missing = columns.filter((name) => !frame.has(name))
  if (missing.length > 0) {
    throw new LegacyIndicatorDataError('DATA-MissingColumn', `${label} requires columns: ${missing.join(', ')}`)
  }
}

/** The old "requires at least N data points" check of the channel classes. */
export function requireDataPoints(frame: LegacyFrame, required: number, label: string): void {
  if (frame.rows < required) {
    throw new LegacyIndicatorDataError('DATA-InsufficientData', `${label} requires at least ${required} data points`)
  }
}

/** `DonchianChannelsIndicator(period=20, include_middle=True)`. Needs period rows. */
export class LegacyDonchianChannels implements LegacyIndicator {
  readonly className = 'DonchianChannelsIndicator'
  name = 'DonchianChannels'
  private readonly period: number
  private readonly includeMiddle: boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'include_middle'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 20), 'period', 500)
    this.includeMiddle = pythonTruthy(constructorArg(kwargs, 'include_middle', true))
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low', 'close'], 'Donchian Channels')
    const p = this.period
    requireDataPoints(frame, p, 'Donchian Channels')
    const close = frame.get('close')!
    const upper = rollingExtreme(frame.get('high')!, p, (a, b) => a >= b)
    const lower = rollingExtreme(frame.get('low')!, p, (a, b) => a <= b)
    const outputs: IndicatorOutput[] = [
      { name: `DC_Upper_${p}`, values: upper },
      { name: `DC_Lower_${p}`, values: lower },
    ]
    if (this.includeMiddle) outputs.push({ name: `DC_Middle_${p}`, values: upper.map((u, i) => (u + lower[i]) / 2) })
    outputs.push(
      { name: `DC_Width_${p}`, values: upper.map((u, i) => u - lower[i]) },
      { name: `DC_Position_${p}`, values: close.map((c, i) => (c - lower[i]) / (upper[i] - lower[i])) },
    )
    return outputs
  }
}
