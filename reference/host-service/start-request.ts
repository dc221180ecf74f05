/**
 * Validation of `POST /training/start` bodies for the new host (docs/legacy-behaviour.md §9.2–§9.3; docs/architecture.md §5):
 * the old request shape (`model_configuration`, `training_configuration`, `data_configuration`,
 * `gpu_configuration`) with the strategy either as YAML text (`model_configuration.strategy_yaml`) or as the old
 * backend's path (`model_configuration.strategy_config`, of which only the file stem is used). Every problem
 * is collected as a field-level message; symbols and timeframes pass the data source's validators, so no
 * request value ever reaches a file path unchecked.
 */
import { validateSymbol, validateTimeframe } from '../data/csv-source.ts'
import { parseUtcTimestamp } from '../data/timestamps.ts'
import { HttpError, type FieldProblem } from './http-io.ts'

/** Where the strategy comes from. */
export type StrategySource =
  | { readonly kind: 'yaml'; readonly text: string }
  /** `stem` is the file name without directory and extension; `given` is the caller's path, never opened. */
  | { readonly kind: 'stem'; readonly stem: string; readonly given: string }

/** A validated start request. */
export interface HostStartRequest {
  readonly strategySource: StrategySource
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** `training_configuration.start_date`, or null for the pipeline's default. */
  readonly startDate: string | null
  readonly endDate: string | null
  /** `training_configuration.seed`, or null for the server's default seed. */
  readonly seed: number | null
  /** `training_configuration.epochs` (overrides the strategy's), or null. */
  readonly epochs: number | null
}

/** Old API strategy names (docs/legacy-behaviour.md §1.1). */
const STRATEGY_STEM_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const MAX_SYMBOLS = 64
const MAX_TIMEFRAMES = 8
const MAX_EPOCHS = 100_000
const MAX_SEED = 2 ** 32 - 1

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Validates a parsed start body.
 *
 * @throws HttpError 422 `validation_error` listing every field problem
 */
export function parseStartRequest(body: unknown): HostStartRequest {
  const problems: FieldProblem[] = []
  const fail = (field: string, message: string): void => {
    problems.push({ field, message })
  }
  if (!isObject(body)) throw validationError([{ field: '(body)', message: 'expected a JSON object' }])
  if (body.session_id !== undefined && body.session_id !== null) {
    fail('session_id', 'session ids are issued by the server; omit it')
  }
  const model = section(body, 'model_configuration', true, fail)
  const training = section(body, 'training_configuration', false, fail)
  const data = section(body, 'data_configuration', true, fail)
  if (body.gpu_configuration !== undefined && body.gpu_configuration !== null && !isObject(body.gpu_configuration)) {
    fail('gpu_configuration', 'expected an object')
  }
  const strategySource = model ? readStrategySource(model, fail) : null
  const symbols = data ? readList(data, 'symbols', MAX_SYMBOLS, validateSymbol, fail) : []
  const timeframes = data ? readList(data, 'timeframes', MAX_TIMEFRAMES, validateTimeframe, fail) : []
  const startDate = training ? readDate(training, 'start_date', fail) : null
  const endDate = training ? readDate(training, 'end_date', fail) : null
  if (startDate && endDate && parseUtcTimestamp(startDate) > parseUtcTimestamp(endDate)) {
    fail('training_configuration.end_date', `must not be before start_date (${startDate})`)
  }
  const seed = training ? readInteger(training, 'seed', 0, MAX_SEED, fail) : null
  const epochs = training ? readInteger(training, 'epochs', 1, MAX_EPOCHS, fail) : null
  if (problems.length > 0 || !strategySource) throw validationError(problems)
  return { strategySource, symbols, timeframes, startDate, endDate, seed, epochs }
}

/** A 422 naming every field problem; the detail line names the first ones. */
export function validationError(problems: readonly FieldProblem[]): HttpError {
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ')
  const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : ''
  return new HttpError(422, 'validation_error', `${shown}${more}`, problems)
}

function section(body: Json, name: string, required: boolean, fail: (f: string, m: string) => void): Json | null {
  const value = body[name]
  if (value === undefined || value === null) {
    if (required) fail(name, 'required (an object)')
    return required ? null : {}
  }
  if (!isObject(value)) {
    fail(name, 'expected an object')
    return null
  }
  return value
}

function readStrategySource(model: Json, fail: (f: string, m: string) => void): StrategySource | null {
  const yaml = model.strategy_yaml
  const path = model.strategy_config
  if (yaml !== undefined && path !== undefined) {
    fail('model_configuration', 'give strategy_yaml or strategy_config, not both')
    return null
  }
  if (yaml !== undefined) {
    if (typeof yaml !== 'string' || yaml.trim() === '') {
      fail('model_configuration.strategy_yaml', 'expected the strategy YAML as a non-empty string')
      return null
    }
    return { kind: 'yaml', text: yaml }
  }
  if (path !== undefined) {
    if (typeof path !== 'string' || path.trim() === '') {
      fail('model_configuration.strategy_config', 'expected a strategy file path as a non-empty string')
      return null
    }
    const file = path.split(/[\\/]/).pop()!
    const stem = file.replace(/\.ya?ml$/i, '')
    if (!STRATEGY_STEM_PATTERN.test(stem)) {
      fail(
        'model_configuration.strategy_config',
        `strategy name ${JSON.stringify(stem)} must match ${STRATEGY_STEM_PATTERN}`,
      )
      return null
    }
    return { kind: 'stem', stem, given: path }
  }
  fail('model_configuration.strategy_yaml', 'required (or model_configuration.strategy_config)')
  return null
}

function readList(
  data: Json,
  key: string,
  max: number,
  validate: (item: string) => string,
  fail: (f: string, m: string) => void,
): string[] {
  const field = `data_configuration.${key}`
  const value = data[key]
  if (!Array.isArray(value) || value.length === 0) {
    fail(field, 'required (a non-empty list of strings)')
    return []
  }
  if (value.length > max) {
    fail(field, `at most ${max} entries, got ${value.length}`)
    return []
  }
  const out: string[] = []
  value.forEach((item, i) => {
    if (typeof item !== 'string') return fail(`${field}[${i}]`, 'expected a string')
    try {
      const text = validate(item.trim())
      if (out.includes(text)) fail(`${field}[${i}]`, `duplicate ${JSON.stringify(text)}`)
      else out.push(text)
    } catch (error) {
      fail(`${field}[${i}]`, (error as Error).message)
    }
  })
  return out
}

function readDate(training: Json, key: string, fail: (f: string, m: string) => void): string | null {
  const value = training[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || Number.isNaN(parseUtcTimestamp(value))) {
    fail(`training_configuration.${key}`, `expected a date such as 2024-12-31, got ${describeValue(value)}`)
    return null
  }
  return value
}

function readInteger(
  training: Json,
  key: string,
  min: number,
  max: number,
  fail: (f: string, m: string) => void,
): number | null {
  const value = training[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`training_configuration.${key}`, `expected an integer in [${min}, ${max}], got ${describeValue(value)}`)
    return null
  }
  return value
}

/** A short, safe rendering of a rejected value for an error message (never walks a nested structure). */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'an object'
  return String(JSON.stringify(value)).slice(0, 80)
}
