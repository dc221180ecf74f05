/**
 * The one-line progress protocol between a cell's child process and the matrix runner: the child prints
 * `@@progress {"stage":…,"epoch":…,"epochs":…}` on stdout; the parent turns it into a stderr status line.
 */

export const PROGRESS_PREFIX = '@@progress '

/** A progress note from a running cell. */
export interface ProgressNote {
  readonly stage: string
  readonly epoch: number | null
  readonly epochs: number | null
}

/** Formats a note for the child's stdout. */
export function formatProgressLine(note: ProgressNote): string {
  return `${PROGRESS_PREFIX}${JSON.stringify(note)}\n`
}

/** Parses a stdout line; null when it is not a progress line. */
export function parseProgressLine(line: string): ProgressNote | null {
  if (!line.startsWith(PROGRESS_PREFIX)) return null
  try {
    const v = JSON.parse(line.slice(PROGRESS_PREFIX.length)) as Partial<ProgressNote>
    return typeof v.stage === 'string' ? { stage: v.stage, epoch: v.epoch ?? null, epochs: v.epochs ?? null } : null
  } catch {
    return null
  }
}
