/**
 * A user's project with this package installed from its `npm pack` tarball, without the network: the package is
 * built (`make build`, a no-op when dist/ is current) and packed, and the consumer gets a lockfile holding the
 * tarball and the package's dependency closure copied from this repository's lockfile — the versions `npm ci` put
 * into the npm cache — so `npm ci --offline` installs it. The optional native TensorFlow packages are omitted
 * (`--omit=optional`), as on any machine where their install scripts cannot download libtensorflow.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')

/** One `packages` entry of a lockfile (v3). */
interface LockEntry {
  readonly version?: string
  readonly dependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly dev?: boolean
  readonly optional?: boolean
  readonly devOptional?: boolean
  readonly peer?: boolean
  readonly [key: string]: unknown
}

interface PackageJson {
  readonly name: string
  readonly version: string
  readonly dependencies: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly devDependencies: Readonly<Record<string, string>>
  readonly bin?: Readonly<Record<string, string>>
  readonly engines?: Readonly<Record<string, string>>
}

/** A consumer project with the packed package installed. */
export interface ConsumerProject {
  readonly dir: string
  readonly tarball: string
  /** Seconds spent: build, pack, install. */
  readonly timings: { readonly build_s: number; readonly pack_s: number; readonly install_s: number }
}

/** The environment of every child: no tsx loader inherited, no network for npm. */
export function consumerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', npm_config_offline: 'true', npm_config_audit: 'false' }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000
}

/**
 * The lockfile key that `name` resolves to from the package at `from` (Node's lookup: the nearest
 * `node_modules/<name>` walking up), or null.
 */
function lookup(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | null {
  for (let base = from; ; ) {
    const key = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`
    if (packages[key]) return key
    if (base === '') return null
    const cut = base.lastIndexOf('/node_modules/')
    base = cut < 0 ? '' : base.slice(0, cut)
  }
}

/**
 * The entries a consumer needs: every package reachable from `roots`, with its flags recomputed for the
 * consumer (optional when reached only through optional dependencies; never dev).
 */
function closure(
  packages: Readonly<Record<string, LockEntry>>,
  roots: ReadonlyArray<{ key: string; optional: boolean }>,
): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {}
  const visit = (key: string, optional: boolean): void => {
    const seen = out[key]
    if (seen && (!seen.optional || optional)) return
    const { dev: _dev, devOptional: _devOptional, peer: _peer, optional: _optional, ...entry } = packages[key]!
    out[key] = optional ? { ...entry, optional: true } : entry
    for (const [deps, viaOptional] of [
      [entry.dependencies, optional],
      [entry.optionalDependencies, true],
    ] as const) {
      for (const name of Object.keys(deps ?? {})) {
        const target = lookup(packages, key, name)
        if (target) visit(target, viaOptional)
      }
    }
  }
  for (const root of roots) visit(root.key, root.optional)
  return out
}

/**
 * Builds, packs and installs the package into a fresh consumer project (with `@types/node` for the type check).
 *
 * @throws when a step fails (the command's output is in the error)
 */
export function installConsumerProject(): ConsumerProject {
  const env = consumerEnv()
  const work = mkdtempSync(join(tmpdir(), 'ktrdr-consumer-'))
  let started = performance.now()
  execFileSync('make', ['build'], { cwd: ROOT, env, stdio: 'pipe' })
  const build_s = seconds(started)

  started = performance.now()
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as Array<{ filename: string }>
  const tarball = join(work, packed[0]!.filename)
  const pack_s = seconds(started)

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const typesNode = pkg.devDependencies['@types/node']!
  const dependencies = { 'ktrdr-training': `file:${tarball}`, '@types/node': typesNode }
  const roots = [
    ...Object.keys(pkg.dependencies).map((name) => ({ key: `node_modules/${name}`, optional: false })),
    ...Object.keys(pkg.optionalDependencies ?? {}).map((name) => ({ key: `node_modules/${name}`, optional: true })),
    { key: 'node_modules/@types/node', optional: false },
  ]
  const self: LockEntry = {
    version: pkg.version,
    resolved: `file:${tarball}`,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    dependencies: pkg.dependencies,
    ...(pkg.optionalDependencies ? { optionalDependencies: pkg.optionalDependencies } : {}),
    ...(pkg.bin ? { bin: pkg.bin } : {}),
    ...(pkg.engines ? { engines: pkg.engines } : {}),
  }
  const dir = join(work, 'consumer')
  mkdirSync(dir)
  const manifest = { name: 'consumer', private: true, type: 'module', dependencies, allowScripts: { 'core-js': false } }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const consumerLock = {
    name: 'consumer',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'consumer', dependencies },
      'node_modules/ktrdr-training': self,
      ...closure(lock.packages, roots),
    },
  }
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(consumerLock, null, 2)}\n`)

  started = performance.now()
  execFileSync('npm', ['ci', '--offline', '--omit=optional', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    stdio: 'pipe',
  })
  return { dir, tarball, timings: { build_s, pack_s, install_s: seconds(started) } }
}
