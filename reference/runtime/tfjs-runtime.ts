/**
 * The TensorFlow.js training runtimes (`cuda`, `cpu-native`, `wasm`, `cpu`): the contract of
 * `training-runtime.ts` written with tf ops in a custom loop (docs/legacy-behaviour.md §6.1–§6.2). Backward is written
 * out by hand; the optimiser step (clipping, then PyTorch's Adam / SGD / RMSprop) is `tfjs-optimizer.ts`. Dropout
 * masks come from `drawDropoutMasks`, so the seeded stream is consumed exactly as by the fused runtime; the
 * reported loss and the logits gradient come from the shared float64 `crossEntropy`.
 */
import type { Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs'
import type { Tensorflow } from './backend-loader.ts'
import { assertBatchInputs, assertLabels } from './batch-checks.ts'
import { crossEntropy } from './cross-entropy.ts'
import { assertParameters, parameterLayout } from './model-layout.ts'
import type { SeededRng } from './rng.ts'
import { TfjsOptimizer } from './tfjs-optimizer.ts'
import {
  drawDropoutMasks,
  type MlpSpec,
  type OptimizerConfig,
  type ParamTensor,
  type RuntimeModel,
  type StepResult,
  type TrainBatch,
  type TrainingRuntime,
} from './training-runtime.ts'

/** Tensors of one training forward that the backward needs. */
interface ForwardTrace {
  /** Input of each Linear (rows × fanIn). */
  readonly inputs: Tensor2D[]
  /** Unmasked activation output of each hidden layer. */
  readonly activations: Tensor2D[]
  readonly logits: Tensor2D
}

class TfjsModel implements RuntimeModel {
  private readonly params: Variable[]
  private readonly optimizerState: TfjsOptimizer
  private readonly names: Array<{ name: string; shape: number[] }>
  private readonly slot: number
  private disposed = false
  private zeros = new Int32Array(0)

  constructor(
    private readonly tf: Tensorflow,
    private readonly runtimeName: string,
    private readonly backend: string,
    readonly spec: MlpSpec,
    initial: readonly ParamTensor[],
    optimizer: OptimizerConfig,
  ) {
    assertParameters(runtimeName, spec, initial)
    this.activate()
    this.names = parameterLayout(spec)
    this.slot = spec.embedding ? 1 : 0
    this.params = initial.map((p) => tf.variable(tf.tensor(p.values, [...p.shape]), false))
    this.optimizerState = new TfjsOptimizer(
      tf,
      optimizer,
      initial.map((p) => p.shape),
    )
  }

  getParameters(): ParamTensor[] {
    this.activate()
    return this.names.map(({ name, shape }, i) => ({
      name,
      shape,
      values: new Float32Array(this.params[i]!.dataSync() as Float32Array),
    }))
  }

  trainStep(batch: TrainBatch, rng: SeededRng): StepResult {
    this.activate()
    const { rows } = batch
    assertBatchInputs(this.runtimeName, this.spec, batch.x, rows, batch.symbols)
    assertLabels(this.runtimeName, this.spec, batch.y, rows)
    const out = this.spec.outputSize
    const masks = drawDropoutMasks(this.spec, rows, rng)
    const tf = this.tf
    let result: StepResult = { loss: NaN, correct: 0 }
    tf.tidy(() => {
      const maskTensors = masks.map((mask, k) => tf.tensor2d(mask, [rows, this.spec.hiddenLayers[k]!]))
      const symbols = this.symbolTensor(rows, batch.symbols)
      const trace = this.forward(this.featureTensor(batch.x, rows), symbols, maskTensors)
      const dlogits = new Float32Array(rows * out)
      result = crossEntropy(trace.logits.dataSync() as Float32Array, batch.y, rows, out, dlogits)
      const grads = this.backward(trace, tf.tensor2d(dlogits, [rows, out]), symbols, maskTensors)
      this.optimizerState.step(this.params, grads)
    })
    return result
  }

  setLearningRate(learningRate: number): void {
    this.activate()
    this.optimizerState.setLearningRate(learningRate)
  }

  predictLogits(x: Float32Array, rows: number, symbols: Int32Array | null): Float32Array {
    this.activate()
    assertBatchInputs(this.runtimeName, this.spec, x, rows, symbols)
    return this.tf.tidy(() => {
      const trace = this.forward(this.featureTensor(x, rows), this.symbolTensor(rows, symbols), [])
      return new Float32Array(trace.logits.dataSync() as Float32Array)
    })
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    for (const t of this.params) t.dispose()
    this.optimizerState.dispose()
  }

  /** Makes this model's backend the active one (synchronous once the backend is initialised). */
  private activate(): void {
    if (this.disposed) throw new Error(`${this.runtimeName}: model used after dispose()`)
    const tf = this.tf
    if (tf.getBackend() === this.backend) return
    if (tf.findBackend(this.backend) === null) {
      throw new Error(`${this.runtimeName}: tfjs backend '${this.backend}' is not initialised (load it first)`)
    }
    void tf.setBackend(this.backend)
    if (tf.getBackend() !== this.backend) {
      throw new Error(`${this.runtimeName}: could not switch tfjs to backend '${this.backend}'`)
    }
  }

  private featureTensor(x: Float32Array, rows: number): Tensor2D {
    const width = this.spec.inputSize
    return this.tf.tensor2d(x.subarray(0, rows * width), [rows, width])
  }

  private symbolTensor(rows: number, symbols: Int32Array | null): Tensor1D | null {
    if (!this.spec.embedding) return null
    if (symbols) return this.tf.tensor1d(symbols.subarray(0, rows), 'int32')
    if (this.zeros.length < rows) this.zeros = new Int32Array(rows)
    return this.tf.tensor1d(this.zeros.subarray(0, rows), 'int32')
  }

  private weight(k: number): Variable {
    return this.params[this.slot + 2 * k]!
  }

  private bias(k: number): Variable {
    return this.params[this.slot + 2 * k + 1]!
  }

  private forward(x: Tensor2D, symbols: Tensor1D | null, masks: readonly Tensor2D[]): ForwardTrace {
    const tf = this.tf
    let a: Tensor2D = symbols ? tf.concat2d([x, tf.gather(this.params[0]!, symbols) as Tensor2D], 1) : x
    const inputs: Tensor2D[] = []
    const activations: Tensor2D[] = []
    const hidden = this.spec.hiddenLayers.length
    for (let k = 0; k < hidden; k++) {
      inputs.push(a)
      const z = tf.add(tf.matMul(a, this.weight(k), false, true), this.bias(k)) as Tensor2D
      const f = this.activation(z)
      activations.push(f)
      a = masks.length > 0 ? tf.mul(f, masks[k]!) : f
    }
    inputs.push(a)
    const logits = tf.add(tf.matMul(a, this.weight(hidden), false, true), this.bias(hidden)) as Tensor2D
    return { inputs, activations, logits }
  }

  private activation(z: Tensor2D): Tensor2D {
    const tf = this.tf
    switch (this.spec.activation) {
      case 'tanh':
        return tf.tanh(z)
      case 'sigmoid':
        return tf.sigmoid(z)
      case 'leaky_relu':
        return tf.leakyRelu(z, 0.01)
      default:
        return tf.relu(z)
    }
  }

  /** d act / d z from the activation output f, as in the fused runtime. */
  private derivative(f: Tensor2D): Tensor2D {
    const tf = this.tf
    switch (this.spec.activation) {
      case 'tanh':
        return tf.sub(1, tf.square(f))
      case 'sigmoid':
        return tf.mul(f, tf.sub(1, f))
      case 'leaky_relu':
        return tf.step(f, 0.01)
      default:
        return tf.step(f, 0)
    }
  }

  /** Gradients of every parameter in layout order, from dlogits = (softmax − onehot) / rows. */
  private backward(
    trace: ForwardTrace,
    dlogits: Tensor2D,
    symbols: Tensor1D | null,
    masks: readonly Tensor2D[],
  ): Tensor[] {
    const tf = this.tf
    const grads: Tensor[] = new Array<Tensor>(this.params.length)
    let dz = dlogits
    for (let k = this.spec.hiddenLayers.length; k >= 0; k--) {
      const w = this.weight(k)
      grads[this.slot + 2 * k] = tf.matMul(dz, trace.inputs[k]!, true, false)
      grads[this.slot + 2 * k + 1] = tf.sum(dz, 0)
      if (k > 0) {
        let da = tf.matMul(dz, w) as Tensor2D
        if (masks.length > 0) da = tf.mul(da, masks[k - 1]!)
        dz = tf.mul(da, this.derivative(trace.activations[k - 1]!))
      } else if (symbols && this.spec.embedding) {
        const { numSymbols, dim } = this.spec.embedding
        const wEmb = tf.slice(w, [0, this.spec.inputSize], [w.shape[0]!, dim])
        // Σ over the rows of each symbol, as onehotᵀ · dE (the wasm backend has no UnsortedSegmentSum kernel);
        // tf.oneHot refuses depth 1, where every row belongs to the one symbol
        const onehot =
          numSymbols === 1 ? tf.ones([symbols.shape[0]!, 1]) : tf.cast(tf.oneHot(symbols, numSymbols), 'float32')
        grads[0] = tf.matMul(onehot, tf.matMul(dz, wEmb), true, false)
      }
    }
    return grads
  }
}

/**
 * A training runtime on `tf`'s currently active backend (load it with `loadTensorflow` first). The backend is
 * remembered, and every call on a model switches tfjs back to it, so runtimes on different backends can
 * share one process.
 * @param name - the device name reported in results (`cuda`, `cpu-native`, `wasm`, `cpu`).
 */
export function createTfjsRuntime(tf: Tensorflow, name: string): TrainingRuntime {
  const backend = tf.getBackend()
  return {
    name,
    createModel(spec: MlpSpec, params: readonly ParamTensor[], optimizer: OptimizerConfig): RuntimeModel {
      return new TfjsModel(tf, name, backend, spec, params, optimizer)
    },
  }
}
