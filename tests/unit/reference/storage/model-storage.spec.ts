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
import { ModelStorage } from '../../../../reference/storage/model-storage.ts'
import { tempDir } from '../pipeline/fixtures.ts'
import { randomRows } from '../model/_rows.ts'
import { saveRequest } from './_saves.ts'

const run = promisify(execFile)
const STRATEGY = 'small_test_strategy'

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

  test('save writes the old layout and a relative latest link', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const path = await storage.save(saveRequest())
    assert.equal(path, join(dir.path, STRATEGY, 'AAPL_MSFT_1h_v1'))
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
      timeframe: '1h',
      model_type: 'MultiSymbolMLP',
    })
    assert.equal(JSON.parse(readFileSync(join(path, 'model.json'), 'utf8')).format, 'ktrdr-weights-v1')
  })

  test('load rebuilds the model: same predictions as the weights it saved', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const request = saveRequest(3)
    await storage.save(request)
    const loaded = await storage.load(STRATEGY, ['AAPL', 'MSFT'], '1h')
    assert.equal(loaded.modelVersion, 'v1')
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
    await storage.save(saveRequest(1))
    const second = await storage.save(saveRequest(2))
    assert.equal(second, join(dir.path, STRATEGY, 'AAPL_MSFT_1h_v2'))
    assert.equal((await storage.load(STRATEGY, 'AAPL_MSFT', '1h')).modelVersion, 'v2')
    assert.equal((await storage.load(STRATEGY, 'AAPL_MSFT', '1h', 'v1')).modelVersion, 'v1')
    assert.lengthOf(await storage.list(STRATEGY), 2)
  })

  test('8 concurrent saves get 8 distinct complete versions and latest names the highest', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    const paths = await Promise.all(Array.from({ length: 8 }, (_, i) => storage.save(saveRequest(i))))
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
    const paths = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as string[]
    assert.lengthOf(new Set(paths), 6)
    assert.lengthOf(versionDirs(dir.path), 6)
    for (const p of paths) assertComplete(assert, p)
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v6')
  }).timeout(60_000)

  test('delete removes a version and re-points latest at the highest remaining', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await storage.save(saveRequest(1))
    await storage.save(saveRequest(2))
    await storage.delete(STRATEGY, ['AAPL', 'MSFT'], '1h', 2)
    assert.deepEqual(versionDirs(dir.path), ['AAPL_MSFT_1h_v1'])
    assert.equal(readlinkSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')), 'AAPL_MSFT_1h_v1')
    await storage.delete(STRATEGY, ['AAPL', 'MSFT'], '1h', 'v1')
    assert.isFalse(existsSync(join(dir.path, STRATEGY, 'AAPL_MSFT_1h_latest')))
  })

  test('clear errors for a missing model, a missing file and corrupt JSON', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await assert.rejects(
      () => storage.load(STRATEGY, 'AAPL', '1h'),
      `${join(dir.path, STRATEGY)}: no saved model for AAPL_1h`,
    )
    const path = await storage.save(saveRequest())
    writeFileSync(join(path, 'metrics.json'), '{ nope')
    const error = await storage.load(STRATEGY, 'AAPL_MSFT', '1h').catch((e: unknown) => e)
    assert.instanceOf(error, ModelStorageError)
    assert.match((error as Error).message, new RegExp(`^${join(path, 'metrics.json')}: corrupt JSON`))
    rmSync(join(path, 'features.json'))
    await assert.rejects(
      () => storage.load(STRATEGY, 'AAPL_MSFT', '1h'),
      `${join(path, 'features.json')}: missing file`,
    )
    writeFileSync(join(path, 'model.json'), JSON.stringify({ format: 'something-else' }))
    await assert.rejects(
      () => storage.load(STRATEGY, 'AAPL_MSFT', '1h'),
      `${join(path, 'model.json')}: not a ktrdr-weights-v1 weights file (field 'format')`,
    )
    await assert.rejects(
      () => storage.load(STRATEGY, 'AAPL_MSFT', '1h', 7),
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
    await assert.rejects(() => storage.save({ ...saveRequest(), metrics: broken }), 'metrics cannot be serialised')
    assert.deepEqual(readdirSync(join(dir.path, STRATEGY)), [])
  })

  test('names that would leave the store are rejected', async ({ assert }) => {
    const storage = new ModelStorage(dir.path)
    await assert.rejects(
      () => storage.save({ ...saveRequest(), strategyName: '../evil' }),
      /invalid strategy name "..\/evil"/,
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
