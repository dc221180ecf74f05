/**
 * Strategy keys the loader accepts whose setting has no effect, as in the old training flow (docs/legacy-behaviour.md
 * §3.1, §4.3, §5.1, §6.1): keys the old trainer never read (quirk Q-KEYS-NOT-READ), feature-scaling switches
 * (Q-FEATURES-NO-SCALING), `output_activation` (Q-OUTPUT-ACTIVATION-IGNORED) and `label_lookahead`
 * (Q-ZIGZAG-SEGMENT-LABELS). Documentation keys (`description`, `version`, `hypothesis`) describe and set nothing,
 * so they are not reported.
 */
import type { StrategyConfig } from '../strategy/types.ts'
import type { QuirkEffect } from './detect.ts'
import type { QuirkId } from './registry.ts'

/** Top-level sections and nested keys the old training flow never read. */
const NEVER_READ = [
  'scope',
  'deployment',
  'decisions',
  'orchestrator',
  'risk_management',
  'backtesting',
  'data',
  'training_data.history_required',
  'training_data.start_date',
  'training_data.end_date',
  'model.name',
  'model.version',
  'model.input_size',
  'model.training.data_mode',
  'model.training.estimated_duration_minutes',
  'model.training.total_batches',
  'model.training.batches_per_epoch',
  'training.method',
  'training.fitness_metrics',
] as const

/** `model.features` switches that would transform the features; the old processor applied none of them. */
const FEATURE_SWITCHES = ['scale_features', 'include_price_context', 'include_volume_context', 'include_raw_indicators']

/**
 * The value at a dotted path of the parsed document; undefined when a step is missing or not a mapping.
 * @internal
 */
export function valueAt(raw: unknown, path: string): unknown {
  let value = raw
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !(key in value)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** `key: value` for a message (mappings and lists by their key alone). */
function shown(path: string, value: unknown): string {
  return typeof value === 'object' && value !== null ? path : `${path}: ${JSON.stringify(value)}`
}

/**
 * The effects of keys that set nothing, one entry per quirk id.
 *
 * @internal
 */
export function strategyKeyEffects(strategy: StrategyConfig): QuirkEffect[] {
  const raw = strategy.raw
  const effects: QuirkEffect[] = []
  const add = (id: QuirkId, details: string[]): void => {
    if (details.length > 0) effects.push({ id, message: `${id}: ${details.join('; ')}` })
  }
  const present = (path: string): boolean => valueAt(raw, path) !== undefined && valueAt(raw, path) !== null
  add('Q-KEYS-NOT-READ', notRead(strategy, present))
  add(
    'Q-FEATURES-NO-SCALING',
    [
      ...FEATURE_SWITCHES.filter((key) => valueAt(raw, `model.features.${key}`) === true).map(
        (key) => `model.features.${key}: true is ignored`,
      ),
      ...(present('model.features.scaling_method') ? ['model.features.scaling_method is ignored'] : []),
    ].map((text) => `${text} (features are the raw memberships)`),
  )
  const output = valueAt(raw, 'model.architecture.output_activation')
  add(
    'Q-OUTPUT-ACTIVATION-IGNORED',
    present('model.architecture.output_activation')
      ? [`${shown('model.architecture.output_activation', output)} is ignored: the network outputs raw logits`]
      : [],
  )
  const lookahead = valueAt(raw, 'training.labels.label_lookahead')
  add(
    'Q-ZIGZAG-SEGMENT-LABELS',
    present('training.labels.label_lookahead')
      ? [`${shown('training.labels.label_lookahead', lookahead)} is not used: labels are zigzag segment labels`]
      : [],
  )
  return effects
}

/** Every present key the old trainer did not read, with why where it is not obvious. */
function notRead(strategy: StrategyConfig, present: (path: string) => boolean): string[] {
  const raw = strategy.raw
  const keys: string[] = NEVER_READ.filter(present).map((path) => shown(path, valueAt(raw, path)))
  const { timeframes } = strategy.trainingData
  const base = valueAt(raw, 'training_data.timeframes.base_timeframe')
  if (typeof base === 'string' && base !== timeframes[0]) {
    keys.push(`training_data.timeframes.base_timeframe: ${base} (the first timeframe, ${timeframes[0]}, is the base)`)
  }
  const optimizer = strategy.model.training.optimizer.toLowerCase()
  if (present('model.training.momentum') && (optimizer === 'adam' || optimizer === 'rmsprop')) {
    keys.push(`model.training.momentum (read for sgd only; the optimizer is ${optimizer})`)
  }
  const split = strategy.dataSplit
  if (split !== null && present('model.training.validation_split')) {
    keys.push('model.training.validation_split (training.data_split decides the split)')
  }
  if (split !== null && present('training.data_split.test')) {
    const rest = 1 - split.train - split.validation
    if (Math.abs(split.test - rest) > 1e-9) {
      keys.push(`training.data_split.test: ${split.test} (the test split is what train and validation leave, ${rest})`)
    }
  }
  return keys
}
