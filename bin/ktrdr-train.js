#!/usr/bin/env node
// Command-line entry: registers the tsx loader, then hands over to the TypeScript CLI in harness/cli.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../harness/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
