/**
 * Loading a model a host saved into the shared model store (DESIGN.md §3.5): the `model_path` of a result
 * (`<modelsDir>/<strategy>/<SYMBOLS>_<tf>_v<N>`) is mapped back onto `ModelStorage.load`, after checking that it
 * lies inside the models directory this side knows.
 */
import { basename, dirname, relative, resolve, sep } from 'node:path'
import { ModelStorage, type LoadedModel } from '../../storage/model-storage.ts'

/**
 * Loads the model at `modelPath` through the store rooted at `modelsDir`.
 *
 * @throws Error when `modelPath` is not `<modelsDir>/<strategy>/<stem>_v<N>`; ModelStorageError when it cannot be read
 * @public
 */
export async function loadHostModel(modelsDir: string, modelPath: string): Promise<LoadedModel> {
  const base = resolve(modelsDir)
  const dir = resolve(modelPath)
  const inside = relative(base, dir)
  const match = /^(.+)_([^_]+)_v(\d+)$/.exec(basename(dir))
  if (inside.startsWith('..') || inside.split(sep).length !== 2 || !match) {
    throw new Error(`model_path ${modelPath} is not a model version directory inside the shared models dir ${base}`)
  }
  return new ModelStorage(base).load(basename(dirname(dir)), match[1]!, match[2]!, Number(match[3]))
}
