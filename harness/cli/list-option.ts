/**
 * The one parser of the CLI's comma-separated list options (`--symbols AAPL,MSFT`, `--timeframes 1h,4h`,
 * `--paths local_old,local_new`, `--strategies …`, `--canary …`): items are trimmed, empty items dropped, at least
 * one item must remain, and where the values come from a known set every item must be one of them.
 */
import { UsageError } from '../errors.ts'

/**
 * Splits a list option.
 *
 * @param flag - the option as the user typed it (e.g. `--symbols`), for the message
 * @throws UsageError when no item remains
 */
export function listOption(value: string, flag: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  if (items.length === 0) throw new UsageError(`${flag}: give at least one value, got ${JSON.stringify(value)}`)
  return items
}

/**
 * Splits a list option whose values come from `known`.
 *
 * @param noun - what one value is (e.g. `path`), for the message
 * @throws UsageError when no item remains or an item is not in `known`, naming it and the known values
 */
export function listOptionOf<T extends string>(value: string, flag: string, known: readonly T[], noun: string): T[] {
  const items = listOption(value, flag)
  for (const item of items) {
    if (!(known as readonly string[]).includes(item)) {
      throw new UsageError(`${flag}: unknown ${noun} ${JSON.stringify(item)} (known: ${known.join(', ')})`)
    }
  }
  return items as T[]
}
