/**
 * The bad-input corpus for the new training host (issue 10, "bad-input corpus"): a generated table of malformed,
 * hostile or unauthorised requests — wrong types, missing fields, huge numbers, NaN/Infinity literals, deep
 * nesting, invalid YAML and YAML bombs in `strategy_yaml`, path-traversal symbols, timeframes and ids, oversized
 * bodies and headers, wrong methods, unknown routes, wrong content types, bad bearer tokens. Every case must be
 * answered with a 4xx and a JSON `{error, detail}` body; `expect` narrows the status where the host's contract
 * (reference/host-service/README.md) names one.
 */
import type { RawRequest } from './raw-http.ts'

/** One corpus entry. */
export interface BadRequestCase extends RawRequest {
  /** Unique, readable: `<category>: <what>`. */
  readonly name: string
  /** Accepted statuses; any 4xx when absent. */
  readonly expect?: readonly number[]
}

/** What the corpus is built from. */
export interface BadRequestCorpusOptions {
  /** The host's bearer token: sent on every case but the token cases. */
  readonly token: string
  /** A start body the host accepts (`newStartBody(...)`); cases mutate a deep copy of it. */
  readonly validStartBody: Readonly<Record<string, unknown>>
  /** Extra request-body files (name → raw text), each sent as a `POST /training/start` body. */
  readonly fixtureBodies?: Readonly<Record<string, string>>
}

type Json = Record<string, unknown>
type Mutation = (body: Json) => void

const JSON_TYPE = { 'content-type': 'application/json' }
const MIB = 1024 * 1024

/** A YAML "billion laughs": nine levels of aliases, each repeating the previous nine times. */
export function yamlBomb(levels = 9): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i)
    const name = String.fromCharCode(97 + i)
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * Builds the corpus (≥ 150 cases).
 */
export function badRequestCorpus(options: BadRequestCorpusOptions): BadRequestCase[] {
  const auth = { authorization: `Bearer ${options.token}` }
  const headers = { ...auth, ...JSON_TYPE }
  const cases: BadRequestCase[] = []
  const add = (c: BadRequestCase): void => {
    cases.push({ ...c, headers: c.headers ?? headers })
  }
  const startRaw = (name: string, body: string | Buffer, expect?: readonly number[]): void =>
    add({ name, method: 'POST', path: '/training/start', body, ...(expect ? { expect } : {}) })
  const startWith = (name: string, mutate: Mutation, expect: readonly number[] = [422]): void => {
    const body = structuredClone(options.validStartBody) as Json
    mutate(body)
    startRaw(name, JSON.stringify(body), expect)
  }
  const model = (b: Json): Json => b.model_configuration as Json
  const data = (b: Json): Json => b.data_configuration as Json
  const training = (b: Json): Json => b.training_configuration as Json
  const yaml = String((options.validStartBody.model_configuration as Json).strategy_yaml)

  // --- the body is not an object; sections missing or of the wrong type
  for (const [label, text] of [
    ['array', '[]'],
    ['string', '"start"'],
    ['number', '42'],
    ['boolean', 'true'],
    ['null', 'null'],
  ] as const) {
    startRaw(`body: JSON ${label} instead of an object`, text, [422])
  }
  startRaw('body: empty object', '{}', [422])
  for (const section of ['model_configuration', 'data_configuration']) {
    startWith(`body: ${section} missing`, (b) => delete b[section])
    startWith(`body: ${section} null`, (b) => (b[section] = null))
  }
  for (const section of ['model_configuration', 'data_configuration', 'training_configuration', 'gpu_configuration']) {
    for (const [label, value] of [
      ['number', 1],
      ['string', 'x'],
      ['array', []],
      ['boolean', true],
    ] as const) {
      startWith(`types: ${section} is a ${label}`, (b) => (b[section] = value))
    }
  }
  startWith('body: a client-chosen session_id', (b) => (b.session_id = 'my-session'))
  startWith('body: session_id an object', (b) => (b.session_id = { $ne: null }))

  // --- the strategy
  for (const [label, value] of [
    ['a number', 1],
    ['true', true],
    ['a list', ['name: x']],
    ['an object', { name: 'x' }],
    ['empty', ''],
    ['blank', '   \n  '],
    ['null', null],
  ] as const) {
    startWith(`strategy_yaml: ${label}`, (b) => (model(b).strategy_yaml = value))
  }
  startWith('strategy: neither strategy_yaml nor strategy_config', (b) => delete model(b).strategy_yaml)
  startWith('strategy: both strategy_yaml and strategy_config', (b) => (model(b).strategy_config = 'x.yaml'))
  for (const path of [
    '/etc/passwd',
    '../../../../etc/passwd',
    '..',
    '',
    'C:\\Windows\\win.ini',
    'a b.yaml',
    'x;rm -rf /.yaml',
    '%2e%2e%2fpasswd',
    'no_such_strategy.yaml',
  ]) {
    startWith(`strategy_config: ${JSON.stringify(path)}`, (b) => {
      delete model(b).strategy_yaml
      model(b).strategy_config = path
    })
  }
  startWith('strategy_config: a number', (b) => {
    delete model(b).strategy_yaml
    model(b).strategy_config = 7
  })
  const yamlCases: Array<[string, string]> = [
    ['syntax: unclosed flow mapping', 'name: x\nindicators: [{name: rsi\n'],
    ['syntax: bad indentation', 'name: x\n  indicators:\n- a\n b: c\n'],
    ['syntax: tab indentation', 'name: x\nmodel:\n\tarchitecture: 1\n'],
    ['syntax: duplicate key', `${yaml}\nname: again\n`],
    ['syntax: unterminated string', 'name: "x\n'],
    ['syntax: undefined alias', 'name: *nothing\n'],
    ['a scalar document', 'just text'],
    ['a list document', '- a\n- b\n'],
    ['two documents', `${yaml}\n---\nname: second\n`],
    ['YAML bomb (billion laughs)', yamlBomb()],
    ['YAML bomb appended to a valid strategy', `${yaml}\n${yamlBomb()}`],
    ['deeply nested flow lists (5,000)', `name: x\nindicators: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    [
      'deeply nested mappings (100)',
      `name: x\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`,
    ],
    ['over the 256 KiB strategy limit', `${yaml}\n# ${'x'.repeat(300 * 1024)}\n`],
    ['a !!js/function tag', 'name: !!js/function "function(){ return 1 }"\n'],
    ['a !!binary tag of garbage', 'name: !!binary "@@@@not base64@@@@"\n'],
    ['missing the model section', yaml.replace(/^model:[\s\S]*?(?=^training:)/m, '')],
    ['a bad triangle', yaml.replace('[0, 20, 35]', '[35, 20, 0]')],
    ['an unknown indicator', yaml.replace('name: rsi', 'name: not_an_indicator')],
    ['an unknown top-level key', `${yaml}\nunexpected_key: 1\n`],
    ['huge hidden layers', yaml.replace('hidden_layers: [50, 25]', 'hidden_layers: [100000000, 25]')],
    ['nine hidden layers', yaml.replace('hidden_layers: [50, 25]', `hidden_layers: [${Array(9).fill(4).join(', ')}]`)],
    ['NaN learning rate', yaml.replace('learning_rate: 0.001', 'learning_rate: .nan')],
    ['infinite dropout', yaml.replace('dropout: 0.2', 'dropout: .inf')],
    ['negative epochs', yaml.replace('epochs: 100', 'epochs: -5')],
    ['a NUL byte', `${yaml}\0`],
    [
      '65 indicators (limit 64)',
      yaml.replace(/^indicators:\n/m, `indicators:\n${'  - { name: sma, period: 5 }\n'.repeat(65)}`),
    ],
    [
      '33 fuzzy sets on one indicator (limit 32)',
      yaml.replace(
        /^ {2}rsi:\n/m,
        `  rsi:\n${Array.from({ length: 33 }, (_, i) => `    s${i}: { type: triangular, parameters: [0, 50, 100] }\n`).join('')}`,
      ),
    ],
    [
      'an alias repeated 99 times to a 2,000-item list',
      `big: &big [${Array(2000).fill('1').join(',')}]\nname: [${Array(99).fill('*big').join(',')}]\n`,
    ],
  ]
  for (const [label, text] of yamlCases) startWith(`strategy_yaml: ${label}`, (b) => (model(b).strategy_yaml = text))

  // --- symbols and timeframes: types, sizes, traversal
  const listValues: Array<[string, unknown]> = [
    ['missing', undefined],
    ['empty list', []],
    ['a string', 'AAPL'],
    ['a number', 1],
    ['an object', { 0: 'AAPL' }],
  ]
  for (const key of ['symbols', 'timeframes']) {
    for (const [label, value] of listValues) {
      startWith(`${key}: ${label}`, (b) => {
        if (value === undefined) delete data(b)[key]
        else data(b)[key] = value
      })
    }
    for (const [label, value] of [
      ['null item', null],
      ['number item', 5],
      ['list item', ['AAPL']],
      ['empty item', ''],
    ] as const) {
      startWith(`${key}: ${label}`, (b) => (data(b)[key] = [value]))
    }
  }
  for (const symbol of [
    '../etc',
    '/etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    'EURUSD/../../x',
    '..',
    '.',
    '...',
    'AAPL\\..\\..\\x',
    'AAPL\0',
    'AA PL',
    'A'.repeat(21),
    '\u202eLPAA',
    'AAPL\n1h',
    '$(id)',
    '~root',
  ]) {
    startWith(`symbols: ${JSON.stringify(symbol)}`, (b) => (data(b).symbols = [symbol]))
  }
  startWith('symbols: duplicated', (b) => (data(b).symbols = ['NODATA', 'NODATA']))
  startWith('symbols: 65 entries', (b) => (data(b).symbols = Array.from({ length: 65 }, (_, i) => `S${i}`)))
  startWith('symbols: 100,000 entries', (b) => (data(b).symbols = Array.from({ length: 100_000 }, () => 'A')))
  for (const timeframe of ['../1h', '/etc/passwd', '1h/../../x', '..%2F1h', '1x', 'h', '1H', '-1h', '1.5h', '1h\0']) {
    startWith(`timeframes: ${JSON.stringify(timeframe)}`, (b) => (data(b).timeframes = [timeframe]))
  }
  startWith('timeframes: 9 entries', (b) => (data(b).timeframes = Array.from({ length: 9 }, (_, i) => `${i + 1}h`)))

  // --- training configuration: dates, seed, epochs
  for (const key of ['start_date', 'end_date']) {
    for (const value of [1, 'yesterday', '2024-13-45', '', [], {}, true, '2024-01-01; DROP TABLE']) {
      startWith(`${key}: ${JSON.stringify(value)}`, (b) => (training(b)[key] = value))
    }
  }
  startWith('dates: end before start', (b) => {
    training(b).start_date = '2024-06-01'
    training(b).end_date = '2024-01-01'
  })
  const numbers: Array<[string, unknown]> = [
    ['-1', -1],
    ['1.5', 1.5],
    ['a string', '3'],
    ['true', true],
    ['a list', [3]],
    ['an object', { n: 3 }],
    ['1e308', 1e308],
    ['-1e308', -1e308],
    ['MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2],
  ]
  for (const [label, value] of numbers) {
    startWith(`seed: ${label}`, (b) => (training(b).seed = value))
    startWith(`epochs: ${label}`, (b) => (training(b).epochs = value))
  }
  startWith('seed: 2^32', (b) => (training(b).seed = 2 ** 32))
  startWith('epochs: 0', (b) => (training(b).epochs = 0))
  startWith('epochs: 100,001', (b) => (training(b).epochs = 100_001))

  // --- raw text: huge numbers, NaN / Infinity literals, malformed JSON, deep nesting, bad encodings
  const valid = JSON.stringify(options.validStartBody)
  if (!valid.includes('"seed":1,') || !valid.includes('"epochs":1}')) {
    throw new Error('the valid start body must carry training_configuration.seed = 1 and epochs = 1 (last)')
  }
  const withEpochs = (literal: string): string => valid.replace('"epochs":1}', `"epochs":${literal}}`)
  for (const literal of ['1e999999', '-1e999999', '9'.repeat(400), '0.' + '0'.repeat(400) + '1']) {
    startRaw(`huge number: epochs ${literal.slice(0, 12)}…`, withEpochs(literal), [422])
  }
  for (const literal of ['NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '+1', '.5', '01']) {
    startRaw(`literal: epochs ${literal}`, withEpochs(literal), [400])
  }
  const malformed: Array<[string, string | Buffer]> = [
    ['empty body', ''],
    ['whitespace only', ' \n\t '],
    ['truncated object', valid.slice(0, valid.length / 2)],
    ['missing value', '{"model_configuration":}'],
    ['trailing comma', '{"model_configuration":{},}'],
    ['single quotes', "{'model_configuration':{}}"],
    ['a comment', '{/* c */"model_configuration":{}}'],
    ['two documents', `${valid}${valid}`],
    ['closing brace first', '}{'],
    ['byte-order mark', `\uFEFF${valid}`],
    ['NUL bytes', Buffer.alloc(64)],
    ['binary garbage', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
    ['unterminated string', '{"model_configuration":"'],
  ]
  for (const [label, body] of malformed) startRaw(`malformed JSON: ${label}`, body, [400])
  startRaw('encoding: invalid UTF-8 in a key', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))
  startRaw('deep nesting: 10,000 nested arrays as the body', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, [422])
  startRaw('deep nesting: 100,000 nested arrays as the body', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)
  startRaw(
    'deep nesting: 10,000 nested objects as model_configuration',
    valid.replace(
      /"model_configuration":/,
      `"model_configuration":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"x":`,
    ),
    [422],
  )
  const nest = (inner: string, depth: number): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
  startRaw(
    'deep nesting: 10,000 nested arrays as a symbol',
    valid.replace(/"data_configuration":\{"symbols":\[/, `$&${nest('"AAPL"', 10_000)},`),
    [422],
  )
  startRaw(
    'deep nesting: 10,000 nested arrays as the seed',
    valid.replace('"seed":1,', `"seed":${nest('1', 10_000)},`),
    [422],
  )
  startRaw(
    'deep nesting: 10,000 nested arrays as the start_date',
    valid.replace('"seed":1,', `"seed":1,"start_date":${nest('"2024-01-01"', 10_000)},`),
    [422],
  )
  for (const [name, text] of Object.entries(options.fixtureBodies ?? {})) startRaw(`fixture: ${name}`, text)

  // --- sizes
  startRaw('size: body of 1 MiB + 1 byte', `"${'x'.repeat(MIB - 1)}"`, [413])
  startRaw('size: 2 MiB JSON string field', JSON.stringify({ ...options.validStartBody, pad: 'x'.repeat(2 * MIB) }), [
    413,
  ])
  add({
    name: 'size: 2 MiB chunked body (no content-length)',
    method: 'POST',
    path: '/training/start',
    body: 'x'.repeat(2 * MIB),
    chunked: true,
    expect: [413],
  })
  add({
    name: 'size: declared content-length of 1 TB',
    method: 'POST',
    path: '/training/start',
    headers: { ...headers, 'content-length': String(10 ** 12) },
    body: '{}',
    expect: [413],
  })
  add({
    name: 'size: 2 MiB stop body',
    method: 'POST',
    path: '/training/stop',
    body: JSON.stringify({ session_id: 'x'.repeat(2 * MIB) }),
    expect: [413],
  })
  add({
    name: 'size: a 20 KB header',
    method: 'GET',
    path: '/training/sessions',
    headers: { ...headers, 'x-padding': 'a'.repeat(20_000) },
  })

  // --- wrong content types on an otherwise valid start body
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data']) {
    add({
      name: `content type: ${type} with a valid JSON body`,
      method: 'POST',
      path: '/training/start',
      headers: { ...auth, 'content-type': type },
      body: valid,
    })
  }
  add({
    name: 'content type: form-encoded body',
    method: 'POST',
    path: '/training/start',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'model_configuration=x&data_configuration=y',
  })
  add({
    name: 'content type: XML body',
    method: 'POST',
    path: '/training/start',
    headers: { ...auth, 'content-type': 'application/xml' },
    body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
  })

  // --- methods and routes
  for (const [method, path] of [
    ['GET', '/training/start'],
    ['PUT', '/training/start'],
    ['DELETE', '/training/start'],
    ['PATCH', '/training/start'],
    ['GET', '/training/stop'],
    ['POST', '/training/status/abc'],
    ['DELETE', '/training/status/abc'],
    ['POST', '/training/sessions'],
    ['PUT', '/training/sessions/abc'],
    ['POST', '/health'],
    ['DELETE', '/'],
    ['OPTIONS', '/training/start'],
  ] as const) {
    add({ name: `method: ${method} ${path}`, method, path, expect: [405] })
  }
  for (const path of [
    '/nope',
    '/training',
    '/training/',
    '/training/start/extra',
    '/training/status',
    '/training/status/',
    '/health/x',
    '/admin',
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/training/status/../../etc/passwd',
    '/training/result/a/b',
    '//training//sessions',
    `/${'a'.repeat(8000)}`,
  ]) {
    add({ name: `route: GET ${path.slice(0, 40)}`, method: 'GET', path, expect: [404] })
  }

  // --- ids that do not exist or are hostile
  for (const id of [
    'nope',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'x'.repeat(4000),
    '%E2%80%AE',
    '00000000-0000-0000-0000-000000000000',
  ]) {
    add({ name: `id: status of ${id.slice(0, 30)}`, method: 'GET', path: `/training/status/${id}`, expect: [404] })
    add({ name: `id: result of ${id.slice(0, 30)}`, method: 'GET', path: `/training/result/${id}`, expect: [404] })
    add({ name: `id: delete ${id.slice(0, 30)}`, method: 'DELETE', path: `/training/sessions/${id}`, expect: [404] })
  }
  add({ name: 'id: malformed percent-encoding', method: 'GET', path: '/training/status/%ZZ', expect: [400] })
  for (const [label, body] of [
    ['empty object', '{}'],
    ['number id', '{"session_id":1}'],
    ['empty id', '{"session_id":""}'],
    ['list body', '[]'],
    ['unknown id', '{"session_id":"nope"}'],
    ['traversal id', '{"session_id":"../../etc/passwd"}'],
    ['malformed JSON', '{"session_id":'],
  ] as const) {
    add({ name: `stop: ${label}`, method: 'POST', path: '/training/stop', body })
  }

  // --- bearer tokens
  const tokenCases: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
    ['the token with different case', { authorization: `Bearer ${options.token.toUpperCase()}` }],
    ['the token plus a character', { authorization: `Bearer ${options.token}x` }],
    ['a token prefix', { authorization: `Bearer ${options.token.slice(0, -1)}` }],
    ['Bearer without a token', { authorization: 'Bearer' }],
    ['Basic credentials', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['the token without a scheme', { authorization: options.token }],
    ['a Token scheme', { authorization: `Token ${options.token}` }],
    ['an 8 KB token', { authorization: `Bearer ${'t'.repeat(8000)}` }],
  ]
  for (const [label, extra] of tokenCases) {
    add({
      name: `token: ${label} on POST /training/start`,
      method: 'POST',
      path: '/training/start',
      headers: { ...JSON_TYPE, ...extra },
      body: valid,
      expect: [401],
    })
    add({
      name: `token: ${label} on GET /training/sessions`,
      method: 'GET',
      path: '/training/sessions',
      headers: extra,
      expect: [401],
    })
  }
  add({
    name: 'token: in the query string only',
    method: 'GET',
    path: `/training/sessions?token=${options.token}`,
    headers: {},
    expect: [401],
  })
  return cases
}
