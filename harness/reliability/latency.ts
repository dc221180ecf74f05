/**
 * Latency figures for the load and fault tests (issue 10): nearest-rank percentiles and a one-line summary.
 */

/** Summary of a set of latencies in milliseconds. */
export interface LatencySummary {
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
}

/**
 * Nearest-rank percentile (`p` in 0–100) of `values`; NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length === 0 ? NaN : Math.max(...values),
  }
}

/** `label: n=… p50=… ms p95=… ms p99=… ms max=… ms` with two decimals. */
export function formatLatencies(label: string, s: LatencySummary): string {
  const ms = (v: number): string => `${v.toFixed(2)} ms`
  return `${label}: n=${s.count} p50=${ms(s.p50)} p95=${ms(s.p95)} p99=${ms(s.p99)} max=${ms(s.max)}`
}
