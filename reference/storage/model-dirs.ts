/**
 * Names in the model store (docs/legacy-behaviour.md §7): `<base>/<strategy>/<SYMBOLS joined _>_<tf>_v<N>/`, the
 * `<SYMBOLS>_<tf>_latest` pointer and the `.tmp-*` work entries, plus scanning a strategy directory for versions.
 */
import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { ModelStorageError } from './errors.ts'

/** Prefix of temporary entries (unfinished version directories and pointer links). */
export const TEMP_PREFIX = '.tmp-'

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/**
 * Throws unless `value` is a safe single path component (letters, digits, `_`, `-`, `.`; not starting with `.`).
 *
 * @param what - what the value is, for the message (e.g. `strategy name`)
 */
export function checkName(value: string, what: string): string {
  if (!NAME_PATTERN.test(value)) {
    throw new ModelStorageError(`invalid ${what} ${JSON.stringify(value)}: expected letters, digits, '_', '-', '.'`)
  }
  return value
}

/** `<SYMBOLS joined _>_<tf>`, the stem of version and pointer names. */
export function modelStem(symbols: readonly string[], timeframe: string): string {
  for (const symbol of symbols) checkName(symbol, 'symbol')
  const joined = checkName(symbols.join('_'), 'symbols')
  return `${joined}_${checkName(timeframe, 'timeframe')}`
}

/** `<stem>_v<N>`. */
export function versionDirName(stem: string, version: number): string {
  return `${stem}_v${version}`
}

/** `<stem>_latest`. */
export function latestName(stem: string): string {
  return `${stem}_latest`
}

/** A fresh `.tmp-<random>` name. */
export function tempName(): string {
  return `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`
}

/**
 * Returns `version` when it is a version number (an integer ≥ 1).
 *
 * @throws ModelStorageError otherwise
 */
export function checkVersion(version: number): number {
  if (!Number.isInteger(version) || version < 1)
    throw new ModelStorageError(`invalid model version ${JSON.stringify(version)}: expected an integer ≥ 1`)
  return version
}

/**
 * The version number of one of the store's own `<stem>_v<N>` entries.
 *
 * @throws ModelStorageError when `name` is not such an entry
 */
export function versionOf(name: string): number {
  const match = /_v(\d+)$/.exec(name)
  if (!match) throw new ModelStorageError(`${JSON.stringify(name)} is not a model version directory`)
  return checkVersion(Number(match[1]))
}

/**
 * Version numbers of `<stem>_v<N>` entries in `strategyDir`, ascending; [] when the directory does not exist.
 *
 */
export async function listVersions(strategyDir: string, stem: string): Promise<number[]> {
  const prefix = `${stem}_v`
  return (await readdirOrEmpty(strategyDir))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)))
    .sort((a, b) => a - b)
}

/** Entry names of `dir`; [] when it does not exist. */
export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
