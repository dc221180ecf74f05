// The persisted-model check's reload comparison (harness/paths/persisted-check.ts): the saved model must predict on
// the test split what the run itself predicted — bit for bit, NaN where the run predicted NaN included.
import { test } from '@japa/runner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkPersistedModel } from '../../../../harness/paths/persisted-check.ts'
import type { TrainingProbes } from '../../../../reference/runtime/probes.ts'

/** Probes of a run with 4 combined rows of 2 features, the last 2 rows the test split, and its predictions. */
function probes(predictions: number[]): TrainingProbes {
  return {
    combined: {
      features: Float32Array.from([0, 0, 0, 0, 1, 2, 3, 4]),
      labels: Int32Array.from([0, 1, 2, 0]),
      symbolIndices: Int32Array.from([0, 0, 0, 0]),
    },
    split: { train: 1, validation: 1, test: 2 },
    predictions: Float32Array.from(predictions),
  } as unknown as TrainingProbes
}

async function check(inRun: number[], loaded: number[]): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'persisted-check-'))
  try {
    const modelPath = join(dir, 'model.json')
    writeFileSync(modelPath, '{}')
    const result = await checkPersistedModel(modelPath, probes(inRun), () => (x, rows) => {
      if (x.length !== 4 || rows !== 2) throw new Error(`predicted on ${rows} rows of ${x.length} values`)
      return Float32Array.from(loaded)
    })
    return result.maxPredictionDifference
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test.group('paths/persisted-check: the reload comparison', () => {
  test('the greatest difference from the run’s own predictions', async ({ assert }) => {
    assert.equal(await check([0.5, 0.25, 0.25], [0.5, 0.25, 0.25]), 0)
    assert.closeTo((await check([0.5, 0.25, 0.25], [0.5, 0.5, 0]))!, 0.25, 1e-7)
  })

  test('NaN predicted by both the run and the loaded model is reproduced; NaN on one side only is not', async ({
    assert,
  }) => {
    assert.equal(await check([Number.NaN, 0.25, 0.75], [Number.NaN, 0.25, 0.75]), 0)
    assert.equal(await check([Number.NaN, 0.25, 0.75], [0.5, 0.25, 0.75]), Infinity)
    assert.equal(await check([0.5, 0.25, 0.75], [0.5, Number.NaN, 0.75]), Infinity)
  })

  test('a different number of predictions never passes', async ({ assert }) => {
    assert.equal(await check([0.5, 0.25, 0.25], [0.5, 0.25]), Infinity)
  })
})
