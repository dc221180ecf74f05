// Code and docs cite only documents inside the repository: no citation of the project's external notes, every cited
// repository path exists, and every `docs/legacy-behaviour.md §X` / `docs/architecture.md §X` names a section that
// has its anchor there.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { test } from '@japa/runner'

const ROOT = resolve(import.meta.dirname, '../../..')
const SCANNED = ['reference', 'legacy', 'harness', 'bin', 'tests', 'docs', 'strategies', 'README.md', '.github']
const TEXT = /\.(ts|js|mjs|py|ya?ml|md|json)$/
/** Documents outside the repository that code must not cite (spelled in pieces, so this file does not cite them). */
const EXTERNAL = new RegExp(
  ['ktrdr-behaviour', 'DESIGN', 'STYLE'].map((name) => `${name}\\.md`).join('|') +
    ['|TRAINING', '-ALGO|toolchain', '-notes|\\.\\./shared\\b'].join(''),
)
/** Files that describe another repository's paths (KTRDR's), or hold made-up examples: not path-checked. */
const NOT_PATH_CHECKED = new Set([
  'docs/legacy-behaviour.md',
  'tests/unit/docs/citations.spec.ts',
  // Mutation sites and globs of made-up source files.
  'tests/unit/harness/mutation/observe.spec.ts',
  'tests/unit/harness/mutation/operators.spec.ts',
  'tests/unit/harness/mutation/plan.spec.ts',
])
/** Top-level folders whose paths are checked when a file mentions them. */
const REPO_PATH =
  /(?<![\w/.-])((?:\.\.?\/)*(?:reference|legacy|harness|tests|bin|docs|strategies|api|\.github)\/[\w./-]*[\w])/g
const SECTIONED_DOCS = ['docs/legacy-behaviour.md', 'docs/architecture.md']

interface Line {
  readonly file: string
  readonly number: number
  readonly text: string
}

function filesBelow(path: string): string[] {
  const full = join(ROOT, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return TEXT.test(path) ? [path] : []
  return readdirSync(full).flatMap((name) =>
    name === 'node_modules' || name === 'fixtures' ? [] : filesBelow(join(path, name)),
  )
}

const LINES: Line[] = SCANNED.flatMap(filesBelow).flatMap((file) =>
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .map((text, i) => ({ file, number: i + 1, text })),
)

/** Anchor ids of a sectioned doc (`<a id="s3-5"></a>`). */
function anchorsOf(doc: string): Set<string> {
  return new Set([...readFileSync(join(ROOT, doc), 'utf8').matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!))
}

/** The section numbers cited right after `doc` on a line: `docs/x.md §9.2, §13` → ['9.2', '13']; ranges give both ends. */
export function citedSections(text: string, doc: string): string[] {
  const out: string[] = []
  let at = text.indexOf(doc)
  while (at >= 0) {
    const rest = text.slice(at + doc.length)
    const run = /^`?(?:\s*(?:[,;]|and)?\s*§\s?[0-9][0-9a-z.]*(?:[–-][0-9][0-9.]*)?)+/.exec(rest)?.[0] ?? ''
    for (const m of run.matchAll(/§\s?([0-9][0-9a-z.]*)(?:[–-]([0-9][0-9.]*))?/g)) {
      out.push(m[1]!.replace(/\.$/, ''))
      if (m[2]) out.push(m[2].replace(/\.$/, ''))
    }
    at = text.indexOf(doc, at + doc.length)
  }
  return out
}

/**
 * Whether a mentioned path exists — from the repository root, or from the mentioning file for `./` and `../` — as
 * written, as a module without its `.ts`, or as the source of a compiled `.js` (`harness/cli/bin.js` in dist/).
 */
function pathExists(mentioned: string, file: string): boolean {
  const here = dirname(join(ROOT, file))
  const bases = /^\.\.?\//.test(mentioned) ? [here] : [ROOT, here]
  const forms = [mentioned, `${mentioned}.ts`, mentioned.replace(/\.js$/, '.ts')]
  return bases.some((base) => forms.some((form) => existsSync(resolve(base, form))))
}

test.group('docs: citations stay inside the repository', () => {
  test('no file cites the project notes outside the repository', ({ assert }) => {
    const external = LINES.filter((l) => EXTERNAL.test(l.text)).map((l) => `${l.file}:${l.number}: ${l.text.trim()}`)
    assert.deepEqual(external, [])
  })

  test('every repository path a file mentions exists', ({ assert }) => {
    const missing: string[] = []
    for (const line of LINES) {
      if (NOT_PATH_CHECKED.has(line.file)) continue
      for (const m of line.text.matchAll(REPO_PATH)) {
        const mentioned = m[1]!.replace(/\.$/, '')
        if (!pathExists(mentioned, line.file)) missing.push(`${line.file}:${line.number}: ${mentioned}`)
      }
    }
    assert.deepEqual(missing, [])
  })

  test('every cited section of docs/legacy-behaviour.md and docs/architecture.md has its anchor', ({ assert }) => {
    const problems: string[] = []
    for (const doc of SECTIONED_DOCS) {
      const anchors = anchorsOf(doc)
      for (const line of LINES) {
        for (const section of citedSections(line.text, doc)) {
          const id = `s${section.replaceAll('.', '-')}`
          if (!anchors.has(id)) problems.push(`${line.file}:${line.number}: ${doc} §${section} (no #${id})`)
        }
      }
    }
    assert.deepEqual(problems, [])
  })

  test('the section parser reads lists and ranges, and the anchors exist for every numbered heading', ({ assert }) => {
    assert.deepEqual(citedSections('(docs/legacy-behaviour.md §9.2, §13; docs/x.md §1)', 'docs/legacy-behaviour.md'), [
      '9.2',
      '13',
    ])
    assert.deepEqual(citedSections('docs/legacy-behaviour.md §6.1–6.3, §14 step 5b', 'docs/legacy-behaviour.md'), [
      '6.1',
      '6.3',
      '14',
    ])
    assert.deepEqual(citedSections('`docs/legacy-behaviour.md` §3.2.5.', 'docs/legacy-behaviour.md'), ['3.2.5'])
    for (const doc of SECTIONED_DOCS) {
      const text = readFileSync(join(ROOT, doc), 'utf8')
      const headings = [...text.matchAll(/^#{2,4} ([0-9]+[0-9.a-z]*?)\.? /gm)].map(
        (m) => `s${m[1]!.replaceAll('.', '-')}`,
      )
      const anchors = anchorsOf(doc)
      assert.deepEqual(
        headings.filter((h) => !anchors.has(h)),
        [],
        `${relative(ROOT, join(ROOT, doc))}: numbered headings without an anchor`,
      )
    }
  })
})
