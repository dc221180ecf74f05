/**
 * `ktrdr-train bench`: the paired old-versus-new performance gate with its scaling table (`--suite paired`, the
 * `make bench` default) and the training-throughput suite per runtime (`--suite training`). Heavy modules load
 * lazily so that `--help` stays fast.
 */
import type { CommandModule } from 'yargs'
import { DEVICE_ORDER } from '../../../reference/runtime/device-manager.ts'
import { UsageError } from '../../errors.ts'

interface BenchArgs {
  suite: 'paired' | 'training' | 'agreement'
  epochs: number | undefined
  json: boolean
  'report-dir': string
  quick: boolean
  'with-torch': boolean
  threads: number | undefined
  runtimes: string | undefined
  passes: number | undefined
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe:
    'Run benchmarks: the paired performance gate (paired), training throughput per runtime (training), or ' +
    'the agreement of the runtimes after training the shipped strategies (agreement)',
  builder: (y) =>
    y
      .option('suite', {
        choices: ['paired', 'training', 'agreement'] as const,
        default: 'paired' as const,
        describe: 'which suite',
      })
      .option('json', { type: 'boolean', default: false, describe: 'print machine-readable JSON on stdout' })
      .option('report-dir', { type: 'string', default: 'reports', describe: 'where bench.json / bench.html go' })
      .option('quick', { type: 'boolean', default: false, describe: 'fewer sizes and samples (for smoke runs)' })
      .option('with-torch', {
        type: 'boolean',
        default: false,
        describe: 'training suite: run PyTorch (Debian python3-torch) in the same rounds and report ratios',
      })
      .option('threads', {
        type: 'number',
        describe: 'training suite: threads of cpu-fused and PyTorch (default KTRDR_THREADS, else min(2, cores))',
      })
      .option('runtimes', {
        type: 'string',
        describe: 'training suite: comma-separated runtimes (default cpu-fused,wasm,cpu)',
      })
      .option('passes', { type: 'number', describe: 'training suite: timed passes per cell (default 5)' })
      .option('epochs', { type: 'number', describe: 'agreement suite: epochs per training (default 20)' }),
  handler: async (args) => {
    for (const flag of ['threads', 'passes', 'epochs'] as const) {
      const value = args[flag]
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
        throw new UsageError(`--${flag} must be an integer ≥ 1, got ${value}`)
      }
    }
    if (args.suite === 'agreement') {
      const { runRuntimeAgreement, formatRuntimeAgreement } = await import('../../bench/runtime-agreement.ts')
      const report = await runRuntimeAgreement({
        ...(args.epochs === undefined ? {} : { epochs: args.epochs }),
        onProgress: (line) => process.stderr.write(`${line}\n`),
      })
      process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRuntimeAgreement(report)}\n`)
      return
    }
    const runtimes = args.runtimes?.split(',').map((r) => r.trim())
    for (const name of runtimes ?? []) {
      if (!(DEVICE_ORDER as readonly string[]).includes(name))
        throw new UsageError(`--runtimes: unknown runtime ${JSON.stringify(name)} (known: ${DEVICE_ORDER.join(', ')})`)
    }
    if (args.suite === 'training') {
      const { runTrainingSuite, formatTrainingSuite } = await import('../../bench/training-suite.ts')
      const report = await runTrainingSuite({
        quick: args.quick,
        withTorch: args['with-torch'],
        ...(args.threads === undefined ? {} : { threads: args.threads }),
        ...(args.passes === undefined ? {} : { passes: args.passes }),
        ...(runtimes === undefined ? {} : { runtimes }),
        onProgress: (line) => process.stderr.write(`${line}\n`),
      })
      process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTrainingSuite(report)}\n`)
      return
    }
    const { runBenchGate } = await import('../../bench/gate.ts')
    const report = await runBenchGate({
      reportDir: args['report-dir'],
      quick: args.quick,
      log: (m) => process.stderr.write(`${m}\n`),
    })
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    for (const p of report.pairs) {
      process.stdout.write(
        `${p.verdict.padEnd(12)} ${p.name.padEnd(36)} ratio ${p.ratio_median.toFixed(3)} CI [${p.ci[0].toFixed(3)}, ${p.ci[1].toFixed(3)}] (${p.samples} pairs)${p.error ? ` error: ${p.error}` : ''}\n`,
      )
    }
    process.stdout.write(`bench verdict: ${report.verdict}\n`)
    if (report.verdict === 'fail') process.exitCode = 1
  },
}
