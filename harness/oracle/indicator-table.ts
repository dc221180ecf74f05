/**
 * The per-type agreement table of the indicator classes against KTRDR's own code (`make oracle-indicator-table`):
 * for every registry type, seeded cases of one generated strategy entry of that type (explicit type or alias with
 * `params:`, or an inferred name) on a generated series with every anomaly (missing closes, flats, multi-day gaps,
 * ±12 % spikes, prices below 1) run through `ktrdr_py`, `local_old` and `local_new`; the table gives, per type,
 * the greatest |difference| of that type's indicator columns against `ktrdr_py`, how many values and cases it
 * rests on, and how many cases passed every pre-model stage within the oracle's tolerance.
 */
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { formatOhlcvCsv } from '../../reference/data/csv.ts'
import { anomalousSeriesArb, buildSeries } from '../arbitraries/ohlcv.ts'
import { classStrategyYaml, INDICATOR_CLASS_TYPES, singleClassStrategyArb } from '../arbitraries/indicator-classes.ts'
import { runStages } from '../stages/run.ts'
import { compareOracleStages } from './compare.ts'
import { OracleError, type OracleSession } from './driver.ts'
import { runOracleStages } from './stages.ts'

/** The two TypeScript paths measured against `ktrdr_py`. */
const SIDES = ['local_new', 'local_old'] as const
type Side = (typeof SIDES)[number]

/** One side's agreement with `ktrdr_py` on one type's indicator columns. */
export interface SideAgreement {
  /** max |a − b| over the values both paths computed (null: no value compared). */
  readonly maxAbs: number | null
  /** Values compared (not NaN, not the same infinity; an infinity against anything else counts as ∞). */
  readonly values: number
  /** Cells where both sides hold the same ±∞ (a zero range divided by; agreeing, kept out of `values`). */
  readonly infinite: number
  /** Cells NaN on one side only, missing columns and differing row sets, counted in cells. */
  readonly mismatches: number
  /** Cases where every pre-model stage (indicators … features, labels) passed the oracle comparison. */
  readonly stagesPassed: number
}

/** One row of the table. */
export interface IndicatorTypeRow {
  readonly type: string
  readonly cases: number
  /** Cases where the type produced at least one column (the others dropped the entry: a refused parameter). */
  readonly withColumns: number
  /** Cases every path refused (compared as agreeing). */
  readonly refusedByAll: number
  /** Cases refused by some paths and run by others, with the first message. */
  readonly refusalMismatches: readonly string[]
  readonly sides: Readonly<Record<Side, SideAgreement>>
}

/** What {@link measureIndicatorTypes} needs. */
export interface IndicatorTableRequest {
  readonly session: OracleSession
  readonly types: readonly string[]
  readonly casesPerType: number
  /** The cases of the i-th type of `INDICATOR_CLASS_TYPES` come from seed + i (a subset draws the same cases). */
  readonly seed: number
  readonly log: (line: string) => void
}

const SYMBOL = 'PROP'
const START = '2020-01-01'
const END = '2030-01-01'

interface SideTally {
  maxAbs: number | null
  values: number
  infinite: number
  mismatches: number
  stagesPassed: number
}

/** Adds one column pair to `tally` (rows aligned by timestamp; a differing row set counts every cell). */
function tallyColumn(tally: SideTally, oracle: ColumnSet, i: number, other: ColumnSet): void {
  const j = other.names.indexOf(oracle.names[i]!)
  const a = oracle.columns[i]!
  const sameRows =
    oracle.timestamps.length === other.timestamps.length && oracle.timestamps.every((t, k) => t === other.timestamps[k])
  if (j < 0 || !sameRows) {
    tally.mismatches += a.length
    return
  }
  const b = other.columns[j]!
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!
    const y = b[k]!
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) tally.mismatches++
      continue
    }
    if (x === y && !Number.isFinite(x)) {
      tally.infinite++
      continue
    }
    tally.values++
    tally.maxAbs = Math.max(tally.maxAbs ?? 0, Math.abs(x - y))
  }
}

type Outcome =
  | { readonly ok: true; readonly probes: SymbolStageProbes }
  | { readonly ok: false; readonly error: string }

async function attempt(run: () => Promise<SymbolStageProbes>): Promise<Outcome> {
  try {
    return { ok: true, probes: await run() }
  } catch (error) {
    if (error instanceof OracleError && error.kind === 'setup') throw error
    return { ok: false, error: (error as Error).message.split('\n')[0]! }
  }
}

/** The indicator column names of the strategy's fixed `rsi` entry (excluded from every type's columns). */
async function baseColumns(dir: string, csvFile: string): Promise<ReadonlySet<string>> {
  const strategyPath = join(dir, 'base.yaml')
  writeFileSync(strategyPath, classStrategyYaml({ entries: [], zigzagThreshold: 0.05 }))
  const probes = await runStages({
    path: 'local_old',
    strategyPath,
    symbol: SYMBOL,
    csvFiles: { '1h': csvFile },
    startDate: START,
    endDate: END,
    warn: () => {},
  })
  return new Set(probes.indicators['1h']?.names ?? [])
}

interface RowTally {
  withColumns: number
  refusedByAll: number
  readonly refusalMismatches: string[]
  readonly sides: Record<Side, SideTally>
}

/** Runs one case (the CSV and strategy files already written) through the three paths into `row`. */
async function measureCase(
  row: RowTally,
  stageRequest: Omit<Parameters<typeof runStages>[0], 'path'>,
  session: OracleSession,
  base: ReadonlySet<string>,
): Promise<void> {
  const oracle = await attempt(async () => (await runOracleStages({ ...stageRequest, session })).probes)
  const others: Record<Side, Outcome> = {
    local_new: await attempt(() => runStages({ ...stageRequest, path: 'local_new' })),
    local_old: await attempt(() => runStages({ ...stageRequest, path: 'local_old' })),
  }
  const outcomes = [oracle, others.local_new, others.local_old]
  const refusals = outcomes.flatMap((o) => (o.ok ? [] : [o.error]))
  if (refusals.length === outcomes.length) {
    row.refusedByAll++
    return
  }
  if (refusals.length > 0 || !oracle.ok) {
    row.refusalMismatches.push(refusals[0]!)
    return
  }
  const columns = oracle.probes.indicators['1h']!
  const own = columns.names.flatMap((name, i) => (base.has(name) ? [] : [i]))
  if (own.length > 0) row.withColumns++
  for (const side of SIDES) {
    const outcome = others[side]
    if (!outcome.ok) continue
    const other = outcome.probes.indicators['1h']
    for (const i of own) {
      if (other) tallyColumn(row.sides[side], columns, i, other)
      else row.sides[side].mismatches += columns.columns[i]!.length
    }
    if (compareOracleStages(oracle.probes, outcome.probes).every((c) => c.passed)) row.sides[side].stagesPassed++
  }
}

/**
 * Measures every type of `request.types` (see the module comment).
 *
 * @throws OracleError kind `setup` when KTRDR cannot run at all
 */
export async function measureIndicatorTypes(request: IndicatorTableRequest): Promise<IndicatorTypeRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-indicator-table-'))
  try {
    const csvFile = join(dir, `${SYMBOL}_1h.csv`)
    const stageRequest = {
      strategyPath: join(dir, 'strategy.yaml'),
      symbol: SYMBOL,
      csvFiles: { '1h': csvFile },
      startDate: START,
      endDate: END,
      warn: () => {},
    }
    const rows: IndicatorTypeRow[] = []
    let base: ReadonlySet<string> | null = null
    for (const type of request.types) {
      const cases = fc.sample(fc.tuple(anomalousSeriesArb(), singleClassStrategyArb(type)), {
        seed: request.seed + INDICATOR_CLASS_TYPES.indexOf(type),
        numRuns: request.casesPerType,
      })
      const row: RowTally = {
        withColumns: 0,
        refusedByAll: 0,
        refusalMismatches: [],
        sides: {
          local_new: { maxAbs: null, values: 0, infinite: 0, mismatches: 0, stagesPassed: 0 },
          local_old: { maxAbs: null, values: 0, infinite: 0, mismatches: 0, stagesPassed: 0 },
        },
      }
      for (const [series, strategy] of cases) {
        writeFileSync(csvFile, formatOhlcvCsv(buildSeries(series, SYMBOL)))
        writeFileSync(stageRequest.strategyPath, classStrategyYaml(strategy))
        base ??= await baseColumns(dir, csvFile)
        await measureCase(row, stageRequest, request.session, base)
      }
      request.log(`${type}: ${JSON.stringify(row)}`)
      rows.push({ type, cases: cases.length, ...row })
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function formatDiff(value: number | null): string {
  return value === null ? '—' : value === 0 ? '0' : value.toExponential(1)
}

/**
 * The table as Markdown: one row per type, the greatest |difference| of `local_new` and `local_old` against
 * `ktrdr_py` with its counts.
 */
export function indicatorTableMarkdown(rows: readonly IndicatorTypeRow[]): string {
  const lines = [
    '| type | cases (with columns / refused by all / refusal mismatches) | values compared (+ equal ±∞) | max \\|diff\\| local_new | max \\|diff\\| local_old | NaN or column mismatches (new / old) | cases passing every stage (new / old) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const r of rows) {
    const n = r.sides.local_new
    const o = r.sides.local_old
    lines.push(
      `| ${r.type} | ${r.cases} (${r.withColumns} / ${r.refusedByAll} / ${r.refusalMismatches.length}) | ${n.values}${n.infinite > 0 ? ` (+ ${n.infinite})` : ''} | ` +
        `${formatDiff(n.maxAbs)} | ${formatDiff(o.maxAbs)} | ${n.mismatches} / ${o.mismatches} | ` +
        `${n.stagesPassed} / ${o.stagesPassed} |`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** True when every case agreed: no refusal or NaN mismatch, every stage passed, every value within `atol`. */
export function tableAgrees(rows: readonly IndicatorTypeRow[], atol: number): boolean {
  return rows.every(
    (r) =>
      r.refusalMismatches.length === 0 &&
      SIDES.every((side) => {
        const s = r.sides[side]
        return s.mismatches === 0 && s.stagesPassed === r.cases - r.refusedByAll && (s.maxAbs ?? 0) <= atol
      }),
  )
}
