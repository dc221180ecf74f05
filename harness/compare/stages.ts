/**
 * The stages the gate compares, in pipeline order (docs/architecture.md §6 "First divergence"): a divergence is blamed on the
 * first stage out of tolerance; later stages are only "affected".
 */

/** Pipeline order; `protocol` (host HTTP behaviour) is compared last, on host pairs only. */
export const STAGES = [
  'data',
  'indicators',
  'mapped',
  'fuzzy',
  'features',
  'labels',
  'combine',
  'split',
  'initial_weights',
  'history',
  'final_weights',
  'predictions',
  'metrics',
  'feature_importance',
  'persisted_model',
  'protocol',
] as const

export type StageName = (typeof STAGES)[number]

/** Position of a stage in pipeline order. */
export function stageIndex(stage: StageName): number {
  return STAGES.indexOf(stage)
}

/** True when `value` names a stage. */
export function isStageName(value: string): value is StageName {
  return (STAGES as readonly string[]).includes(value)
}
