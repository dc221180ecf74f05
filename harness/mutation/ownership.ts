/**
 * Which pipeline stage owns each `reference/` file (docs/architecture.md §4's stage list, the gate's stage names): the stage
 * a mutant of that file must be blamed on to count as localized. The first matching rule wins; a rule may name
 * the top-level declarations it covers when one file serves two stages (the indicator engine also maps the
 * indicator columns to fuzzy inputs, the `mapped` stage).
 */
import type { StageName } from '../compare/stages.ts'

/** One ownership rule. */
export interface StageOwner {
  /** A file, or a folder ending in `/`. */
  readonly path: string
  /** Top-level declarations the rule covers; absent: the whole file. */
  readonly scopes?: readonly string[]
  readonly stage: StageName
}

/** The rules, most specific first. */
export const STAGE_OWNERS: readonly StageOwner[] = [
  {
    path: 'reference/indicators/engine.ts',
    scopes: ['mapIndicators', 'isMacdLine', 'ratio', 'finiteOrZero'],
    stage: 'mapped',
  },
  { path: 'reference/indicators/_shared/price-columns.ts', stage: 'data' },
  { path: 'reference/indicators/', stage: 'indicators' },
  { path: 'reference/fuzzy/', stage: 'fuzzy' },
  { path: 'reference/features/', stage: 'features' },
  { path: 'reference/labels/', stage: 'labels' },
  { path: 'reference/pipeline/combine.ts', stage: 'combine' },
  { path: 'reference/pipeline/split.ts', stage: 'split' },
  { path: 'reference/data/', stage: 'data' },
]

/** The stage that owns `file` at `scope`, or null when no rule covers it. */
export function owningStage(file: string, scope: string | null): StageName | null {
  for (const rule of STAGE_OWNERS) {
    const matches = rule.path.endsWith('/') ? file.startsWith(rule.path) : file === rule.path
    if (!matches) continue
    if (rule.scopes && !(scope !== null && scope.split(',').some((s) => rule.scopes!.includes(s)))) continue
    return rule.stage
  }
  return null
}
