import { test } from '@japa/runner'
import {
  decodeBody,
  parseStartRequest,
  parseStopRequest,
  RequestValidationError,
} from '../../../../legacy/host/request-validation.ts'

function errorsOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors
    throw error
  }
  throw new Error('expected a RequestValidationError')
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

test.group('legacy host: FastAPI request validation (docs/legacy-behaviour.md §13)', () => {
  test('an empty body is "Field required" at ["body"]', ({ assert }) => {
    assert.deepEqual(
      errorsOf(() => parseStartRequest(decodeBody(Buffer.alloc(0), 'application/json'))),
      [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
    )
  })

  test('malformed JSON is json_invalid with the error position', ({ assert }) => {
    const errors = errorsOf(() => decodeBody(Buffer.from('{"a": }'), 'application/json')) as Array<{
      type: string
      loc: unknown[]
    }>
    assert.equal(errors[0]!.type, 'json_invalid')
    assert.equal(errors[0]!.loc[0], 'body')
    assert.isNumber(errors[0]!.loc[1])
  })

  test('missing and mistyped fields are all reported, in model field order', ({ assert }) => {
    const body = { session_id: 5, training_configuration: [] }
    assert.deepEqual(
      errorsOf(() => parseStartRequest(decodeBody(json(body), undefined))),
      [
        { type: 'string_type', loc: ['body', 'session_id'], msg: 'Input should be a valid string', input: 5 },
        { type: 'missing', loc: ['body', 'model_configuration'], msg: 'Field required', input: body },
        {
          type: 'dict_type',
          loc: ['body', 'training_configuration'],
          msg: 'Input should be a valid dictionary',
          input: [],
        },
        { type: 'missing', loc: ['body', 'data_configuration'], msg: 'Field required', input: body },
      ],
    )
  })

  test('a non-JSON content type hands the text to the model, which wants an object', ({ assert }) => {
    assert.deepEqual(
      errorsOf(() => parseStopRequest(decodeBody(Buffer.from('{"session_id":"x"}'), 'text/plain'))),
      [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: '{"session_id":"x"}',
        },
      ],
    )
  })

  test('save_checkpoint is a lax bool with a true default', ({ assert }) => {
    assert.deepEqual(parseStopRequest({ session_id: 'x' }), { session_id: 'x', save_checkpoint: true })
    assert.deepEqual(parseStopRequest({ session_id: 'x', save_checkpoint: 'no' }), {
      session_id: 'x',
      save_checkpoint: false,
    })
    assert.deepEqual(
      errorsOf(() => parseStopRequest({ session_id: 'x', save_checkpoint: 'maybe' })),
      [
        {
          type: 'bool_parsing',
          loc: ['body', 'save_checkpoint'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 'maybe',
        },
      ],
    )
  })
})
