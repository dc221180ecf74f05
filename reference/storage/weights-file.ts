/**
 * `model.json`: the portable weights file both model stores (legacy and reference) write and read, in place of
 * the old `model.pt` / `model_full.pt` (docs/legacy-behaviour.md §7). Layout:
 * `{ format: 'ktrdr-weights-v1', spec: MlpSpec, tensors: [{ name, shape, dtype: 'float32', data_base64 }] }`,
 * tensors in the runtime's layout order, data as little-endian float32 bytes in base64 (every bit survives).
 */
import { assertParameters } from '../runtime/model-layout.ts'
import type { MlpSpec, ParamTensor } from '../runtime/training-runtime.ts'
import { ModelStorageError } from './errors.ts'

/** The format tag of `model.json`. */
export const WEIGHTS_FORMAT = 'ktrdr-weights-v1'

/** One encoded tensor. */
export interface EncodedTensor {
  readonly name: string
  readonly shape: readonly number[]
  readonly dtype: 'float32'
  readonly data_base64: string
}

/** The parsed `model.json`. */
export interface WeightsFile {
  readonly format: typeof WEIGHTS_FORMAT
  readonly spec: MlpSpec
  readonly tensors: readonly EncodedTensor[]
}

/** Encodes a spec and its parameters. */
export function encodeWeights(spec: MlpSpec, params: readonly ParamTensor[]): WeightsFile {
  return {
    format: WEIGHTS_FORMAT,
    spec,
    tensors: params.map((p) => ({
      name: p.name,
      shape: [...p.shape],
      dtype: 'float32',
      data_base64: Buffer.from(p.values.buffer, p.values.byteOffset, p.values.byteLength).toString('base64'),
    })),
  }
}

/**
 * Decodes and checks a parsed `model.json` (format tag, tensor dtypes, names and shapes against the spec).
 *
 * @param file - the file the document came from, for error messages
 * @throws ModelStorageError naming `file` and the first problem
 */
export function decodeWeights(document: unknown, file: string): { spec: MlpSpec; params: ParamTensor[] } {
  const doc = document as Partial<WeightsFile> | null
  if (typeof doc !== 'object' || doc === null || doc.format !== WEIGHTS_FORMAT) {
    throw new ModelStorageError(`${file}: not a ${WEIGHTS_FORMAT} weights file (field 'format')`)
  }
  if (typeof doc.spec !== 'object' || doc.spec === null || !Array.isArray(doc.tensors)) {
    throw new ModelStorageError(`${file}: missing 'spec' or 'tensors'`)
  }
  const params = doc.tensors.map((t, i): ParamTensor => {
    if (t?.dtype !== 'float32' || typeof t.data_base64 !== 'string' || !Array.isArray(t.shape)) {
      throw new ModelStorageError(`${file}: tensors[${i}] is not a float32 tensor with shape and data_base64`)
    }
    const bytes = Buffer.from(t.data_base64, 'base64')
    if (bytes.byteLength % 4 !== 0)
      throw new ModelStorageError(`${file}: tensors[${i}] (${t.name}) has a partial float32`)
    const values = new Float32Array(bytes.byteLength / 4)
    new Uint8Array(values.buffer).set(bytes)
    return { name: t.name, shape: [...t.shape], values }
  })
  try {
    assertParameters(file, doc.spec, params)
  } catch (error) {
    throw new ModelStorageError(error instanceof Error ? error.message : String(error))
  }
  return { spec: doc.spec, params }
}
