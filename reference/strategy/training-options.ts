/**
 * Validation of `model.training` (docs/legacy-behaviour.md §6.2, §9.1): the hyper-parameters, the optimiser's
 * settings, the learning-rate scheduler, early stopping and the progress settings, with the old trainer's
 * defaults. Keys the old trainer accepted but never read stay accepted; `reference/quirks/detect.ts` warns about
 * each of them.
 */
import { FieldReader, join, type Mapping } from './fields.ts'
import type { EarlyStoppingSpec, LrSchedulerSpec, TrainingHyperParameters } from './types.ts'

const MODEL_TRAINING_KEYS = [
  'learning_rate',
  'batch_size',
  'epochs',
  'optimizer',
  'weight_decay',
  'momentum',
  'gradient_clip',
  'validation_split',
  'early_stopping',
  'lr_scheduler',
  'progress_update_frequency',
  'progress',
  'data_mode',
  'estimated_duration_minutes',
  'total_batches',
  'batches_per_epoch',
  'analytics',
] as const
const PROGRESS_KEYS = ['batch_stride'] as const

/** Scheduler types the old `_create_scheduler` built; any other type gave no scheduler. */
export const LR_SCHEDULER_TYPES = ['step', 'exponential', 'reduce_on_plateau'] as const

/** Keys each scheduler type reads (besides `type`); the old trainer ignored the others. */
export const LR_SCHEDULER_KEYS: Readonly<Record<LrSchedulerSpec['type'], readonly string[]>> = {
  step: ['step_size', 'gamma'],
  exponential: ['gamma'],
  reduce_on_plateau: ['factor', 'patience'],
}

/** The keys of `early_stopping` the old trainer read; it ignored the others (min_delta is fixed at 1e-4). */
export const EARLY_STOPPING_KEYS = ['patience', 'monitor'] as const

/** `model.training` → typed hyper-parameters; every failure names the field. @internal */
export function readHyperParameters(r: FieldReader, model: Mapping): TrainingHyperParameters {
  const path = 'model.training'
  const t = 'training' in model ? r.mapping(model.training, path) : {}
  r.onlyKeys(t, MODEL_TRAINING_KEYS, path)
  const opt = <T>(key: string, read: (value: unknown, at: string) => T, fallback: T): T =>
    key in t && t[key] !== null ? read(t[key], join(path, key)) : fallback
  return {
    learningRate: opt('learning_rate', (v, at) => r.numberIn(v, at, 0, Infinity, true), 0.001),
    batchSize: opt('batch_size', (v, at) => r.integer(v, at, 1, 1 << 20), 32),
    epochs: opt('epochs', (v, at) => r.integer(v, at, 1, 1_000_000), 100),
    optimizer: opt('optimizer', (v, at) => r.string(v, at), 'adam'),
    weightDecay: opt<number | null>('weight_decay', (v, at) => r.numberIn(v, at, 0, Infinity), null),
    momentum: opt<number | null>('momentum', (v, at) => r.numberIn(v, at, 0, Infinity), null),
    gradientClip: opt('gradient_clip', (v, at) => r.numberIn(v, at, 0, Infinity), 0),
    validationSplit: opt<number | null>('validation_split', (v, at) => r.numberIn(v, at, 0, 1, false, true), null),
    lrScheduler: readLrScheduler(r, t.lr_scheduler, join(path, 'lr_scheduler')),
    earlyStopping: readEarlyStopping(r, t.early_stopping, join(path, 'early_stopping')),
    progressUpdateFrequency: opt('progress_update_frequency', (v, at) => r.integer(v, at, 1), 1),
    progressBatchStride: opt<number | null>(
      'progress',
      (v, at) => {
        const progress = r.mapping(v, at)
        r.onlyKeys(progress, PROGRESS_KEYS, at)
        return 'batch_stride' in progress ? r.integer(progress.batch_stride, join(at, 'batch_stride'), 1) : null
      },
      null,
    ),
  }
}

/**
 * An option block the old trainer switched on by truthiness: absent, null, false or an empty mapping is off;
 * anything else must be a mapping (the old code called `.get` on it).
 */
function optionBlock(r: FieldReader, value: unknown, path: string): Mapping | null {
  if (value === undefined || value === null || value === false) return null
  const block = r.mapping(value, path)
  return Object.keys(block).length === 0 ? null : block
}

/** `lr_scheduler`: `type` (default `step`, any case) and that type's numbers; an unknown type is no scheduler. */
function readLrScheduler(r: FieldReader, value: unknown, path: string): LrSchedulerSpec | null {
  const block = optionBlock(r, value, path)
  if (block === null) return null
  const type = 'type' in block ? r.string(block.type, join(path, 'type')).toLowerCase() : 'step'
  const num = (key: string, fallback: number, read: (v: unknown, at: string) => number): number =>
    key in block ? read(block[key], join(path, key)) : fallback
  const gamma = (fallback: number): number => num('gamma', fallback, (v, at) => r.numberIn(v, at, 0, Infinity, true))
  switch (type) {
    case 'step':
      return { type, stepSize: num('step_size', 30, (v, at) => r.integer(v, at, 1)), gamma: gamma(0.1) }
    case 'exponential':
      return { type, gamma: gamma(0.95) }
    case 'reduce_on_plateau':
      return {
        type,
        factor: num('factor', 0.5, (v, at) => r.numberIn(v, at, 0, 1, true, true)),
        patience: num('patience', 5, (v, at) => r.integer(v, at, 0)),
      }
    default:
      return null
  }
}

/** `early_stopping`: `patience` (default 10) and `monitor` (default `val_loss`). */
function readEarlyStopping(r: FieldReader, value: unknown, path: string): EarlyStoppingSpec | null {
  const block = optionBlock(r, value, path)
  if (block === null) return null
  return {
    patience: 'patience' in block ? r.integer(block.patience, join(path, 'patience'), 0) : 10,
    monitor: 'monitor' in block ? r.string(block.monitor, join(path, 'monitor')) : 'val_loss',
  }
}
