/**
 * The flat metric record the comparators read, built from a path's training summary and test metrics. The
 * wall-clock `training_time` is left out: it differs between any two runs and says nothing about equivalence.
 */
import type { TestMetrics } from '../../reference/runtime/probes.ts'

/** Summary fields compared (docs/legacy-behaviour.md §6.2), when the path reports them. */
export const SUMMARY_METRIC_KEYS = [
  'epochs_trained',
  'final_train_loss',
  'final_train_accuracy',
  'best_train_accuracy',
  'final_val_loss',
  'final_val_accuracy',
  'best_val_accuracy',
] as const

/** Test-metric fields compared (§6.3). */
export const TEST_METRIC_KEYS = ['test_accuracy', 'test_loss', 'precision', 'recall', 'f1_score'] as const

/** Picks the compared numbers out of a summary (any object) and the test metrics. */
export function flatMetrics(summary: unknown, test: Partial<TestMetrics> | null): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  const s = (typeof summary === 'object' && summary !== null ? summary : {}) as Record<string, unknown>
  for (const key of SUMMARY_METRIC_KEYS) {
    const v = s[key]
    if (typeof v === 'number') out[key] = v
    else if (v === null) out[key] = null
  }
  if (typeof s.error === 'string') out.training_error = Number.NaN
  if (test) {
    for (const key of TEST_METRIC_KEYS) {
      const v = test[key]
      if (typeof v === 'number') out[key] = v
    }
  }
  return out
}
