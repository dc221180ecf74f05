/**
 * Loading and validating a KTRDR strategy YAML file (docs/legacy-behaviour.md §3.1) into the typed `StrategyConfig`,
 * with size limits (DoS guard) and one-line `StrategyError`s naming the file and the field path.
 *
 * Required sections, as the old trainer required them (§1.2): name, indicators, fuzzy_sets, model, training,
 * training.labels. `training.data_split` may be absent (→ `dataSplit: null`, the old `validation_split` path).
 */
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseDocument } from 'yaml'
import { StrategyError } from './errors.ts'
import { FieldReader } from './fields.ts'
import { DEFAULT_STRATEGY_LIMITS, type StrategyLimits } from './limits.ts'
import { readDataSplit, readFuzzySets, readIndicators, readLabels, readModel } from './sections.ts'
import { readTrainingData } from './training-data.ts'
import type { StrategyConfig } from './types.ts'
import { markIndicatorParamFloats } from './yaml-float.ts'

/** Top-level keys of KTRDR strategy files; any other key is an error. */
export const STRATEGY_TOP_LEVEL_KEYS: readonly string[] = [
  'name',
  'description',
  'version',
  'hypothesis',
  'scope',
  'training_data',
  'deployment',
  'indicators',
  'fuzzy_sets',
  'model',
  'decisions',
  'training',
  'orchestrator',
  'risk_management',
  'backtesting',
  'data',
]

/**
 * Parses and validates strategy YAML text.
 *
 * @param yamlText - the document
 * @param sourcePath - the name used in error messages and stored as `sourcePath` (`<inline>` for text that came
 *   from no file)
 * @param limits - size limits; @default DEFAULT_STRATEGY_LIMITS
 * @throws StrategyError naming `sourcePath` and the field path (or line:column for YAML syntax errors)
 * @public
 */
export function parseStrategy(
  yamlText: string,
  sourcePath: string,
  limits: Partial<StrategyLimits> = {},
): StrategyConfig {
  return validateStrategy(yamlText, sourcePath, sourcePath, { ...DEFAULT_STRATEGY_LIMITS, ...limits })
}

/**
 * Reads and validates a strategy file. Error messages name `path` as given; `sourcePath` holds it resolved.
 *
 * @throws StrategyError when the file is missing, too large, or invalid
 * @public
 */
export function loadStrategy(path: string, limits: Partial<StrategyLimits> = {}): StrategyConfig {
  const effective = { ...DEFAULT_STRATEGY_LIMITS, ...limits }
  let text: string
  try {
    const size = statSync(path).size
    if (size > effective.maxBytes)
      throw new StrategyError(path, '', `file is ${size} bytes, over the ${effective.maxBytes}-byte limit`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof StrategyError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new StrategyError(path, '', code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`)
  }
  return validateStrategy(text, path, resolve(path), effective)
}

function validateStrategy(text: string, shownAs: string, sourcePath: string, limits: StrategyLimits): StrategyConfig {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > limits.maxBytes)
    throw new StrategyError(shownAs, '', `YAML is ${bytes} bytes, over the ${limits.maxBytes}-byte limit`)
  const document = parseYaml(text, shownAs, limits)
  const r: FieldReader = new FieldReader(shownAs)
  if (!r.isMapping(document)) r.fail('', 'the document is not a mapping of strategy sections')
  r.onlyKeys(document, STRATEGY_TOP_LEVEL_KEYS, '')
  if (!('name' in document)) r.fail('name', 'required field is missing')
  const training = r.section(document, 'training', '')
  return {
    sourcePath,
    name: r.string(document.name, 'name'),
    description:
      'description' in document && document.description !== null ? r.string(document.description, 'description') : '',
    trainingData: readTrainingData(r, document),
    indicators: readIndicators(r, document, limits),
    fuzzySets: readFuzzySets(r, document, limits),
    model: readModel(r, document, limits),
    labels: readLabels(r, training),
    dataSplit: readDataSplit(r, training),
    raw: document,
  }
}

/** YAML text → plain value; syntax errors name line:column, over-deep nesting is refused. */
function parseYaml(text: string, shownAs: string, limits: StrategyLimits): unknown {
  let value: unknown
  try {
    const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
    const error = document.errors[0]
    if (error) {
      const at = error.linePos?.[0]
      const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
      throw new StrategyError(shownAs, at ? `${at.line}:${at.col}` : '', `YAML syntax error: ${message}`)
    }
    markIndicatorParamFloats(document)
    value = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    if (error instanceof StrategyError) throw error
    if (error instanceof RangeError)
      throw new StrategyError(shownAs, '', `nesting deeper than ${limits.maxDepth} levels`)
    throw new StrategyError(shownAs, '', `YAML error: ${(error as Error).message}`)
  }
  if (depthOf(value, limits.maxDepth + 1) > limits.maxDepth) {
    throw new StrategyError(shownAs, '', `nesting deeper than ${limits.maxDepth} levels`)
  }
  return value
}

/** Nesting depth of a plain value (scalars 0, a mapping or list 1 + its deepest child), capped at `cap`. */
function depthOf(value: unknown, cap: number): number {
  if (typeof value !== 'object' || value === null || cap === 0) return 0
  let deepest = 0
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, cap - 1))
    if (deepest >= cap - 1) break
  }
  return 1 + deepest
}
