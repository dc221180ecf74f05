/**
 * Child process of the storage reliability tests (issue 10): saves into the model store at argv[2], argv[3]
 * times (0 = until killed), weights seeded from argv[4] + i, and prints each saved version's path on its own stdout line as
 * soon as the save returns. Run with `node --import tsx harness/reliability/child-saver.ts <base> <count> <seed>`.
 */
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import { reliabilitySaveRequest } from './save-request.ts'

const [, , baseDir, countText, seedText] = process.argv
const count = Number(countText)
const seed = Number(seedText)
if (!baseDir || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
  process.stderr.write('usage: child-saver.ts <models-dir> <count (0 = forever)> <seed>\n')
  process.exit(2)
}
const storage = new ModelStorage(baseDir)
for (let i = 0; count === 0 || i < count; i++) {
  process.stdout.write(`${(await storage.save(reliabilitySaveRequest(seed + i))).path}\n`)
}
