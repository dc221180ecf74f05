/**
 * The TypeScript view of the files under mutation: one language service over the project's `tsconfig.json`,
 * rooted at those files, that parses them for {@link findMutationSites} and type-checks one file with a mutant's
 * text in place of its own (in memory: the repository is never written). A mutant that does not type-check is
 * never drawn (harness/mutation/plan.ts) — `tsx` would strip the types and run code the project could not compile.
 */
import { readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { findMutationSites, type MutationSite } from './operators.ts'

/** The project's compiler view of a set of files. */
export class MutationProgram {
  private readonly overlay = new Map<string, string>()
  private readonly versions = new Map<string, number>()
  private readonly service: ts.LanguageService
  private readonly options: ts.CompilerOptions

  /**
   * @param root - the repository root (holds `tsconfig.json`)
   * @param files - repository-relative paths of the files to mutate
   * @throws Error naming the tsconfig problem when the configuration cannot be read
   */
  constructor(
    private readonly root: string,
    private readonly files: readonly string[],
  ) {
    const configPath = resolve(root, 'tsconfig.json')
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(`mutate: ${configPath}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
        },
      },
    )
    if (!parsed) throw new Error(`mutate: cannot read ${configPath}`)
    this.options = parsed.options
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => files.map((f) => resolve(root, f)),
      getScriptVersion: (name) => String(this.versions.get(name) ?? 0),
      getScriptSnapshot: (name) => {
        const text = this.overlay.get(name) ?? (ts.sys.fileExists(name) ? ts.sys.readFile(name) : undefined)
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
      },
      getCurrentDirectory: () => root,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    }
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry())
  }

  /** Every mutation site of the files, file by file in the order given, each in source order. */
  sites(): MutationSite[] {
    const program = this.service.getProgram()
    if (!program) throw new Error('mutate: the TypeScript program could not be built')
    const checker = program.getTypeChecker()
    return this.files.flatMap((file) => {
      const source = program.getSourceFile(resolve(this.root, file))
      if (!source) throw new Error(`mutate: ${file} is not part of the TypeScript program`)
      return findMutationSites(file, source, checker)
    })
  }

  /**
   * The compiler's errors for `file` with `text` in place of its content (none: an empty list), each as
   * `file:line:column message`. The file's own content is put back afterwards.
   */
  errorsWith(file: string, text: string): string[] {
    const name = resolve(this.root, file)
    this.setText(name, text)
    try {
      const diagnostics = [
        ...this.service.getSyntacticDiagnostics(name),
        ...this.service.getSemanticDiagnostics(name),
      ].filter((d) => d.category === ts.DiagnosticCategory.Error)
      return diagnostics.map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null
        const where = at ? `${file}:${at.line + 1}:${at.character + 1}` : file
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
      })
    } finally {
      this.setText(name, null)
    }
  }

  private setText(name: string, text: string | null): void {
    if (text === null) this.overlay.delete(name)
    else this.overlay.set(name, text)
    this.versions.set(name, (this.versions.get(name) ?? 0) + 1)
  }
}

/** The text of `file` with `site` applied. */
export function mutatedText(original: string, site: Pick<MutationSite, 'start' | 'end' | 'mutated'>): string {
  return original.slice(0, site.start) + site.mutated + original.slice(site.end)
}

/** Reads a repository file as the sites' offsets expect it (UTF-8 text as stored). */
export function readSource(root: string, file: string): string {
  return readFileSync(resolve(root, file), 'utf8')
}

/** `path` relative to `root` with forward slashes. */
export function repoRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}
