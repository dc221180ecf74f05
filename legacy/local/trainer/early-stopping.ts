/**
 * The old `EarlyStopping` callback and how `train_multi_symbol` built it (docs/legacy-behaviour.md §6.2): on only when
 * `early_stopping` is truthy, `patience` (default 10) and `monitor` (default `val_loss`) read from it, `min_delta`
 * fixed at 1e-4, `mode` never passed. Score: −val_loss (none when val_loss is falsy — absent or exactly 0.0), or
 * val_accuracy, or none for any other monitor; an epoch without a score changes nothing.
 */
import { ConfigFieldError, dictGet, isDict, truthy, type ConfigDict } from './config-dict.ts'

/** The two values the old trainer passed to `EarlyStopping(...)`. */
export interface LegacyEarlyStoppingConfig {
  readonly patience: number
  /** Compared with `==`, so anything but `val_loss` / `val_accuracy` means "never stop". */
  readonly monitor: unknown
}

/** The constructor's fixed `min_delta`. */
const MIN_DELTA = 0.0001

/**
 * `early_stopping` of `model.training`: null when absent or falsy.
 *
 * @throws ConfigFieldError when it is truthy but not a mapping (the old AttributeError on `.get`), or `patience`
 *   is not a number (the old TypeError at the first comparison)
 */
export function readEarlyStoppingConfig(training: ConfigDict): LegacyEarlyStoppingConfig | null {
  const config = dictGet(training, 'early_stopping', {})
  if (!truthy(config)) return null
  if (!isDict(config)) {
    throw new ConfigFieldError(
      `AttributeError: model.training.early_stopping must be a mapping, got ${JSON.stringify(config)}`,
    )
  }
  const patience = dictGet(config, 'patience', 10)
  if (typeof patience !== 'number' || Number.isNaN(patience)) {
    throw new ConfigFieldError(
      `strategy field model.training.early_stopping.patience must be a number, got ${JSON.stringify(patience)}`,
    )
  }
  return { patience, monitor: dictGet(config, 'monitor', 'val_loss') }
}

/** The metrics `EarlyStopping.__call__` reads from the epoch's `TrainingMetrics`. */
export interface EarlyStoppingMetrics {
  readonly val_loss: number | null
  readonly val_accuracy: number | null
}

/** `EarlyStopping`: call once per epoch; true once training should stop (and from then on). */
export class LegacyEarlyStopping {
  private counter = 0
  private bestScore: number | null = null
  private stop = false

  constructor(private readonly config: LegacyEarlyStoppingConfig) {}

  check(metrics: EarlyStoppingMetrics): boolean {
    let score: number | null = null
    // Python truthiness: None, 0.0 and -0.0 are falsy, NaN is not
    const loss = metrics.val_loss
    if (this.config.monitor === 'val_loss') score = loss !== null && loss !== 0 ? -loss : null
    else if (this.config.monitor === 'val_accuracy') score = metrics.val_accuracy
    if (score === null) return false
    if (this.bestScore === null) this.bestScore = score
    else if (score < this.bestScore + MIN_DELTA) {
      this.counter += 1
      if (this.counter >= this.config.patience) this.stop = true
    } else {
      this.bestScore = score
      this.counter = 0
    }
    return this.stop
  }
}
