/**
 * The probe record of one symbol's pre-model stages (docs/architecture.md §6 "Probes"): the price columns as loaded, every
 * indicator column, the mapped fuzzy inputs, the memberships, the float32 features, the labels and pivots.
 */
import type { OhlcvFrame } from '../data/types.ts'
import type { FeatureMatrix } from '../features/engine.ts'
import { priceColumnSet } from '../indicators/_shared/price-columns.ts'
import type { ColumnSet, SymbolStageProbes } from '../runtime/probes.ts'
import type { IndicatorStageOutput, LabelStageOutput } from './stages.ts'

/** The outputs of one symbol's pre-model stages. */
export interface SymbolStageOutputs {
  readonly symbol: string
  readonly frames: Readonly<Record<string, OhlcvFrame>>
  readonly indicators: IndicatorStageOutput
  readonly fuzzy: Readonly<Record<string, ColumnSet>>
  readonly features: FeatureMatrix
  readonly labels: LabelStageOutput
}

/**
 * Packs one symbol's stage outputs as the probe record both local paths fill.
 */
export function symbolStageProbes(outputs: SymbolStageOutputs): SymbolStageProbes {
  const data: Record<string, ColumnSet> = {}
  for (const [tf, frame] of Object.entries(outputs.frames)) data[tf] = priceColumnSet(frame)
  const { features } = outputs
  return {
    symbol: outputs.symbol,
    data,
    indicators: outputs.indicators.indicators,
    mapped: outputs.indicators.mapped,
    fuzzy: outputs.fuzzy,
    features: { timestamps: features.timestamps, names: features.names, values: features.values },
    labels: outputs.labels.labels,
    pivots: outputs.labels.pivots,
  }
}
