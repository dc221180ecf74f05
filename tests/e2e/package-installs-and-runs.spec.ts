// The package as a user gets it: `npm pack`, installed offline into a fresh project, then (a) plain `node` imports
// the library and trains a strategy for 2 epochs through LocalTrainingOrchestrator (the same weights as from the
// sources), (b) `tsc --noEmit` type-checks a strict TypeScript consumer of both entry points, (c) the installed
// `ktrdr-train` prints its help, runs a smoke equivalence matrix and serves a host that reports its device, and
// (d) the files the compiled code reads at run time are in the package and work from there: cpu-fused on 2 threads
// (its kernel worker), the oracle driver (ktrdr_py stages; skipped without a KTRDR checkout) and the PyTorch
// reference of the training bench (skipped without python3-torch).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { startTorch } from '../../harness/bench/torch-reference.ts'
import { checkedInList, ENTRY_POINTS } from '../../harness/tools/public-api.ts'
import { LocalTrainingOrchestrator } from '../../reference/orchestrators/local-orchestrator.ts'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { buildPipelineRequest } from '../../reference/pipeline/request.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { createFusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../reference/strategy/shipped.ts'
import { skipWithoutOracle, TEST_KTRDR_SRC } from '../property/_support/ktrdr-checkout.ts'
import { consumerEnv, installConsumerProject, type ConsumerProject } from './support/consumer-project.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')

/** The run both the installed package and the sources train. */
const RUN = {
  symbols: ['AAPL'],
  timeframes: ['1h'],
  startDate: '2024-01-01',
  endDate: '2024-12-31',
  seed: 42,
  epochs: 2,
}
const DATA = { symbols: ['AAPL'], bars: 600, seed: 3, timeframes: ['1h'] }

/** Plain-node consumer: trains through the installed package and prints what it saw as one JSON line. */
const TRAIN_MJS = `
import { join } from 'node:path'
import * as library from 'ktrdr-training'
import * as harness from 'ktrdr-training/harness'
const { LocalTrainingOrchestrator, ModelStorage, SHIPPED_STRATEGIES_DIR } = library
const [dir, run, data] = [process.argv[2], JSON.parse(process.argv[3]), JSON.parse(process.argv[4])]
let tsx = 'absent'
try {
  await import('tsx')
  tsx = 'present'
} catch {}
harness.writeSyntheticDataset(join(dir, 'data'), data)
const phases = []
const result = await new LocalTrainingOrchestrator({ onProgress: (u) => phases.push(u.phase) }).run({
  ...run,
  strategy: { path: join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml') },
  dataDir: join(dir, 'data'),
  modelsDir: join(dir, 'models'),
})
const loaded = await new ModelStorage(join(dir, 'models')).load(result.model)
loaded.model.dispose()
console.log(JSON.stringify({
  tsx,
  library: Object.keys(library),
  harness: Object.keys(harness),
  strategies: SHIPPED_STRATEGIES_DIR,
  epochs: result.training_metrics.epochs_trained,
  device: result.device,
  weights_sha256: result.weights_sha256,
  model: result.model,
  loaded: loaded.ref,
  phases: [...new Set(phases)],
}))
`

/**
 * Plain-node consumer of cpu-fused: trains `argv[3]`'s run of the strategy file `argv[4]` in this thread (so any
 * worker the runtime starts is this process's first), then counts the workers started before a probe worker.
 */
const FUSED_MJS = `
import { Worker } from 'node:worker_threads'
import { buildPipelineRequest, runTrainingPipeline } from 'ktrdr-training'
const [dataDir, run, strategy] = [process.argv[2], JSON.parse(process.argv[3]), process.argv[4]]
const request = await buildPipelineRequest({ ...run, strategy: { path: strategy }, dataDir, modelsDir: null, device: 'cpu-fused' })
const result = await runTrainingPipeline(request)
const probe = new Worker('', { eval: true })
const workersBefore = probe.threadId - 1
await probe.terminate()
console.log(JSON.stringify({
  device: result.device,
  threads: request.runtime.threads,
  epochs: result.training_metrics.epochs_trained,
  weights_sha256: result.weights_sha256,
  workersBefore,
}))
`

/** Strict TypeScript consumer: real types through both entry points (the expect-errors fail on `any`). */
const CONSUMER_TS = `
import {
  buildPipelineRequest,
  DeviceManager,
  LocalTrainingOrchestrator,
  ModelStorage,
  runTrainingPipeline,
  type DeviceName,
  type ModelRef,
  type PipelineResult,
  type ProgressUpdate,
  type TrainingRequest,
} from 'ktrdr-training'
import {
  PROFILES,
  runEquivalence,
  runTrain,
  UsageError,
  type EquivalenceReport,
  type TrainJson,
} from 'ktrdr-training/harness'

export async function train(dataDir: string, modelsDir: string): Promise<ModelRef | null> {
  const updates: ProgressUpdate[] = []
  const orchestrator = new LocalTrainingOrchestrator({ onProgress: (u) => updates.push(u) })
  const result: PipelineResult = await orchestrator.run({
    strategy: { yaml: 'name: inline' },
    dataDir,
    seed: 1,
    modelsDir,
  })
  const accuracy: number = result.test_metrics.test_accuracy
  return accuracy >= 0 ? result.model : null
}

export async function inputSize(ref: ModelRef): Promise<number> {
  const loaded = await new ModelStorage('models').load(ref)
  return loaded.metadata.input_size
}

export async function device(): Promise<DeviceName> {
  return (await new DeviceManager().detectDevice()).device
}

export function verdictOf(report: EquivalenceReport): 'pass' | 'fail' | 'inconclusive' {
  return report.verdict
}

export async function stoppedEarly(request: TrainingRequest): Promise<boolean> {
  const result = await runTrainingPipeline(await buildPipelineRequest(request))
  return result.stopped_early
}

export async function stoppedEpoch(dataDir: string): Promise<number | null> {
  const json: TrainJson = await runTrain({
    path: 'local_new',
    strategyPath: 'strategy.yaml',
    dataDir,
    symbols: ['AAPL'],
    timeframes: ['1h'],
    startDate: null,
    endDate: null,
    seed: 1,
    epochs: null,
    modelsDir: 'models',
    device: 'auto',
    hostUrl: null,
    progress: () => undefined,
  })
  return json.stopped_epoch
}

export const isUsageError = (error: unknown): boolean => error instanceof UsageError
export const quickEpochs: number | null = PROFILES.quick.epochs
export const matrix: typeof runEquivalence = runEquivalence

// @ts-expect-error a run needs a seed
export const noSeed = () => new LocalTrainingOrchestrator().run({ strategy: { path: 'x' }, dataDir: 'd', modelsDir: null })
// @ts-expect-error not a device
export const tpu: DeviceName = 'tpu'
// @ts-expect-error version is a number
export const badRef: ModelRef = { strategy: 's', symbols: ['A'], timeframe: '1h', version: 'v1', path: '/m' }
`

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  files: ['consumer.ts'],
}

/** Runs the installed CLI through npx in the consumer project. */
function npx(project: ConsumerProject, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('npx', ['--offline', 'ktrdr-train', ...args], {
    cwd: project.dir,
    env: { ...consumerEnv(), ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** The value names (classes, functions, constants) of a checked-in API list: what `import *` must show. */
function valueNames(list: string): string[] {
  return checkedInList(list)
    .filter((line) => /^(class|function|const) /.test(line))
    .map((line) => line.split(' ')[1]!)
    .sort()
}

/**
 * The files the compiled code reads beside itself: every tracked non-TypeScript, non-Markdown file of the compiled
 * folders (tsconfig.build.json), and the shipped strategies — by git, independent of how the build finds them.
 */
function runtimeAssets(): string[] {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
    include: string[]
    exclude: string[]
  }
  const tracked = execFileSync('git', ['ls-files', '--', ...config.include, 'strategies'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return tracked
    .split('\n')
    .filter((file) => file !== '' && !/\.(ts|md)$/.test(file))
    .filter((file) => !config.exclude.some((dir) => file.startsWith(`${dir}/`)))
}

/** For `.skip(…)`: true when Debian's python3 cannot start the PyTorch reference. */
async function skipWithoutTorch(): Promise<boolean> {
  const start = await startTorch(1)
  if ('skipped' in start) return true
  start.session.close()
  return false
}

test.group('e2e: the packed package installs offline and runs without tsx', (group) => {
  let project: ConsumerProject
  group.setup(() => {
    project = installConsumerProject()
    console.log(
      `package: build ${project.timings.build_s.toFixed(1)} s, pack ${project.timings.pack_s.toFixed(1)} s, ` +
        `offline install ${project.timings.install_s.toFixed(1)} s`,
    )
    return () => rmSync(dirname(project.dir), { recursive: true, force: true })
  })

  test('plain node imports both entry points and trains 2 epochs through LocalTrainingOrchestrator, as the sources do', async ({
    assert,
  }) => {
    const work = join(project.dir, 'run')
    mkdirSync(work)
    writeFileSync(join(project.dir, 'train.mjs'), TRAIN_MJS)
    const out = JSON.parse(
      execFileSync(process.execPath, ['train.mjs', work, JSON.stringify(RUN), JSON.stringify(DATA)], {
        cwd: project.dir,
        env: consumerEnv(),
        encoding: 'utf8',
      }),
    )
    assert.equal(out.tsx, 'absent', 'the installed package must not need tsx')
    assert.deepEqual([...out.library].sort(), valueNames(ENTRY_POINTS[0].list))
    assert.deepEqual([...out.harness].sort(), valueNames(ENTRY_POINTS[1].list))
    assert.equal(out.strategies, join(project.dir, 'node_modules/ktrdr-training/dist/strategies'))
    assert.equal(out.epochs, 2)
    assert.deepInclude(out.model, { strategy: 'neuro_mean_reversion', symbols: ['AAPL'], timeframe: '1h', version: 1 })
    assert.deepEqual(out.loaded, out.model)
    assert.includeMembers(out.phases, ['initializing', 'training', 'saving', 'completed'])

    const sourceDir = join(project.dir, 'source-run')
    writeSyntheticDataset(join(sourceDir, 'data'), DATA)
    const fromSource = await new LocalTrainingOrchestrator().run({
      ...RUN,
      device: out.device,
      strategy: { path: join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml') },
      dataDir: join(sourceDir, 'data'),
      modelsDir: null,
    })
    assert.equal(out.weights_sha256, fromSource.weights_sha256, 'dist/ trains the same weights as the sources')
  }).timeout(180_000)

  test('a strict TypeScript consumer type-checks against the shipped declarations', ({ assert }) => {
    writeFileSync(join(project.dir, 'consumer.ts'), CONSUMER_TS)
    writeFileSync(join(project.dir, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG))
    const started = performance.now()
    const result = (() => {
      try {
        execFileSync(process.execPath, [TSC, '-p', project.dir], {
          env: consumerEnv(),
          encoding: 'utf8',
          stdio: 'pipe',
        })
        return ''
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error)
      }
    })()
    assert.equal(result, '', 'tsc --noEmit reported errors')
    console.log(`package: consumer type check ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }).timeout(180_000)

  test('npx ktrdr-train --help and a smoke equivalence matrix run from the installed package', ({ assert }) => {
    const help = npx(project, ['--help'])
    for (const command of ['equivalence', 'train', 'host <action>', 'report <command>', 'bench', 'stages', 'data'])
      assert.include(help, `ktrdr-train ${command}`)
    const reports = join(project.dir, 'reports')
    const out = npx(project, [
      'equivalence',
      '--profile',
      'smoke',
      '--strategies',
      'simple_ma_crossover',
      '--paths',
      'local_old,local_new',
      '--no-canaries',
      '--report-dir',
      reports,
    ])
    assert.match(out, /^equivalence: PASS \(exit 0\)/)
    for (const file of ['equivalence.json', 'equivalence.html', 'equivalence.md'])
      assert.isTrue(existsSync(join(reports, file)), file)
  }).timeout(180_000)

  test('npx ktrdr-train host serve --device cpu serves from the installed package and reports its device', async ({
    assert,
  }) => {
    const dir = join(project.dir, 'host')
    mkdirSync(dir)
    const child = spawn(
      'npx',
      ['--offline', 'ktrdr-train', 'host', 'serve', '--impl', 'new', '--port', '0', '--device', 'cpu'].concat([
        '--models-dir',
        dir,
        '--data-dir',
        dir,
      ]),
      { cwd: project.dir, env: consumerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    )
    try {
      const url = await new Promise<string>((done, fail) => {
        let text = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk
          const match = /^listening (http:\/\/\S+)$/m.exec(text)
          if (match) done(match[1]!)
        })
        child.once('exit', (code) => fail(new Error(`host exited with ${code} before listening`)))
      })
      const health = (await (await fetch(`${url}/health`)).json()) as { device: string; device_info: object }
      assert.equal(health.device, 'cpu')
      assert.deepInclude(health.device_info, { device: 'cpu', requested: 'cpu', reason: 'cpu was requested' })
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
    }
  }).timeout(60_000)
  test('the installed package carries every file its compiled code reads at run time', ({ assert }) => {
    const assets = runtimeAssets()
    for (const expected of ['harness/oracle/ktrdr_driver.py', 'harness/bench/torch_training.py', 'strategies/'])
      assert.isTrue(
        assets.some((file) => file.startsWith(expected)),
        `${expected} is among the run-time assets`,
      )
    const dist = join(project.dir, 'node_modules/ktrdr-training/dist')
    const missing = assets.filter((file) => !existsSync(join(dist, file)))
    assert.deepEqual(missing, [], 'files missing from the installed dist/')
    for (const file of assets)
      assert.equal(readFileSync(join(dist, file), 'utf8'), readFileSync(join(ROOT, file), 'utf8'), file)
  })

  test('cpu-fused with KTRDR_THREADS=2 trains from the installed package on its worker, with the weights of one thread', async ({
    assert,
  }) => {
    const work = join(project.dir, 'fused')
    writeSyntheticDataset(join(work, 'data'), DATA)
    // a network wide enough that a training step (≥ 1 MFLOP) is split between the two threads
    const shipped = readFileSync(join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml'), 'utf8')
    const wide = shipped.replace('hidden_layers: [50, 25]', 'hidden_layers: [256, 128]')
    assert.notEqual(wide, shipped)
    const strategy = join(work, 'wide.yaml')
    writeFileSync(strategy, wide)
    writeFileSync(join(project.dir, 'fused.mjs'), FUSED_MJS)
    const out = JSON.parse(
      execFileSync(process.execPath, ['fused.mjs', join(work, 'data'), JSON.stringify(RUN), strategy], {
        cwd: project.dir,
        env: { ...consumerEnv(), KTRDR_THREADS: '2' },
        encoding: 'utf8',
      }),
    )
    assert.deepInclude(out, { device: 'cpu-fused', threads: 2, epochs: 2, workersBefore: 1 })

    const request = await buildPipelineRequest({
      ...RUN,
      strategy: { path: strategy },
      dataDir: join(work, 'data'),
      modelsDir: null,
      device: 'cpu-fused',
    })
    const oneThread = await runTrainingPipeline({ ...request, runtime: createFusedRuntime({ threads: 1 }) })
    assert.equal(out.weights_sha256, oneThread.weights_sha256, 'any thread count gives the same bits')
  }).timeout(180_000)

  test('npx ktrdr-train stages --path ktrdr_py runs the oracle driver from the installed package', ({ assert }) => {
    const work = join(project.dir, 'oracle')
    writeSyntheticDataset(join(work, 'data'), DATA)
    const out = join(work, 'stages')
    npx(
      project,
      [
        'stages',
        '--path',
        'ktrdr_py',
        '--strategy',
        join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml'),
        '--data-dir',
        join(work, 'data'),
        '--timeframes',
        '1h',
        '--symbol',
        'AAPL',
        '--out',
        out,
      ],
      { KTRDR_SRC: TEST_KTRDR_SRC ?? '' },
    )
    for (const file of ['indicators.csv', 'fuzzy.csv', 'features.csv', 'labels.csv'])
      assert.isAbove(readFileSync(join(out, file), 'utf8').split('\n').length, 100, file)
  })
    .skip(skipWithoutOracle, 'not run: no KTRDR checkout (KTRDR_SRC) or packages (make oracle-deps)')
    .timeout(180_000)

  test('npx ktrdr-train bench --suite training --with-torch runs the PyTorch reference from the installed package', ({
    assert,
  }) => {
    const report = JSON.parse(
      npx(project, [
        'bench',
        '--suite',
        'training',
        '--with-torch',
        '--quick',
        '--runtimes',
        'cpu-fused',
        '--passes',
        '1',
        '--threads',
        '2',
        '--json',
        '--report-dir',
        join(project.dir, 'bench'),
      ]),
    ) as { torch: { status: string }; results: Array<{ threads: number; torch_samples_per_s?: number }> }
    assert.equal(report.torch.status, 'ran')
    assert.isNotEmpty(report.results)
    for (const cell of report.results) {
      assert.equal(cell.threads, 2)
      assert.isAbove(cell.torch_samples_per_s ?? 0, 0)
    }
  })
    .skip(skipWithoutTorch, 'not run: /usr/bin/python3 cannot import torch (python3-torch)')
    .timeout(180_000)
})
