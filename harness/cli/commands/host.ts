/**
 * `ktrdr-train host serve`: runs the old (`--impl old`, legacy/host) or the new (`--impl new`,
 * reference/host-service) training host as a real HTTP server (docs/architecture.md §3.5), prints
 * `listening http://<host>:<port>` on stdout once it accepts connections, and shuts down gracefully on SIGTERM /
 * SIGINT (the new host stops its running sessions first, so they end `stopped` and save nothing). The training
 * device is chosen once at start-up by the DeviceManager (`--device`, else `KTRDR_DEVICE`, else detection) and
 * logged on stderr; the new host reports it, with the reason, in `/health` and every status and result.
 */
import type { Server } from 'node:http'
import type { CommandModule } from 'yargs'
import { createLegacyHost } from '../../../legacy/host/server.ts'
import { parseUtcTimestamp } from '../../../reference/data/timestamps.ts'
import { TOKEN_ENV_VAR } from '../../../reference/host-service/auth.ts'
import { createHostService } from '../../../reference/host-service/server.ts'
import {
  DEVICE_ORDER,
  DeviceManager,
  type DeviceName,
  type DeviceSelection,
} from '../../../reference/runtime/device-manager.ts'
import { UsageError } from '../../errors.ts'

const DEVICE_CHOICES = ['auto', ...DEVICE_ORDER] as const

interface HostArgs {
  action: 'serve'
  impl: 'old' | 'new'
  port: number
  host: string
  'models-dir': string
  'data-dir': string
  'batch-delay-ms'?: number
  'max-sessions': number
  token?: string
  now?: string
  'strategies-dir'?: string
  'probes-dir'?: string
  seed: number
  'session-time-limit-s': number
  device?: DeviceName | 'auto'
}

/** A started server and how to wind its service down. */
interface Running {
  readonly server: Server
  readonly shutdown: () => Promise<void>
}

/** `ktrdr-train host serve …`. */
export const hostCommand: CommandModule<object, HostArgs> = {
  command: 'host <action>',
  describe: 'Training host services. serve: run the old or new host as an HTTP server',
  builder: (y) =>
    y
      .positional('action', { choices: ['serve'] as const, demandOption: true, describe: 'what to do' })
      .option('impl', {
        choices: ['old', 'new'] as const,
        demandOption: true,
        describe: 'old = legacy/host, new = reference/host-service',
      })
      .option('port', { type: 'number', demandOption: true, describe: 'TCP port; 0 picks a free one' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'interface to bind (loopback unless told otherwise)',
      })
      .option('models-dir', {
        type: 'string',
        demandOption: true,
        describe: 'shared model store (the old host saves nothing)',
      })
      .option('data-dir', { type: 'string', demandOption: true, describe: 'directory of <SYMBOL>_<TF>.csv files' })
      .option('batch-delay-ms', {
        type: 'number',
        describe: 'old host: sleep N ms after each batch and 5·N after each epoch (default 100 / 500, the original)',
      })
      .option('max-sessions', {
        type: 'number',
        default: 2,
        describe: 'new host: concurrent sessions (the old host allows 1)',
      })
      .option('token', {
        type: 'string',
        describe: `new host: bearer token on every endpoint but /health (default: $${TOKEN_ENV_VAR})`,
      })
      .option('now', {
        type: 'string',
        describe: 'old host: fixed clock (ISO-8601) for its one-year data window; new host: ignored',
      })
      .option('strategies-dir', {
        type: 'string',
        describe: 'new host: where strategy_config names resolve (default: strategies/)',
      })
      .option('probes-dir', { type: 'string', describe: 'new host: write each completed session’s stage probes here' })
      .option('seed', { type: 'number', default: 42, describe: 'seed of sessions whose request carries none' })
      .option('device', {
        choices: DEVICE_CHOICES,
        describe: 'training device (default: $KTRDR_DEVICE, else auto = the first usable in that order)',
      })
      .option('session-time-limit-s', {
        type: 'number',
        default: 3600,
        describe: 'new host: per-session run time limit',
      }),
  handler: async (args) => {
    const device = await selectDevice(args.device)
    process.stderr.write(`[host ${args.impl}] device ${device.device} (${device.info.reason})\n`)
    const running = args.impl === 'old' ? startOld(args, device) : startNew(args, device)
    await listen(running.server, args.port, args.host)
    const address = running.server.address()
    const port = typeof address === 'object' && address ? address.port : args.port
    process.stdout.write(`listening http://${args.host}:${port}\n`)
    await untilSignal()
    await running.shutdown()
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS))
    running.server.close()
    running.server.closeAllConnections()
  },
}

/**
 * After a signal, running sessions are stopped first and the server keeps answering for this long, so that a
 * polling client sees each session end `stopped` before the connection goes away. @default 750 ms (over two of the
 * old backend's 0.3 s poll intervals)
 */
const SHUTDOWN_DRAIN_MS = 750

/**
 * The host's training device.
 *
 * @throws DeviceError (exit code 2) when the requested device (or `KTRDR_DEVICE`'s) cannot be used here
 */
function selectDevice(request: DeviceName | 'auto' | undefined): Promise<DeviceSelection> {
  return new DeviceManager(request === undefined ? {} : { request }).detectDevice()
}

function startOld(args: HostArgs, device: DeviceSelection): Running {
  const delay = args['batch-delay-ms']
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0)) {
    throw new UsageError(`--batch-delay-ms must be a non-negative integer, got ${delay}`)
  }
  let now: (() => number) | undefined
  if (args.now !== undefined) {
    const fixed = parseUtcTimestamp(args.now)
    if (Number.isNaN(fixed)) throw new UsageError(`--now: cannot parse ${JSON.stringify(args.now)} as ISO-8601`)
    now = () => fixed
  }
  const host = createLegacyHost({
    dataDir: args['data-dir'],
    ...(delay === undefined ? {} : { batchDelayMs: delay, epochDelayMs: 5 * delay }),
    seed: checkedSeed(args.seed),
    runtime: device.runtime,
    ...(now ? { now } : {}),
    log: (line) => process.stderr.write(`[host old] ${line}\n`),
  })
  return { server: host.server, shutdown: () => host.shutdown() }
}

function startNew(args: HostArgs, device: DeviceSelection): Running {
  if (!(Number.isInteger(args['max-sessions']) && args['max-sessions'] >= 1)) {
    throw new UsageError(`--max-sessions must be a positive integer, got ${args['max-sessions']}`)
  }
  const limit = args['session-time-limit-s']
  if (!(limit > 0)) throw new UsageError(`--session-time-limit-s must be positive, got ${limit}`)
  const token = args.token ?? process.env[TOKEN_ENV_VAR] ?? null
  if (token === '') throw new UsageError('--token must not be empty')
  const service = createHostService({
    modelsDir: args['models-dir'],
    dataDir: args['data-dir'],
    ...(args['strategies-dir'] === undefined ? {} : { strategiesDir: args['strategies-dir'] }),
    probesDir: args['probes-dir'] ?? null,
    maxSessions: args['max-sessions'],
    token,
    sessionTimeLimitMs: limit * 1000,
    seed: checkedSeed(args.seed),
    device,
    log: (line) => process.stderr.write(`[host new] ${line}\n`),
  })
  return { server: service.server, shutdown: () => service.shutdown() }
}

function checkedSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    throw new UsageError(`--seed must be an integer in [0, 2^32), got ${seed}`)
  return seed
}

function listen(server: Server, port: number, host: string): Promise<void> {
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535))
    throw new UsageError(`--port must be 0…65535, got ${port}`)
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new UsageError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)),
    )
    server.listen(port, host, () => resolve())
  })
}

/** Resolves on the first SIGTERM or SIGINT. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
      resolve()
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
  })
}
