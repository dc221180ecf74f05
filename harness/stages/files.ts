/**
 * The stage files one symbol's pre-model stages are written as (plain CSV / JSON, so two paths can be diffed with
 * ordinary tools; docs/legacy-behaviour.md §3–§5.1): per timeframe `indicators`, `indicators_mapped` and `fuzzy`,
 * and for the combined result `features.csv`, `feature_names.json` and `labels.csv`. Timestamps are ISO-8601 UTC,
 * numbers the shortest text that reads back to the same double, NaN an empty field.
 */
import { join } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { formatUtcTimestamp } from '../../reference/data/timestamps.ts'
import { baseTimeframe } from '../../reference/features/timeframe-order.ts'
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'

/**
 * Writes the stage files of `probes` into `dir` (each atomically) and returns their paths. Per-timeframe files carry
 * a `_<tf>` suffix when the run has several timeframes (`fuzzy_4h.csv`), none with one (`fuzzy.csv`):
 * - `indicators[_<tf>].csv`: every indicator-engine column (no price columns), warm-up NaN empty;
 * - `indicators_mapped[_<tf>].csv`: one column per strategy indicator name (NaN → 0 for a single timeframe);
 * - `fuzzy[_<tf>].csv`: the membership columns (`<tf>_`-prefixed in a multi-timeframe run);
 * - `features.csv` + `feature_names.json`: the float32 matrix in model order (old double-prefixed names), one row
 *   per base bar;
 * - `labels.csv`: `label` and `zigzag_extreme` (the base close at pivot bars) per base bar.
 * A timeframe the stages dropped (failed indicators, no fuzzy column) has no file of that stage.
 */
export function writeStageFiles(probes: SymbolStageProbes, dir: string): string[] {
  const timeframes = Object.keys(probes.data)
  const suffix = (tf: string): string => (timeframes.length > 1 ? `_${tf}` : '')
  const files: Record<string, string> = {}
  for (const tf of timeframes) {
    const prices = new Set(probes.data[tf]!.names)
    if (probes.indicators[tf]) files[`indicators${suffix(tf)}.csv`] = columnSetCsv(probes.indicators[tf])
    const mapped = probes.mapped[tf]
    if (mapped) files[`indicators_mapped${suffix(tf)}.csv`] = columnSetCsv(without(mapped, prices))
    if (probes.fuzzy[tf]) files[`fuzzy${suffix(tf)}.csv`] = columnSetCsv(probes.fuzzy[tf])
  }
  files['features.csv'] = featuresCsv(probes.features)
  files['feature_names.json'] = `${JSON.stringify(probes.features.names, null, 2)}\n`
  files['labels.csv'] = labelsCsv(probes, baseTimeframe(timeframes))
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name)
    writeFileAtomic(path, content)
    return path
  })
}

function without(set: ColumnSet, names: ReadonlySet<string>): ColumnSet {
  const keep = set.names.flatMap((name, i) => (names.has(name) ? [] : [i]))
  return {
    timestamps: set.timestamps,
    names: keep.map((i) => set.names[i]!),
    columns: keep.map((i) => set.columns[i]!),
  }
}

function formatNumber(value: number): string {
  return Number.isNaN(value) ? '' : String(value)
}

function csvText(header: readonly string[], rows: number, cell: (row: number, col: number) => string): string {
  const lines = [header.join(',')]
  for (let r = 0; r < rows; r++) {
    const cells: string[] = []
    for (let c = 0; c < header.length; c++) cells.push(cell(r, c))
    lines.push(cells.join(','))
  }
  return `${lines.join('\n')}\n`
}

function columnSetCsv(set: ColumnSet): string {
  return csvText(['timestamp', ...set.names], set.timestamps.length, (r, c) =>
    c === 0 ? formatUtcTimestamp(set.timestamps[r]!) : formatNumber(set.columns[c - 1]![r]!),
  )
}

function featuresCsv(features: SymbolStageProbes['features']): string {
  const cols = features.names.length
  return csvText(['timestamp', ...features.names], features.timestamps.length, (r, c) =>
    c === 0 ? formatUtcTimestamp(features.timestamps[r]!) : formatNumber(features.values[r * cols + c - 1]!),
  )
}

function labelsCsv(probes: SymbolStageProbes, base: string): string {
  if (!probes.pivots) throw new Error(`stages: the ${probes.symbol} probes carry no zigzag pivots`)
  const close = probes.data[base]!.columns[probes.data[base]!.names.indexOf('close')]!
  const pivots = new Set(probes.pivots)
  const timestamps = probes.features.timestamps
  return csvText(['timestamp', 'label', 'zigzag_extreme'], probes.labels.length, (r, c) => {
    if (c === 0) return formatUtcTimestamp(timestamps[r]!)
    if (c === 1) return String(probes.labels[r]!)
    return pivots.has(r) ? formatNumber(close[r]!) : ''
  })
}
