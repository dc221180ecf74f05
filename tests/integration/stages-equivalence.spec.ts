// `stages --path local_new` (reference engines) against `stages --path local_old` (the legacy port): the files one
// writer produces from each must be byte-identical, on every shipped strategy over clean synthetic data and over
// synthetic data with gaps, flat stretches and missing closes (docs/legacy-behaviour.md §12.2: pre-model stages
// bit-exact). Runs in-process for speed, plus one real CLI invocation.
import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runStages, writeStageFiles } from '../../harness/cli/commands/stages.ts'
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
})
