// The CI workflow (.github/workflows/equivalence.yml, docs/ci.md) can only run what exists: every command of its
// `run:` steps is a Makefile target, a `ktrdr-train` command with options that command declares, or `npm ci`; its
// shard jobs cover the equivalence matrix exactly once; the merge job reads every shard and uploads the reports.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { parse } from 'yaml'
import yargs, { type CommandModule } from 'yargs'
import { COMMANDS } from '../../../harness/cli/main.ts'
import { planMatrix } from '../../../harness/matrix/plan.ts'
import { CANARY_NAMES, PATH_NAMES } from '../../../harness/paths/types.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../../reference/strategy/shipped.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const WORKFLOW = join(ROOT, '.github/workflows/equivalence.yml')

interface Step {
  readonly name?: string
  readonly run?: string
  readonly uses?: string
  readonly if?: string
  readonly with?: Record<string, unknown>
}
interface Job {
  readonly needs?: string | string[]
  readonly strategy?: { readonly matrix?: Record<string, unknown[]> }
  readonly steps: Step[]
}
interface Workflow {
  readonly jobs: Record<string, Job>
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow

/** Makefile rule names. */
function makeTargets(): Set<string> {
  const text = readFileSync(join(ROOT, 'Makefile'), 'utf8')
  return new Set([...text.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1]!))
}

/** The command path (`equivalence`, `report merge`) and the options each `ktrdr-train` command declares. */
function cliOptions(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const collect = (prefix: string, command: CommandModule<object, never>): void => {
    const name = `${prefix}${String(command.command).split(' ')[0]}`
    const y = yargs([])
    const nested: CommandModule<object, never>[] = []
    const spy = new Proxy(y, {
      get(target, key, receiver) {
        if (key === 'command')
          return (c: CommandModule<object, never>) => {
            nested.push(c)
            return receiver
          }
        const value = Reflect.get(target, key, target) as unknown
        return typeof value === 'function'
          ? (...args: unknown[]) => {
              const result = (value as (...a: unknown[]) => unknown).apply(target, args)
              return result === target ? receiver : result
            }
          : value
      },
    })
    if (typeof command.builder === 'function') command.builder(spy as never)
    const options = (y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions()
    out.set(name, new Set(Object.keys(options.key)))
    for (const sub of nested) collect(`${name} `, sub)
  }
  for (const command of COMMANDS) collect('', command)
  return out
}

/** The shell commands of a `run:` block, with `${{ matrix.shard }}` replaced by `shard`. */
function commandsOf(run: string, shard: string): string[][] {
  return run
    .replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, shard)
    .split(/\n|&&|\|\||;/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => c.split(/\s+/))
}

/** Why one command cannot run, or null when it can. */
function problemOf(words: string[], targets: Set<string>, cli: Map<string, Set<string>>): string | null {
  const [program, ...args] = words
  if (program === 'make') {
    const missing = args.filter((a) => !a.includes('=') && !targets.has(a))
    return missing.length === 0 ? null : `no Makefile target ${missing.join(', ')}`
  }
  if (program === 'npm') return args[0] === 'ci' ? null : `only npm ci is expected, got npm ${args.join(' ')}`
  if (program === '[') return words.join(' ') === '[ $? -eq 1 ]' ? null : `unexpected test ${words.join(' ')}`
  if (program === 'node' && args[0] === 'bin/ktrdr-train.js') {
    const positional = args.slice(1).filter((a) => !a.startsWith('-'))
    const command = cli.has(`${positional[0]} ${positional[1]}`)
      ? `${positional[0]} ${positional[1]}`
      : (positional[0] ?? '')
    const options = cli.get(command)
    if (!options) return `no ktrdr-train command ${JSON.stringify(command)}`
    const flags = args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).replace(/^no-/, '').split('=')[0]!)
    const unknown = flags.filter((f) => !options.has(f))
    return unknown.length === 0
      ? null
      : `ktrdr-train ${command} has no option ${unknown.map((f) => `--${f}`).join(', ')}`
  }
  return `not a Makefile target or ktrdr-train command: ${words.join(' ')}`
}

/** The shard job's `--shard i/N` count and its matrix values. */
function shardSetup(): { count: number; values: number[] } {
  const job = workflow.jobs.shard!
  const values = (job.strategy?.matrix?.shard ?? []).map(Number)
  const run = job.steps.map((s) => s.run ?? '').find((r) => r.includes('--shard'))!
  const count = Number(/--shard \$\{\{\s*matrix\.shard\s*\}\}\/(\d+)/.exec(run)?.[1])
  return { count, values }
}

test.group('CI workflow: equivalence.yml', () => {
  test('jobs run in order: test, then the shards, then the merge', ({ assert }) => {
    assert.sameMembers(Object.keys(workflow.jobs), ['test', 'shard', 'merge'])
    assert.include(workflow.jobs.test!.steps.map((s) => s.run).join('\n'), 'make test')
    assert.deepEqual([workflow.jobs.shard!.needs].flat(), ['test'])
    assert.deepEqual([workflow.jobs.merge!.needs].flat(), ['shard'])
  })

  test('every command it runs is a Makefile target or a ktrdr-train command with declared options', ({ assert }) => {
    const targets = makeTargets()
    const cli = cliOptions()
    const problems: string[] = []
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const shards = (job.strategy?.matrix?.shard ?? ['1']).map(String)
      for (const step of job.steps) {
        if (step.run === undefined) continue
        for (const shard of shards)
          for (const words of commandsOf(step.run, shard)) {
            const problem = problemOf(words, targets, cli)
            if (problem) problems.push(`${name}: ${problem}`)
          }
      }
    }
    assert.deepEqual(problems, [])
  })

  test('the checker itself refuses a missing target, command or option', ({ assert }) => {
    const targets = makeTargets()
    const cli = cliOptions()
    assert.equal(problemOf(['make', 'tset'], targets, cli), 'no Makefile target tset')
    assert.equal(
      problemOf(['node', 'bin/ktrdr-train.js', 'equivalance'], targets, cli),
      'no ktrdr-train command "equivalance"',
    )
    assert.equal(
      problemOf(['node', 'bin/ktrdr-train.js', 'equivalence', '--shards', '1/4'], targets, cli),
      'ktrdr-train equivalence has no option --shards',
    )
    assert.isNull(problemOf(['node', 'bin/ktrdr-train.js', 'report', 'merge', 'a.json', '--out', 'r'], targets, cli))
    assert.match(problemOf(['curl', 'http://x'], targets, cli) ?? '', /^not a Makefile target/)
  })

  test('the shards are 1…N of --shard i/N and cover the matrix exactly once', ({ assert }) => {
    const { count, values } = shardSetup()
    assert.isAbove(count, 1)
    assert.deepEqual(
      values,
      Array.from({ length: count }, (_, i) => i + 1),
    )
    const strategies = readdirSync(SHIPPED_STRATEGIES_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
    const plan = (shard: { index: number; count: number } | null) =>
      planMatrix({ strategies, paths: PATH_NAMES, seed: 42, noiseSeed: 43, canaries: CANARY_NAMES, shard })
    const whole = plan(null)
    const parts = values.map((index) => plan({ index, count }))
    const cells = parts.flatMap((p) => p.cells.map((c) => c.id))
    const canaries = parts.flatMap((p) => p.canaries.map((c) => c.definition.name))
    assert.sameMembers(
      cells,
      whole.cells.map((c) => c.id),
    )
    assert.lengthOf(cells, whole.cells.length, 'no cell runs in two shards')
    assert.sameMembers(
      canaries,
      whole.canaries.map((c) => c.definition.name),
    )
    assert.lengthOf(canaries, whole.canaries.length, 'no canary runs in two shards')
  })

  test('each shard uploads its report; the merge reads every shard and uploads JSON, HTML and Markdown', ({
    assert,
  }) => {
    const { values } = shardSetup()
    const upload = workflow.jobs.shard!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!
    assert.equal(upload.with?.name, 'equivalence-shard-${{ matrix.shard }}')
    const merge = workflow.jobs.merge!.steps
    const download = merge.find((s) => s.uses?.startsWith('actions/download-artifact'))!
    assert.equal(download.with?.pattern, 'equivalence-shard-*')
    const mergeRun = merge.map((s) => s.run ?? '').find((r) => r.includes('report merge'))!
    assert.deepEqual(
      [...mergeRun.matchAll(/shards\/equivalence-shard-(\d+)\/equivalence\.json/g)].map((m) => Number(m[1])),
      values,
    )
    const report = merge.find((s) => s.uses?.startsWith('actions/upload-artifact') && s.if === 'always()')!
    assert.sameMembers(String(report.with?.path).trim().split('\n'), [
      'reports/equivalence.json',
      'reports/equivalence.html',
      'reports/equivalence.md',
    ])
  })
})
