/**
 * Bitwise comparison of stage probes for the differential properties: names and labels exactly, floats with
 * `Object.is` per element (so NaN equals NaN and 0 differs from −0), each difference described in one line
 * naming the stage, timeframe, column and row where it starts.
 */
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'

/**
 * The first index where two numeric arrays differ under `Object.is`, -1 when they are bitwise equal; a length
 * difference counts from the shorter length.
 */
export function firstBitwiseDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i
  return a.length === b.length ? -1 : n
}

/**
 * One line per differing artifact of two column sets (empty when bitwise equal).
 */
export function columnSetDifferences(where: string, a: ColumnSet, b: ColumnSet): string[] {
  if (a.names.join('\u0000') !== b.names.join('\u0000')) {
    return [`${where}: names differ: [${a.names.join(', ')}] vs [${b.names.join(', ')}]`]
  }
  const out: string[] = []
  const t = firstBitwiseDifference(a.timestamps, b.timestamps)
  if (t >= 0) out.push(`${where}: timestamps differ from row ${t} (${a.timestamps[t]} vs ${b.timestamps[t]})`)
  a.names.forEach((name, c) => {
    const i = firstBitwiseDifference(a.columns[c]!, b.columns[c]!)
    if (i >= 0) out.push(`${where}.${name}: row ${i}: ${show(a.columns[c]![i])} vs ${show(b.columns[c]![i])}`)
  })
  return out
}

function recordDifferences(
  stage: string,
  a: Readonly<Record<string, ColumnSet>>,
  b: Readonly<Record<string, ColumnSet>>,
): string[] {
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.join() !== keysB.join()) return [`${stage}: timeframes differ: [${keysA}] vs [${keysB}]`]
  return keysA.flatMap((tf) => columnSetDifferences(`${stage}[${tf}]`, a[tf]!, b[tf]!))
}

/**
 * Every difference between two symbols' stage probes, in pipeline order (data, indicators, mapped, fuzzy,
 * features, labels); `pivots` are compared only when both carry them. Empty when bitwise identical.
 */
export function stageProbeDifferences(a: SymbolStageProbes, b: SymbolStageProbes): string[] {
  const out = [
    ...recordDifferences('data', a.data, b.data),
    ...recordDifferences('indicators', a.indicators, b.indicators),
    ...recordDifferences('mapped', a.mapped, b.mapped),
    ...recordDifferences('fuzzy', a.fuzzy, b.fuzzy),
  ]
  const fa = a.features
  const fb = b.features
  if (fa.names.join('\u0000') !== fb.names.join('\u0000')) {
    out.push(`features: names differ: [${fa.names.join(', ')}] vs [${fb.names.join(', ')}]`)
  } else {
    const t = firstBitwiseDifference(fa.timestamps, fb.timestamps)
    if (t >= 0) out.push(`features: timestamps differ from row ${t}`)
    const v = firstBitwiseDifference(fa.values, fb.values)
    if (v >= 0) {
      const cols = Math.max(1, fa.names.length)
      const name = fa.names[v % cols]
      out.push(`features: row ${Math.floor(v / cols)} column ${name}: ${fa.values[v]} vs ${fb.values[v]}`)
    }
  }
  const l = firstBitwiseDifference(a.labels, b.labels)
  if (l >= 0)
    out.push(`labels: row ${l}: ${a.labels[l]} vs ${b.labels[l]} (lengths ${a.labels.length}, ${b.labels.length})`)
  if (a.pivots && b.pivots) {
    const p = firstBitwiseDifference(a.pivots, b.pivots)
    if (p >= 0) out.push(`pivots: index ${p}: ${a.pivots[p]} vs ${b.pivots[p]}`)
  }
  return out
}

/**
 * The path of the first difference between two JSON-like values (numbers by `Object.is`, arrays and plain objects
 * key by key in order, typed arrays element by element), or null when they are bitwise equal.
 */
export function firstDeepDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number')
    return Object.is(a, b) ? null : `${path}: ${show(a)} vs ${show(b)}`
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>
    const y = b as unknown as ArrayLike<number>
    const i = firstBitwiseDifference(x, y)
    return i < 0 ? null : `${path}[${i}]: ${show(x[i])} vs ${show(y[i])}`
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`
    for (let i = 0; i < a.length; i++) {
      const d = firstDeepDifference(a[i], b[i], `${path}[${i}]`)
      if (d) return d
    }
    return null
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka}] vs [${kb}]`
    for (const k of ka) {
      const d = firstDeepDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      )
      if (d) return d
    }
    return null
  }
  return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`
}

/** A number as text, keeping the sign of −0 visible. */
function show(v: number | undefined): string {
  return Object.is(v, -0) ? '-0' : String(v)
}
