/**
 * What a sweep mutates: the `reference/` TypeScript files matched by `--files` globs, every mutation site in them
 * numbered in a stable order (file, then position, then operator), and a deterministic sample of `--max` of them
 * drawn from the seeded generator, stratified by owning stage and limited to mutants that compile, so the same
 * sources, seed and maximum always give the same mutants.
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

/** Numbers every site in the order given: `M` + its 1-based number, zero-padded to 4 digits. */
export function numberSites(sites: readonly MutationSite[]): PlannedMutant[] {
  return sites.map((s, i) => ({ ...s, id: `M${String(i + 1).padStart(4, '0')}` }))
}

/**
 * How many of `max` mutants each stratum gets: its share of the sites, but at least `ceil(max / (2 × strata))`
 * (or all its sites, when it has fewer), so that a stratum with few sites is still sampled; the largest strata
 * give back what the small ones take. The quotas add up to `min(max, sites)`.
 */
export function stratumQuotas(sizes: ReadonlyMap<string, number>, max: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0)
  const n = Math.min(max, total)
  const least = Math.ceil(n / (2 * Math.max(1, sizes.size)))
  const quotas = new Map(
    [...sizes].map(([k, size]) => [k, Math.min(size, Math.max(least, Math.floor((n * size) / total)))]),
  )
  let sum = [...quotas.values()].reduce((a, b) => a + b, 0)
  const byRoom = (pick: (k: string) => number): string =>
    [...quotas.keys()].reduce((best, k) => (pick(k) > pick(best) ? k : best))
  while (sum > n) {
    const k = byRoom((x) => quotas.get(x)! - Math.min(sizes.get(x)!, least))
    quotas.set(k, quotas.get(k)! - 1)
    sum--
  }
  while (sum < n) {
    const k = byRoom((x) => sizes.get(x)! - quotas.get(x)!)
    quotas.set(k, quotas.get(k)! + 1)
    sum++
  }
  return quotas
}

/** A draw: the mutants to run, in site order, and the sites looked at and passed over because they do not compile. */
export interface Draw {
  readonly mutants: PlannedMutant[]
  readonly notCompiling: PlannedMutant[]
}

/**
 * Draws the mutants of a sweep. Without `max`, every site that `compiles`. With `max`, each stratum (`stratumOf`,
 * e.g. the owning stage) gets its {@link stratumQuotas} quota: its sites are walked in an order drawn with `seed`
 * (strata in order of first appearance) and the first ones that compile are kept. A site that does not compile is
 * never a mutant — the compiler, not the gate, rejects it — but the ones looked at are returned.
 */
export function drawMutants(
  sites: readonly MutationSite[],
  max: number | null,
  seed: number,
  stratumOf: (site: MutationSite) => string,
  compiles: (mutant: PlannedMutant) => boolean,
): Draw {
  const numbered = numberSites(sites)
  const notCompiling: PlannedMutant[] = []
  const keep = (m: PlannedMutant): boolean => compiles(m) || (notCompiling.push(m), false)
  if (max === null) return { mutants: numbered.filter(keep), notCompiling }
  const strata = new Map<string, PlannedMutant[]>()
  for (const m of numbered) strata.set(stratumOf(m), [...(strata.get(stratumOf(m)) ?? []), m])
  const quotas = stratumQuotas(new Map([...strata].map(([k, ms]) => [k, ms.length])), max)
  const rng = new SeededRng(seed)
  const drawn: PlannedMutant[] = []
  for (const [k, members] of strata) {
    const order = rng.randperm(members.length)
    let taken = 0
    for (let i = 0; i < order.length && taken < quotas.get(k)!; i++) {
      if (keep(members[order[i]!]!)) {
        drawn.push(members[order[i]!]!)
        taken++
      }
    }
  }
  const bySite = (a: PlannedMutant, b: PlannedMutant): number => Number(a.id.slice(1)) - Number(b.id.slice(1))
  return { mutants: drawn.sort(bySite), notCompiling: notCompiling.sort(bySite) }
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
