/**
 * The error every strategy-loading failure throws: one line naming the file and the field path (or, for YAML
 * syntax errors, the line and column), e.g.
 * `my_strategy.yaml: fuzzy_sets.rsi.oversold.parameters: triangular needs a ≤ b ≤ c, got [35,20,0]`.
 */

/**
 * A strategy file that cannot be used.
 *
 * @public
 */
export class StrategyError extends Error {
  override readonly name = 'StrategyError'

  /**
   * @param source - the file as the caller named it (or `<inline>`)
   * @param location - a dotted field path such as `model.architecture.dropout`, or `12:3` for a YAML line:column,
   *   or '' when the problem concerns the whole file
   * @param problem - what is wrong
   */
  constructor(
    readonly source: string,
    readonly location: string,
    readonly problem: string,
  ) {
    super(
      `${source}${location === '' ? '' : /^\d/.test(location) ? `:${location}` : `: ${location}`}: ${oneLine(problem)}`,
    )
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
