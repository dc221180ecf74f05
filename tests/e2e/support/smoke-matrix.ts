/**
 * A small, real equivalence run for the end-to-end tests: the `smoke` profile (one month, 1 epoch) on
 * simple_ma_crossover, local_new against local_old, every run in its own child process.
 */
import { materializeEmbeddedDataset } from '../../../reference/data/synthetic.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../../reference/strategy/shipped.ts'
import { loadLedger } from '../../../harness/ledger/load.ts'
import { PROFILES } from '../../../harness/matrix/profile.ts'
import { runEquivalence } from '../../../harness/matrix/runner.ts'
import type { CanaryName } from '../../../harness/paths/types.ts'
import type { EquivalenceReport } from '../../../harness/report/model.ts'

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
    strategiesDir: SHIPPED_STRATEGIES_DIR,
    dataDir: options.dataDir ?? materializeEmbeddedDataset(),
    hostUrl: null,
    ledger: loadLedger(),
    log: () => undefined,
  })
}
