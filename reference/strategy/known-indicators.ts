/**
 * Indicator names/types a strategy may use: the old API validation's alias map (docs/legacy-behaviour.md §3.2.1),
 * compared case-insensitively.
 *
 * Legacy quirk: the old trainer resolved types through a *smaller* map, so several of these (stoch, stochastic,
 * adx, bbands, bollingerbands, …) validated and were then silently dropped at train time. That behaviour is
 * reproduced by legacy/ and by the pipeline's quirk registry, not here: this list only decides what validates.
 */

/** Lower-case indicator names or types accepted by validation. */
export const KNOWN_INDICATORS: ReadonlySet<string> = new Set([
  'rsi',
  'sma',
  'ema',
  'macd',
  'atr',
  'bollinger_bands',
  'bollingerbands',
  'bbands',
  'stoch',
  'stochastic',
  'adx',
  'zigzag',
  'momentum',
  'volume_sma',
  'keltner_channels',
])
