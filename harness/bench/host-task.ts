/**
 * The host-overhead pair of the performance gate (issue 17): the same training (one synthetic symbol, the
 * shipped universal_zero_shot_model strategy, a fixed seed) as `local_new` — `LocalTrainingOrchestrator` in
 * its worker thread, as a library user runs it — against `host_new` — a running new host process, started once,
 * trained through HTTP with the `train` command's client (`trainViaHost`, which also reads the saved model back).
 * The ratio host_new / local_new is the host's overhead, held to the gate's threshold like the other pairs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { trainViaHost } from '../../reference/host-service/client/train-via-host.ts'
import { startHostProcess } from '../../reference/host-service/process.ts'
import { LocalTrainingOrchestrator } from '../../reference/orchestrators/local-orchestrator.ts'
import type { PairedTask } from './paired.ts'

/** A task with resources to release (the host process, the temporary files). */
export interface HostTask {
  readonly task: PairedTask
  readonly dispose: () => Promise<void>
}

/** Poll interval of the host client: short, so that polling adds at most a few ms to a run. */
const POLL_INTERVAL_MS = 10

/**
 * Starts a new host on a fresh synthetic data set and returns the pair.
 * @param bars - 1h bars of the synthetic symbol. @default 5000 (quick: 2000)
 * @param epochs - @default 2
 */
export async function buildHostTask(
  options: { bars?: number; quick?: boolean; epochs?: number; strategyPath?: string } = {},
): Promise<HostTask> {
  const bars = options.bars ?? (options.quick ? 2000 : 5000)
  const epochs = options.epochs ?? 2
  const strategyPath = options.strategyPath ?? 'strategies/universal_zero_shot_model.yaml'
  // tmpfs where there is one: both sides save a model, and fsyncs would time the disk, not the code
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ktrdr-bench-host-'))
  writeSyntheticDataset(dir, { symbols: ['EURUSD'], bars, seed: 5, timeframes: ['1h'] })
  const modelsLocal = join(dir, 'models-local')
  const modelsHost = join(dir, 'models-host')
  const host = await startHostProcess({ impl: 'new', modelsDir: modelsHost, dataDir: dir })
  const training = {
    symbols: ['EURUSD'],
    timeframes: ['1h'],
    startDate: '2000-01-01',
    endDate: '2100-01-01',
    seed: 3,
    epochs,
  }
  const task: PairedTask = {
    name: `host_new vs local_new (${epochs} epochs, save)`,
    stage: 'host',
    // one call takes about a second (a worker thread starts for every local run): several per round
    measurement: { roundTargetMs: 3000, budgetMs: 240_000, maxPairs: 40 },
    old: () =>
      new LocalTrainingOrchestrator().run({
        strategy: { path: strategyPath },
        dataDir: dir,
        modelsDir: modelsLocal,
        ...training,
      }),
    new: () =>
      trainViaHost({
        hostUrl: host.url,
        impl: 'new',
        strategyPath,
        modelsDir: modelsHost,
        pollIntervalMs: POLL_INTERVAL_MS,
        ...training,
      }),
  }
  return {
    task,
    dispose: async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
