/**
 * What every path is asked to train for one RunSpec: the strategy's own symbols and timeframes
 * (`training_data`), the profile's date window and epoch cap, and the training device (`KTRDR_DEVICE`, default
 * `cpu-fused`, the bitwise-reproducible runtime both local paths share).
 */
import { runtimeForDevice, type DeviceName } from '../../reference/runtime/device-manager.ts'
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import type { StrategyConfig } from '../../reference/strategy/types.ts'
import type { PathRunInput, RunSpec } from './types.ts'

/** @default 'cpu-fused' — deterministic and the fastest runtime on a CPU-only machine (docs/architecture.md §3.4). */
export const DEFAULT_HARNESS_DEVICE: DeviceName = 'cpu-fused'

/** The strategy, its symbols and timeframes. */
export interface StrategyRequest {
  readonly strategy: StrategyConfig
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
}

/** Loads the strategy and reads the symbols and timeframes it trains on. */
export function strategyRequest(strategyPath: string): StrategyRequest {
  const strategy = loadStrategy(strategyPath)
  const { symbols, timeframes } = strategy.trainingData
  if (symbols.length === 0 || timeframes.length === 0) {
    throw new Error(`${strategyPath}: training_data must list symbols and timeframes for the harness`)
  }
  return { strategy, symbols, timeframes }
}

/** The device every path of the harness trains on: `KTRDR_DEVICE`, else {@link DEFAULT_HARNESS_DEVICE}. */
export function harnessDevice(env: Record<string, string | undefined> = process.env): DeviceName {
  return (env.KTRDR_DEVICE as DeviceName | undefined) ?? DEFAULT_HARNESS_DEVICE
}

/** The runtime every local path of this process trains on. */
export function harnessRuntime(env: Record<string, string | undefined> = process.env): Promise<TrainingRuntime> {
  return runtimeForDevice(harnessDevice(env))
}

/** The training input of a matrix run: the strategy's symbols and timeframes, the profile's window and epochs. */
export function pathRunInput(spec: RunSpec, symbols: readonly string[], timeframes: readonly string[]): PathRunInput {
  return {
    strategyPath: spec.strategyPath,
    dataDir: spec.dataDir,
    symbols,
    timeframes,
    startDate: spec.settings.startDate,
    endDate: spec.settings.endDate,
    seed: spec.seed,
    epochs: spec.settings.epochs,
    modelsDir: spec.modelsDir,
    device: harnessDevice(),
  }
}
