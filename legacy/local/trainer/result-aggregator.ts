/**
 * The old `ResultAggregator.from_local_run(context, raw)` (docs/legacy-behaviour.md §9.5). It looks for keys the
 * ModelTrainer never writes, so `epochs_completed` is always the context's total steps, `training_time_minutes`
 * 0.0, `early_stopped` false, and `best_epoch` / `final_learning_rate` null (quirk kept).
 */
import { dictGet, isDict, type ConfigDict } from './config-dict.ts'
import { totalSteps, type LegacyTrainingContext } from './training-context.ts'

/** The standardised local result. */
export interface AggregatedLocalResult {
  readonly training_metrics: {
    readonly final_train_loss: unknown
    readonly final_val_loss: unknown
    readonly final_train_accuracy: unknown
    readonly final_val_accuracy: unknown
    readonly epochs_completed: unknown
    readonly early_stopped: unknown
    readonly training_time_minutes: unknown
    readonly best_epoch: unknown
    readonly final_learning_rate: unknown
  }
  readonly validation_metrics: { readonly val_loss: unknown; readonly val_accuracy: unknown }
  readonly test_metrics: {
    readonly test_loss: unknown
    readonly test_accuracy: unknown
    readonly precision: unknown
    readonly recall: unknown
    readonly f1_score: unknown
  }
  readonly resource_usage: { readonly gpu_used: false; readonly peak_memory_mb: null; readonly training_mode: 'local' }
  readonly artifacts: {
    readonly model_path: unknown
    readonly analytics_dir: null
    readonly checkpoints: never[]
    readonly feature_importance: unknown
    readonly per_symbol_metrics: unknown
  }
  readonly session_info: Record<string, unknown>
  readonly model_info: unknown
}

/** `raw.get(key) or {}`. */
function section(raw: ConfigDict, key: string): ConfigDict {
  const value = dictGet(raw, key, null)
  return isDict(value) && Object.keys(value).length > 0 ? value : {}
}

/** Normalises the raw StrategyTrainer result (any object with the old keys). */
export function fromLocalRun(context: LegacyTrainingContext, rawResult: object | null): AggregatedLocalResult {
  const raw = (rawResult ?? {}) as ConfigDict
  const training = section(raw, 'training_metrics')
  const test = section(raw, 'test_metrics')
  const dataSummary = section(raw, 'data_summary')
  const sessionInfo: Record<string, unknown> = {
    operation_id: context.operation_id,
    strategy_name: context.strategy_name,
    symbols: context.symbols,
    timeframes: context.timeframes,
    training_mode: 'local',
    use_host_service: false,
    start_date: context.start_date,
    end_date: context.end_date,
  }
  if (Object.keys(dataSummary).length > 0) sessionInfo.data_summary = dataSummary
  return {
    training_metrics: {
      final_train_loss: dictGet(training, 'final_train_loss', 0.0),
      final_val_loss: dictGet(training, 'final_val_loss', 0.0),
      final_train_accuracy: dictGet(training, 'final_train_accuracy', 0.0),
      final_val_accuracy: dictGet(training, 'final_val_accuracy', 0.0),
      epochs_completed: dictGet(training, 'epochs_completed', totalSteps(context)),
      early_stopped: dictGet(training, 'early_stopped', false),
      training_time_minutes: dictGet(training, 'training_time_minutes', 0.0),
      best_epoch: dictGet(training, 'best_epoch', null),
      final_learning_rate: dictGet(training, 'final_learning_rate', null),
    },
    validation_metrics: {
      val_loss: dictGet(training, 'final_val_loss', 0.0),
      val_accuracy: dictGet(training, 'final_val_accuracy', 0.0),
    },
    test_metrics: {
      test_loss: dictGet(test, 'test_loss', 0.0),
      test_accuracy: dictGet(test, 'test_accuracy', 0.0),
      precision: dictGet(test, 'precision', 0.0),
      recall: dictGet(test, 'recall', 0.0),
      f1_score: dictGet(test, 'f1_score', 0.0),
    },
    resource_usage: { gpu_used: false, peak_memory_mb: null, training_mode: 'local' },
    artifacts: {
      model_path: dictGet(raw, 'model_path', null),
      analytics_dir: null,
      checkpoints: [],
      feature_importance: dictGet(raw, 'feature_importance', null),
      per_symbol_metrics: dictGet(raw, 'per_symbol_metrics', null),
    },
    session_info: sessionInfo,
    model_info: isDict(dictGet(raw, 'model_info', null)) ? dictGet(raw, 'model_info', {}) : {},
  }
}
