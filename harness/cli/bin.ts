/**
 * The `ktrdr-train` process entry: runs the CLI on this process's arguments and sets its exit code.
 * `bin/ktrdr-train.js` loads the compiled copy (`dist/harness/cli/bin.js`); hosts and other children the package
 * starts run the copy that matches their parent (see `reference/runtime/module-entry.ts`).
 */
import { main } from './main.ts'

process.exitCode = await main(process.argv.slice(2))
