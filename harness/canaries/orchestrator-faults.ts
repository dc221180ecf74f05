/**
 * The orchestrator faults: `LocalTrainingOrchestrator`s that break what the orchestrator adds around the
 * pipeline — delivering progress to its caller and honouring `cancel()` — while every number stays bitwise the
 * same, so only the progress and cancellation comparisons of the `protocol` stage can catch them.
 */
import {
  LocalTrainingOrchestrator,
  type LocalTrainingOrchestratorOptions,
} from '../../reference/orchestrators/local-orchestrator.ts'
import type { CanaryName, OrchestratorFactory } from '../paths/types.ts'
import { canaryDefinition } from './catalog.ts'

/** The orchestrator canaries. */
export type OrchestratorCanaryName = Extract<CanaryName, `orchestrator_${string}`>

/** True for a canary planted in the orchestrator rather than in a stage. */
export function isOrchestratorCanary(name: CanaryName): name is OrchestratorCanaryName {
  return canaryDefinition(name).layer === 'orchestrator'
}

/** Drops every epoch update on its way to the caller. */
class EpochUpdatesDropped extends LocalTrainingOrchestrator {
  constructor(options: LocalTrainingOrchestratorOptions) {
    super({
      ...options,
      onProgress: (update) => {
        if (update.kind !== 'epoch') options.onProgress?.(update)
      },
    })
  }
}

/** `cancel()` does nothing. */
class CancelIgnored extends LocalTrainingOrchestrator {
  override cancel(): void {}
}

/** The factory that plants `name`. */
export function faultyOrchestrator(name: OrchestratorCanaryName): OrchestratorFactory {
  switch (name) {
    case 'orchestrator_epoch_updates_dropped':
      return (options) => new EpochUpdatesDropped(options)
    case 'orchestrator_cancel_ignored':
      return (options) => new CancelIgnored(options)
  }
}
