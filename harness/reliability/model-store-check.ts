/**
 * Integrity checks of a model store on disk (issue 10, storage): which `_v<N>` version directories and `.tmp-*`
 * leftovers exist, whether a version is complete (every file present and parseable JSON, weights decodable),
 * and where `_latest` points. The checks read the files directly, not through `ModelStorage.load`.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { decodeWeights } from '../../reference/storage/weights-file.ts'

/** Files every complete version holds (docs/legacy-behaviour.md §7). */
export const VERSION_FILES: readonly string[] = [
  'model.json',
  'config.json',
  'metrics.json',
  'features.json',
  'metadata.json',
]

/** Entries of a strategy directory, sorted into kinds. */
export interface StoreEntries {
  /** `<stem>_v<N>` directory names, ascending by N. */
  readonly versions: readonly string[]
  /** `.tmp-*` names. */
  readonly temps: readonly string[]
  /** Anything else but `<stem>_latest`. */
  readonly other: readonly string[]
}

export function storeEntries(strategyDir: string): StoreEntries {
  const names = existsSync(strategyDir) ? readdirSync(strategyDir) : []
  const versionNumber = (name: string): number => Number(/_v(\d+)$/.exec(name)?.[1] ?? NaN)
  return {
    versions: names.filter((n) => /_v\d+$/.test(n)).sort((a, b) => versionNumber(a) - versionNumber(b)),
    temps: names.filter((n) => n.startsWith('.tmp-')),
    other: names.filter((n) => !/_v\d+$/.test(n) && !n.startsWith('.tmp-') && !n.endsWith('_latest')),
  }
}

/**
 * The problems of one version directory: missing files, unparseable JSON, undecodable or empty weights.
 * An empty list means the version is complete.
 */
export function versionProblems(versionDir: string): string[] {
  const problems: string[] = []
  if (!lstatSync(versionDir, { throwIfNoEntry: false })?.isDirectory()) return [`${versionDir}: not a directory`]
  for (const file of VERSION_FILES) {
    const path = join(versionDir, file)
    if (!existsSync(path)) {
      problems.push(`${path}: missing`)
      continue
    }
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as unknown
      if (file === 'model.json' && decodeWeights(value, path).params.length === 0) problems.push(`${path}: no tensors`)
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message}`)
    }
  }
  return problems
}

/** The `_latest` link's target name in `strategyDir`, or null when there is none. */
export function latestTarget(strategyDir: string, stem: string): string | null {
  try {
    return readlinkSync(join(strategyDir, `${stem}_latest`))
  } catch {
    return null
  }
}

/** Every file or directory below `dir`, relative; [] when it does not exist. */
export function treeOf(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : []
}
