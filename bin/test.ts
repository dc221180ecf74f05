// Test entry: runs every japa suite and prints the plain CI line "N passed, N failed, N skipped".
// Japa's own summary ("Tests  3 passed (3)") is not in that form, and it exits 0 when no test ran.
import { assert } from '@japa/assert'
import { configure, processCLIArgs, run } from '@japa/runner'
import type { Runner } from '@japa/runner/core'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Japa filters files by name suffix only; let `--files=<folder>` select every spec below that folder. */
function expandFolderFilters(args: string[]): string[] {
  const specsBelow = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return specsBelow(path)
      return path.endsWith('.spec.ts') ? [path] : []
    })
  const expand = (value: string): string[] =>
    value.split(',').flatMap((v) => {
      const specs = existsSync(v) && statSync(v).isDirectory() ? specsBelow(v) : []
      return specs.length > 0 ? specs : [v]
    })
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg.startsWith('--files=')) out.push(...expand(arg.slice(8)).map((f) => `--files=${f}`))
    else if (arg === '--files' && i + 1 < args.length) out.push(...expand(args[++i]!).flatMap((f) => ['--files', f]))
    else out.push(arg)
  }
  return out
}

let runner: Runner | undefined
processCLIArgs(expandFolderFilters(process.argv.splice(2)))
configure({
  files: ['tests/**/*.spec.ts'],
  plugins: [assert()],
  timeout: 120_000,
  setup: [
    (r) => {
      runner = r
    },
  ],
})
await run()
let aggregates = { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 }
try {
  if (runner) aggregates = runner.getSummary().aggregates
} catch {
  // the runner never started (a suite failed to load): exitCode is already set
}
const failed = aggregates.failed || (process.exitCode ? 1 : 0)
if (aggregates.total === 0 && !process.env.ALLOW_NO_TESTS) process.exitCode = 1
console.log(`${aggregates.passed} passed, ${failed} failed, ${aggregates.skipped + aggregates.todo} skipped`)
