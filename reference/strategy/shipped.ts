/**
 * Where the strategies shipped with the package lie: `strategies/` of the repository, `dist/strategies/` of the
 * installed package (the build copies them there, so this module's relative path holds in both).
 */
import { resolve } from 'node:path'

/**
 * The folder of the shipped strategy files (`<name>.yaml`): load one with
 * `loadStrategy(join(SHIPPED_STRATEGIES_DIR, 'neuro_mean_reversion.yaml'))`.
 *
 * @public
 */
export const SHIPPED_STRATEGIES_DIR = resolve(import.meta.dirname, '../../strategies')
