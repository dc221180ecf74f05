/**
 * The order of work in one fused training step or evaluation forward, as a list of stages: kernel stages
 * (one list of kernel calls per thread, `parts[0]` for the calling thread) and the JS stages between them.
 *
 * A training step: the forward (rows split between threads), the cross-entropy (JS), the input gradients down
 * the layers (rows split), the embedding gradient (JS), then per parameter rows i of each Linear its weight
 * gradient, its update and its packed copy (rows i split; the bias rows and the embedding on the calling
 * thread). With gradient clipping the update waits for every gradient: gradients, the clip (JS), then the
 * update (elements split). Activations other than ReLU run in JS after each Linear, so those models get one
 * kernel stage per Linear. Splitting never divides a sum, so the stages give the same bits for any thread
 * count.
 */
import type { FusedPlan } from './fused-plan.ts'
import type { KernelCall } from './fused-threads.ts'

/** One stage of a schedule. */
export type Stage =
  | { readonly kind: 'kernels'; readonly parts: ReadonlyArray<readonly KernelCall[]> }
  /** JS: the hidden activation of Linear `layer` (and its mask). */
  | { readonly kind: 'activate'; readonly layer: number }
  /** JS: the activation derivative (and mask) into the gradient of Linear `layer`'s output. */
  | { readonly kind: 'backprop'; readonly layer: number }
  | { readonly kind: 'loss' }
  | { readonly kind: 'embedding' }
  | { readonly kind: 'clip' }

/** Resolves a kernel name to its index in the module's function list. */
export type KernelIndex = (name: string) => number

/** `[0, n)` cut into `parts` consecutive ranges whose inner bounds are multiples of 4 (empty ranges dropped). */
export function splitRange(n: number, parts: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let from = 0
  for (let t = 1; t <= parts; t++) {
    const to = t === parts ? n : Math.min(n, Math.round((n * t) / parts / 4) * 4)
    if (to > from) ranges.push([from, to])
    from = Math.max(from, to)
  }
  return ranges
}

/** One kernel stage: `each(range)` gives the calls of the part that owns `range` of `[0, n)`. */
function split(n: number, parts: number, each: (from: number, to: number, part: number) => KernelCall[]): Stage {
  return { kind: 'kernels', parts: splitRange(n, parts).map(([from, to], part) => each(from, to, part)) }
}

/** The stages of one training step of `rows` rows over `parts` threads. */
export function trainingSchedule(
  plan: FusedPlan,
  index: KernelIndex,
  rows: number,
  parts: number,
  options: { readonly clip: boolean; readonly update: string },
): Stage[] {
  const { layers, fusedActivation, embedding } = plan
  const last = layers.length - 1
  const stages: Stage[] = []
  // forward
  if (fusedActivation) {
    stages.push(split(rows, parts, (a, b) => layers.map((_, k) => [index(`fwd${k}`), a, b, 0])))
  } else {
    layers.forEach((_, k) => {
      stages.push(split(rows, parts, (a, b) => [[index(`fwd${k}`), a, b, 0]]))
      if (k < last) stages.push({ kind: 'activate', layer: k })
    })
  }
  stages.push({ kind: 'loss' })
  // input gradients
  const bwd0 = (a: number, b: number): KernelCall[] => (embedding ? [[index('bwd0'), a, b, 0]] : [])
  if (fusedActivation) {
    stages.push(
      split(rows, parts, (a, b) => [
        ...layers.slice(1).map((_, j): KernelCall => [index(`bwd${last - j}`), a, b, 0]),
        ...bwd0(a, b),
      ]),
    )
  } else {
    for (let k = last; k > 0; k--) {
      stages.push(split(rows, parts, (a, b) => [[index(`bwd${k}`), a, b, 0]]))
      stages.push({ kind: 'backprop', layer: k - 1 })
    }
    if (embedding) stages.push(split(rows, parts, bwd0))
  }
  if (embedding) stages.push({ kind: 'embedding' })
  // parameter gradients, update, packed copies
  const update = index(options.update)
  const elements = (byte: number): number => (byte - plan.params) / 4
  const gradients = (part: number, k: number, a: number, b: number): KernelCall[] => [
    [index(`grad${k}`), a, b, rows],
    ...(part === 0 ? [[index(`bsum${k}`), 0, 0, rows]] : []),
  ]
  const pack = (k: number, a: number, b: number): KernelCall[] => {
    const l = layers[k]!
    if (l.w === null) return []
    const from = k === 0 && embedding ? Math.max(a, embedding.col0) : a
    return from < b ? [[index(`pack${k}`), from, b, 0]] : []
  }
  if (options.clip) {
    stages.push(splitLayers(plan, parts, (part, k, a, b) => gradients(part, k, a, b)))
    stages.push({ kind: 'clip' })
    stages.push(
      split(plan.paramLength, parts, (a, b) => [[update, a, b]]),
      splitLayers(plan, parts, (_, k, a, b) => pack(k, a, b)),
    )
  } else {
    stages.push(
      splitLayers(plan, parts, (part, k, a, b) => {
        const l = layers[k]!
        const calls = [
          ...gradients(part, k, a, b),
          [update, elements(l.wt) + a * l.outPad, elements(l.wt) + b * l.outPad],
          ...pack(k, a, b),
        ]
        if (part === 0) calls.push([update, elements(l.bias), elements(l.bias) + l.outPad])
        if (part === 0 && k === last && embedding) {
          calls.push([update, elements(embedding.table), elements(layers[0]!.wt)])
        }
        return calls
      }),
    )
  }
  return stages
}

/** One kernel stage over the rows i of every Linear's Wᵀ, each Linear's rows split between the parts. */
function splitLayers(
  plan: FusedPlan,
  parts: number,
  each: (part: number, layer: number, from: number, to: number) => KernelCall[],
): Stage {
  const calls: KernelCall[][] = Array.from({ length: parts }, () => [])
  plan.layers.forEach((l, k) => {
    splitRange(l.fanIn, parts).forEach(([from, to], part) => calls[part]!.push(...each(part, k, from, to)))
  })
  return { kind: 'kernels', parts: calls.filter((c, part) => part === 0 || c.length > 0) }
}

/** The stages of an evaluation forward of `rows` rows over `parts` threads. */
export function evaluationSchedule(plan: FusedPlan, index: KernelIndex, rows: number, parts: number): Stage[] {
  const name = (k: number): string => (index(`eval${k}`) >= 0 ? `eval${k}` : `fwd${k}`)
  if (plan.fusedActivation) {
    return [split(rows, parts, (a, b) => plan.layers.map((_, k) => [index(name(k)), a, b, 0]))]
  }
  const stages: Stage[] = []
  plan.layers.forEach((_, k) => {
    stages.push(split(rows, parts, (a, b) => [[index(name(k)), a, b, 0]]))
    if (k < plan.layers.length - 1) stages.push({ kind: 'activate', layer: k })
  })
  return stages
}
