/**
 * The planted faults every gate run must catch (docs/architecture.md §6 "Canaries"): each names where it is
 * planted (a pipeline stage, through the worker's stage overrides, or the local orchestrator around it), the stage
 * the gate must blame, and the strategy it is planted on. A canary that passes, or is blamed on another stage,
 * fails the gate.
 */
import type { StageName } from '../compare/stages.ts'
import type { CanaryName } from '../paths/types.ts'

export interface CanaryDefinition {
  readonly name: CanaryName
  /** `stage`: a replaced pipeline stage (canaries/faults.ts); `orchestrator`: a faulty LocalTrainingOrchestrator. */
  readonly layer: 'stage' | 'orchestrator'
  readonly description: string
  /** The stage the first divergence must be found at. */
  readonly expectedStage: StageName
  /**
   * Strategy the fault is planted on. @default simple_ma_crossover — one symbol, one timeframe, and the only
   * shipped strategy with ATR, so every canary stays cheap and the ATR canary has something to change.
   */
  readonly strategy: string
}

export const CANARIES: readonly CanaryDefinition[] = [
  {
    name: 'features_perturbed',
    layer: 'stage',
    description: 'every feature value scaled by 1.002 (a 0.2 % perturbation of the feature stage)',
    expectedStage: 'features',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'feature_columns_swapped',
    layer: 'stage',
    description: 'the values of feature column 0 and the first column that differs from it swapped (names kept)',
    expectedStage: 'features',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'split_72_18_10',
    layer: 'stage',
    description: 'train / validation / test split changed from the strategy’s 70/15/15 to 72/18/10',
    expectedStage: 'split',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'symbol_embedding_dropped',
    layer: 'stage',
    description: 'the model built without its symbol embedding',
    expectedStage: 'initial_weights',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'atr_wilder',
    layer: 'stage',
    description: 'ATR switched from the simple mean to Wilder smoothing',
    expectedStage: 'indicators',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'orchestrator_epoch_updates_dropped',
    layer: 'orchestrator',
    description: 'the local orchestrator stops delivering epoch progress updates to its caller',
    expectedStage: 'protocol',
    strategy: 'simple_ma_crossover',
  },
  {
    name: 'orchestrator_cancel_ignored',
    layer: 'orchestrator',
    description: 'the local orchestrator ignores cancel(): a cancelled run trains to the end',
    expectedStage: 'protocol',
    strategy: 'simple_ma_crossover',
  },
]

/** The definition of `name`. */
export function canaryDefinition(name: CanaryName): CanaryDefinition {
  return CANARIES.find((c) => c.name === name)!
}
