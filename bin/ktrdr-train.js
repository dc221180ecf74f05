#!/usr/bin/env node
// Command-line entry: runs the compiled CLI in dist/ (`make build` writes it; the published package ships it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/harness/cli/bin.js', import.meta.url)
if (existsSync(fileURLToPath(entry))) {
  await import(entry.href)
} else {
  process.stderr.write(`ktrdr-train: ${fileURLToPath(entry)} is missing; run \`make build\` first\n`)
  process.exitCode = 2
}
