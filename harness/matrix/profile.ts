/**
 * Run profiles (docs/architecture.md §8: "`make equivalence` (quick profile) a few minutes at most"): how much data and
 * how many epochs every run of the matrix uses.
 */
import type { RunSettings } from '../paths/types.ts'

/** The run profiles, by name. @public */
export const PROFILE_NAMES = ['quick', 'full', 'smoke'] as const
/** A run profile's name. @public */
export type ProfileName = (typeof PROFILE_NAMES)[number]

/**
 * - `quick` (the `make equivalence` default): the embedded data's first ~1500 1h bars (2024-01-01 → 2024-03-03)
 *   and at most 3 epochs, so the whole default matrix ends in a few minutes on 2 cores;
 * - `full`: every embedded bar (3000 1h bars, to 2024-05-05) and the strategies' own epochs;
 * - `smoke`: one month and 1 epoch, for the harness's own end-to-end tests (single-timeframe strategies only:
 *   31 daily bars are too few for MACD).
 * @public
 */
export const PROFILES: Readonly<Record<ProfileName, RunSettings>> = {
  quick: { startDate: '2024-01-01', endDate: '2024-03-03', epochs: 3 },
  full: { startDate: '2024-01-01', endDate: '2024-12-31', epochs: null },
  smoke: { startDate: '2024-01-01', endDate: '2024-02-01', epochs: 1 },
}

/**
 * The strategies a profile runs from the shipped folder when `--strategies` names none; null means every shipped
 * strategy (and another `--strategies-dir` always means every strategy in it). The quick
 * profile keeps the four strategies it was sized with (its "a few minutes on 2 cores" budget, measured at
 * 2 min 55 s); strategies added since (training options, indicator types) run in `full`.
 */
export const PROFILE_STRATEGIES: Readonly<Record<ProfileName, readonly string[] | null>> = {
  quick: ['multi_tf_rsi_momentum', 'neuro_mean_reversion', 'simple_ma_crossover', 'universal_zero_shot_model'],
  full: null,
  smoke: null,
}

/** True when `value` names a profile. */
export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value)
}
