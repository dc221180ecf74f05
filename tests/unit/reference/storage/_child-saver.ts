// Child process of the cross-process save test: saves `count` models into argv[2] and prints their paths.
import { ModelStorage } from '../../../../reference/storage/model-storage.ts'
import { saveRequest } from './_saves.ts'

const [, , baseDir, countText] = process.argv
const storage = new ModelStorage(baseDir!)
const paths: string[] = []
for (let i = 0; i < Number(countText); i++) paths.push(await storage.save(saveRequest(i)))
process.stdout.write(JSON.stringify(paths))
