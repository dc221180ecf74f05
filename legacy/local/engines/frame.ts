/**
 * A small ordered column frame for the legacy engines: pandas DataFrame column semantics (assigning an existing
 * name replaces the values in place, a new name appends) over one shared timestamp index.
 */
import type { ColumnSet } from '../../../reference/runtime/probes.ts'

/** Ordered, mutable float64 columns over one index, with pandas' column-assignment semantics. */
export class LegacyFrame {
  private readonly order: string[] = []
  private readonly values = new Map<string, Float64Array>()

  constructor(readonly timestamps: Float64Array) {}

  /** A frame holding copies of every column of `set`. */
  static from(set: ColumnSet): LegacyFrame {
    const frame = new LegacyFrame(set.timestamps)
    set.names.forEach((name, i) => frame.set(name, Float64Array.from(set.columns[i])))
    return frame
  }

  get rows(): number {
    return this.timestamps.length
  }

  get names(): readonly string[] {
    return this.order
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  /** The column, or `undefined` when absent. */
  get(name: string): Float64Array | undefined {
    return this.values.get(name)
  }

  /** `df[name] = values`: replaces in place when the name exists, else appends. */
  set(name: string, column: Float64Array): void {
    if (!this.values.has(name)) this.order.push(name)
    this.values.set(name, column)
  }

  /** A ColumnSet view of the named columns (all columns when omitted), in frame order. */
  toColumnSet(names: readonly string[] = this.order): ColumnSet {
    return { timestamps: this.timestamps, names: [...names], columns: names.map((name) => this.values.get(name)!) }
  }
}
