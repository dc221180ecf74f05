/**
 * A small work pool: runs tasks with at most `jobs` in flight overall and at most `limit(group)` in flight per
 * group (the old host serves one session at a time, docs/legacy-behaviour.md §9.2). Results keep task order.
 */

export interface PoolTask<T> {
  readonly group: string
  run(): Promise<T>
}

/** Runs every task; never rejects unless a task's promise rejects (tasks are expected to return errors as values). */
export async function runPool<T>(
  tasks: readonly PoolTask<T>[],
  jobs: number,
  limit: (group: string) => number = () => Infinity,
): Promise<T[]> {
  const results = new Array<T>(tasks.length)
  const active = new Map<string, number>()
  const pending = tasks.map((_, i) => i)
  let inFlight = 0
  return new Promise((resolve, reject) => {
    const startNext = (): void => {
      if (pending.length === 0 && inFlight === 0) return resolve(results)
      while (inFlight < Math.max(1, jobs)) {
        const at = pending.findIndex((i) => (active.get(tasks[i]!.group) ?? 0) < limit(tasks[i]!.group))
        if (at < 0) return
        const i = pending.splice(at, 1)[0]!
        const task = tasks[i]!
        active.set(task.group, (active.get(task.group) ?? 0) + 1)
        inFlight++
        task.run().then((value) => {
          results[i] = value
          active.set(task.group, active.get(task.group)! - 1)
          inFlight--
          startNext()
        }, reject)
      }
    }
    startNext()
  })
}
