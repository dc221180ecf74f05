/**
 * Floats of an indicator's `params:` mapping as PyYAML typed them. The old indicator classes received these
 * values as keyword arguments and told `2.0` from `2` (`isinstance(x, int)` checks, `str(x)` in column names,
 * docs/legacy-behaviour.md §3.2.2), which a JavaScript number cannot; such a value is kept as a {@link YamlFloat}.
 */
import { type Document, isMap, isScalar, isSeq } from 'yaml'

/** A YAML float literal (`2.0`, `.5`, `1e-3`, `.inf`). Serialises as its number. */
export class YamlFloat {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value
  }
}

/** Whether a plain scalar's source text is a float literal (a dot, an exponent, or `.inf` / `.nan`). */
export function isFloatLiteral(source: string): boolean {
  return /^[-+]?(?:\d[\d_]*)?\.[\d_]*(?:[eE][-+]?\d+)?$|^[-+]?\d[\d_]*[eE][-+]?\d+$|^[-+]?\.(?:inf|nan)$/i.test(source)
}

/**
 * Replaces every float scalar of an `indicators[i].params` mapping by a {@link YamlFloat}, in place, before the
 * document is turned into plain values.
 *
 * @internal
 */
export function markIndicatorParamFloats(document: Document): void {
  const indicators = document.get('indicators', true)
  if (!isSeq(indicators)) return
  for (const entry of indicators.items) {
    const params = isMap(entry) ? entry.get('params', true) : undefined
    if (!isMap(params)) continue
    for (const pair of params.items) {
      const value = pair.value
      if (isScalar(value) && typeof value.value === 'number' && isFloatLiteral(value.source ?? '')) {
        value.value = new YamlFloat(value.value)
      }
    }
  }
}
