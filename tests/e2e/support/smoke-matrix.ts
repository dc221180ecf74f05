/**
 * A small, real equivalence run for the end-to-end tests: the `smoke` profile (one month, 1 epoch) on
 * simple_ma_crossover, local_new against local_old, every run in its own child process.
 */
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { embeddedDatasetDirName, materializeEmbeddedDataset } from '../../../reference/data/synthetic.ts'
import { loadLedger } from '../../../harness/ledger/load.ts'
import { PROFILES } from '../../../harness/matrix/profile.ts'
import { runEquivalence } from '../../../harness/matrix/runner.ts'
import type { CanaryName } from '../../../harness/paths/types.ts'
import type { EquivalenceReport } from '../../../harness/report/model.ts'

const ROOT = resolve(import.meta.dirname, '../../..')

/** The embedded dataset, written once per machine into the temp folder (the CLI's default place). */
export function embeddedData(): string {
  const dir = join(tmpdir(), embeddedDatasetDirName())
  mkdirSync(dir, { recursive: true })
  return materializeEmbeddedDataset(dir)
}

/** Runs the smoke matrix, optionally with a fault planted into local_new, some canaries, or other data. */
export function smokeMatrix(
  options: { plantFault?: CanaryName; canaries?: CanaryName[]; dataDir?: string } = {},
): Promise<EquivalenceReport> {
  return runEquivalence({
    strategies: ['simple_ma_crossover'],
    paths: ['local_new', 'local_old'],
    profile: 'smoke',
    settings: PROFILES.smoke,
    seed: 7,
    noiseSeed: 8,
    canaries: options.canaries ?? [],
    plantFault: options.plantFault ?? null,
    jobs: 2,
    shard: null,
    cellTimeoutS: 60,
    strategiesDir: join(ROOT, 'strategies'),
    dataDir: options.dataDir ?? embeddedData(),
    hostUrl: null,
    ledger: loadLedger(),
    log: () => undefined,
  })
}
