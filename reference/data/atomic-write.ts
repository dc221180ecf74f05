/**
 * Whole-file writes that never leave a half-written file: write a temporary sibling, then rename over the target
 * (rename is atomic within one filesystem).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

let counter = 0

/**
 * Writes `content` to `path` through a temporary file in the same directory, creating the directory if needed.
 */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.${++counter}.tmp`
  try {
    writeFileSync(temp, content)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
