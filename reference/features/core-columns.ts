/** Which fuzzy columns the old processor kept as core features, and in which order (ktrdr-behaviour.md §4.3). */

const KEYWORDS = [
  'oversold',
  'overbought',
  'above',
  'below',
  'strong',
  'weak',
  'buying',
  'selling',
  'up',
  'down',
  'high',
  'low',
  'neutral',
]

/**
 * True when the old processor treated `name` as a fuzzy feature: it contains `_`, `membership` or a keyword.
 *
 * @public
 */
export function isFuzzyFeatureName(name: string): boolean {
  return name.includes('_') || name.includes('membership') || KEYWORDS.some((k) => name.includes(k))
}

/**
 * The kept column names, sorted by code point (the old `sorted()`), as indices into `names`.
 *
 * @public
 */
export function sortedCoreColumns(names: readonly string[]): number[] {
  return names
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => isFuzzyFeatureName(name))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map(({ index }) => index)
}
