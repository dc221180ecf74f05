import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { adamConfig, softmaxRows } from '../../../../reference/runtime/training-runtime.ts'
import { ModelStorageError } from '../../../../reference/storage/errors.ts'
import { ModelStorage, type ModelRef } from '../../../../reference/storage/model-storage.ts'
import { tempDir } from '../pipeline/fixtures.ts'
import { randomRows } from '../model/_rows.ts'
import { saveRequest } from './_saves.ts'

const run = promisify(execFile)
const STRATEGY = 'small_test_strategy'
const SYMBOLS = ['AAPL', 'MSFT']
const MODEL = { strategy: STRATEGY, symbols: SYMBOLS, timeframe: '1h' }

function versionDirs(base: string): string[] {
  return readdirSync(join(base, STRATEGY)).filter((n) => /_v\d+$/.test(n))
}

function assertComplete(assert: { isTrue(v: boolean, m?: string): void }, dir: string): void {
  for (const file of ['model.json', 'config.json', 'metrics.json', 'features.json', 'metadata.json']) {
    assert.isTrue(existsSync(join(dir, file)), `${dir}/${file}`)
  }
}

test.group('storage/model-storage', (group) => {
  let dir: ReturnType<typeof tempDir>
  group.each.setup(() => {
    dir = tempDir('ktrdr-models')
    return () => dir.cleanup()
  })

  test('save writes the old layout and a relative latest link, and returns the version reference', async ({
    assert,
  }) => {
    const storage = new ModelStorage(dir.path)
    const ref = await storage.save(saveRequest())
    const path = join(dir.path, STRATEGY, 'AAPL_MSFT_1h_v1')
    assert.deepEqual(ref, { ...MODEL, version: 1, path })
    assertComplete(assert, path)
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v1')
    const features = JSON.parse(readFileSync(join(path, 'features.json'), 'utf8'))
    assert.deepInclude(features, {
      feature_type: 'pure_fuzzy',
      feature_count: 6,
      temporal_config: { lookback_periods: 1, enabled: true },
    })
    const metadata = JSON.parse(readFileSync(join(path, 'metadata.json'), 'utf8'))
    assert.deepInclude(metadata, {
      strategy_name: STRATEGY,
      symbol: 'AAPL_MSFT',
      symbols: SYMBOLS,
      timeframe: '1h',
      model_type: 'MultiSymbolMLP',
      input_size: 6,
      pytorch_version: 'cpu-fused',
      training_summary: { epochs: 1, final_accuracy: 0.5, best_val_accuracy: 0.4 },
    })
    const config = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8'))
    assert.deepInclude(config.model, { input_size: 6, num_symbols: 2, symbol_embedding_dim: 16 })
    assert.equal(config.name, STRATEGY)
    assert.equal(JSON.parse(readFileSync(join(path, 'model.json'), 'utf8')).format, 'ktrdr-weights-v1')
  })

  test('load rebuilds the model: same predictions as the weights it saved', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const request = saveRequest(3)
    const ref = await storage.save(request)
    const loaded = await storage.load(ref)
    assert.deepEqual(loaded.ref, ref)
    assert.equal(loaded.metadata.input_size, 6)
    assert.deepEqual(loaded.features.fuzzy_features, request.featureNames)
    assert.deepEqual(loaded.metrics, request.summary)
    assert.deepEqual(
      loaded.params.map((p) => [...p.values]),
      request.params.map((p) => [...p.values]),
    )
    const x = randomRows(5, 6).features
    const original = fusedRuntime.createModel(request.spec, request.params, adamConfig(0))
    assert.deepEqual([...loaded.predict(x, 5)], [...softmaxRows(original.predictLogits(x, 5, null), 5, 3)])
  })

  test('versions increase; latest follows; an explicit version loads that one', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const first = await storage.save(saveRequest(1))
    const second = await storage.save(saveRequest(2))
    assert.equal(second.path, join(dir.path, STRATEGY, 'AAPL_MSFT_1h_v2'))
    assert.equal((await storage.load(MODEL)).ref.version, 2)
    assert.equal((await storage.load({ ...MODEL, version: 1 })).ref.version, 1)
    assert.deepEqual((await storage.load(first)).ref, first)
    const listed = await storage.list(STRATEGY)
    assert.sameDeepMembers(
      listed.map((m) => m.ref),
      [first, second],
    )
    assert.deepEqual(
      listed.map((m) => m.accuracy),
      [0.4, 0.4],
    )
  })

  test('8 concurrent saves get 8 distinct complete versions and latest names the highest', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const paths = (await Promise.all(Array.from({ length: 8 }, (_, i) => storage.save(saveRequest(i))))).map(
      (ref) => ref.path,
    )
    assert.lengthOf(new Set(paths), 8)
    assert.sameMembers(
      versionDirs(dir.path),
      Array.from({ length: 8 }, (_, i) => `AAPL_MSFT_1h_v${i + 1}`),
    )
    for (const p of paths) assertComplete(assert, p)
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v8')
    assert.deepEqual(
      readdirSync(join(dir.path, STRATEGY)).filter((n) => n.startsWith('.tmp-')),
      [],
    )
  })

  test('two processes saving at once get distinct complete versions', async ({ assert }) => {
    const child = () =>
      run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_child-saver.ts'), dir.path, '3'])
    const [a, b] = await Promise.all([child(), child()])
    const paths = ([...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as ModelRef[]).map((ref) => ref.path)
    assert.lengthOf(new Set(paths), 6)
    assert.lengthOf(versionDirs(dir.path), 6)
    for (const p of paths) assertComplete(assert, p)
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v6')
  }).timeout(60_000)

  test('delete removes a version and re-points latest at the highest remaining', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const first = await storage.save(saveRequest(1))
    await storage.save(saveRequest(2))
    await storage.delete({ ...MODEL, version: 2 })
    assert.deepEqual(versionDirs(dir.path), ['AAPL_MSFT_1h_v1'])
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v1')
    await storage.delete(first)
    assert.isFalse(existsSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')))
  })

  test('clear errors for a missing model, a missing file and corrupt JSON', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await assert.rejects(
      () => storage.load({ ...MODEL, symbols: ['AAPL'] }),
      `${join(dir.path, STRATEGY)}: no saved model for AAPL_1h`,
    )
    const { path } = await storage.save(saveRequest())
    writeFileSync(join(path, 'metrics.json'), '{ nope')
    const error = await storage.load(MODEL).catch((e: unknown) => e)
    assert.instanceOf(error, ModelStorageError)
    assert.match((error as Error).message, new RegExp(`^${join(path, 'metrics.json')}: corrupt JSON`))
    rmSync(join(path, 'features.json'))
    await assert.rejects(() => storage.load(MODEL), `${join(path, 'features.json')}: missing file`)
    writeFileSync(join(path, 'model.json'), JSON.stringify({ format: 'something-else' }))
    await assert.rejects(
      () => storage.load(MODEL),
      `${join(path, 'model.json')}: not a ktrdr-weights-v1 weights file (field 'format')`,
    )
    await assert.rejects(
      () => storage.load({ ...MODEL, version: 7 }),
      `${join(dir.path, STRATEGY, 'AAPL_MSFT_1h_v7')}: no such model version`,
    )
  })

  test('a save that fails half-way leaves no version and no temporary directory', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const broken = {
      toJSON: () => {
        throw new Error('metrics cannot be serialised')
      },
    }
    const request = saveRequest()
    await assert.rejects(
      () => storage.save({ ...request, summary: { ...request.summary, ...broken } }),
      'metrics cannot be serialised',
    )
    assert.deepEqual(readdirSync(join(dir.path, STRATEGY)), [])
  })

  test('names that would leave the store are rejected', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await assert.rejects(
      () => storage.save({ ...saveRequest(), strategy: { ...saveRequest().strategy, name: '../evil' } }),
      /invalid strategy name "..\/evil"/,
    )
  })

  test('a version without the symbols list (as the legacy store writes it) loads by name, and list names it', async ({
    assert,
  }) => {
    const storage = new ModelStorage(dir.path)
    const { path } = await storage.save(saveRequest())
    const metadataPath = join(path, 'metadata.json')
    const { symbols: _, ...rest } = JSON.parse(readFileSync(metadataPath, 'utf8'))
    writeFileSync(metadataPath, JSON.stringify(rest))
    assert.equal((await storage.load(MODEL)).ref.version, 1)
    await assert.rejects(
      () => storage.list(),
      `${metadataPath}: no 'symbols' list (a version the legacy store wrote): load it by name`,
    )
    writeFileSync(metadataPath, JSON.stringify({ ...rest, symbols: [] }))
    await assert.rejects(
      () => storage.load(MODEL),
      `${metadataPath}: field 'symbols' must be a non-empty list of strings`,
    )
  })

  test('a selector with a version that is not a positive integer is refused', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await assert.rejects(
      () => storage.load({ ...MODEL, version: 0 }),
      'invalid model version 0: expected an integer ≥ 1',
    )
    await assert.rejects(
      () => storage.delete({ ...MODEL, version: 1.5 }),
      'invalid model version 1.5: expected an integer ≥ 1',
    )
  })

  test('construction removes stale .tmp- leftovers and keeps fresh ones', ({ assert }) => {
    const strategyDir = join(dir.path, STRATEGY)
    mkdirSync(join(strategyDir, '.tmp-stale'), { recursive: true })
    mkdirSync(join(strategyDir, '.tmp-fresh'))
    const old = new Date(Date.now() - 2 * 3_600_000)
    utimesSync(join(strategyDir, '.tmp-stale'), old, old)
    new ModelStorage(dir.path)
    assert.deepEqual(readdirSync(strategyDir), ['.tmp-fresh'])
  })
})
