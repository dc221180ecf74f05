/**
 * Scratch workspaces for the reliability tests (issue 10): a temporary directory with small synthetic market data
 * (`<dir>/data/<SYMBOL>_1h.csv`), the shipped strategy the tests train, and a new host started on it as a real
 * child process on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../reference/strategy/shipped.ts'
import { startHostProcess, type HostProcess, type HostProcessOptions } from '../../reference/host-service/process.ts'
import type { StartBodyInput } from '../../reference/host-service/client/start-bodies.ts'

/** The strategy the reliability tests train (shipped, 3 RSI sets, lookback 2, [50, 25]). */
export const RELIABILITY_STRATEGY_PATH = join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml')

/** Its YAML text. */
export const RELIABILITY_STRATEGY_YAML = readFileSync(RELIABILITY_STRATEGY_PATH, 'utf8')

/** A one-month, one-symbol run (≈ 14 batches per epoch, a few ms per batch). */
export function smallRun(epochs: number, symbol = 'AAPL'): StartBodyInput & { startDate: string; endDate: string } {
  return { symbols: [symbol], timeframes: ['1h'], startDate: '2024-01-01', endDate: '2024-02-01', seed: 7, epochs }
}

/** A temporary directory holding `data/`; `remove()` deletes it all. */
export interface Workspace {
  readonly dir: string
  readonly dataDir: string
  remove(): void
}

/**
 * Creates a workspace with `bars` 1h bars for each symbol (default AAPL, 600 bars ≈ 25 days).
 */
export function createWorkspace(prefix: string, symbols: readonly string[] = ['AAPL'], bars = 600): Workspace {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  const dataDir = join(dir, 'data')
  writeSyntheticDataset(dataDir, { symbols, bars, seed: 9, timeframes: ['1h'] })
  return { dir, dataDir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * Starts a new host on the workspace's data, models in `<dir>/<modelsSubdir>` unless `modelsDir` is given; its
 * stderr is collected in `log()`.
 */
export async function startNewHost(
  workspace: Workspace,
  options: Partial<HostProcessOptions> & { modelsSubdir?: string } = {},
): Promise<HostProcess & { log(): string }> {
  let log = ''
  const { modelsSubdir = 'models', ...rest } = options
  const host = await startHostProcess({
    impl: 'new',
    modelsDir: join(workspace.dir, modelsSubdir),
    dataDir: workspace.dataDir,
    ...rest,
    onStderr: (text) => {
      log += text
      rest.onStderr?.(text)
    },
  })
  return Object.assign(host, { log: () => log })
}
