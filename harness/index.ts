/**
 * The programmatic harness (`import { … } from 'ktrdr-training/harness'`): run the equivalence matrix, run and
 * compare single runs, write and merge reports, run the benchmarks — the functions the `ktrdr-train` commands
 * call. `api/harness.txt` lists these names and a test keeps the two equal.
 */

// The equivalence matrix.
export { runEquivalence, type EquivalenceOptions } from './matrix/runner.ts'
export { PROFILES, PROFILE_NAMES, type ProfileName } from './matrix/profile.ts'
export {
  PATH_NAMES,
  CANARY_NAMES,
  type PathName,
  type CanaryName,
  type RunSettings,
  type RunSpec,
  type RunResult,
  type RunArtifacts,
} from './paths/types.ts'
export { loadLedger, LedgerError, DEFAULT_LEDGER_PATH } from './ledger/load.ts'
export type { Ledger, LedgerEntry } from './ledger/types.ts'
export {
  materializeEmbeddedDataset,
  writeSyntheticDataset,
  type SyntheticMarketOptions,
} from '../reference/data/synthetic.ts'

// One run, and two runs compared.
export { runTrain, TRAIN_PATHS, type TrainPath, type TrainOptions } from './train/run-train.ts'
export type { TrainJson, HistoryRecord } from './train/train-json.ts'
export { ChildProcessAdapter, type ChildProcessAdapterOptions } from './paths/cell-process.ts'
export { compareRuns } from './compare/run-pair.ts'
export type { Comparison } from './compare/comparison.ts'
export type { ToleranceContext } from './compare/tolerance.ts'

// Reports.
export { writeReports, type Reporter } from './report/reporter.ts'
export { jsonReporter } from './report/json.ts'
export { htmlReporter } from './report/html.ts'
export { markdownReporter } from './report/markdown.ts'
export { mergeReports, readShard, MergeError } from './report/merge.ts'
export { validateReport } from './report/schema-check.ts'
export { SCHEMA_VERSION, type EquivalenceReport } from './report/model.ts'

// Benchmarks.
export { runBenchGate, type BenchGateOptions } from './bench/gate.ts'
export { writeBenchReport, type BenchReport } from './bench/report.ts'
export {
  runTrainingSuite,
  formatTrainingSuite,
  type TrainingSuiteOptions,
  type TrainingSuiteReport,
} from './bench/training-suite.ts'

// Errors of a bad call or an environment that cannot run it (the command line's exit code 2).
export { UsageError, EnvironmentError } from './errors.ts'

// The command line, callable in-process.
export { main as runCli } from './cli/main.ts'
