/**
 * Which functions of the mutated files the unmutated observation calls, read from V8's own coverage of that one
 * run (`NODE_V8_COVERAGE`; nothing is instrumented). A mutant inside a named function that was never called
 * cannot change a stage output on the observed data, so it is `not_observable` without a run. Only a function
 * whose name has no call anywhere in its file counts as never called: a name that appears twice with one call,
 * or a site in no named function, is treated as reached.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Call counts per function name, per repository-relative file. */
export type FunctionCalls = ReadonlyMap<string, ReadonlyMap<string, number>>

interface V8Coverage {
  readonly result: readonly {
    readonly url: string
    readonly functions: readonly {
      readonly functionName: string
      readonly ranges: readonly { readonly count: number }[]
    }[]
  }[]
}

/**
 * Reads every coverage file in `coverageDir` and keeps, for each of `files` (relative to `root`, the folder the
 * run imported them from), the greatest call count of each function name.
 */
export function functionCalls(coverageDir: string, root: string, files: readonly string[]): FunctionCalls {
  const byUrl = new Map(files.map((f) => [pathToFileURL(join(root, f)).href, f]))
  const calls = new Map<string, Map<string, number>>()
  for (const name of readdirSync(coverageDir).filter((n) => n.endsWith('.json'))) {
    const coverage = JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as V8Coverage
    for (const script of coverage.result) {
      const file = byUrl.get(script.url.split('?')[0]!)
      if (file === undefined) continue
      const counts = calls.get(file) ?? new Map<string, number>()
      calls.set(file, counts)
      for (const fn of script.functions) {
        if (fn.functionName === '') continue
        counts.set(fn.functionName, Math.max(counts.get(fn.functionName) ?? 0, fn.ranges[0]?.count ?? 0))
      }
    }
  }
  return calls
}

/** False only when `functionName` of `file` is known to the coverage and was never called. */
export function isReached(calls: FunctionCalls, file: string, functionName: string | null): boolean {
  if (functionName === null) return true
  const count = calls.get(file)?.get(functionName)
  return count === undefined || count > 0
}
