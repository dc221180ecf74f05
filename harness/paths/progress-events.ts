/**
 * Progress updates of the two local paths in one form ({@link ProgressEvent}), so that the gate can compare
 * what a caller of the old runner and a caller of the new orchestrator saw: the new orchestrator's
 * `ProgressUpdate`s, and the old bridge's updates (phase name in the context, 1-based epoch and batch numbers).
 */
import type { LegacyProgressUpdate } from '../../legacy/local/trainer/progress-bridge.ts'
import type { ProgressUpdate } from '../../reference/orchestrators/progress-bridge.ts'
import type { ProgressEvent } from './types.ts'

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null)

/** An update of `LocalTrainingOrchestrator`. */
export function orchestratorEvent(update: ProgressUpdate): ProgressEvent {
  return {
    kind: update.kind,
    phase: update.phase,
    epoch: update.epoch,
    batch: update.batch,
    items: update.itemsProcessed,
    percent: update.percentage,
  }
}

/** An update of the old local runner's bridge. */
export function legacyEvent(update: LegacyProgressUpdate): ProgressEvent {
  const base = { items: update.items_processed, percent: update.percentage }
  switch (update.phase) {
    case 'batch':
      return {
        kind: 'batch',
        phase: 'training',
        epoch: numberOrNull(update.context.epoch_index),
        batch: numberOrNull(update.context.batch_number),
        ...base,
      }
    case 'epoch':
      return { kind: 'epoch', phase: 'training', epoch: numberOrNull(update.context.epoch_index), batch: null, ...base }
    case 'completed':
      return { kind: 'terminal', phase: 'completed', epoch: null, batch: null, ...base }
    default:
      return { kind: 'phase', phase: String(update.context.phase_name), epoch: null, batch: null, ...base }
  }
}
