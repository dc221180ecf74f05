/**
 * Checks and copies of a model's parameter list (the layout order of `training-runtime.ts`), shared by every
 * runtime so they all reject the same mistakes with the same message.
 */
import { linearShapes, type MlpSpec, type ParamTensor } from './training-runtime.ts'

/** The names and shapes `initParameters(spec, …)` produces, in layout order. */
export function parameterLayout(spec: MlpSpec): Array<{ name: string; shape: number[] }> {
  const layout: Array<{ name: string; shape: number[] }> = []
  if (spec.embedding) layout.push({ name: 'embedding.weight', shape: [spec.embedding.numSymbols, spec.embedding.dim] })
  linearShapes(spec).forEach(([fanIn, out], k) => {
    layout.push({ name: `linear${k}.weight`, shape: [out, fanIn] })
    layout.push({ name: `linear${k}.bias`, shape: [out] })
  })
  return layout
}

/**
 * Throws a one-line error naming the first parameter whose name, shape or length does not match the spec.
 * @param runtime - runtime name, for the message.
 */
export function assertParameters(runtime: string, spec: MlpSpec, params: readonly ParamTensor[]): void {
  const layout = parameterLayout(spec)
  if (params.length !== layout.length) {
    throw new Error(`${runtime}: expected ${layout.length} parameter tensors for this spec, got ${params.length}`)
  }
  layout.forEach((want, i) => {
    const got = params[i]!
    const size = want.shape.reduce((a, b) => a * b, 1)
    if (got.name !== want.name || got.shape.join('x') !== want.shape.join('x') || got.values.length !== size) {
      throw new Error(
        `${runtime}: parameter ${i} is ${got.name} [${got.shape.join(', ')}] (${got.values.length} values), ` +
          `expected ${want.name} [${want.shape.join(', ')}]`,
      )
    }
  })
}
