/**
 * Durable filesystem steps of the model store: files written and fsynced, directories fsynced, a directory
 * renamed into a name only if that name is free, and a symlink swapped atomically (temp link + rename).
 */
import { open, rename, rm, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { tempName } from './model-dirs.ts'

/** Writes `content` to a new file and fsyncs it. */
export async function writeFileSynced(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** fsyncs a directory so the entries created in it survive a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Renames directory `from` to `to` unless `to` already holds a (non-empty) directory. Returns false when the name
 * was taken (`ENOTEMPTY` / `EEXIST`), so a concurrent saver — in this or another process — keeps its version.
 */
export async function renameIfFree(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false
    throw error
  }
}

/**
 * Points the symlink `dir/name` at `target` (a sibling name, relative) by creating a temporary link and renaming
 * it over the old one: readers see the old or the new target, never a missing link.
 */
export async function swapSymlink(dir: string, name: string, target: string): Promise<void> {
  const temp = join(dir, tempName())
  await symlink(target, temp)
  try {
    await rename(temp, join(dir, name))
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
