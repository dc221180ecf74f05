/**
 * Comparators for the structured artifacts of a run: column sets (data, indicators, mapped, fuzzy), feature
 * matrices, label vectors, parameter tensors, epoch histories, predictions and flat metric records. Each returns
 * one or more {@link Comparison}s whose locations name the column/row/epoch/layer of the worst element.
 */
import type { ColumnSet, EpochRecord } from '../../reference/runtime/probes.ts'
import type { ParamTensor } from '../../reference/runtime/training-runtime.ts'
import type { Comparison } from './comparison.ts'
import { compareNames, comparePresence, compareValue } from './exact.ts'
import { formatIndex } from './format.ts'
import { compareNumeric } from './numeric.ts'
import type { StageName } from './stages.ts'
import { EXACT, type Tolerance } from './tolerance.ts'

function isoOf(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '?' : new Date(ms).toISOString().replace('.000Z', 'Z')
}

/**
 * Column sets over one timestamp index: names exact, timestamps exact, then every column under `tolerance`,
 * summarised as one comparison whose location reads `column rsi_14, row 41 (2024-01-02T17:00Z)`.
 */
export function compareColumnSets(
  stage: StageName,
  artifact: string,
  a: ColumnSet,
  b: ColumnSet,
  tolerance: Tolerance,
): Comparison {
  const names = compareNames(stage, artifact, a.names, b.names)
  if (!names.passed) return { ...names, detail: `Column names: ${names.detail}` }
  if (a.timestamps.length !== b.timestamps.length) {
    return {
      ...compareValue(stage, artifact, a.timestamps.length, b.timestamps.length),
      detail: `Row counts differ: ${a.timestamps.length} vs ${b.timestamps.length}.`,
    }
  }
  const stamps = compareNumeric(stage, artifact, a.timestamps, b.timestamps, EXACT, (i) => `row ${i}`)
  if (!stamps.passed) return { ...stamps, detail: `Timestamps: ${stamps.detail}` }
  const rows = a.timestamps.length
  const flatA = new Float64Array(rows * a.names.length)
  const flatB = new Float64Array(rows * a.names.length)
  a.columns.forEach((col, c) => flatA.set(col, c * rows))
  b.columns.forEach((col, c) => flatB.set(col, c * rows))
  return compareNumeric(stage, artifact, flatA, flatB, tolerance, (i) => {
    const c = Math.floor(i / rows)
    const r = i % rows
    return `column ${a.names[c]}, row ${r} (${isoOf(a.timestamps[r])})`
  })
}

/** A row-major feature matrix with named columns. */
export interface NamedMatrix {
  readonly timestamps: Float64Array
  readonly names: readonly string[]
  readonly values: Float32Array
}

/** Feature matrices: names exact, row count exact, values under `tolerance` (location: column and row). */
export function compareFeatureMatrices(
  stage: StageName,
  artifact: string,
  a: NamedMatrix,
  b: NamedMatrix,
  tolerance: Tolerance,
): Comparison {
  const names = compareNames(stage, artifact, a.names, b.names)
  if (!names.passed) return { ...names, detail: `Feature names: ${names.detail}` }
  if (a.values.length !== b.values.length) {
    return {
      ...compareValue(
        stage,
        artifact,
        a.values.length / Math.max(1, a.names.length),
        b.values.length / Math.max(1, b.names.length),
      ),
      detail: `Row counts differ: ${a.values.length / Math.max(1, a.names.length)} vs ${b.values.length / Math.max(1, b.names.length)}.`,
    }
  }
  const width = Math.max(1, a.names.length)
  return compareNumeric(stage, artifact, a.values, b.values, tolerance, (i) => {
    const r = Math.floor(i / width)
    return `column ${a.names[i % width]}, row ${r} (${isoOf(a.timestamps[r])})`
  })
}

/** Integer vectors (labels, symbol indices): exact, location = row. */
export function compareIntVectors(stage: StageName, artifact: string, a: Int32Array, b: Int32Array): Comparison {
  if (a.length !== b.length) {
    return {
      ...compareValue(stage, artifact, a.length, b.length),
      detail: `Lengths differ: ${a.length} vs ${b.length}.`,
    }
  }
  return compareNumeric(stage, artifact, a, b, EXACT, (i) => `row ${i}`)
}

/**
 * Parameter tensors, one comparison per layer (names and shapes exact first). A layer present on one side
 * only gives a failing `presence` comparison.
 */
export function compareWeights(
  stage: StageName,
  a: readonly ParamTensor[],
  b: readonly ParamTensor[],
  tolerance: Tolerance,
): Comparison[] {
  const out: Comparison[] = []
  const layers = compareNames(
    stage,
    'layers',
    a.map((p) => p.name),
    b.map((p) => p.name),
  )
  if (!layers.passed) out.push({ ...layers, detail: `Layer names: ${layers.detail}` })
  const byName = new Map(b.map((p) => [p.name, p]))
  const seen = new Set<string>()
  for (const pa of a) {
    seen.add(pa.name)
    const pb = byName.get(pa.name)
    if (!pb) {
      out.push(comparePresence(stage, pa.name, true, false)!)
      continue
    }
    const shapeA = pa.shape.join('×')
    const shapeB = pb.shape.join('×')
    if (shapeA !== shapeB) {
      out.push({
        ...compareValue(stage, pa.name, shapeA, shapeB),
        detail: `Shapes differ: [${shapeA}] vs [${shapeB}].`,
      })
      continue
    }
    out.push(
      compareNumeric(
        stage,
        pa.name,
        pa.values,
        pb.values,
        tolerance,
        (i) => `layer ${pa.name} index ${formatIndex(i, pa.shape)}`,
      ),
    )
  }
  for (const pb of b) if (!seen.has(pb.name)) out.push(comparePresence(stage, pb.name, false, true)!)
  return out
}

const HISTORY_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy', 'learning_rate'] as const

/**
 * Epoch histories: each series under `tolerance` (location: epoch) over the epochs both sides ran, plus an exact
 * epoch-count comparison when the counts differ (early stopping at different epochs, or a path that ignores it).
 */
export function compareHistories(
  stage: StageName,
  a: readonly EpochRecord[],
  b: readonly EpochRecord[],
  tolerance: Tolerance,
): Comparison[] {
  const n = Math.min(a.length, b.length)
  const series = HISTORY_KEYS.map((key) => {
    const xa = a.slice(0, n).map((e) => e[key] ?? Number.NaN)
    const xb = b.slice(0, n).map((e) => e[key] ?? Number.NaN)
    return compareNumeric(stage, `history.${key}`, xa, xb, tolerance, (i) => `epoch ${a[i]?.epoch ?? i}`)
  })
  const count = compareValue(stage, 'history.epochs', a.length, b.length)
  if (count.passed) return series
  const detail = `Epoch counts differ: ${a.length} vs ${b.length}; the series compare the first ${n}.`
  return [{ ...count, detail }, ...series]
}

/** Softmax predictions rows × classes (location: row and class). */
export function comparePredictions(
  stage: StageName,
  a: Float32Array,
  b: Float32Array,
  classes: number,
  tolerance: Tolerance,
): Comparison {
  if (a.length !== b.length) {
    return {
      ...compareValue(stage, 'predictions', a.length / classes, b.length / classes),
      detail: `Row counts differ: ${a.length / classes} vs ${b.length / classes}.`,
    }
  }
  const labels = ['BUY', 'HOLD', 'SELL']
  return compareNumeric(stage, 'predictions', a, b, tolerance, (i) => {
    const c = i % classes
    return `row ${Math.floor(i / classes)}, class ${labels[c] ?? c}`
  })
}

/**
 * Flat metric records, one comparison per key present on either side (`metrics.<key>`); a key on one side only
 * is a `presence` failure, a null value on both sides is equal.
 */
export function compareMetricRecords(
  stage: StageName,
  a: Readonly<Record<string, number | null>>,
  b: Readonly<Record<string, number | null>>,
  tolerance: Tolerance,
): Comparison[] {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys.map((key) => {
    const artifact = `metrics.${key}`
    const missing = comparePresence(stage, artifact, key in a, key in b)
    if (missing) return missing
    const va = a[key] ?? Number.NaN
    const vb = b[key] ?? Number.NaN
    return compareNumeric(stage, artifact, [va], [vb], tolerance, () => key)
  })
}
