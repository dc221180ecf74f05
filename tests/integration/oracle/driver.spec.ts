// KTRDR's own code as the path ktrdr_py (harness/oracle): the driver loads the checkout with its listed shims,
// writes the same stage files as `ktrdr-train stages --path local_old` (byte for byte on clean data), answers many
// requests in one process, replays a seeded training bit for bit, and leaves the checkout untouched. Skipped, with
// the reason, where there is no checkout or no Debian packages (CI).
import { test } from '@japa/runner'
import { execFileSync, spawnSync } from 'node:child_process'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { compareColumnSets } from '../../../harness/compare/artifacts.ts'
import { ORACLE_TOLERANCE } from '../../../harness/oracle/compare.ts'
import { OracleSession, runDriver } from '../../../harness/oracle/driver.ts'
import { readColumnSetCsv } from '../../../harness/oracle/stage-files.ts'
import { runOracleTraining } from '../../../harness/oracle/train.ts'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { TEST_KTRDR_SRC, skipWithoutOracle } from '../../property/_support/ktrdr-checkout.ts'

const ROOT = join(import.meta.dirname, '../../..')
/** The CLI from source (tests run the sources; the package test runs the compiled bin). */
const CLI = ['--import', 'tsx', join(ROOT, 'harness/cli/bin.ts')]
const SKIP = 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)'
const STRATEGY = join(ROOT, 'strategies/neuro_mean_reversion.yaml')

let work = ''
function data(): string {
  const dir = join(work, 'data')
  writeSyntheticDataset(dir, { symbols: ['AAA', 'BBB'], bars: 1200, seed: 5, timeframes: ['1h', '4h', '1d'] })
  return dir
}

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { env, encoding: 'utf8' })
  return { status: r.status, stderr: r.stderr }
}

function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}

/** Every path below `dir` with its mtime; `logs/` left out (other processes importing KTRDR directly write there). */
function tree(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (dir === root && name === 'logs') return []
    const path = join(dir, name)
    const st = lstatSync(path)
    return st.isDirectory()
      ? [`${relative(root, path)}/`, ...tree(path, root)]
      : [`${relative(root, path)} ${st.mtimeMs}`]
  })
}

test.group('oracle: ktrdr_py runs KTRDR’s own code', (group) => {
  group.each.setup(() => {
    work = mkdtempSync(join(tmpdir(), 'oracle-it-'))
    return () => rmSync(work, { recursive: true, force: true })
  })

  test('check lists the shims, injections and Debian versions it ran with', async ({ assert }) => {
    const answer = await runDriver(TEST_KTRDR_SRC!, ['check'])
    assert.sameMembers(
      (answer.shims ?? []).map((s) => s.id),
      ['pydantic2-on-pydantic1', 'ib_insync-absent', 'ktrdr-package-init'],
    )
    assert.match(answer.versions!.pandas!, /^1\.5\./)
    assert.match(answer.versions!.pydantic!, /^1\.10\./)
    assert.deepEqual(answer.log_files, [], 'KTRDR must log nowhere but stderr (its __init__ writes <checkout>/logs)')
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(60_000)

  test('stages --path ktrdr_py writes the files of --path local_old on clean multi-timeframe data: same names, rows and labels, numbers within 1e-9', ({
    assert,
  }) => {
    const dir = data()
    const flags = (path: string, out: string) => [
      'stages',
      '--path',
      path,
      '--strategy',
      STRATEGY,
      '--symbol',
      'AAA',
      ...['1h', '4h', '1d'].flatMap((tf) => ['--csv', join(dir, `AAA_${tf}.csv`), '--timeframe', tf]),
      '--out',
      out,
      '--ktrdr-src',
      TEST_KTRDR_SRC!,
    ]
    const before = tree(TEST_KTRDR_SRC!)
    execFileSync(process.execPath, [...CLI, ...flags('ktrdr_py', join(work, 'py'))], { stdio: 'pipe' })
    execFileSync(process.execPath, [...CLI, ...flags('local_old', join(work, 'old'))], { stdio: 'pipe' })
    const py = files(join(work, 'py'))
    const old = files(join(work, 'old'))
    assert.lengthOf(Object.keys(py), 12)
    assert.deepEqual(Object.keys(py).sort(), Object.keys(old).sort())
    assert.equal(py['feature_names.json'], old['feature_names.json'])
    for (const name of Object.keys(py).filter((f) => f.endsWith('.csv'))) {
      const [a, b] = [readColumnSetCsv(join(work, 'py', name)), readColumnSetCsv(join(work, 'old', name))]
      const c = compareColumnSets('indicators', name, a, b, ORACLE_TOLERANCE)
      assert.isTrue(c.passed, `${name}: ${c.detail}`)
    }
    assert.deepEqual(tree(TEST_KTRDR_SRC!), before, 'the checkout must stay untouched')
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)

  test('indicators with an explicit type reach every class of KTRDR’s registry, and a params mapping is honoured', async ({
    assert,
  }) => {
    const dir = data()
    const types = ['RSI', 'SMA', 'EMA', 'MACD', 'ZigZag', 'Stochastic', 'WilliamsR', 'ATR', 'OBV', 'BollingerBands']
    types.push('CCI', 'Momentum', 'ROC', 'VWAP', 'ParabolicSAR', 'Ichimoku', 'RVI', 'MFI', 'Aroon', 'DonchianChannels')
    types.push('KeltnerChannels', 'ADLine', 'CMF', 'ADX', 'SuperTrend', 'FisherTransform', 'BollingerBandWidth')
    types.push('VolumeRatio', 'SqueezeIntensity', 'DistanceFromMA')
    const indicators = types.map(
      (t, i) => `  - {name: ind${i}, type: ${t}${t === 'RSI' ? ', params: {period: 10}' : ''}}`,
    )
    const strategy = join(work, 'typed.yaml')
    writeFileSync(
      strategy,
      [
        'name: typed_probe',
        'indicators:',
        ...indicators,
        'fuzzy_sets:',
        '  ind0: {low: {type: triangular, parameters: [0, 20, 40]}}',
        'model: {type: mlp, features: {lookback_periods: 1}, training: {epochs: 1}}',
        'training: {labels: {source: zigzag, zigzag_threshold: 0.03, label_lookahead: 20}, data_split: {train: 0.7, validation: 0.15, test: 0.15}}',
        '',
      ].join('\n'),
    )
    const answer = await runDriver(TEST_KTRDR_SRC!, [
      'stages',
      '--strategy',
      strategy,
      '--symbol',
      'AAA',
      '--data-dir',
      dir,
      '--timeframes',
      '1h',
      '--out',
      join(work, 'typed'),
    ])
    assert.lengthOf(answer.files as string[], 6)
    const header = readFileSync(join(work, 'typed', 'indicators.csv'), 'utf8')
      .split('\n')[0]!
      .split(',')
    assert.includeMembers(header, [
      'ind0_10',
      'MACD_12_26',
      'ADX_14',
      'ATR_14',
      'upper',
      'Stochastic_K_14_3',
      'AD_Line',
    ])
    const mapped = readFileSync(join(work, 'typed', 'indicators_mapped.csv'), 'utf8')
      .split('\n')[0]!
      .split(',')
    assert.include(mapped, 'ind0')
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)

  test('one batch process answers request after request, a failed request in between included', async ({ assert }) => {
    const dir = data()
    const session = OracleSession.start(TEST_KTRDR_SRC!)
    try {
      const stages = (symbol: string) => ({
        command: 'stages',
        strategy: STRATEGY,
        symbol,
        data_dir: dir,
        timeframes: '1h',
        out: join(work, symbol),
      })
      const a = await session.request(stages('AAA'))
      await assert.rejects(() => session.request(stages('ZZZ')), /no such CSV file: .*ZZZ_1h\.csv/)
      const b = await session.request(stages('BBB'))
      assert.lengthOf(a.files as string[], 6)
      assert.lengthOf(b.files as string[], 6)
      assert.deepEqual(
        (a.injections ?? []).map((i) => i.id),
        ['data-directory'],
      )
    } finally {
      await session.close()
    }
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(120_000)

  test('train: a seed replays bit for bit, another seed does not; the train --json fields are there', async ({
    assert,
  }) => {
    const dir = data()
    const run = (seed: number, n: number) =>
      runOracleTraining({
        strategyPath: STRATEGY,
        dataDir: dir,
        symbols: ['AAA', 'BBB'],
        timeframes: ['1h'],
        startDate: null,
        endDate: null,
        seed,
        epochs: 2,
        modelsDir: join(work, `models${n}`),
        ktrdrSrc: TEST_KTRDR_SRC,
      })
    const [first, again, other] = [await run(7, 1), await run(7, 2), await run(8, 3)]
    assert.equal(first.weights_sha256, again.weights_sha256)
    assert.notEqual(first.weights_sha256, other.weights_sha256)
    assert.deepEqual(first.metrics, again.metrics)
    assert.lengthOf(first.training_history, 2)
    assert.equal(first.path, 'ktrdr_py')
    assert.match(first.model_path!, /neuro_mean_reversion\/AAA_BBB_1h_v1$/)
    assert.includeMembers(
      (first.injections ?? []).map((i) => i.id),
      ['seed', 'epochs-override', 'data-directory', 'models-directory'],
    )
    assert.sameMembers(Object.keys(first.feature_importance!), [
      'rsi_neutral',
      'rsi_overbought',
      'rsi_oversold',
      'rsi_oversold_lag_1',
      'rsi_neutral_lag_1',
      'rsi_overbought_lag_1',
      'rsi_oversold_lag_2',
      'rsi_neutral_lag_2',
      'rsi_overbought_lag_2',
    ])
  })
    .skip(skipWithoutOracle, SKIP)
    .timeout(180_000)
})

test.group('oracle: without a checkout', () => {
  test('stages and train --path ktrdr_py say "not run: no KTRDR checkout" and exit 2', ({ assert }) => {
    const env = { ...process.env, KTRDR_SRC: '' }
    const stages = cli(
      [
        'stages',
        '--path',
        'ktrdr_py',
        '--strategy',
        STRATEGY,
        '--csv',
        join(ROOT, 'bin/ktrdr-train.js'),
        '--timeframe',
        '1h',
        '--symbol',
        'A',
        '--out',
        tmpdir(),
      ],
      env,
    )
    assert.equal(stages.status, 2)
    assert.include(stages.stderr, 'ktrdr_py not run: no KTRDR checkout (give --ktrdr-src or set KTRDR_SRC')
    const train = cli(
      [
        'train',
        '--path',
        'ktrdr_py',
        '--strategy',
        STRATEGY,
        '--data-dir',
        tmpdir(),
        '--symbols',
        'A',
        '--timeframes',
        '1h',
        '--seed',
        '1',
        '--models-dir',
        tmpdir(),
        '--ktrdr-src',
        join(tmpdir(), 'no-such-checkout'),
      ],
      env,
    )
    assert.equal(train.status, 2)
    assert.include(train.stderr, 'ktrdr_py not run: no KTRDR checkout')
  }).timeout(60_000)
})
