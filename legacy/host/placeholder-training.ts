/**
 * `_run_real_training` of the old host, frozen (docs/legacy-behaviour.md §2.3, §3.4, §6.4): it ignores the strategy,
 * loads every (symbol, timeframe) series of the last 365 days (per the injected clock), and trains a fixed
 * 20→512→256→128→3 network (dropout 0.2, always in training mode, Adam lr 0.001 without weight decay) on
 * contiguous unshuffled batches of placeholder features, sleeping after every batch and every epoch so the
 * event loop can serve `/status` and `/stop`. Nothing is validated, evaluated or saved.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { SeededRng } from '../../reference/runtime/rng.ts'
import {
  adamConfig,
  initParameters,
  type MlpSpec,
  type TrainingRuntime,
} from '../../reference/runtime/training-runtime.ts'
import {
  generatePlaceholderLabels,
  PLACEHOLDER_FEATURE_WIDTH,
  preparePlaceholderFeatures,
} from './placeholder-features.ts'
import { loadPriceSeries, type PriceSeries } from './price-series.ts'
import { pythonFloorDiv, pythonRangeInt, pythonTypeName } from './python-compat.ts'
import type { LegacyTrainingSession } from './session.ts'

/** The old host's fixed network (`TradingModel(input_size=20, hidden_size=512, output_size=3)`). */
export const PLACEHOLDER_MODEL_SPEC: MlpSpec = {
  inputSize: PLACEHOLDER_FEATURE_WIDTH,
  hiddenLayers: [512, 256, 128],
  outputSize: 3,
  activation: 'relu',
  dropout: 0.2,
  embedding: null,
}
/** Hard-coded learning rate; the strategy's is ignored. */
const LEARNING_RATE = 0.001
const ONE_YEAR_MS = 365 * 24 * 3_600_000
/** The device name the old loop reported on a CPU-only machine. */
const DEVICE = 'cpu'

/** What the placeholder loop needs from its host process. */
export interface PlaceholderEnvironment {
  readonly dataDir: string
  /** `await asyncio.sleep(0.1)` after every batch. @default 100 */
  readonly batchDelayMs: number
  /** `await asyncio.sleep(0.5)` after every epoch. @default 500 */
  readonly epochDelayMs: number
  /** The clock of the one-year data window (epoch ms). */
  readonly now: () => number
  readonly runtime: TrainingRuntime
  readonly log: (line: string) => void
}

/** The analogue of asyncio's `CancelledError`: raised at the next await once `/training/stop` gave up waiting. */
export class LegacyTaskCancelledError extends Error {
  override readonly name = 'LegacyTaskCancelledError'
}

/**
 * Runs the placeholder training for `session`, drawing model initialisation, noise features and dropout masks
 * from `rng` in that order. Ends with status `completed`, or `cancelled` when a stop was requested.
 *
 * @throws Error "No training data available" when no series loaded; Python's TypeError text for a bad `epochs`
 *   or `batch_size`
 */
export async function runPlaceholderTraining(
  session: LegacyTrainingSession,
  env: PlaceholderEnvironment,
  rng: SeededRng,
): Promise<void> {
  const { model_config: modelConfig, data_config: dataConfig, training_config: trainingConfig } = session.config
  let symbols = 'symbols' in dataConfig ? dataConfig.symbols : 'symbols' in modelConfig ? modelConfig.symbols : ['AAPL']
  const timeframes =
    'timeframes' in dataConfig ? dataConfig.timeframes : 'timeframes' in modelConfig ? modelConfig.timeframes : ['1D']
  if (typeof symbols === 'string') symbols = [symbols]
  const epochs = 'epochs' in trainingConfig ? trainingConfig.epochs : 10
  const batchSize = 'batch_size' in trainingConfig ? trainingConfig.batch_size : 128

  const now = env.now()
  const trainingData = new Map<string, Map<string, PriceSeries>>()
  let totalDataPoints = 0
  for (const symbol of pythonIter(symbols)) {
    const bySeries = new Map<string, PriceSeries>()
    trainingData.set(String(symbol), bySeries)
    for (const timeframe of pythonIter(timeframes)) {
      try {
        if (typeof symbol !== 'string' || typeof timeframe !== 'string') {
          throw new Error(`symbol and timeframe must be strings`)
        }
        const series = loadPriceSeries(env.dataDir, symbol, timeframe, now - ONE_YEAR_MS, now)
        if (series.close.length > 0) {
          bySeries.set(timeframe, series)
          totalDataPoints += series.close.length
        } else env.log(`No data loaded for ${symbol} ${timeframe}`)
      } catch (error) {
        env.log(`Failed to load data for ${String(symbol)} ${String(timeframe)}: ${(error as Error).message}`)
      }
    }
  }
  if (totalDataPoints === 0) throw new Error('No training data available')

  const params = initParameters(PLACEHOLDER_MODEL_SPEC, rng)
  const model = env.runtime.createModel(PLACEHOLDER_MODEL_SPEC, params, adamConfig(LEARNING_RATE))
  try {
    session.totalBatches = Math.max(1, pythonFloorDiv(totalDataPoints, batchSize))
    const epochCount = pythonRangeInt(epochs)
    for (let epoch = 0; epoch < epochCount; epoch++) {
      if (session.stopRequested) break
      let epochLoss = 0
      let epochAccuracy = 0
      let batchesProcessed = 0
      for (const bySeries of trainingData.values()) {
        for (const series of bySeries.values()) {
          if (session.stopRequested) break
          const rows = series.close.length
          const step = pythonRangeInt(batchSize)
          if (step === 0) throw new Error('range() arg 3 must not be zero')
          for (let batchStart = 0; step > 0 && batchStart < rows; batchStart += step) {
            if (session.stopRequested) break
            const batchEnd = Math.min(batchStart + step, rows)
            if (batchEnd - batchStart < Math.floor(step / 2)) continue
            try {
              const count = batchEnd - batchStart
              const x = preparePlaceholderFeatures(series, batchStart, batchEnd, rng)
              const y = generatePlaceholderLabels(series.close, batchStart, batchEnd)
              const result = model.trainStep({ x, y, symbols: null, rows: count }, rng)
              const accuracy = result.correct / count
              epochLoss += result.loss
              epochAccuracy += accuracy
              batchesProcessed += 1
              session.updateProgress(epoch, batchesProcessed, {
                loss: result.loss,
                accuracy,
                device: DEVICE,
                completed_batches: batchesProcessed,
                total_batches: session.totalBatches,
              })
              await pause(env.batchDelayMs, session)
              if (session.stopRequested) break
            } catch (error) {
              if (error instanceof LegacyTaskCancelledError) throw error
              env.log(`Error processing batch for ${series.symbol} ${series.timeframe}: ${(error as Error).message}`)
              continue
            }
          }
          if (session.stopRequested) break
        }
      }
      if (session.stopRequested) break
      if (batchesProcessed > 0) {
        const avgLoss = epochLoss / batchesProcessed
        const avgAccuracy = epochAccuracy / batchesProcessed
        env.log(`Epoch ${epoch + 1}/${epochCount} - Loss: ${avgLoss.toFixed(4)}, Accuracy: ${avgAccuracy.toFixed(4)}`)
        session.updateProgress(epoch + 1, batchesProcessed, {
          epoch_loss: avgLoss,
          epoch_accuracy: avgAccuracy,
          device: DEVICE,
          total_batches: batchesProcessed,
          completed_batches: batchesProcessed,
        })
      }
      await pause(env.epochDelayMs, session)
      if (session.stopRequested) break
    }
    session.status = session.stopRequested ? 'cancelled' : 'completed'
  } finally {
    model.dispose()
  }
}

/** `await asyncio.sleep(ms / 1000)`: yields to the event loop; raises once the task was cancelled. */
async function pause(ms: number, session: LegacyTrainingSession): Promise<void> {
  await delay(ms)
  if (session.taskCancelled) throw new LegacyTaskCancelledError(`session ${session.sessionId} cancelled`)
}

/** `for x in value` over a JSON value: list items, string characters, dict keys; other types raise. */
function pythonIter(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return [...value]
  if (value !== null && typeof value === 'object') return Object.keys(value)
  throw new TypeError(`'${pythonTypeName(value)}' object is not iterable`)
}
