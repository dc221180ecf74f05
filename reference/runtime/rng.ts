/**
 * Seeded pseudo-random generator: the single source of randomness for every path (legacy and reference).
 *
 * Algorithm: xoshiro128** (32-bit state words, period 2^128 − 1) seeded through splitmix32, so any integer
 * seed (0 included) gives a well-mixed state. Every operation the old PyTorch code drew from its global RNG
 * has a counterpart here: `uniform` (torch.rand), `normal` (torch.randn / nn.init.normal_), `randperm`
 * (torch.randperm), `intRange` (torch.randint). Each call consumes a documented number of 32-bit draws, so
 * two paths that make the same calls in the same order see the same numbers (docs/legacy-behaviour.md §12.2).
 * `fillUint32` draws words in bulk (the dropout masks).
 */
export class SeededRng {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  private drawCount = 0

  /** @param seed - any integer (taken modulo 2^32); the same seed always yields the same stream. */
  constructor(readonly seed: number) {
    let x = seed >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** Number of 32-bit words drawn so far: lets probes check that two paths consumed the stream alike. */
  get draws(): number {
    return this.drawCount
  }

  /** One uniformly distributed unsigned 32-bit integer (one draw). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    this.drawCount++
    return result
  }

  /**
   * Fills `out` with the next `out.length` words of the stream (`out.length` draws): exactly the values, and
   * the state afterwards, of that many `nextUint32()` calls, in a loop that keeps the state in locals.
   */
  fillUint32(out: Uint32Array): void {
    let s0 = this.s0
    let s1 = this.s1
    let s2 = this.s2
    let s3 = this.s3
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9)
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = rotl(s3, 11)
    }
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.s3 = s3
    this.drawCount += out.length
  }

  /**
   * Lets another implementation of the same generator (the fused runtime's WebAssembly mask kernel) continue
   * the stream: `generate` receives the four state words, must draw exactly `count` words from them with this
   * algorithm and leave the advanced state in the same array. Afterwards this generator goes on from there,
   * and its draw count includes the `count` words.
   */
  drawExternally(count: number, generate: (state: Uint32Array) => void): void {
    const state = Uint32Array.of(this.s0, this.s1, this.s2, this.s3)
    generate(state)
    this.s0 = state[0]! | 0
    this.s1 = state[1]! | 0
    this.s2 = state[2]! | 0
    this.s3 = state[3]! | 0
    this.drawCount += count
  }

  /** A float64 uniform in [0, 1) with 53 random bits (two draws). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * 67108864 + lo) / 9007199254740992
  }

  /** A float64 uniform in [lo, hi) (two draws). */
  uniformRange(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform()
  }

  /** A normal deviate by the Box–Muller transform, no cached spare (four draws). */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.uniform()
    const u2 = this.uniform()
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  }

  /** An integer uniform in [lo, hiExclusive) (two draws). Throws when the range is empty. */
  intRange(lo: number, hiExclusive: number): number {
    if (!(hiExclusive > lo)) throw new RangeError(`intRange: empty range [${lo}, ${hiExclusive})`)
    return lo + Math.floor(this.uniform() * (hiExclusive - lo))
  }

  /**
   * A uniformly random permutation of 0…n−1 (Fisher–Yates from the top, n−1 `intRange` calls).
   * The analogue of `torch.randperm(n)`.
   */
  randperm(n: number): Int32Array {
    const out = new Int32Array(n)
    for (let i = 0; i < n; i++) out[i] = i
    for (let i = n - 1; i > 0; i--) {
      const j = this.intRange(0, i + 1)
      const tmp = out[i]!
      out[i] = out[j]!
      out[j] = tmp
    }
    return out
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}
