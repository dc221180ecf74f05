/**
 * The data a mutant is observed on: the gate's own (the embedded dataset in the gate profile's date window) and
 * an anomaly dataset — the same generator, another seed, and more of every anomaly the embedded data plants
 * (missing closes, exact-tie flat stretches, short and multi-day gaps, one-bar spikes) across the whole series.
 * A mutant that changes stage outputs only on the anomaly dataset is observable but invisible to the gate's data:
 * it shows where that data is too clean.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  EMBEDDED_DATASET,
  materializeEmbeddedDataset,
  writeSyntheticDataset,
  type SyntheticMarketOptions,
} from '../../reference/data/synthetic.ts'
import type { RunSettings } from '../paths/types.ts'

/** One dataset the stages are observed on: CSV files and the date window the runs load. */
export interface ObservedDataset {
  readonly name: 'gate' | 'anomalies'
  readonly dataDir: string
  readonly startDate: string
  readonly endDate: string
}

/**
 * The anomaly dataset: every embedded symbol, 2,400 1h bars (100 days), twice the embedded anomaly counts or
 * more, planted over bars 100–2,300 (each kind needs its own 100-bar segment because of the multi-day gap).
 * @default seed 20251010 — the embedded seed + 1, so its series differ from the gate's.
 */
export const ANOMALY_DATASET = {
  symbols: EMBEDDED_DATASET.symbols,
  bars: 2400,
  seed: EMBEDDED_DATASET.seed + 1,
  start: EMBEDDED_DATASET.start,
  timeframes: EMBEDDED_DATASET.timeframes,
  anomalies: { missingCloses: 6, flatStretches: 4, spikes: 4, gaps: 2, multiDayGaps: 1 },
  anomalyWindow: [100, 2300],
  derivedMissingCloses: 2,
} as const satisfies SyntheticMarketOptions

/** The day after the anomaly dataset's last 1h bar (the end date is inclusive at 00:00). */
const ANOMALY_END_DATE = new Date(Date.parse(ANOMALY_DATASET.start) + ANOMALY_DATASET.bars * 3_600_000)
  .toISOString()
  .slice(0, 10)

/**
 * Writes both datasets under `workDir` and returns them, the gate's in the window of `settings`.
 */
export function observedDatasets(workDir: string, settings: RunSettings): ObservedDataset[] {
  const gateDir = join(workDir, 'gate-data')
  const anomalyDir = join(workDir, 'anomaly-data')
  for (const dir of [gateDir, anomalyDir]) mkdirSync(dir, { recursive: true })
  materializeEmbeddedDataset(gateDir)
  writeSyntheticDataset(anomalyDir, ANOMALY_DATASET)
  return [
    { name: 'gate', dataDir: gateDir, startDate: settings.startDate, endDate: settings.endDate },
    {
      name: 'anomalies',
      dataDir: anomalyDir,
      startDate: ANOMALY_DATASET.start.slice(0, 10),
      endDate: ANOMALY_END_DATE,
    },
  ]
}
