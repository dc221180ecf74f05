/**
 * Provenance for the report (STYLE.md "Provenance: commits, seeds, data hashes, versions, device"): the git
 * commit (read-only `git rev-parse` / `git status`), tool and library versions, and sha256 of every data file
 * the selected strategies read.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, platform, release } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** `<sha>` or `<sha>+dirty`; `unknown` outside a git checkout. */
export function gitCommit(root = ROOT): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    return dirty ? `${sha}+dirty` : sha
  } catch {
    return 'unknown'
  }
}

function packageVersion(name: string): string | null {
  const path = join(ROOT, 'node_modules', name, 'package.json')
  if (!existsSync(path)) return null
  return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? null
}

/** Node, the project, TypeScript and the numeric libraries. */
export function versions(): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node }
  out['ktrdr-training'] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
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
