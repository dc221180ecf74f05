/**
 * The package's public API as the compiler sees it: the names each entry point exports (`.` = reference/index.ts,
 * `./harness` = harness/index.ts) with their kind, the checked-in lists they are compared with (api/*.txt), and
 * the `@public` account — every exported declaration documented and tagged `@public`, no tag anywhere else.
 *
 * `node --import tsx harness/tools/public-api.ts --write` rewrites api/*.txt after an intended API change;
 * `--fix-tags` removes `@public` from declarations the package does not export and adds it to exported ones.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '../..')

/** The entry points: package subpath, source file, checked-in list. */
export const ENTRY_POINTS = [
  { subpath: '.', source: 'reference/index.ts', list: 'api/library.txt' },
  { subpath: './harness', source: 'harness/index.ts', list: 'api/harness.txt' },
] as const

/** The command that rewrites the lists. */
export const REGENERATE = 'node --import tsx harness/tools/public-api.ts --write'

/** Folders whose `@public` tags are accounted for. */
const TAGGED_FOLDERS = ['reference', 'legacy', 'harness']

interface Analysis {
  readonly program: ts.Program
  readonly checker: ts.TypeChecker
  /** Per entry point, `kind name` lines, sorted. */
  readonly lists: ReadonlyMap<string, readonly string[]>
  /** Declarations reachable through an entry point, as `<file>:<position>`. */
  readonly exported: ReadonlySet<string>
}

function declarationKey(node: ts.Node): string {
  return `${node.getSourceFile().fileName}:${node.pos}`
}

const analyses = new Map<string, Analysis>()

/** The compiler's view of the entry points, built once per repository root. */
function analyse(root: string): Analysis {
  const cached = analyses.get(root)
  if (cached) return cached
  const analysis = buildAnalysis(root)
  analyses.set(root, analysis)
  return analysis
}

function buildAnalysis(root: string): Analysis {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )!
  const program = ts.createProgram(
    ENTRY_POINTS.map((e) => join(root, e.source)),
    config.options,
  )
  const checker = program.getTypeChecker()
  const lists = new Map<string, string[]>()
  const exported = new Set<string>()
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(join(root, entry.source))
    const moduleSymbol = source && checker.getSymbolAtLocation(source)
    if (!moduleSymbol) throw new Error(`${entry.source}: not a module`)
    const lines = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      for (const declaration of target.declarations ?? []) exported.add(declarationKey(declaration))
      return `${kindOf(target)} ${symbol.name}`
    })
    lists.set(
      entry.subpath,
      lines.sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!)),
    )
  }
  return { program, checker, lists, exported }
}

/** The kind of an exported symbol; a name that is both a value and a type is listed as the value. */
function kindOf(symbol: ts.Symbol): string {
  const f = symbol.flags
  if (f & ts.SymbolFlags.Class) return 'class'
  if (f & ts.SymbolFlags.Function) return 'function'
  if (f & ts.SymbolFlags.Enum) return 'enum'
  if (f & ts.SymbolFlags.Variable) return 'const'
  if (f & ts.SymbolFlags.Interface) return 'interface'
  if (f & ts.SymbolFlags.TypeAlias) return 'type'
  return 'other'
}

/** The `kind name` lines each entry point exports now, keyed by subpath. */
export function publicApi(root = ROOT): ReadonlyMap<string, readonly string[]> {
  return analyse(root).lists
}

/** The checked-in list of one entry point. */
export function checkedInList(listPath: string, root = ROOT): string[] {
  return readFileSync(join(root, listPath), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** A `@public` problem: where, and what. */
export interface TagProblem {
  /** `file:line`, relative to the repository. */
  readonly at: string
  readonly name: string
  readonly problem: 'tagged but not exported' | 'exported but not tagged' | 'exported without TSDoc'
}

/** A declaration with its own doc comment, and the node that owns that comment. */
interface Documented {
  readonly declaration: ts.Node
  /** The node JSDoc attaches to: the VariableStatement for a `const`, else the declaration. */
  readonly owner: ts.Node
  readonly name: string
}

function documentedDeclarations(source: ts.SourceFile): Documented[] {
  const out: Documented[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations)
        out.push({ declaration: d, owner: node, name: d.name.getText() })
    } else if (
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isEnumDeclaration(node)
    ) {
      out.push({ declaration: node, owner: node, name: node.name?.getText() ?? 'default' })
    }
    if (ts.isSourceFile(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

function hasPublicTag(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'public')
}

function hasDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0
}

/** The TypeScript files below `dir` (absolute paths). */
function sourcesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourcesBelow(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Every `@public` problem in reference/, legacy/ and harness/. */
export function publicTagProblems(root = ROOT): TagProblem[] {
  const { program, exported } = analyse(root)
  const problems: TagProblem[] = []
  for (const file of TAGGED_FOLDERS.flatMap((dir) => sourcesBelow(join(root, dir)))) {
    const source =
      program.getSourceFile(file) ??
      ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
    for (const { declaration, owner, name } of documentedDeclarations(source)) {
      const line = source.getLineAndCharacterOfPosition(owner.getStart(source)).line + 1
      const at = `${relative(root, source.fileName)}:${line}`
      const isExported = exported.has(declarationKey(declaration))
      if (hasPublicTag(owner) && !isExported) problems.push({ at, name, problem: 'tagged but not exported' })
      if (isExported && !hasDoc(owner)) problems.push({ at, name, problem: 'exported without TSDoc' })
      else if (isExported && !hasPublicTag(owner)) problems.push({ at, name, problem: 'exported but not tagged' })
    }
    // Class and interface members never carry the tag: it belongs to the exported declaration.
    const visitMembers = (node: ts.Node): void => {
      if ((ts.isClassElement(node) || ts.isTypeElement(node)) && hasPublicTag(node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
        const name = (node as { name?: ts.Node }).name?.getText(source) ?? '(member)'
        problems.push({ at: `${relative(root, source.fileName)}:${line}`, name, problem: 'tagged but not exported' })
      }
      ts.forEachChild(node, visitMembers)
    }
    ts.forEachChild(source, visitMembers)
  }
  return problems
}

/** Removes stray `@public` tags and adds missing ones, file by file; returns the files changed. */
function fixTags(root: string): string[] {
  const byFile = new Map<string, TagProblem[]>()
  for (const p of publicTagProblems(root)) {
    if (p.problem === 'exported without TSDoc') continue
    const file = p.at.split(':')[0]!
    byFile.set(file, [...(byFile.get(file) ?? []), p])
  }
  for (const [file, problems] of byFile) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n')
    for (const p of [...problems].sort((a, b) => lineOf(b) - lineOf(a))) {
      const declarationLine = lineOf(p) - 1
      const end = commentEndAbove(lines, declarationLine)
      if (end === null) continue
      if (p.problem === 'tagged but not exported') removeTag(lines, end)
      else addTag(lines, end)
    }
    writeFileSync(join(root, file), lines.join('\n'))
  }
  analyses.delete(root)
  return [...byFile.keys()]
}

function lineOf(p: TagProblem): number {
  return Number(p.at.split(':')[1])
}

/** Index of the line closing the doc comment right above `line` (skipping decorators/blank lines: none here). */
function commentEndAbove(lines: string[], line: number): number | null {
  for (let i = line; i >= 0 && i >= line - 1; i--) if (lines[i]!.trimEnd().endsWith('*/')) return i
  return null
}

function removeTag(lines: string[], end: number): void {
  for (let i = end; i >= 0; i--) {
    const text = lines[i]!
    if (/^\s*\*\s*@public\s*$/.test(text)) {
      lines.splice(i, 1)
      if (/^\s*\*\s*$/.test(lines[i - 1] ?? '') && /^\s*\*\/\s*$/.test(lines[i] ?? '')) lines.splice(i - 1, 1)
      return
    }
    if (text.includes('@public')) {
      lines[i] = text.replace(/\s*@public\b/, '')
      return
    }
    if (text.includes('/**')) return
  }
}

function addTag(lines: string[], end: number): void {
  const text = lines[end]!
  if (text.includes('/**')) lines[end] = text.replace(/\s*\*\/\s*$/, ' @public */')
  else lines.splice(end, 0, `${text.slice(0, text.indexOf('*'))}* @public`)
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  if (process.argv.includes('--fix-tags')) {
    for (const file of fixTags(ROOT)) process.stdout.write(`fixed ${file}\n`)
  }
  for (const entry of ENTRY_POINTS) {
    const lines = publicApi().get(entry.subpath)!
    const header = `# Names exported by ktrdr-training${entry.subpath === '.' ? '' : entry.subpath.slice(1)}`
    if (process.argv.includes('--write')) {
      writeFileSync(join(ROOT, entry.list), `${header} (kind name); regenerate: ${REGENERATE}\n${lines.join('\n')}\n`)
    }
    process.stdout.write(`${entry.subpath}: ${lines.length} names\n`)
  }
  for (const p of publicTagProblems()) process.stdout.write(`${p.at} ${p.name}: ${p.problem}\n`)
}
