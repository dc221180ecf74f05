/**
 * Step 8 of the old StrategyTrainer: the MultiSymbolMLP (docs/legacy-behaviour.md §6.1, §14 step 4) — always a
 * symbol embedding (default dim 16), even for one symbol — and the `model_info` block of the raw result (§6.3).
 */
import type { Activation, MlpSpec, ParamTensor } from '../../../reference/runtime/training-runtime.ts'
import { ConfigFieldError, dictGet, numberGet, requireDict, type ConfigDict } from './config-dict.ts'

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'leaky_relu']

/** `model.symbol_embedding_dim`, 16 when absent. */
export function symbolEmbeddingDim(model: ConfigDict): number {
  const dim = numberGet(model, 'symbol_embedding_dim', 16, 'model.symbol_embedding_dim')
  if (!Number.isInteger(dim) || dim < 1)
    throw new ConfigFieldError('strategy field model.symbol_embedding_dim must be a positive integer')
  return dim
}

/**
 * `_create_multi_symbol_model` + `MultiSymbolMLPTradingModel.build_model`: `model.type` must be `mlp`;
 * `architecture.hidden_layers` is required; dropout defaults to 0.2; an unknown activation means ReLU.
 */
export function multiSymbolMlpSpec(model: ConfigDict, inputSize: number, numSymbols: number): MlpSpec {
  const type = dictGet(model, 'type', 'mlp')
  if (typeof type !== 'string' || type.toLowerCase() !== 'mlp') {
    throw new ConfigFieldError(`Unknown model type for multi-symbol training: ${String(type).toLowerCase()}`)
  }
  const architecture = requireDict(model, 'architecture', 'model.architecture')
  if (!Object.hasOwn(architecture, 'hidden_layers')) {
    throw new ConfigFieldError(
      `KeyError: 'hidden_layers' (strategy field model.architecture.hidden_layers is required)`,
    )
  }
  const hidden = architecture.hidden_layers
  if (!Array.isArray(hidden) || !hidden.every((h) => Number.isInteger(h) && (h as number) > 0)) {
    throw new ConfigFieldError('strategy field model.architecture.hidden_layers must be a list of positive integers')
  }
  const dropout = numberGet(architecture, 'dropout', 0.2, 'model.architecture.dropout')
  const activationName = dictGet(architecture, 'activation', 'relu')
  const lowered = typeof activationName === 'string' ? activationName.toLowerCase() : ''
  const activation = ACTIVATIONS.find((a) => a === lowered) ?? 'relu'
  return {
    inputSize,
    hiddenLayers: hidden as number[],
    outputSize: 3,
    activation,
    dropout,
    embedding: { numSymbols, dim: symbolEmbeddingDim(model) },
  }
}

/** The raw result's `model_info` (§6.3): every parameter is trainable; size = parameters × 4 bytes. */
export interface LegacyModelInfo {
  readonly model_size_bytes: number
  readonly parameters_count: number
  readonly trainable_parameters: number
  readonly architecture: string
  readonly symbol_embedding_dim: number
}

/** Builds `model_info` from the parameter list. */
export function modelInfo(params: readonly ParamTensor[], numSymbols: number, embeddingDim: number): LegacyModelInfo {
  const total = params.reduce((n, p) => n + p.values.length, 0)
  return {
    model_size_bytes: total * 4,
    parameters_count: total,
    trainable_parameters: total,
    architecture: `multi_symbol_mlp_${numSymbols}symbols`,
    symbol_embedding_dim: embeddingDim,
  }
}
