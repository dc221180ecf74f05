/**
 * The request parsing FastAPI + pydantic v2 did for the old host (docs/legacy-behaviour.md §9.2, §13): JSON decoding
 * by content type, and the pydantic models `TrainingStartRequest`, `TrainingStopRequest` and
 * `EvaluationRequest`, with 422 bodies shaped `{"detail": [{type, loc, msg, input, ctx?}]}`.
 */

/** One pydantic error as FastAPI serialises it. */
export interface ValidationErrorItem {
  readonly type: string
  readonly loc: ReadonlyArray<string | number>
  readonly msg: string
  readonly input: unknown
  readonly ctx?: Readonly<Record<string, unknown>>
}

/** FastAPI's `RequestValidationError`: answered with 422 `{"detail": errors}`. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError'
  constructor(readonly errors: readonly ValidationErrorItem[]) {
    super(errors.map((e) => `${e.loc.join('.')}: ${e.msg}`).join('; '))
  }
}

/** `POST /training/start` body. */
export interface LegacyStartRequest {
  readonly session_id: string | null
  readonly model_configuration: Record<string, unknown>
  readonly training_configuration: Record<string, unknown>
  readonly data_configuration: Record<string, unknown>
  readonly gpu_configuration: Record<string, unknown> | null
}

/** `POST /training/stop` body. */
export interface LegacyStopRequest {
  readonly session_id: string
  readonly save_checkpoint: boolean
}

/** `POST /training/evaluate` body. */
export interface LegacyEvaluationRequest {
  readonly model_path: string
  readonly data_config: Record<string, unknown>
  readonly metrics: string[]
}

/** Sentinel for "the body was empty": FastAPI then validates `None`. */
const EMPTY = Symbol('empty body')

/**
 * FastAPI's body decoding: an empty body is "missing"; JSON is parsed when the content type is absent,
 * `application/json` or `application/*+json`; any other content type hands the raw text to the model, which
 * rejects it.
 * @throws RequestValidationError `json_invalid` with the error position, as `["body", pos]`
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return EMPTY
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  const [major, minor = ''] = mime.split('/')
  const isJson = mime === '' || (major === 'application' && (minor === 'json' || minor.endsWith('+json')))
  const text = raw.toString('utf8')
  if (!isJson) return text
  try {
    return JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)
    throw new RequestValidationError([
      {
        type: 'json_invalid',
        loc: ['body', position ? Number(position[1]) : 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: 'Expecting value' },
      },
    ])
  }
}

type FieldCheck = (value: unknown, loc: Array<string | number>, errors: ValidationErrorItem[]) => unknown

interface FieldSpec {
  readonly name: string
  readonly check: FieldCheck
  /** Absent from the body: the default, or `undefined` when the field is required. */
  readonly fallback?: () => unknown
}

/** Validates `body` against an ordered list of fields the way a pydantic model does (all errors, field order). */
function validateModel(body: unknown, fields: readonly FieldSpec[]): Record<string, unknown> {
  if (body === EMPTY) {
    throw new RequestValidationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }])
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestValidationError([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ])
  }
  const record = body as Record<string, unknown>
  const errors: ValidationErrorItem[] = []
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    if (!(field.name in record)) {
      if (field.fallback) out[field.name] = field.fallback()
      else errors.push({ type: 'missing', loc: ['body', field.name], msg: 'Field required', input: record })
      continue
    }
    out[field.name] = field.check(record[field.name], ['body', field.name], errors)
  }
  if (errors.length > 0) throw new RequestValidationError(errors)
  return out
}

const str: FieldCheck = (value, loc, errors) => {
  if (typeof value !== 'string')
    errors.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input: value })
  return value
}

const dict: FieldCheck = (value, loc, errors) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input: value })
  }
  return value
}

const optional =
  (check: FieldCheck): FieldCheck =>
  (value, loc, errors) =>
    value === null ? null : check(value, loc, errors)

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes'])
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no'])

/** pydantic's lax bool: booleans, 0 / 1, and the usual yes/no words. */
const bool: FieldCheck = (value, loc, errors) => {
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return true
    if (FALSE_WORDS.has(word)) return false
    errors.push({
      type: 'bool_parsing',
      loc,
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: value,
    })
    return value
  }
  errors.push({ type: 'bool_type', loc, msg: 'Input should be a valid boolean', input: value })
  return value
}

const stringList: FieldCheck = (value, loc, errors) => {
  if (!Array.isArray(value)) {
    errors.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input: value })
    return value
  }
  value.forEach((item, i) => str(item, [...loc, i], errors))
  return value
}

/** `TrainingStartRequest`. @throws RequestValidationError */
export function parseStartRequest(body: unknown): LegacyStartRequest {
  return validateModel(body, [
    { name: 'session_id', check: optional(str), fallback: () => null },
    { name: 'model_configuration', check: dict },
    { name: 'training_configuration', check: dict },
    { name: 'data_configuration', check: dict },
    { name: 'gpu_configuration', check: optional(dict), fallback: () => null },
  ]) as unknown as LegacyStartRequest
}

/** `TrainingStopRequest`. @throws RequestValidationError */
export function parseStopRequest(body: unknown): LegacyStopRequest {
  return validateModel(body, [
    { name: 'session_id', check: str },
    { name: 'save_checkpoint', check: bool, fallback: () => true },
  ]) as unknown as LegacyStopRequest
}

/** `EvaluationRequest`. @throws RequestValidationError */
export function parseEvaluationRequest(body: unknown): LegacyEvaluationRequest {
  return validateModel(body, [
    { name: 'model_path', check: str },
    { name: 'data_config', check: dict },
    { name: 'metrics', check: stringList, fallback: () => ['accuracy', 'loss'] },
  ]) as unknown as LegacyEvaluationRequest
}
