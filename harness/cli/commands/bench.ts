/**
 * `ktrdr-train bench`: the paired old-versus-new performance gate with its scaling table (`--suite paired`, the
 * `make bench` default) and the training-throughput suite per runtime (`--suite training`). Heavy modules load
 * lazily so that `--help` stays fast.
 */
import type { CommandModule } from 'yargs'

interface BenchArgs {
  suite: 'paired' | 'training'
  json: boolean
  'report-dir': string
  quick: boolean
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe: 'Run benchmarks: the paired performance gate (paired) or training throughput per runtime (training)',
  builder: (y) =>
    y
      .option('suite', {
        choices: ['paired', 'training'] as const,
        default: 'paired' as const,
        describe: 'which suite',
      })
      .option('json', { type: 'boolean', default: false, describe: 'print machine-readable JSON on stdout' })
      .option('report-dir', { type: 'string', default: 'reports', describe: 'where bench.json / bench.html go' })
      .option('quick', { type: 'boolean', default: false, describe: 'fewer sizes and samples (for smoke runs)' }),
  handler: async (args) => {
    if (args.suite === 'training') {
      const { runTrainingSuite, formatTrainingSuite } = await import('../../bench/training-suite.ts')
      const report = await runTrainingSuite({ quick: args.quick })
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
