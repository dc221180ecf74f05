/**
 * Validation of `training_data` (docs/legacy-behaviour.md §3.1): the symbols and timeframes a strategy trains on when a
 * request names none, in every form KTRDR's strategy files use — a plain list, `{mode: single, symbol | timeframe}`
 * or `{mode: multi_symbol | multi_timeframe, list}` (a mapping without `mode` takes its `list`) — plus the keys the
 * old trainer never read (`history_required`, `base_timeframe`, dates), which stay accepted and are warned about by
 * `reference/quirks/detect.ts`.
 */
import { DataError } from '../data/errors.ts'
import { validateSymbol } from '../data/csv-source.ts'
import { validateTimeframe } from '../data/timeframe.ts'
import { FieldReader, join, type Mapping } from './fields.ts'
import type { StrategyConfig } from './types.ts'

const TRAINING_DATA_KEYS = ['symbols', 'timeframes', 'history_required', 'start_date', 'end_date'] as const

/** How one of the two name lists may be written. */
interface NameListForm {
  readonly key: 'symbols' | 'timeframes'
  /** The `mode` naming one item, and the key that holds it. */
  readonly single: { readonly mode: 'single'; readonly key: 'symbol' | 'timeframe' }
  /** The `mode` naming a list (held in `list`). */
  readonly multi: 'multi_symbol' | 'multi_timeframe'
  /** Keys allowed beside `mode`, `list` and the single key. */
  readonly extra: readonly string[]
  readonly check: (name: string) => string
}

const SYMBOLS: NameListForm = {
  key: 'symbols',
  single: { mode: 'single', key: 'symbol' },
  multi: 'multi_symbol',
  extra: [],
  check: validateSymbol,
}

const TIMEFRAMES: NameListForm = {
  key: 'timeframes',
  single: { mode: 'single', key: 'timeframe' },
  multi: 'multi_timeframe',
  extra: ['base_timeframe'],
  check: validateTimeframe,
}

/** `training_data:` — symbols and timeframes; empty lists when absent. @internal */
export function readTrainingData(r: FieldReader, root: Mapping): StrategyConfig['trainingData'] {
  if (!('training_data' in root) || root.training_data === null) return { symbols: [], timeframes: [] }
  const data = r.mapping(root.training_data, 'training_data')
  r.onlyKeys(data, TRAINING_DATA_KEYS, 'training_data')
  if ('history_required' in data) r.integer(data.history_required, 'training_data.history_required', 1)
  for (const key of ['start_date', 'end_date']) {
    if (key in data && data[key] !== null) r.string(data[key], join('training_data', key))
  }
  const symbols = readNames(r, data, SYMBOLS)
  const timeframes = readNames(r, data, TIMEFRAMES)
  const tf = data.timeframes
  if (r.isMapping(tf) && 'base_timeframe' in tf) {
    const base = r.string(tf.base_timeframe, 'training_data.timeframes.base_timeframe')
    if (!timeframes.includes(base)) {
      r.fail('training_data.timeframes.base_timeframe', `${JSON.stringify(base)} is not one of the timeframes`)
    }
  }
  return { symbols, timeframes }
}

function readNames(r: FieldReader, data: Mapping, form: NameListForm): string[] {
  const path = join('training_data', form.key)
  const value = data[form.key]
  if (value === undefined || value === null) return []
  if (!r.isMapping(value)) return checkedNames(r, r.list(value, path), path, form)
  r.onlyKeys(value, ['mode', 'list', form.single.key, ...form.extra], path)
  const mode = 'mode' in value ? r.string(value.mode, join(path, 'mode')) : null
  if (mode === form.single.mode) {
    if ('list' in value) r.fail(join(path, 'list'), `mode ${mode} names one ${form.single.key}, not a list`)
    const single = join(path, form.single.key)
    if (!(form.single.key in value)) r.fail(single, `required for mode ${mode}`)
    return checkedNames(r, [value[form.single.key]], single, form, false)
  }
  if (mode !== null && mode !== form.multi) {
    r.fail(join(path, 'mode'), `expected ${form.single.mode} or ${form.multi}, got ${JSON.stringify(mode)}`)
  }
  if (form.single.key in value) {
    r.fail(join(path, form.single.key), `belongs to mode ${form.single.mode}; mode ${form.multi} takes a list`)
  }
  if (!('list' in value)) r.fail(join(path, 'list'), 'required field is missing')
  return checkedNames(r, r.list(value.list, join(path, 'list')), join(path, 'list'), form)
}

/** Each name validated as a symbol / timeframe; `indexed` adds `[i]` to the field path of a failure. */
function checkedNames(
  r: FieldReader,
  items: readonly unknown[],
  path: string,
  form: NameListForm,
  indexed = true,
): string[] {
  return items.map((item, i) => {
    const at = indexed ? join(path, i) : path
    const text = r.string(item, at)
    try {
      return form.check(text)
    } catch (error) {
      if (error instanceof DataError) r.fail(at, error.message)
      throw error
    }
  })
}
