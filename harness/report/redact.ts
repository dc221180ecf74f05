/**
 * Keeps the paths of the machine that ran the gate out of its reports: every string of a report has the known
 * absolute prefixes — the run's work folder, the repository, the temporary folder, the home folder — replaced by
 * a placeholder (`<work>`, `<repo>`, `$TMPDIR`, `~`), so a report reads the same on every machine and shows no
 * user or folder names.
 */
import { homedir, tmpdir } from 'node:os'
import { packageRoot } from '../matrix/provenance.ts'

/** The repository root (the package's folder, also when it runs compiled from dist/), without a trailing slash. */
const REPO_ROOT = packageRoot().replace(/\/$/, '')

/** An absolute prefix and its placeholder. */
export type PathPlaceholder = readonly [prefix: string, placeholder: string]

/** The prefixes every report redacts, longest first once `extra` ones are added. */
export function machinePathPlaceholders(extra: readonly PathPlaceholder[] = []): PathPlaceholder[] {
  const all: PathPlaceholder[] = [...extra, [REPO_ROOT, '<repo>'], [tmpdir(), '$TMPDIR'], [homedir(), '~']]
  return all
    .map(([prefix, placeholder]): PathPlaceholder => [prefix.replace(/\/+$/, ''), placeholder])
    .filter(([prefix]) => prefix.length > 1)
    .sort((a, b) => b[0].length - a[0].length)
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `text` with every placeholder's prefix (as a whole path component) replaced. */
export function redactText(text: string, placeholders: readonly PathPlaceholder[]): string {
  let out = text
  for (const [prefix, placeholder] of placeholders) {
    out = out.replace(new RegExp(`${escapeRegExp(prefix)}(?=/|$|[^\\w.-])`, 'g'), placeholder)
  }
  return out
}

/** A deep copy of `value` with every string redacted (object keys included). */
export function redactPaths<T>(value: T, placeholders: readonly PathPlaceholder[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, placeholders)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, placeholders), walk(x)]))
    }
    return v
  }
  return walk(value) as T
}
