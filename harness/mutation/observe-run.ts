/**
 * Child-process entry of the observability check: `node --import tsx harness/mutation/observe-run.ts <job.json>`,
 * run inside the scratch copy. For every dataset × strategy it runs the pipeline's pre-model stages on each symbol
 * (the `local_new` chain), writes them as the `stages` command does, and hashes each file; then it combines the
 * symbols and splits the rows as the pipeline does (the run's seed) and hashes both. The digests go to the
 * result file (temporary file + rename); a stage that throws is recorded as that entry's error.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { loadMarketData } from '../../reference/data/market-data.ts'
import type { LabelledRows } from '../../reference/model/dataset.ts'
import { TrainingPipeline } from '../../reference/pipeline/stages.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import { writeStageFiles } from '../stages/files.ts'
import { strategyRequest } from '../paths/run-request.ts'
import type { ObservedDataset } from './datasets.ts'

/** What the parent asks for. */
export interface ObserveJob {
  readonly datasets: readonly ObservedDataset[]
  readonly strategies: readonly { readonly name: string; readonly path: string }[]
  /** The runs' seed (the combine stage draws from it). */
  readonly seed: number
  readonly resultPath: string
}

/** One dataset × strategy: the digest of every stage artifact (`<symbol>/<file>`, `combine/…`, `split/…`), or the error. */
export type Observation = { readonly digests: Readonly<Record<string, string>> } | { readonly error: string }

/** Observations keyed `<dataset>/<strategy>`. */
export type ObserveResult = Readonly<Record<string, Observation>>

function digest(...parts: readonly (string | ArrayBufferView)[]): string {
  const hash = createHash('sha256')
  for (const p of parts) hash.update(typeof p === 'string' ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength))
  return hash.digest('hex').slice(0, 16)
}

function rowDigest(rows: LabelledRows): string {
  return digest(`${rows.rows}x${rows.featureCount}`, rows.features, rows.labels, rows.symbolIndices)
}

function observe(dataset: ObservedDataset, strategyPath: string, seed: number, scratch: string): Observation {
  const { strategy, symbols, timeframes } = strategyRequest(strategyPath)
  const source = new CsvDataSource(dataset.dataDir)
  const digests: Record<string, string> = {}
  const rows = symbols.map((symbol) => {
    const frames = loadMarketData(source, symbol, timeframes, dataset.startDate, dataset.endDate, () => {})
    const probes = computeSymbolStages({ strategy, symbol, frames })
    const dir = mkdtempSync(join(scratch, `${symbol}-`))
    for (const file of writeStageFiles(probes, dir)) digests[`${symbol}/${basename(file)}`] = digest(readFileSync(file))
    digests[`${symbol}/pivots`] = digest(probes.pivots ?? new Int32Array(0))
    return { symbol, names: probes.features.names, features: probes.features.values, labels: probes.labels }
  })
  const combined = TrainingPipeline.combineSymbols(rows, new SeededRng(seed))
  digests['combine/rows'] = rowDigest(combined)
  const split = TrainingPipeline.splitData(combined, strategy)
  for (const part of ['train', 'validation', 'test'] as const) digests[`split/${part}`] = rowDigest(split[part])
  return { digests }
}

/** Runs the job and writes its result. */
export function runObserveJob(job: ObserveJob): ObserveResult {
  const scratch = mkdtempSync(join(tmpdir(), 'ktrdr-observe-'))
  const result: Record<string, Observation> = {}
  try {
    for (const dataset of job.datasets) {
      for (const s of job.strategies) {
        try {
          result[`${dataset.name}/${s.name}`] = observe(dataset, s.path, job.seed, scratch)
        } catch (error) {
          result[`${dataset.name}/${s.name}`] = {
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          }
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  writeFileAtomic(job.resultPath, JSON.stringify(result))
  return result
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  runObserveJob(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ObserveJob)
}
