import { test } from '@japa/runner'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { MutationSite } from '../../../../harness/mutation/operators.ts'
import { MutationProgram, mutatedText } from '../../../../harness/mutation/typecheck.ts'

/** A throw-away TypeScript project holding `files` (strict, no ambient types) and its program over them. */
function project(files: Record<string, string>): { root: string; program: MutationProgram; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'mutation-operators-'))
  const config = { compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, noEmit: true, types: [] } }
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(config))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  return {
    root,
    program: new MutationProgram(root, Object.keys(files)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}

const changes = (sites: readonly MutationSite[]): string[] =>
  sites.map((s) => `${s.line}:${s.column} ${s.operator} ${s.original}→${s.mutated}`)

test.group('mutation/operators: where a file can change and into what', () => {
  test('relational, equality, logical and arithmetic operators, each replaced by its documented alternatives', ({
    assert,
  }) => {
    const text =
      'export function f(a: number, b: number, c: boolean): boolean {\n  return a < b && c === !c || a * b >= a % b\n}\n'
    const { program, cleanup } = project({ 'reference/f.ts': text })
    try {
      assert.deepEqual(changes(program.sites()), [
        '2:12 relational <→<=',
        '2:12 relational <→>=',
        '2:16 logical &&→||',
        '2:21 equality ===→!==',
        '2:25 logical !→',
        '2:28 logical ||→&&',
        '2:33 arithmetic *→/',
        '2:37 relational >=→>',
        '2:37 relational >=→<',
        '2:42 arithmetic %→*',
      ])
    } finally {
      cleanup()
    }
  })

  test('integer literals ±1 (a negative literal as a whole, a new negative in parentheses); fractions are left alone', ({
    assert,
  }) => {
    const text = 'export const xs = [0, -2, 10, 0.5]\n'
    const { program, cleanup } = project({ 'reference/n.ts': text })
    try {
      assert.deepEqual(changes(program.sites()), [
        '1:20 integer 0→1',
        '1:20 integer 0→(-1)',
        '1:23 integer -2→-1',
        '1:23 integer -2→-3',
        '1:27 integer 10→11',
        '1:27 integer 10→9',
      ])
    } finally {
      cleanup()
    }
  })

  test('`+` and `+=` only between numbers (the type checker decides), ++/-- swapped, a sign removed', ({ assert }) => {
    const text = [
      'export function g(n: number, s: string): string {',
      '  let k = n + 1',
      '  k += n',
      '  k++',
      '  return s + n + String(-k)',
      '}',
      '',
    ].join('\n')
    const { program, cleanup } = project({ 'reference/g.ts': text })
    try {
      const found = changes(program.sites())
      assert.includeMembers(found, [
        '2:13 arithmetic +→-',
        '3:5 arithmetic +=→-=',
        '4:4 arithmetic ++→--',
        '5:25 arithmetic -→',
      ])
      assert.notInclude(found.join('\n'), '5:12', 'string concatenation is never mutated')
      assert.notInclude(found.join('\n'), '5:16')
    } finally {
      cleanup()
    }
  })

  test('Math.min/max and floor/ceil swapped; booleans flipped', ({ assert }) => {
    const text = 'export const m = Math.min(1.5, Math.floor(2.5)) > 0.5 ? true : false\n'
    const { program, cleanup } = project({ 'reference/m.ts': text })
    try {
      const found = changes(program.sites())
      assert.includeMembers(found, [
        '1:23 math min→max',
        '1:37 math floor→ceil',
        '1:57 boolean true→false',
        '1:64 boolean false→true',
      ])
    } finally {
      cleanup()
    }
  })

  test('type positions, imports and thrown values are not mutated', ({ assert }) => {
    const text = [
      "import { x } from './x.ts'",
      'export type One = 1 | 2',
      'export function h(v: 0 | 1): number {',
      '  if (v > x) throw new Error(`bad ${v + 1}`)',
      '  return v',
      '}',
      '',
    ].join('\n')
    const { program, cleanup } = project({ 'reference/h.ts': text, 'reference/x.ts': 'export const x = 3\n' })
    try {
      const found = changes(program.sites().filter((s) => s.file === 'reference/h.ts'))
      assert.deepEqual(found, ['4:9 relational >→>=', '4:9 relational >→<='])
    } finally {
      cleanup()
    }
  })

  test('each site names its top-level scope and the function V8 would name; applying it replaces exactly its text', ({
    assert,
  }) => {
    const text = [
      'export const impl = {',
      '  compute(a: number): number {',
      '    return [a].map((v) => v - 1)[0]!',
      '  },',
      '}',
      'export const half = (a: number): number => a / 2',
      '',
    ].join('\n')
    const { program, cleanup } = project({ 'reference/s.ts': text })
    try {
      const sites = program.sites()
      const minus = sites.find((s) => s.original === '-')!
      assert.equal(minus.scope, 'impl')
      assert.equal(minus.functionName, 'compute', 'the anonymous callback is looked through')
      const divide = sites.find((s) => s.original === '/')!
      assert.deepEqual([divide.scope, divide.functionName], ['half', 'half'])
      for (const site of sites) {
        assert.equal(text.slice(site.start, site.end), site.original)
        const mutated = mutatedText(text, site)
        assert.equal(mutated.slice(site.start, site.start + site.mutated.length), site.mutated)
        assert.equal(mutated.length, text.length - site.original.length + site.mutated.length)
      }
    } finally {
      cleanup()
    }
  })
})

test.group('mutation/typecheck: a mutant that does not compile', () => {
  test('`&&` → `||` that breaks a narrowing is reported with file:line:column; the clean text has no error', ({
    assert,
  }) => {
    const text = 'export function p(a?: { x: number }): boolean {\n  return a !== undefined && a.x > 0\n}\n'
    const { program, cleanup } = project({ 'reference/p.ts': text })
    try {
      const or = program.sites().find((s) => s.original === '&&')!
      const errors = program.errorsWith('reference/p.ts', mutatedText(text, or))
      assert.lengthOf(errors, 1)
      assert.match(errors[0]!, /^reference\/p\.ts:2:\d+ 'a' is possibly 'undefined'/)
      assert.deepEqual(program.errorsWith('reference/p.ts', text), [], 'the overlay is removed after each check')
    } finally {
      cleanup()
    }
  })
})
