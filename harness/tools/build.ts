/**
 * `make build`: compiles the library, the legacy paths and the harness with `tsc` (tsconfig.build.json) into a
 * fresh `dist/` that mirrors the source tree, then copies the files the compiled code reads at run time beside
 * it — every non-TypeScript, non-Markdown file of the compiled folders (report schema, ledger, oracle driver…) and the shipped
 * strategies — so a module's relative paths resolve the same in `dist/` as in the sources.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const DIST = join(ROOT, 'dist')
const CONFIG = join(ROOT, 'tsconfig.build.json')

interface BuildConfig {
  readonly include: readonly string[]
  readonly exclude: readonly string[]
}

/** Files below `dir`, relative to the repository root, skipping excluded folders and Python's bytecode caches. */
function filesBelow(dir: string, excluded: ReadonlySet<string>): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (excluded.has(path) || name === '__pycache__') return []
    return statSync(join(ROOT, path)).isDirectory() ? filesBelow(path, excluded) : [path]
  })
}

/** The run-time assets: non-TypeScript files of the compiled folders, and the strategies. */
function assetFiles(config: BuildConfig): string[] {
  const excluded = new Set(config.exclude)
  const compiled = config.include
    .flatMap((dir) => filesBelow(dir, excluded))
    .filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'))
  const strategies = filesBelow('strategies', excluded).filter((f) => f.endsWith('.yaml'))
  return [...compiled, ...strategies].sort()
}

const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as BuildConfig
rmSync(DIST, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', CONFIG], { cwd: ROOT, stdio: 'inherit' })
const assets = assetFiles(config)
for (const file of assets) cpSync(join(ROOT, file), join(DIST, file))
writeFileSync(join(DIST, '.build-stamp'), `${new Date().toISOString()}\n`)
const emitted = filesBelow(relative(ROOT, DIST), new Set()).filter((f) => f.endsWith('.js')).length
process.stdout.write(
  `build: ${emitted} modules and ${assets.length} assets in ${relative(process.cwd(), DIST) || '.'}\n`,
)
if (!existsSync(join(DIST, 'harness/cli/bin.js'))) throw new Error('build: dist/harness/cli/bin.js was not emitted')
