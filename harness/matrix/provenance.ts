/**
 * Provenance for the report (docs/architecture.md §6.8 "Provenance: commits, seeds, data hashes, versions, device"): the git
 * commit (read-only `git rev-parse` / `git status`), tool and library versions, and sha256 of every data file
 * the selected strategies read.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { cpus, platform, release } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder of this package's package.json: the repository root, or the installed package's folder. */
export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && readPackageJson(file).name === 'ktrdr-training') return dir
    if (dirname(dir) === dir) throw new Error(`no ktrdr-training package.json above ${from}`)
  }
}

/**
 * `<sha>` or `<sha>+dirty` of the checkout this package runs from; `unknown` when it does not run from its own
 * git checkout (an installed copy inside someone else's repository has no commit of its own).
 */
export function gitCommit(root = packageRoot()): string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  try {
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== realpathSync(root)) return 'unknown'
    const sha = git('rev-parse', 'HEAD')
    return git('status', '--porcelain', '--untracked-files=no') ? `${sha}+dirty` : sha
  } catch {
    return 'unknown'
  }
}

function readPackageJson(file: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
}

/** The installed version of `name` as this package resolves it; null when it is not installed. */
function packageVersion(name: string): string | null {
  let entry: string
  try {
    entry = fileURLToPath(import.meta.resolve(name))
  } catch {
    return null
  }
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && readPackageJson(file).name === name) return readPackageJson(file).version ?? null
  }
  return null
}

/** Node, the project, TypeScript and tsx (when installed: development only) and the numeric libraries. */
export function versions(): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node }
  out['ktrdr-training'] = readPackageJson(join(packageRoot(), 'package.json')).version ?? 'unknown'
  for (const name of ['typescript', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'tsx']) {
    const v = packageVersion(name)
    if (v) out[name] = v
  }
  return out
}

/** `linux 6.1 x64`. */
export function platformLine(): string {
  return `${platform()} ${release()} ${process.arch}`
}

/** Number of logical CPUs. */
export function cpuCount(): number {
  return cpus().length
}

/** sha256 of each existing file, keyed by file name. */
export function fileHashes(dir: string, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of [...new Set(names)].sort()) {
    const path = join(dir, name)
    if (existsSync(path)) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  return out
}
