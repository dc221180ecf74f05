// `stages --path local_new` (reference engines) against `stages --path local_old` (the legacy port): the files one
// writer produces from each must be byte-identical, on every shipped strategy over clean synthetic data and over
// synthetic data with gaps, flat stretches and missing closes (docs/legacy-behaviour.md §12.2: pre-model stages
// bit-exact). Runs in-process for speed, plus real CLI invocations of both argument forms.
import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeStageFiles } from '../../harness/stages/files.ts'
import { runStages } from '../../harness/stages/run.ts'
import { formatOhlcvCsv } from '../../reference/data/csv.ts'
import { resampleOhlcv } from '../../reference/data/resample.ts'
import { generateSyntheticSeries, writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'

const STRATEGIES = readdirSync('strategies')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join('strategies', f))

interface Case {
  readonly label: string
  readonly strategyPath: string
  readonly symbol: string
  readonly csvFiles: Record<string, string>
}

/** Runs both paths, writes both file sets, and returns a description of every difference (empty = identical). */
async function differences(work: string, c: Case): Promise<string[]> {
  const dirs = { local_old: join(work, c.label, 'old'), local_new: join(work, c.label, 'new') }
  for (const path of ['local_old', 'local_new'] as const) {
    const probes = await runStages({
      path,
      strategyPath: c.strategyPath,
      symbol: c.symbol,
      csvFiles: c.csvFiles,
      startDate: null,
      endDate: null,
      warn: () => {},
    })
    writeStageFiles(probes, dirs[path])
  }
  const oldFiles = readdirSync(dirs.local_old).sort()
  const newFiles = readdirSync(dirs.local_new).sort()
  if (oldFiles.join() !== newFiles.join()) return [`${c.label}: files differ: old [${oldFiles}] new [${newFiles}]`]
  return oldFiles.flatMap((file) => {
    const a = readFileSync(join(dirs.local_old, file), 'utf8').split('\n')
    const b = readFileSync(join(dirs.local_new, file), 'utf8').split('\n')
    const line = a.findIndex((text, i) => text !== b[i])
    if (line < 0 && a.length === b.length) return []
    return [
      `${c.label}/${file}: first difference at line ${line + 1}:\n  old: ${a[line]?.slice(0, 300)}\n  new: ${b[line]?.slice(0, 300)}`,
    ]
  })
}

function csvFilesFor(dir: string, symbol: string, timeframes: readonly string[]): Record<string, string> {
  return Object.fromEntries(timeframes.map((tf) => [tf, join(dir, `${symbol}_${tf}.csv`)]))
}

function cli(args: readonly string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'harness/cli/bin.ts', 'stages', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','))
}

test.group('stages equivalence: local_new ↔ local_old', (group) => {
  const work = mkdtempSync(join(tmpdir(), 'stages-equivalence-'))
  group.teardown(() => rmSync(work, { recursive: true, force: true }))

  test('every shipped strategy, on its own symbols and timeframes, clean synthetic data', async ({ assert }) => {
    const dataDir = join(work, 'clean')
    const cases: Case[] = STRATEGIES.map((strategyPath) => {
      const strategy = loadStrategy(strategyPath)
      const symbol = strategy.trainingData.symbols[0]!
      writeSyntheticDataset(dataDir, {
        symbols: [symbol],
        bars: 1300,
        seed: 7,
        timeframes: strategy.trainingData.timeframes,
      })
      return {
        label: `clean-${strategy.name}`,
        strategyPath,
        symbol,
        csvFiles: csvFilesFor(dataDir, symbol, strategy.trainingData.timeframes),
      }
    })
    assert.isAbove(cases.length, 3)
    const found = (await Promise.all(cases.map((c) => differences(work, c)))).flat()
    assert.deepEqual(found, [])
  }).timeout(120_000)

  test('every shipped strategy on 1h data with gaps, flat stretches and missing closes, single and multi-timeframe', async ({
    assert,
  }) => {
    const dataDir = join(work, 'anomalies')
    const frame = generateSyntheticSeries({
      symbol: 'AAPL',
      bars: 900,
      seed: 11,
      anomalies: { gaps: 3, flatStretches: 3, missingCloses: 5 },
    })
    const h1 = join(dataDir, 'AAPL_1h.csv')
    const h4 = join(dataDir, 'AAPL_4h.csv')
    writeSyntheticDataset(dataDir, { symbols: ['AAPL'], bars: 1, seed: 1, timeframes: ['1h'] })
    writeFileSync(h1, formatOhlcvCsv(frame))
    writeFileSync(h4, formatOhlcvCsv(resampleOhlcv(frame, '4h')))
    assert.isTrue(Array.from(frame.close).some(Number.isNaN))
    const cases: Case[] = STRATEGIES.flatMap((strategyPath): Case[] => {
      const name = loadStrategy(strategyPath).name
      return [
        { label: `gaps-1h-${name}`, strategyPath, symbol: 'AAPL', csvFiles: { '1h': h1 } },
        { label: `gaps-1h4h-${name}`, strategyPath, symbol: 'AAPL', csvFiles: { '1h': h1, '4h': h4 } },
      ]
    })
    const found = (await Promise.all(cases.map((c) => differences(work, c)))).flat()
    assert.deepEqual(found, [])
  }).timeout(120_000)

  test('the real CLI writes the same files as the in-process writer', async ({ assert }) => {
    const dataDir = join(work, 'cli')
    writeSyntheticDataset(dataDir, { symbols: ['EURUSD'], bars: 300, seed: 5, timeframes: ['1h'] })
    const strategyPath = join('strategies', 'universal_zero_shot_model.yaml')
    const csv = join(dataDir, 'EURUSD_1h.csv')
    const out = join(work, 'cli-out')
    const stdout = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'harness/cli/bin.ts',
        'stages',
        '--path',
        'local_new',
        '--strategy',
        strategyPath,
        '--csv',
        csv,
        '--symbol',
        'EURUSD',
        '--timeframe',
        '1h',
        '--out',
        out,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const expected = join(work, 'cli-expected')
    const probes = await runStages({
      path: 'local_new',
      strategyPath,
      symbol: 'EURUSD',
      csvFiles: { '1h': csv },
      startDate: null,
      endDate: null,
      warn: () => {},
    })
    writeStageFiles(probes, expected)
    const files = readdirSync(expected).sort()
    assert.deepEqual(readdirSync(out).sort(), files)
    assert.lengthOf(stdout.trim().split('\n'), files.length)
    for (const file of files)
      assert.strictEqual(readFileSync(join(out, file), 'utf8'), readFileSync(join(expected, file), 'utf8'), file)
  }).timeout(60_000)

  test('--data-dir with 1h,4h,1d: per-timeframe files named by timeframe, combined files on the 1h bars, both paths byte-identical', async ({
    assert,
  }) => {
    const dataDir = join(work, 'mtf')
    writeSyntheticDataset(dataDir, {
      symbols: ['MSFT'],
      bars: 1500,
      seed: 3,
      anomalies: { missingCloses: 2, flatStretches: 1, spikes: 1, multiDayGaps: 1 },
      anomalyWindow: [300, 1400],
      derivedMissingCloses: 1,
    })
    const outs = { local_old: join(work, 'mtf-old'), local_new: join(work, 'mtf-new') }
    for (const path of ['local_old', 'local_new'] as const) {
      const stdout = cli([
        '--path',
        path,
        '--strategy',
        join('strategies', 'neuro_mean_reversion.yaml'),
        '--data-dir',
        dataDir,
        '--symbol',
        'MSFT',
        '--timeframes',
        '1h,4h,1d',
        '--out',
        outs[path],
      ])
      assert.lengthOf(stdout.trim().split('\n'), 12)
    }
    const files = readdirSync(outs.local_old).sort()
    assert.deepEqual(files, [
      'feature_names.json',
      'features.csv',
      'fuzzy_1d.csv',
      'fuzzy_1h.csv',
      'fuzzy_4h.csv',
      'indicators_1d.csv',
      'indicators_1h.csv',
      'indicators_4h.csv',
      'indicators_mapped_1d.csv',
      'indicators_mapped_1h.csv',
      'indicators_mapped_4h.csv',
      'labels.csv',
    ])
    assert.deepEqual(readdirSync(outs.local_new).sort(), files)
    for (const file of files) {
      assert.strictEqual(
        readFileSync(join(outs.local_new, file), 'utf8'),
        readFileSync(join(outs.local_old, file), 'utf8'),
        file,
      )
    }
    // the old coordinator keeps the common coverage: 1h bars up to the last daily bar's 00:00 stamp
    const lastDay = Date.parse(csvRows(join(dataDir, 'MSFT_1d.csv')).at(-1)![0]!)
    const h1 = csvRows(join(dataDir, 'MSFT_1h.csv'))
      .slice(1)
      .filter((row) => Date.parse(row[0]!) <= lastDay)
    const features = csvRows(join(outs.local_old, 'features.csv'))
    const labels = csvRows(join(outs.local_old, 'labels.csv'))
    assert.deepEqual(
      features.slice(1).map((row) => Date.parse(row[0]!)),
      h1.map((row) => Date.parse(row[0]!)),
    )
    assert.deepEqual(labels[0], ['timestamp', 'label', 'zigzag_extreme'])
    assert.deepEqual(
      labels.slice(1).map((row) => row[0]),
      features.slice(1).map((row) => row[0]),
    )
    assert.deepEqual(csvRows(join(outs.local_old, 'fuzzy_4h.csv'))[0], [
      'timestamp',
      '4h_rsi_oversold',
      '4h_rsi_neutral',
      '4h_rsi_overbought',
    ])
    const names = JSON.parse(readFileSync(join(outs.local_old, 'feature_names.json'), 'utf8')) as string[]
    assert.include(names, '4h_4h_rsi_neutral')
    assert.deepEqual(features[0]!.slice(1), names)
    const mapped4h = csvRows(join(outs.local_old, 'indicators_mapped_4h.csv'))
    assert.deepEqual(mapped4h[0], ['timestamp', 'rsi', 'macd'])
    assert.isTrue(
      mapped4h.slice(1).some((row) => row[1] === ''),
      'multi-timeframe mapped values keep NaN (empty)',
    )
  }).timeout(120_000)

  test('the two argument forms are exclusive and name what is missing', ({ assert }) => {
    const run = (args: string[]): string => {
      try {
        cli([
          '--path',
          'local_new',
          '--strategy',
          'strategies/simple_ma_crossover.yaml',
          '--symbol',
          'X',
          '--out',
          work,
          ...args,
        ])
        return ''
      } catch (error) {
        return String((error as { stderr?: string }).stderr)
      }
    }
    assert.include(run([]), 'give either --csv FILE --timeframe TF or --data-dir DIR --timeframes LIST')
    assert.include(run(['--data-dir', work, '--timeframes', '1h', '--csv', 'a.csv']), 'give either')
    assert.include(run(['--data-dir', work, '--timeframes', '1h,1h']), 'timeframe 1h is given twice')
    assert.include(run(['--data-dir', work, '--timeframes', '1h']), `no such file: ${join(work, 'X_1h.csv')}`)
  }).timeout(60_000)
})
