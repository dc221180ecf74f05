/**
 * The port's stand-in for the old `model.pt` (a pickled `state_dict`, docs/legacy-behaviour.md §7): the parameters as
 * JSON, `{format:'ktrdr-weights-v1', spec, tensors:[{name, shape, dtype:'float32', data_base64}]}`, each tensor's
 * values as little-endian float32 bytes in base64.
 */
import type { MlpSpec, ParamTensor } from '../../../reference/runtime/training-runtime.ts'

/** Format tag of the weights file. */
export const WEIGHTS_FORMAT = 'ktrdr-weights-v1'

/** The parsed weights file. */
export interface WeightsFile {
  readonly format: typeof WEIGHTS_FORMAT
  readonly spec: MlpSpec
  readonly tensors: ReadonlyArray<{
    readonly name: string
    readonly shape: readonly number[]
    readonly dtype: 'float32'
    readonly data_base64: string
  }>
}

/** Encodes `params` of `spec` (values written explicitly little-endian). */
export function encodeWeights(spec: MlpSpec, params: readonly ParamTensor[]): WeightsFile {
  return {
    format: WEIGHTS_FORMAT,
    spec,
    tensors: params.map((p) => {
      const bytes = Buffer.alloc(p.values.length * 4)
      p.values.forEach((v, i) => bytes.writeFloatLE(v, i * 4))
      return { name: p.name, shape: [...p.shape], dtype: 'float32' as const, data_base64: bytes.toString('base64') }
    }),
  }
}

/** Decodes a weights file; `source` names the file in errors. */
export function decodeWeights(file: unknown, source: string): { spec: MlpSpec; params: ParamTensor[] } {
  const w = file as Partial<WeightsFile> | null
  if (w?.format !== WEIGHTS_FORMAT || !Array.isArray(w.tensors) || typeof w.spec !== 'object') {
    throw new Error(`${source}: not a ${WEIGHTS_FORMAT} weights file`)
  }
  const params = w.tensors.map((t, i) => {
    const bytes = Buffer.from(t.data_base64, 'base64')
    const size = t.shape.reduce((a: number, b: number) => a * b, 1)
    if (t.dtype !== 'float32' || bytes.length !== size * 4) {
      throw new Error(`${source}: tensor ${i} (${t.name}) has ${bytes.length} bytes for shape [${t.shape.join(', ')}]`)
    }
    const values = new Float32Array(size)
    for (let k = 0; k < size; k++) values[k] = bytes.readFloatLE(k * 4)
    return { name: t.name, shape: [...t.shape], values }
  })
  return { spec: w.spec as MlpSpec, params }
}
