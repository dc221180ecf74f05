/**
 * The KTRDR checkout the oracle tests use: `KTRDR_SRC`, else the documented default `/work/ktrdr-1e0933c5` (where
 * the project's machines unpack kpiteira/ktrdr at 1e0933c5). Without it, or without Debian's packages
 * (`make oracle-deps`), every oracle test is skipped with the reason — CI has no checkout and skips them all.
 */
import { checkOracle, resolveKtrdrSrc } from '../../../harness/oracle/driver.ts'

/** Where the project's machines keep the checkout when `KTRDR_SRC` is unset. */
export const DEFAULT_TEST_CHECKOUT = '/work/ktrdr-1e0933c5'

/** The checkout for tests, or null. */
export const TEST_KTRDR_SRC = resolveKtrdrSrc(null, { KTRDR_SRC: process.env.KTRDR_SRC || DEFAULT_TEST_CHECKOUT })

let availability: Promise<string | null> | null = null

/** null when the oracle can run here; otherwise why not ("not run: no KTRDR checkout", missing packages). */
export function oracleUnavailable(): Promise<string | null> {
  availability ??= checkOracle(TEST_KTRDR_SRC).then((a) => (a.available ? null : a.reason))
  return availability
}

/** For japa's `.skip(…)`: true when the oracle cannot run. */
export async function skipWithoutOracle(): Promise<boolean> {
  return (await oracleUnavailable()) !== null
}
