/**
 * Reviewed explanations of survivors (`harness/mutation/explained-survivors.yaml`): a survivor the gate cannot
 * kill for a stated reason (an equivalent mutant, a change only data the old code never sees could show) is
 * listed there and its report entry carries the reason. An entry names the mutant by file, the text of its
 * source line and the replacement, so it survives edits elsewhere in the file; one that matches no mutant of a
 * sweep that covered its file is reported as stale.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'

/** The explanations shipped with the repository. */
export const DEFAULT_EXPLANATIONS_PATH = fileURLToPath(new URL('./explained-survivors.yaml', import.meta.url))

/** One reviewed survivor. */
export interface SurvivorExplanation {
  readonly file: string
  /** The source line as written (leading and trailing blanks ignored). */
  readonly line_text: string
  readonly original: string
  readonly mutated: string
  readonly reason: string
}

const KEYS = ['file', 'line_text', 'original', 'mutated', 'reason'] as const

/**
 * Reads and validates an explanations file (absent file: no explanations).
 *
 * @throws Error `<file>:<line>: entry <n>: <problem>` for a malformed entry
 */
export function loadExplanations(path: string = DEFAULT_EXPLANATIONS_PATH): SurvivorExplanation[] {
  if (!existsSync(path)) return []
  const counter = new LineCounter()
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter })
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`)
  const root = doc.contents
  if (root === null) return []
  if (!isSeq(root)) throw new Error(`${path}: the file must be a list of entries`)
  return root.items.map((item, i) => {
    const line = counter.linePos(isMap(item) && item.range ? item.range[0] : 0).line
    const fail = (msg: string): never => {
      throw new Error(`${path}:${line}: entry ${i + 1}: ${msg}`)
    }
    if (!isMap(item)) return fail('must be a mapping')
    const raw = item.toJSON() as Record<string, unknown>
    for (const key of Object.keys(raw)) {
      if (!(KEYS as readonly string[]).includes(key)) fail(`unknown field ${JSON.stringify(key)}`)
    }
    for (const key of KEYS) {
      if (typeof raw[key] !== 'string' || (key !== 'mutated' && (raw[key] as string).trim().length === 0)) {
        fail(`${key} must be ${key === 'mutated' ? 'a string' : 'a non-empty string'}`)
      }
    }
    return {
      file: raw.file as string,
      line_text: (raw.line_text as string).trim(),
      original: raw.original as string,
      mutated: raw.mutated as string,
      reason: (raw.reason as string).trim(),
    }
  })
}

/** The explanation of a mutant, or null. */
export function explanationFor(
  explanations: readonly SurvivorExplanation[],
  mutant: { readonly file: string; readonly source_line: string; readonly original: string; readonly mutated: string },
): SurvivorExplanation | null {
  const text = mutant.source_line.trim()
  return (
    explanations.find(
      (e) =>
        e.file === mutant.file &&
        e.line_text === text &&
        e.original === mutant.original &&
        e.mutated === mutant.mutated,
    ) ?? null
  )
}
