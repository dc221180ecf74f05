// Test entry: runs every japa suite and prints the plain CI line "N passed, N failed, N skipped".
// Japa's own summary ("Tests  3 passed (3)") is not in that form, and it exits 0 when no test ran.
import { assert } from '@japa/assert'
import { configure, processCLIArgs, run } from '@japa/runner'
import type { Runner } from '@japa/runner/core'

let runner: Runner | undefined
processCLIArgs(process.argv.splice(2))
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
