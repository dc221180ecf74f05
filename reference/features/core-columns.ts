/** Which fuzzy columns the old processor kept as core features, and in which order (docs/legacy-behaviour.md §4.3). */

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
 */
export function isFuzzyFeatureName(name: string): boolean {
  const lower = name.toLowerCase()
  return name.includes('_') || lower.includes('membership') || KEYWORDS.some((k) => lower.includes(k))
}

/**
 * The kept column names, sorted by code point (the old `sorted()`), as indices into `names`; none kept is an
 * error, as in the old processor.
 */
export function sortedCoreColumns(names: readonly string[]): number[] {
  const kept = names.map((name, index) => ({ name, index })).filter(({ name }) => isFuzzyFeatureName(name))
  if (kept.length === 0) throw new FeatureError('No fuzzy membership columns found in input data')
  return kept.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).map(({ index }) => index)
}

/** A feature matrix cannot be built from the fuzzy frames (the old processor's ValueError). */
export class FeatureError extends Error {
  override readonly name = 'FeatureError'
}
