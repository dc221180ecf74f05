/**
 * `ktrdr-train train`: parses the flags of one training run, calls `runTrain` (harness/train/run-train.ts) and
 * prints ONE JSON object on stdout (with `--json`, else a summary line) and a progress line per epoch on stderr.
 */
import { resolve } from 'node:path'
import type { CommandModule } from 'yargs'
import { DEVICE_ORDER, type DeviceName } from '../../../reference/runtime/device-manager.ts'
import { UsageError } from '../../errors.ts'
import { KTRDR_SRC_OPTION } from '../../oracle/cli.ts'
import { runTrain, TRAIN_PATHS, type TrainPath } from '../../train/run-train.ts'
import { listOption } from '../list-option.ts'

interface TrainArgs {
  path: TrainPath
  strategy: string
  'data-dir': string
  symbols: string
  timeframes: string
  start?: string
  end?: string
  seed: number
  epochs?: number
  'models-dir': string
  device: string
  'host-url'?: string
  'ktrdr-src'?: string
  json: boolean
}

/** `ktrdr-train train …`. */
export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'Train one strategy through one execution path and report weights digest, metrics and timings',
  builder: (y) =>
    y
      .option('path', { choices: TRAIN_PATHS, demandOption: true, describe: 'execution path' })
      .option('strategy', { type: 'string', demandOption: true, describe: 'strategy YAML file' })
      .option('data-dir', { type: 'string', demandOption: true, describe: 'directory of <SYMBOL>_<TF>.csv files' })
      .option('symbols', { type: 'string', demandOption: true, describe: 'comma-separated symbols, e.g. AAPL,MSFT' })
      .option('timeframes', { type: 'string', demandOption: true, describe: 'comma-separated timeframes, e.g. 1h,4h' })
      .option('start', { type: 'string', describe: 'start date (default 2020-01-01, the old runner’s)' })
      .option('end', { type: 'string', describe: 'end date (default today, UTC)' })
      .option('seed', { type: 'number', demandOption: true, describe: 'seed of the run’s single random generator' })
      .option('epochs', { type: 'number', describe: 'override model.training.epochs' })
      .option('models-dir', { type: 'string', demandOption: true, describe: 'model store base directory' })
      .option('device', {
        type: 'string',
        default: 'auto',
        describe: `training device: auto, ${DEVICE_ORDER.join(', ')}`,
      })
      .option('host-url', { type: 'string', describe: 'base URL of the training host (host_old / host_new)' })
      .option('ktrdr-src', KTRDR_SRC_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' }),
  handler: async (args) => {
    if (!Number.isInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`)
    if (args.epochs !== undefined && !(Number.isInteger(args.epochs) && args.epochs >= 1)) {
      throw new UsageError(`--epochs must be a positive integer, got ${args.epochs}`)
    }
    const device = args.device as DeviceName | 'auto'
    if (device !== 'auto' && !(DEVICE_ORDER as readonly string[]).includes(device)) {
      throw new UsageError(`--device must be auto or one of ${DEVICE_ORDER.join(', ')}, got ${args.device}`)
    }
    const result = await runTrain({
      path: args.path,
      strategyPath: resolve(args.strategy),
      dataDir: resolve(args['data-dir']),
      symbols: listOption(args.symbols, '--symbols'),
      timeframes: listOption(args.timeframes, '--timeframes'),
      startDate: args.start ?? null,
      endDate: args.end ?? null,
      seed: args.seed,
      epochs: args.epochs ?? null,
      modelsDir: resolve(args['models-dir']),
      device,
      hostUrl: args['host-url'] ?? null,
      ktrdrSrc: args['ktrdr-src'] ?? null,
      progress: (line) => process.stderr.write(`${line}\n`),
    })
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`)
    else {
      const m = result.metrics
      process.stdout.write(
        `${result.path} on ${result.device}: test_accuracy=${m.test_accuracy.toFixed(4)} f1=${m.f1_score.toFixed(4)} ` +
          `weights_sha256=${result.weights_sha256 ?? '-'} model=${result.model_path ?? '-'}\n`,
      )
    }
  },
}
