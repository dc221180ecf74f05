/**
 * What a sweep mutates: the `reference/` TypeScript files matched by `--files` globs, every mutation site in them
 * numbered in a stable order (file, then position, then operator), and a deterministic sample of `--max` of them
 * drawn from the seeded generator, so the same sources, seed and maximum always give the same mutants.
 */
import { SeededRng } from '../../reference/runtime/rng.ts'
import type { MutationSite } from './operators.ts'

/** A site with its stable number among all sites of the sweep's files. */
export interface PlannedMutant extends MutationSite {
  /** `M` + the 1-based number among all sites, zero-padded to 4 digits. */
  readonly id: string
}

/**
 * A glob as a regular expression over repository-relative paths: `**` matches any number of folders, `*` and
 * `?` any characters but `/`; a glob without wildcards matches that path, or every file below it if it names a
 * folder.
 */
export function globToRegExp(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '')
  let out = ''
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!
    if (c === '*' && clean[i + 1] === '*') {
      const slash = clean[i + 2] === '/'
      out += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  const folder = /[*?]/.test(clean) ? '' : '(?:/.*)?'
  return new RegExp(`^${out.replace(/\/$/, '')}${folder}$`)
}

/**
 * The files of `repoFiles` that some glob matches, sorted.
 *
 * @throws Error when a glob matches nothing, or matches a file outside `reference/` or not ending in `.ts`
 */
export function matchFiles(globs: readonly string[], repoFiles: readonly string[]): string[] {
  const matched = new Set<string>()
  for (const glob of globs) {
    const re = globToRegExp(glob)
    const hits = repoFiles.filter((f) => re.test(f))
    if (hits.length === 0) throw new Error(`mutate: --files ${JSON.stringify(glob)} matches no file of the repository`)
    for (const f of hits) {
      if (!f.startsWith('reference/') || !f.endsWith('.ts')) {
        throw new Error(`mutate: --files ${JSON.stringify(glob)} matches ${f}; only reference/*.ts files are mutated`)
      }
      matched.add(f)
    }
  }
  return [...matched].sort()
}

/** Numbers every site (in the order given) and keeps `max` of them, drawn with `seed`, in that order. */
export function sampleMutants(sites: readonly MutationSite[], max: number | null, seed: number): PlannedMutant[] {
  const numbered = sites.map((s, i) => ({ ...s, id: `M${String(i + 1).padStart(4, '0')}` }))
  if (max === null || max >= numbered.length) return numbered
  const order = new SeededRng(seed).randperm(numbered.length)
  return Array.from(order.subarray(0, max))
    .sort((a, b) => a - b)
    .map((i) => numbered[i]!)
}

/** The source line of a site and the same line mutated, and a unified diff with `context` lines around it. */
export function siteDiff(
  source: string,
  site: Pick<MutationSite, 'file' | 'line' | 'start' | 'end' | 'mutated'>,
  context = 2,
): { sourceLine: string; mutatedLine: string; diff: string } {
  const lines = source.split('\n')
  const lineStart = source.lastIndexOf('\n', site.start - 1) + 1
  const sourceLine = lines[site.line - 1]!
  const mutatedLine =
    sourceLine.slice(0, site.start - lineStart) + site.mutated + sourceLine.slice(site.end - lineStart)
  const from = Math.max(0, site.line - 1 - context)
  const to = Math.min(lines.length, site.line + context)
  const body = lines
    .slice(from, to)
    .flatMap((l, k) => (from + k === site.line - 1 ? [`-${l}`, `+${mutatedLine}`] : [` ${l}`]))
  const header = [
    `--- a/${site.file}`,
    `+++ b/${site.file}`,
    `@@ -${from + 1},${to - from} +${from + 1},${to - from} @@`,
  ]
  return { sourceLine, mutatedLine, diff: [...header, ...body].join('\n') }
}
