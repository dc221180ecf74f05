/**
 * A column list with pandas assignment semantics — assigning an existing name replaces its values in place,
 * a new name is appended — used wherever the old code built a DataFrame column by column.
 */
import type { ColumnSet } from '../../runtime/probes.ts'

/** @internal */
export class OrderedColumns {
  private readonly names: string[] = []
  private readonly columns: Float64Array[] = []

  set(name: string, values: Float64Array): void {
    const at = this.names.indexOf(name)
    if (at >= 0) this.columns[at] = values
    else {
      this.names.push(name)
      this.columns.push(values)
    }
  }

  /** The column named `name`, or `undefined`. */
  get(name: string): Float64Array | undefined {
    const at = this.names.indexOf(name)
    return at >= 0 ? this.columns[at] : undefined
  }

  toColumnSet(timestamps: Float64Array): ColumnSet {
    return { timestamps, names: [...this.names], columns: [...this.columns] }
  }
}
