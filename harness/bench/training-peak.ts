/**
 * Theoretical FP32 peak of one core of this machine, the yardstick of the training-throughput suite (issue 9;
 * docs/architecture.md §9.4): vector width from the /proc/cpuinfo flags × 2 FMA pipes × 2 FLOP per FMA × clock, with
 * the clock measured by a dependent integer chain in JS (falling back to the cpuinfo MHz).
 */
import { readFileSync } from 'node:fs'

/** A peak estimate and how it was obtained. */
export interface PeakEstimate {
  readonly gflops: number
  readonly vector_bits: number
  readonly fma_units: number
  readonly clock_ghz: number
  readonly method: string
}

/** FMA pipes per core assumed for the estimate (Zen 4/5 and Intel server cores with AVX-512 have two). */
const FMA_UNITS = 2
const CHAIN_OPS_PER_ITERATION = 8
/** Short chains (≈ 0.6 ms) and many of them: on a shared machine some run in an uncontended time slice. */
const CHAIN_ITERATIONS = 250_000
const CHAIN_TRIALS = 200

/** Widest FP32 FMA vector the flags allow: avx512f → 512, avx2+fma → 256, otherwise 128 (SSE, mul+add). */
export function vectorBitsFromFlags(flags: readonly string[]): number {
  const set = new Set(flags)
  if (set.has('avx512f')) return 512
  if (set.has('avx2') && set.has('fma')) return 256
  return 128
}

/** One data-dependent chain of single-cycle int32 ops; its length over the elapsed ns is the clock in GHz. */
function dependentChain(iterations: number, b: number): number {
  let a = b
  for (let i = 0; i < iterations; i++) {
    a = (a + b) | 0
    a ^= i
    a = (a + b) | 0
    a ^= i
    a = (a + b) | 0
    a ^= i
    a = (a + b) | 0
    a ^= i
  }
  return a
}

/** Clock in GHz: the fastest of several runs of the chain (noise only ever slows it down). */
export function measureClockGhz(trials = CHAIN_TRIALS, iterations = CHAIN_ITERATIONS): number {
  let best = 0
  // each chain's result seeds the next and gates the return value, so the JIT cannot drop a chain as dead code
  let seed = 3
  for (let t = 0; t < trials; t++) {
    const start = process.hrtime.bigint()
    seed = (dependentChain(iterations, seed) & 7) + 3
    const ns = Number(process.hrtime.bigint() - start)
    best = Math.max(best, (CHAIN_OPS_PER_ITERATION * iterations) / ns)
  }
  return seed > 0 ? best : NaN
}

function cpuinfo(): { flags: string[]; mhz: number | null } {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8')
    const flags = /^flags\s*:\s*(.*)$/m.exec(text)?.[1]?.split(/\s+/) ?? []
    const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)$/m.exec(text)?.[1])
    return { flags, mhz: Number.isFinite(mhz) && mhz > 0 ? mhz : null }
  } catch {
    return { flags: [], mhz: null }
  }
}

/** Estimates the single-core FP32 peak: vector lanes × 2 FLOP × FMA pipes × clock. */
export function estimatePeak(): PeakEstimate {
  const { flags, mhz } = cpuinfo()
  const vectorBits = vectorBitsFromFlags(flags)
  const measured = measureClockGhz()
  // a chain slower than 0.5 GHz means the machine was starved while measuring; the cpuinfo figure is saner
  const useMeasured = measured >= 0.5 || mhz === null
  const clock = useMeasured ? measured : mhz / 1000
  const flopsPerCycle = (vectorBits / 32) * 2 * FMA_UNITS
  const method =
    `${vectorBits}-bit FP32 vectors (/proc/cpuinfo flags) × ${FMA_UNITS} FMA pipes × 2 FLOP × clock; clock ` +
    (useMeasured
      ? `from a JS dependent int32 add/xor chain (1 op per cycle), fastest of ${CHAIN_TRIALS} runs` +
        (mhz === null ? '' : ` (cpuinfo says ${(mhz / 1000).toFixed(2)} GHz)`)
      : `from /proc/cpuinfo "cpu MHz" (the JS chain measured only ${measured.toFixed(2)} GHz)`)
  return { gflops: flopsPerCycle * clock, vector_bits: vectorBits, fma_units: FMA_UNITS, clock_ghz: clock, method }
}
