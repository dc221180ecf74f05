import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import {
  latestTarget,
  storeEntries,
  versionProblems,
  VERSION_FILES,
} from '../../harness/reliability/model-store-check.ts'
import { reliabilitySaveRequest, SAVE_STEM } from '../../harness/reliability/save-request.ts'
import { weightsSha256 } from '../../reference/runtime/training-runtime.ts'
import { ModelStorage } from '../../reference/storage/model-storage.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const STRATEGY = 'neuro_mean_reversion'
const MODEL = { strategy: STRATEGY, symbols: ['AAPL'], timeframe: '1h' }
const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3_600_000)

/** A child process saving into `base`; `lines` collects its stdout lines (the saved paths). */
function childSaver(
  base: string,
  count: number,
  seed: number,
): { child: ChildProcess; lines: string[]; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'harness/reliability/child-saver.ts', base, String(count), String(seed)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const lines: string[] = []
  let buffer = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    lines.push(...parts)
  })
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, lines, exit }
}

async function until(condition: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Every problem of the store: incomplete versions, leftovers other than `.tmp-*`, a dangling `_latest`. */
function storeProblems(strategyDir: string): string[] {
  const entries = storeEntries(strategyDir)
  const problems = entries.versions.flatMap((v) => versionProblems(join(strategyDir, v)))
  problems.push(...entries.other.map((o) => `unexpected entry ${o}`))
  const latest = latestTarget(strategyDir, SAVE_STEM)
  if (entries.versions.length > 0 && latest === null) problems.push('no _latest link')
  if (latest !== null) problems.push(...versionProblems(join(strategyDir, latest)).map((p) => `_latest: ${p}`))
  return problems
}

test.group('reliability: the model store under concurrent writers and crashes', (group) => {
  let base = ''
  group.each.setup(() => {
    base = mkdtempSync(join(tmpdir(), 'rel-storage-'))
    return () => rmSync(base, { recursive: true, force: true })
  })

  test('8 writers (4 in-process, 4 child processes) × 5 saves: 40 distinct complete versions; _latest always complete', async ({
    assert,
  }) => {
    const strategyDir = join(base, STRATEGY)
    const children = [0, 1, 2, 3].map((i) => childSaver(base, 5, 100 + 10 * i))
    await until(() => children.some((c) => c.lines.length > 0), 30_000)
    let writing = true
    let latestChecks = 0
    const latestProblems: string[] = []
    const checker = (async () => {
      while (writing) {
        const target = latestTarget(strategyDir, SAVE_STEM)
        if (target !== null) {
          latestProblems.push(...versionProblems(join(strategyDir, target)))
          latestChecks++
        }
        await new Promise((r) => setImmediate(r))
      }
    })()
    const inProcess = [0, 1, 2, 3].map(async (i) => {
      const storage = new ModelStorage(base)
      const paths: string[] = []
      for (let k = 0; k < 5; k++) paths.push((await storage.save(reliabilitySaveRequest(200 + 10 * i + k))).path)
      return paths
    })
    const ownPaths = (await Promise.all(inProcess)).flat()
    assert.deepEqual(await Promise.all(children.map((c) => c.exit)), [0, 0, 0, 0])
    writing = false
    await checker
    const paths = [...ownPaths, ...children.flatMap((c) => c.lines)]
    assert.lengthOf(paths, 40)
    assert.equal(new Set(paths).size, 40, 'every save got its own version')
    const entries = storeEntries(strategyDir)
    assert.deepEqual(
      entries.versions,
      Array.from({ length: 40 }, (_, i) => `${SAVE_STEM}_v${i + 1}`),
    )
    assert.deepEqual([...entries.temps, ...entries.other], [])
    assert.deepEqual(storeProblems(strategyDir), [])
    assert.equal(latestTarget(strategyDir, SAVE_STEM), `${SAVE_STEM}_v40`)
    const digests = new Set(
      await Promise.all(
        entries.versions.map(async (_, i) => {
          const loaded = await new ModelStorage(base).load({ ...MODEL, version: i + 1 })
          loaded.model.dispose()
          return weightsSha256(loaded.params)
        }),
      ),
    )
    assert.equal(digests.size, 40, 'each version holds the weights its writer saved')
    assert.isAbove(latestChecks, 0)
    assert.deepEqual(latestProblems, [])
    console.log(`storage: 8 writers, 40 versions, _latest checked ${latestChecks} times while writing`)
  }).timeout(60_000)

  test('a crash between temp write and rename leaves only a .tmp- dir, which the next ModelStorage removes', async ({
    assert,
  }) => {
    const strategyDir = join(base, STRATEGY)
    await new ModelStorage(base).save(reliabilitySaveRequest(1))
    const crashed = join(strategyDir, '.tmp-99999-0123456789ab')
    mkdirSync(crashed)
    writeFileSync(join(crashed, VERSION_FILES[0]!), '{"format":"ktrdr-weights-v1","tens')
    utimesSync(crashed, TWO_HOURS_AGO, TWO_HOURS_AGO)
    assert.deepEqual(storeEntries(strategyDir).temps, ['.tmp-99999-0123456789ab'])
    assert.deepEqual(storeProblems(strategyDir), [], 'the half-written save is invisible as a version')

    const storage = new ModelStorage(base)
    assert.deepEqual(storeEntries(strategyDir).temps, [])
    const loaded = await storage.load(MODEL)
    assert.equal(loaded.ref.version, 1)
    loaded.model.dispose()
    assert.equal((await storage.save(reliabilitySaveRequest(2))).path, join(strategyDir, `${SAVE_STEM}_v2`))
  })

  test('a child killed (SIGKILL) while saving in a loop leaves complete versions and at most temp leftovers', async ({
    assert,
  }) => {
    const strategyDir = join(base, STRATEGY)
    const saver = childSaver(base, 0, 500)
    await until(() => saver.lines.length >= 3, 30_000)
    await new Promise((r) => setTimeout(r, 7))
    saver.child.kill('SIGKILL')
    await saver.exit
    const entries = storeEntries(strategyDir)
    assert.isAtLeast(entries.versions.length, 3)
    assert.deepEqual(storeProblems(strategyDir), [])
    for (const temp of entries.temps) utimesSync(join(strategyDir, temp), TWO_HOURS_AGO, TWO_HOURS_AGO)
    const storage = new ModelStorage(base)
    assert.deepEqual(storeEntries(strategyDir).temps, [], 'construction removed every stale leftover')
    const next = await storage.save(reliabilitySaveRequest(9))
    assert.equal(next.path, join(strategyDir, `${SAVE_STEM}_v${entries.versions.length + 1}`))
    assert.deepEqual(storeProblems(strategyDir), [])
    console.log(
      `storage: killed saver left ${entries.versions.length} versions and ${entries.temps.length} temp leftovers`,
    )
  }).timeout(60_000)
})
