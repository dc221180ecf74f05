/**
 * The line protocol between a cell's child process and the matrix runner, on the child's stdout:
 * `@@progress {"stage":…,"epoch":…,"epochs":…}` (the parent turns it into a stderr status line) and
 * `@@session {"host":…,"id":…}` for every session the child starts on a host (the parent stops them when the
 * child dies or times out, so no session outlives its run).
 */

export const PROGRESS_PREFIX = '@@progress '
export const SESSION_PREFIX = '@@session '

/** A progress note from a running cell. */
export interface ProgressNote {
  readonly stage: string
  readonly epoch: number | null
  readonly epochs: number | null
}

/** A host session a running cell started. */
export interface SessionNote {
  /** Base URL of the host. */
  readonly host: string
  readonly id: string
}

/** Formats a note for the child's stdout. */
export function formatProgressLine(note: ProgressNote): string {
  return `${PROGRESS_PREFIX}${JSON.stringify(note)}\n`
}

/** Formats a session note for the child's stdout. */
export function formatSessionLine(note: SessionNote): string {
  return `${SESSION_PREFIX}${JSON.stringify(note)}\n`
}

function payload(line: string, prefix: string): Record<string, unknown> | null {
  if (!line.startsWith(prefix)) return null
  try {
    const v = JSON.parse(line.slice(prefix.length)) as unknown
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Parses a stdout line; null when it is not a progress line. */
export function parseProgressLine(line: string): ProgressNote | null {
  const v = payload(line, PROGRESS_PREFIX)
  if (!v || typeof v.stage !== 'string') return null
  const num = (x: unknown): number | null => (typeof x === 'number' ? x : null)
  return { stage: v.stage, epoch: num(v.epoch), epochs: num(v.epochs) }
}

/** Parses a stdout line; null when it is not a session line. */
export function parseSessionLine(line: string): SessionNote | null {
  const v = payload(line, SESSION_PREFIX)
  return v && typeof v.host === 'string' && typeof v.id === 'string' ? { host: v.host, id: v.id } : null
}
