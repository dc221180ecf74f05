/**
 * Run profiles (docs/architecture.md §8: "`make equivalence` (quick profile) a few minutes at most"): how much
 * data and how many epochs every run of the matrix uses, and how the old host's runs are sized to fit the cell limit.
 */
import type { RunSettings } from '../paths/types.ts'

/** The run profiles, by name. @public */
export const PROFILE_NAMES = ['quick', 'full', 'smoke'] as const
/** A run profile's name. @public */
export type ProfileName = (typeof PROFILE_NAMES)[number]

/**
 * The old host's runs: its per-batch sleep (the epoch sleep is 5×) and its epochs. Its numbers are placeholders
 * compared on protocol only (docs/legacy-behaviour.md §12.1), and its fixed 20→512→256→128→3 network trains every bar
 * of the last year, so a run with a strategy's own epochs can outlast any cell limit.
 */
export interface HostOldSizing {
  /** @default 2 — instead of the original 100 ms, so a quick run is not dominated by sleeps. */
  readonly batchDelayMs: number
  /** Epochs of every old-host run; null keeps the profile's `epochs`. */
  readonly epochs: number | null
}

/** A profile: the settings of every run, and the old host's sizing. */
export interface Profile extends RunSettings {
  readonly hostOld: HostOldSizing
}

/** The old host's sizing when a caller gives none: 2 ms sleeps, the profile's epochs. */
export const DEFAULT_HOST_OLD_SIZING: HostOldSizing = { batchDelayMs: 2, epochs: null }

/**
 * - `quick` (the `make equivalence` default): the embedded data's first ~1500 1h bars (2024-01-01 → 2024-03-03)
 *   and at most 3 epochs, so the whole default matrix ends in a few minutes on 2 cores;
 * - `full`: every embedded bar (3000 1h bars, to 2024-05-05) and the strategies' own epochs — but the old host
 *   trains 3 epochs: one epoch of neuro_mean_reversion is 363 batches of its fixed network on 9 series (about 7 s
 *   on 2 busy cores, measured here), so its own 100 epochs took longer than the 300 s cell limit;
 * - `smoke`: one month and 1 epoch, for the harness's own end-to-end tests (single-timeframe strategies only:
 *   31 daily bars are too few for MACD).
 * @public
 */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  quick: { startDate: '2024-01-01', endDate: '2024-03-03', epochs: 3, hostOld: DEFAULT_HOST_OLD_SIZING },
  full: { startDate: '2024-01-01', endDate: '2024-12-31', epochs: null, hostOld: { batchDelayMs: 2, epochs: 3 } },
  smoke: { startDate: '2024-01-01', endDate: '2024-02-01', epochs: 1, hostOld: DEFAULT_HOST_OLD_SIZING },
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
