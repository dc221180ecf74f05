/**
 * Starting one of this package's own modules in a worker thread or a child process, the same way whether the
 * package runs from its TypeScript sources (development and tests, under tsx) or compiled (`dist/`, the installed
 * package, plain Node): the entry keeps the extension of the module that asks for it, and only a TypeScript entry
 * gets the tsx loader. `dist/` mirrors the source tree, so a relative entry resolves in both layouts.
 */
import { fileURLToPath } from 'node:url'

/**
 * The module at `relativeStem` (no extension) next to `callerUrl`, with the caller's own extension: `.ts` when
 * the caller runs from source, `.js` when it runs compiled.
 *
 * @param callerUrl - `import.meta.url` of the asking module
 * @param relativeStem - e.g. `'./run-cell'` or `'../../harness/cli/bin'`
 */
export function moduleEntry(callerUrl: string, relativeStem: string): URL {
  return new URL(`${relativeStem}${runsFromSource(callerUrl) ? '.ts' : '.js'}`, callerUrl)
}

/** True when `moduleUrl` is a TypeScript source (the package runs under tsx), false when compiled. */
export function runsFromSource(moduleUrl: string): boolean {
  return new URL(moduleUrl).pathname.endsWith('.ts')
}

/**
 * The `node` arguments that run `entry` as a child process's main module: `--import <tsx>` before a TypeScript
 * entry (tsx is a development dependency, resolved from this package), nothing before a compiled one.
 */
export function nodeArguments(entry: URL): string[] {
  const path = fileURLToPath(entry)
  return runsFromSource(entry.href) ? ['--import', import.meta.resolve('tsx'), path] : [path]
}

/**
 * Source of an `eval` worker that registers tsx inside the worker and then imports the TypeScript `entry`. (A `.ts`
 * worker entry with `execArgv: ['--import', 'tsx']` fails on Node 20 with "Unknown file extension", because the
 * worker resolves its entry before the loader hooks are in place.)
 */
export function tsxWorkerBootstrap(entry: URL): string {
  return (
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
  )
}
