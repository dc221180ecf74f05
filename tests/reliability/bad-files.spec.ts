import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { readOhlcvCsv } from '../../reference/data/csv.ts'
import { DataError } from '../../reference/data/errors.ts'
import { StrategyError } from '../../reference/strategy/errors.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const CSV_DIR = join(ROOT, 'tests/fixtures/bad-input/csv')
const STRATEGY_DIR = join(ROOT, 'tests/fixtures/bad-input/strategies')

/** A malformed file, where its error must point (line, field / column) and a phrase saying what is wrong. */
interface BadFile {
  readonly file: string
  /** `file:<line>` must appear; null for whole-file problems. */
  readonly line: number | null
  /** A column or field path that must appear; null when the line says it all. */
  readonly where: string | null
  readonly says: string
}

const BAD_CSVS: readonly BadFile[] = [
  { file: 'truncated_row.csv', line: 4, where: null, says: 'truncated row: expected 6 fields, got 3' },
  { file: 'text_price.csv', line: 3, where: "column 'close'", says: 'not a number: "one point eight"' },
  { file: 'no_date_column.csv', line: 1, where: null, says: 'no date column' },
  { file: 'bad_date.csv', line: 3, where: "column 'date'", says: 'cannot parse date: "2024-02-30T25:00:00Z"' },
  { file: 'missing_column.csv', line: 1, where: "'low'", says: 'missing required column' },
  { file: 'empty.csv', line: null, where: null, says: 'empty file' },
  { file: 'too_many_fields.csv', line: 2, where: null, says: 'too many fields: expected 6 fields, got 7' },
  { file: 'unterminated_quote.csv', line: 2, where: null, says: 'unterminated quoted field' },
  { file: 'duplicate_column.csv', line: 1, where: "'close'", says: 'duplicate column' },
  { file: 'binary_garbage.csv', line: 2, where: null, says: 'truncated row' },
]

const BAD_STRATEGIES: readonly BadFile[] = [
  { file: 'bad_yaml.yaml', line: 8, where: null, says: 'YAML syntax error' },
  { file: 'duplicate_key.yaml', line: 27, where: null, says: 'Map keys must be unique' },
  { file: 'missing_section.yaml', line: null, where: 'model', says: 'required section is missing' },
  { file: 'bad_triangle.yaml', line: null, where: 'fuzzy_sets.rsi.neutral.parameters', says: 'a ≤ b ≤ c' },
  { file: 'unknown_indicator.yaml', line: null, where: 'indicators[1].name', says: 'not_an_indicator' },
  { file: 'unknown_key.yaml', line: null, where: 'model.architecture', says: 'colour' },
  { file: 'bad_hidden_layers.yaml', line: null, where: 'model.architecture.hidden_layers[1]', says: '-25' },
  { file: 'not_a_mapping.yaml', line: null, where: null, says: 'not a mapping' },
  { file: 'yaml_bomb.yaml', line: null, where: null, says: 'alias' },
]

/** Problems of an error message against its expectation (one line, file, line, field, phrase). */
function messageProblems(message: string, path: string, bad: BadFile): string[] {
  const problems: string[] = []
  if (message.includes('\n')) problems.push('more than one line')
  if (!message.startsWith(path)) problems.push(`does not start with the file ${path}`)
  if (bad.line !== null && !message.startsWith(`${path}:${bad.line}`)) problems.push(`does not name line ${bad.line}`)
  if (bad.where !== null && !message.includes(bad.where)) problems.push(`does not name ${bad.where}`)
  if (!message.includes(bad.says)) problems.push(`does not say ${JSON.stringify(bad.says)}`)
  return problems.map((p) => `${bad.file}: ${p}: ${JSON.stringify(message)}`)
}

function errorOf(run: () => unknown): Error | null {
  try {
    run()
    return null
  } catch (error) {
    return error as Error
  }
}

test.group('reliability: malformed files give one-line errors naming the file and the line or field', () => {
  test('malformed CSVs: DataError naming file:line and the column', ({ assert }) => {
    const problems: string[] = []
    for (const bad of BAD_CSVS) {
      const path = join(CSV_DIR, bad.file)
      const error = errorOf(() => readOhlcvCsv(path, 'AAPL', '1h'))
      if (!(error instanceof DataError)) {
        problems.push(`${bad.file}: expected a DataError, got ${error === null ? 'no error' : error.name}`)
        continue
      }
      problems.push(...messageProblems(error.message, path, bad))
    }
    assert.deepEqual(problems, [])
  })

  test('malformed strategies: StrategyError naming the file and the field path or line:column', ({ assert }) => {
    const problems: string[] = []
    for (const bad of BAD_STRATEGIES) {
      const path = join(STRATEGY_DIR, bad.file)
      const error = errorOf(() => loadStrategy(path))
      if (!(error instanceof StrategyError)) {
        problems.push(`${bad.file}: expected a StrategyError, got ${error === null ? 'no error' : error.name}`)
        continue
      }
      problems.push(...messageProblems(error.message, path, bad))
    }
    assert.deepEqual(problems, [])
  })

  test('an unknown key directly under model: is refused like one under model.architecture', ({ assert }) => {
    const path = join(STRATEGY_DIR, 'unknown_model_key.yaml')
    const error = errorOf(() => loadStrategy(path))
    assert.instanceOf(error, StrategyError, 'model.colour must not be accepted silently')
    const bad = { file: 'unknown_model_key.yaml', line: null, where: 'model', says: 'colour' }
    assert.deepEqual(messageProblems(error!.message, path, bad), [])
  })

  test('a data file truncated or garbled after it was written fails the next load with file:line', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'rel-bad-files-'))
    try {
      const source = new CsvDataSource(dir)
      copyFileSync(join(CSV_DIR, 'truncated_row.csv'), join(dir, 'AAPL_1h.csv'))
      const error = errorOf(() => source.load('AAPL', '1h'))
      assert.instanceOf(error, DataError)
      assert.equal(error!.message, `${join(dir, 'AAPL_1h.csv')}:4: truncated row: expected 6 fields, got 3`)
      assert.equal((errorOf(() => source.load('MSFT', '1h')) as DataError).code, 'FILE_NOT_FOUND')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the train CLI prints such errors as one stderr line and exits non-zero', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'rel-bad-cli-'))
    try {
      copyFileSync(join(CSV_DIR, 'text_price.csv'), join(dir, 'AAPL_1h.csv'))
      const train = (strategy: string): { status: number | null; stderr: string } => {
        const run = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            'harness/cli/bin.ts',
            'train',
            '--path',
            'local_new',
            '--strategy',
            strategy,
            '--data-dir',
            dir,
            '--symbols',
            'AAPL',
            '--timeframes',
            '1h',
            '--seed',
            '1',
            '--start',
            '2024-01-01',
            '--models-dir',
            join(dir, 'models'),
          ],
          { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
        )
        return { status: run.status, stderr: run.stderr }
      }
      const badStrategy = train(join(STRATEGY_DIR, 'bad_triangle.yaml'))
      assert.notEqual(badStrategy.status, 0)
      assert.deepEqual(badStrategy.stderr.trim().split('\n').length, 1)
      assert.include(badStrategy.stderr, 'bad_triangle.yaml: fuzzy_sets.rsi.neutral.parameters')
      const badData = train(join(ROOT, 'strategies/neuro_mean_reversion.yaml'))
      assert.notEqual(badData.status, 0)
      assert.deepEqual(badData.stderr.trim().split('\n').length, 1)
      assert.include(badData.stderr, `${join(dir, 'AAPL_1h.csv')}:3: column 'close': not a number`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }).timeout(60_000)
})
