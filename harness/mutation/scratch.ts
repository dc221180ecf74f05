/**
 * The scratch copy of the repository a sweep mutates: the files git tracks plus the untracked ones it does not
 * ignore, copied once into a temporary folder, with `node_modules` a symbolic link to the repository's. A mutant is
 * one file rewritten in place and put back before the next, so the repository itself is never touched.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'

/**
 * The repository's files as git lists them (tracked, and untracked but not ignored), relative with forward
 * slashes, sorted.
 *
 * @throws Error when `root` is not a git work tree
 */
export function repositoryFiles(root: string): string[] {
  let out: string
  try {
    out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    throw new Error(`mutate: ${root} is not a git work tree (git ls-files failed: ${(error as Error).message})`)
  }
  return out
    .split('\0')
    .filter((f) => f.length > 0 && existsSync(join(root, f)))
    .sort()
}

/** A scratch copy with one file at a time replaced. */
export class ScratchCopy {
  private constructor(
    /** The copy's root folder. */
    readonly dir: string,
    private readonly originals: Map<string, string>,
  ) {}

  /**
   * Copies `files` (repository-relative) from `root` into a fresh folder under `parent` and links `node_modules`.
   *
   * @throws Error when `root` has no `node_modules` (run `npm ci` first)
   */
  static create(root: string, files: readonly string[], parent: string = tmpdir()): ScratchCopy {
    const modules = resolve(root, 'node_modules')
    if (!existsSync(modules)) throw new Error(`mutate: ${modules} is missing (run npm ci)`)
    mkdirSync(parent, { recursive: true })
    const dir = mkdtempSync(join(parent, 'ktrdr-mutation-'))
    for (const file of files) {
      const target = join(dir, file)
      mkdirSync(dirname(target), { recursive: true })
      copyFileSync(join(root, file), target)
    }
    symlinkSync(modules, join(dir, 'node_modules'), 'dir')
    return new ScratchCopy(dir, new Map())
  }

  /** Writes `text` as `file` of the copy (its original kept for {@link restore}). */
  write(file: string, text: string): void {
    const path = join(this.dir, file)
    if (!this.originals.has(file)) this.originals.set(file, readFileSync(path, 'utf8'))
    writeFileAtomic(path, text)
  }

  /** Puts every rewritten file back. */
  restore(): void {
    for (const [file, text] of this.originals) writeFileAtomic(join(this.dir, file), text)
    this.originals.clear()
  }

  /** Removes the copy. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
