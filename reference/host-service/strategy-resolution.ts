/**
 * Turns a start request's strategy source into a validated `StrategyConfig`: YAML text is parsed in memory with
 * the loader's size and complexity limits; an old-style `strategy_config` path is resolved by its file stem
 * inside the host's own strategies directory (the old API resolved names the same way, docs/legacy-behaviour.md §1.1),
 * so a caller-side path is never opened. Failures become 422s naming the request field.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadStrategy, parseStrategy } from '../strategy/load.ts'
import { StrategyError } from '../strategy/errors.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import type { StrategySource } from './start-request.ts'
import { validationError } from './start-request.ts'

/**
 * Resolves and validates the strategy.
 *
 * @throws HttpError 422 naming `model_configuration.strategy_yaml` or `.strategy_config` and the strategy field
 */
export function resolveStrategy(source: StrategySource, strategiesDir: string): StrategyConfig {
  const field = source.kind === 'yaml' ? 'model_configuration.strategy_yaml' : 'model_configuration.strategy_config'
  try {
    if (source.kind === 'yaml') return parseStrategy(source.text, '<strategy_yaml>')
    const file = ['.yaml', '.yml'].map((ext) => join(strategiesDir, `${source.stem}${ext}`)).find((f) => existsSync(f))
    if (!file) {
      throw validationError([{ field, message: `no strategy named ${JSON.stringify(source.stem)} on this host` }])
    }
    return loadStrategy(file)
  } catch (error) {
    if (error instanceof StrategyError) {
      const where = error.location === '' ? '' : ` (${error.location})`
      throw validationError([{ field, message: `invalid strategy${where}: ${error.message}` }])
    }
    throw error
  }
}
