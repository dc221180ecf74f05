import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { test } from '@japa/runner'

const root = resolve(import.meta.dirname, '../../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Every relative import specifier in a TypeScript source (static, dynamic and re-exports). */
function importSpecifiers(source: string): string[] {
  const pattern = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g
  return [...source.matchAll(pattern)].map((m) => m[1]!)
}

test.group('layout: legacy/ is a frozen snapshot', () => {
  test('legacy/ imports nothing from reference/ except reference/runtime/', ({ assert }) => {
    const offenders: string[] = []
    for (const file of sourceFiles(join(root, 'legacy'))) {
      for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue
        const target = relative(root, resolve(file, '..', spec))
        if (target.startsWith('reference/') && !target.startsWith('reference/runtime/')) {
          offenders.push(`${relative(root, file)} imports ${spec}`)
        }
        if (target.startsWith('harness/')) offenders.push(`${relative(root, file)} imports ${spec}`)
      }
    }
    assert.deepEqual(offenders, [])
  })

  test('the import scanner sees static, dynamic and re-export forms', ({ assert }) => {
    const specs = importSpecifiers(
      "import { a } from '../x.ts'\nexport { b } from \"./y.ts\"\nconst m = await import('../z.ts')\nimport './w.ts'",
    )
    assert.deepEqual(specs, ['../x.ts', './y.ts', '../z.ts', './w.ts'])
  })
})
