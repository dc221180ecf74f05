/**
 * The copy of the data the matrix gives the old host: every `<SYMBOL>_<TF>.csv` without the rows whose close is
 * missing. The old host feeds raw closes to its placeholder network, so one missing close makes the loss NaN, its
 * status endpoint then answers HTTP 500 (Starlette refuses NaN in JSON, as legacy/host/server.ts keeps) and the
 * session it leaves running refuses every later start. Faithful, but it would turn every host_old cell on real
 * data into an error; host_old is compared on its protocol only, so it trains on the closes that exist.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { formatOhlcvCsv, readOhlcvCsv } from '../../reference/data/csv.ts'
import { selectRows } from '../../reference/data/frame.ts'

const DATA_FILE = /^(.+)_([^_]+)\.csv$/

/**
 * Writes into `targetDir` each data file of `sourceDir` with its missing-close rows left out.
 *
 * @returns `targetDir` and how many rows were left out
 */
export function writeOldHostData(sourceDir: string, targetDir: string): { dir: string; droppedRows: number } {
  mkdirSync(targetDir, { recursive: true })
  let droppedRows = 0
  for (const name of readdirSync(sourceDir)) {
    const match = DATA_FILE.exec(name)
    if (!match) continue
    const frame = readOhlcvCsv(join(sourceDir, name), match[1]!, match[2]!)
    const kept = selectRows(frame, (i) => !Number.isNaN(frame.close[i]!))
    droppedRows += frame.timestamps.length - kept.timestamps.length
    writeFileAtomic(join(targetDir, name), formatOhlcvCsv(kept))
  }
  return { dir: targetDir, droppedRows }
}
