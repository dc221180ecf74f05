/**
 * The parameter schemas of the old schema-validated classes (`ktrdr/indicators/schemas.py`) used by the ports
 * here, and the checks those classes made before computing: source column present, enough rows.
 */
import { PythonFloat } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { SchemaParameter } from './python-kwargs.ts'

const SOURCE: SchemaParameter = {
  name: 'source',
  type: 'string',
  default: 'close',
  options: ['open', 'high', 'low', 'close'],
}

/** BOLLINGER_BAND_WIDTH_SCHEMA. */
export const BOLLINGER_BAND_WIDTH_SCHEMA: readonly SchemaParameter[] = [
  { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
  { name: 'multiplier', type: 'float', default: new PythonFloat(2.0), min: 0.1, max: 5.0 },
  SOURCE,
]

/** VOLUME_RATIO_SCHEMA. */
export const VOLUME_RATIO_SCHEMA: readonly SchemaParameter[] = [
  { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
]

/** SQUEEZE_INTENSITY_SCHEMA. */
export const SQUEEZE_INTENSITY_SCHEMA: readonly SchemaParameter[] = [
  { name: 'bb_period', type: 'int', default: 20, min: 2, max: 100 },
  { name: 'bb_multiplier', type: 'float', default: new PythonFloat(2.0), min: 0.1, max: 5.0 },
  { name: 'kc_period', type: 'int', default: 20, min: 2, max: 100 },
  { name: 'kc_multiplier', type: 'float', default: new PythonFloat(2.0), min: 0.1, max: 5.0 },
  SOURCE,
]

/** DISTANCE_FROM_MA_SCHEMA. */
export const DISTANCE_FROM_MA_SCHEMA: readonly SchemaParameter[] = [
  { name: 'period', type: 'int', default: 20, min: 1, max: 200 },
  { name: 'ma_type', type: 'string', default: 'SMA', options: ['SMA', 'EMA'] },
  SOURCE,
]

/** The schema classes' "Source column '…' not found in data" check. */
export function requireSourceColumn(frame: LegacyFrame, source: string): Float64Array {
  const column = frame.get(source)
  if (!column) {
    throw new LegacyIndicatorDataError('DATA-MissingColumn', `Source column '${source}' not found in data`)
  }
  return column
}

/** The schema classes' "Insufficient data: need at least N points, got M" check. */
export function requirePoints(frame: LegacyFrame, required: number): void {
  if (frame.rows < required) {
    throw new LegacyIndicatorDataError(
      'DATA-InsufficientData',
      `Insufficient data: need at least ${required} points, got ${frame.rows}`,
    )
  }
}
