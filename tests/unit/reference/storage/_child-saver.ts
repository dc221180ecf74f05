// Child process of the cross-process save test: saves `count` models into argv[2] and prints their references.
import { ModelStorage, type ModelRef } from '../../../../reference/storage/model-storage.ts'
import { saveRequest } from './_saves.ts'

const [, , baseDir, countText] = process.argv
const storage = new ModelStorage(baseDir!)
const refs: ModelRef[] = []
for (let i = 0; i < Number(countText); i++) refs.push(await storage.save(saveRequest(i)))
process.stdout.write(JSON.stringify(refs))
