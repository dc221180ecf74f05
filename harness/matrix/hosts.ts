/**
 * The host services of one matrix run: started once (unless the caller serves them at `hostUrl`), given to the
 * host runs by URL, and kept clean between runs — every session a run started is stopped once the run has ended
 * (a run that timed out or crashed leaves its sessions training), and an old host that cannot stop a session
 * is restarted before its next run, since it serves one session at a time (docs/legacy-behaviour.md §9.2). The old host
 * reads a copy of the data without its missing-close rows (./old-host-data.ts), written once.
 */
import { startHostProcess, type HostProcess } from '../../reference/host-service/process.ts'
import { isLiveState, sessionState, stopSession } from '../paths/host-probes.ts'
import { harnessDevice } from '../paths/run-request.ts'
import type { SessionNote } from '../paths/progress-line.ts'
import type { PathName } from '../paths/types.ts'
import { writeOldHostData } from './old-host-data.ts'
import type { HostOldSizing } from './profile.ts'

/** The two host paths. */
export type HostPath = Extract<PathName, 'host_old' | 'host_new'>

/** How to start the hosts of a matrix run. */
export interface MatrixHostOptions {
  readonly modelsDir: string
  readonly probesDir: string
  readonly dataDir: string
  /** Where the old host's copy of `dataDir` (without missing-close rows) is written. */
  readonly oldHostDataDir: string
  readonly strategiesDir: string
  readonly seed: number
  /** The profile's last day: the old host's clock (its one-year data window ends there). */
  readonly endDate: string
  readonly hostOld: HostOldSizing
  /** Runs in parallel; the new host admits two sessions per run (a run's probes hold two at once). */
  readonly jobs: number
  /** A new-host session still training after this long is ended by the host itself. */
  readonly sessionTimeLimitS: number
  /** A host the caller serves both implementations at; null starts our own. */
  readonly hostUrl: string | null
  readonly log: (line: string) => void
}

/** The running hosts. */
export interface MatrixHosts {
  /** The URL of a host path's service, or null when that path is not run. */
  url(path: HostPath): string | null
  /**
   * Stops every session of `sessions` that is still live; an old host that fails to is restarted (a new host
   * ends such a session at its session time limit).
   */
  settle(path: HostPath, sessions: readonly SessionNote[]): Promise<void>
  /** Stops the hosts this object started. */
  stop(): Promise<void>
}

/** Starts the services of the host paths in `paths` (none when `options.hostUrl` is given). */
export async function startMatrixHosts(paths: ReadonlySet<PathName>, options: MatrixHostOptions): Promise<MatrixHosts> {
  const running = new Map<HostPath, HostProcess>()
  const urls = new Map<HostPath, string>()
  let oldHostData: string | null = null
  const dataDirOf = (impl: 'old' | 'new'): string => {
    if (impl === 'new') return options.dataDir
    if (oldHostData === null) {
      const copy = writeOldHostData(options.dataDir, options.oldHostDataDir)
      oldHostData = copy.dir
      options.log(
        `equivalence: host_old reads the data without its ${copy.droppedRows} missing-close rows (${copy.dir})`,
      )
    }
    return oldHostData
  }
  const start = async (path: HostPath): Promise<void> => {
    const impl = path === 'host_old' ? 'old' : 'new'
    const host = await startHostProcess({
      impl,
      modelsDir: options.modelsDir,
      dataDir: dataDirOf(impl),
      probesDir: options.probesDir,
      strategiesDir: options.strategiesDir,
      seed: options.seed,
      device: harnessDevice(),
      ...(impl === 'old'
        ? { batchDelayMs: options.hostOld.batchDelayMs, now: `${options.endDate}T00:00:00Z` }
        : { maxSessions: Math.max(2, 2 * options.jobs), sessionTimeLimitS: options.sessionTimeLimitS }),
    })
    running.set(path, host)
    urls.set(path, host.url)
    options.log(`equivalence: started ${path} at ${host.url}`)
  }
  const stop = async (): Promise<void> => void (await Promise.all([...running.values()].map((h) => h.stop())))
  try {
    for (const path of ['host_old', 'host_new'] as const) {
      if (!paths.has(path)) continue
      if (options.hostUrl) urls.set(path, options.hostUrl)
      else await start(path)
    }
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: (path) => urls.get(path) ?? null,
    stop,
    async settle(path, sessions) {
      for (const session of sessions) {
        try {
          if (!isLiveState(await sessionState(session.host, session.id))) continue
          const state = await stopSession(session.host, session.id)
          options.log(`equivalence: ${path} session ${session.id}, left running by its run, is now ${state}`)
        } catch (error) {
          const host = running.get(path)
          const reason = (error as Error).message
          if (path !== 'host_old' || !host) {
            options.log(`equivalence: could not stop ${path} session ${session.id}: ${reason}`)
            continue
          }
          options.log(`equivalence: restarting host_old: could not stop session ${session.id}: ${reason}`)
          running.delete(path)
          await host.stop()
          await start(path)
          return
        }
      }
    },
  }
}
