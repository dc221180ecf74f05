/**
 * Compares two successful runs stage by stage, in pipeline order (docs/architecture.md §6), choosing each stage's
 * tolerance from the pair kind. Side `a` is the path under test, side `b` the reference (relative differences
 * are taken against b).
 */
import type { RunArtifacts } from '../paths/types.ts'
import {
  compareColumnSets,
  compareFeatureMatrices,
  compareHistories,
  compareIntVectors,
  compareMetricRecords,
  comparePredictions,
  compareWeights,
} from './artifacts.ts'
import type { Comparison } from './comparison.ts'
import { compareNames, comparePresence, compareValue } from './exact.ts'
import { compareImportance } from './importance.ts'
import { comparePersisted } from './persisted.ts'
import { compareProgress } from './progress.ts'
import { compareProtocols } from './protocol.ts'
import { compareNumeric } from './numeric.ts'
import type { StageName } from './stages.ts'
import { PRE_MODEL_STAGES, toleranceFor, type ToleranceContext } from './tolerance.ts'

/** Stages read from the stage probes; a side without probes gives one `presence` failure per stage. */
const PROBE_STAGES: readonly StageName[] = [...PRE_MODEL_STAGES, 'initial_weights', 'final_weights', 'predictions']

type Frames = 'data' | 'indicators' | 'mapped' | 'fuzzy'

function probeStage(stage: StageName, a: RunArtifacts, b: RunArtifacts, ctx: ToleranceContext): Comparison[] {
  const pa = a.probes!
  const pb = b.probes!
  const tol = toleranceFor(stage, ctx)
  if (stage !== 'data' && pa.symbols.length !== pb.symbols.length) {
    return [
      compareNames(
        stage,
        'symbols',
        pa.symbols.map((s) => s.symbol),
        pb.symbols.map((s) => s.symbol),
      ),
    ]
  }
  switch (stage) {
    case 'data':
    case 'indicators':
    case 'mapped':
    case 'fuzzy': {
      const out: Comparison[] = []
      if (stage === 'data') {
        const symbols = compareNames(
          stage,
          'symbols',
          pa.symbols.map((s) => s.symbol),
          pb.symbols.map((s) => s.symbol),
        )
        if (!symbols.passed) return [symbols]
      }
      pa.symbols.forEach((sa, i) => {
        const sb = pb.symbols[i]!
        const fa = sa[stage as Frames]
        const fb = sb[stage as Frames]
        const tfs = compareNames(stage, `${sa.symbol}/timeframes`, Object.keys(fa), Object.keys(fb))
        if (!tfs.passed) out.push(tfs)
        for (const tf of Object.keys(fa)) {
          if (fb[tf]) out.push(compareColumnSets(stage, `${sa.symbol}/${tf}`, fa[tf]!, fb[tf]!, tol))
        }
      })
      return out
    }
    case 'features':
      return pa.symbols.map((sa, i) =>
        compareFeatureMatrices(stage, `${sa.symbol}/features`, sa.features, pb.symbols[i]!.features, tol),
      )
    case 'labels':
      return pa.symbols.map((sa, i) =>
        compareIntVectors(stage, `${sa.symbol}/labels`, sa.labels, pb.symbols[i]!.labels),
      )
    case 'combine': {
      const ca = pa.combined
      const cb = pb.combined
      const rowsA = ca.labels.length
      const width = rowsA > 0 ? ca.features.length / rowsA : 0
      const features =
        ca.features.length === cb.features.length
          ? compareNumeric(
              stage,
              'combined/features',
              ca.features,
              cb.features,
              tol,
              (k) => `row ${Math.floor(k / Math.max(1, width))}, column ${k % Math.max(1, width)}`,
            )
          : compareValue(stage, 'combined/features', ca.features.length, cb.features.length)
      return [
        features,
        compareIntVectors(stage, 'combined/labels', ca.labels, cb.labels),
        compareIntVectors(stage, 'combined/symbol_indices', ca.symbolIndices, cb.symbolIndices),
      ]
    }
    case 'split':
      return (['train', 'validation', 'test'] as const).map((k) =>
        compareValue(stage, `split.${k}`, pa.split[k], pb.split[k]),
      )
    case 'initial_weights':
      return compareWeights(stage, pa.initialWeights, pb.initialWeights, tol)
    case 'final_weights':
      return compareWeights(stage, pa.finalWeights, pb.finalWeights, tol)
    case 'predictions':
      return [comparePredictions(stage, pa.predictions, pb.predictions, 3, tol)]
    default:
      return []
  }
}

/**
 * Every comparison of the pair, grouped by stage in pipeline order. `protocol` is compared only when both sides
 * are host runs (a local run has no HTTP protocol to compare); the progress updates and the cancellation probes
 * of two local runs — what their orchestration does — are compared under the same stage.
 * @public
 */
export function compareRuns(a: RunArtifacts, b: RunArtifacts, ctx: ToleranceContext): Comparison[] {
  const out: Comparison[] = []
  const probesMissing = comparePresence('data', 'probes', a.probes !== null, b.probes !== null)
  for (const stage of PROBE_STAGES) {
    if (stage === 'final_weights') out.push(...historyStage(a, b, ctx))
    if (probesMissing) out.push({ ...probesMissing, stage, artifact: `${stage}/probes` })
    else out.push(...probeStage(stage, a, b, ctx))
  }
  out.push(...compareMetricRecords('metrics', a.metrics, b.metrics, toleranceFor('metrics', ctx)))
  const importance = comparePresence(
    'feature_importance',
    'importance',
    a.featureImportance !== null,
    b.featureImportance !== null,
  )
  out.push(
    ...(importance
      ? [importance]
      : compareImportance(
          'feature_importance',
          a.featureImportance!,
          b.featureImportance!,
          toleranceFor('feature_importance', ctx),
        )),
  )
  out.push(comparePersisted('persisted_model', a.persisted, b.persisted, toleranceFor('persisted_model', ctx)))
  if (a.protocol !== null && b.protocol !== null) out.push(...compareProtocols('protocol', a.protocol, b.protocol))
  if (a.progress !== null && b.progress !== null) out.push(...compareProgress(a.progress, b.progress))
  if (a.cancellation !== null && b.cancellation !== null) {
    out.push(compareValue('protocol', 'cancel.last_phase', a.cancellation.lastPhase, b.cancellation.lastPhase))
    out.push(compareValue('protocol', 'cancel.error', a.cancellation.error, b.cancellation.error))
  }
  return out
}

function historyStage(a: RunArtifacts, b: RunArtifacts, ctx: ToleranceContext): Comparison[] {
  const missing = comparePresence('history', 'history', a.history !== null, b.history !== null)
  if (missing) return [missing]
  return compareHistories('history', a.history!, b.history!, toleranceFor('history', ctx))
}
