// Model-based test of the new host's HTTP protocol (docs/architecture.md §5 "Host", docs/legacy-behaviour.md §9.2) with
// `fc.commands`: random sequences of start / status / stop / result / sessions / bad requests against ONE running
// new host (started once for the group with `startHostProcess`, tiny synthetic data, 1–3 epochs). Invariants after
// every command: no 5xx ever; a session's state only moves forward (initializing → running → completed | stopped |
// failed, and a terminal state never changes); a session whose stop was accepted never becomes `completed` (nor
// yields a result); a result exists exactly for completed sessions; at most `--max-sessions` sessions are active,
// and a 429 comes only when that many may be active.
import { test } from '@japa/runner'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'
import { seedArb, strategySpecArb, strategyYaml } from '../../harness/arbitraries/strategy.ts'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { startHostProcess, type HostProcess } from '../../reference/host-service/process.ts'

const FILE = import.meta.filename
const MAX_SESSIONS = 2
const SYMBOL = 'AAPL'
const RANK: Readonly<Record<string, number>> = { initializing: 0, running: 1, completed: 2, stopped: 2, failed: 2 }

interface Reply {
  readonly status: number
  readonly body: Record<string, unknown>
}

/** What the model knows of each session this sequence started. */
interface SessionModel {
  lastStatus: string
  stopAccepted: boolean
  history: string[]
}

interface HostModel {
  readonly sessions: Map<string, SessionModel>
  readonly ids: string[]
}

interface Real {
  readonly url: string
}

async function call(url: string, method: string, path: string, body?: unknown, raw?: string): Promise<Reply> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } }
  if (raw !== undefined) init.body = raw
  else if (body !== undefined) init.body = JSON.stringify(body)
  const response = await fetch(`${url}${path}`, init)
  const text = await response.text()
  let parsed: Record<string, unknown> = {}
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    throw new Error(`${method} ${path}: ${response.status} with a non-JSON body: ${text.slice(0, 200)}`)
  }
  if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`)
  return { status: response.status, body: parsed }
}

/** Sessions the model has not yet seen end: a superset of the host's active sessions of this sequence. */
function possiblyActive(m: HostModel): number {
  return [...m.sessions.values()].filter((s) => RANK[s.lastStatus]! < 2).length
}

/** Records an observed status, enforcing forward-only moves and "stopped never becomes completed". */
function observe(m: HostModel, id: string, status: string): void {
  const s = m.sessions.get(id)!
  if (!(status in RANK)) throw new Error(`session ${id}: unknown status ${status}`)
  const before = s.lastStatus
  if (RANK[status]! < RANK[before]! || (RANK[before] === 2 && status !== before)) {
    throw new Error(`session ${id}: state moved back: ${[...s.history, status].join(' → ')}`)
  }
  if (s.stopAccepted && status === 'completed') {
    throw new Error(`session ${id}: stop was accepted, yet it ended completed (${[...s.history, status].join(' → ')})`)
  }
  if (status !== before) s.history.push(status)
  s.lastStatus = status
}

function pick(m: HostModel, index: number): string {
  return m.ids[index % m.ids.length]!
}

const START_BODY = (yaml: string, epochs: number, seed: number) => ({
  model_configuration: { strategy_yaml: yaml },
  training_configuration: { epochs, seed, start_date: '2024-01-01', end_date: '2024-02-01' },
  data_configuration: { symbols: [SYMBOL], timeframes: ['1h'] },
})

class StartCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(
    readonly yaml: string,
    readonly epochs: number,
    readonly seed: number,
  ) {}
  check = () => true
  async run(m: HostModel, r: Real): Promise<void> {
    const reply = await call(r.url, 'POST', '/training/start', START_BODY(this.yaml, this.epochs, this.seed))
    if (reply.status === 429) {
      if (possiblyActive(m) < MAX_SESSIONS) {
        throw new Error(`429 with at most ${possiblyActive(m)} of ${MAX_SESSIONS} sessions possibly active`)
      }
      return
    }
    if (reply.status !== 200 || typeof reply.body.session_id !== 'string') {
      throw new Error(`start: ${reply.status} ${JSON.stringify(reply.body)}`)
    }
    const id = reply.body.session_id
    if (m.sessions.has(id)) throw new Error(`start: session id ${id} issued twice`)
    m.sessions.set(id, { lastStatus: 'initializing', stopAccepted: false, history: ['initializing'] })
    m.ids.push(id)
  }
  toString = () => `start(epochs ${this.epochs}, seed ${this.seed})`
  toJSON = () => ({ cmd: 'start', yaml: this.yaml, epochs: this.epochs, seed: this.seed })
}

class StatusCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<HostModel>) => m.ids.length > 0
  async run(m: HostModel, r: Real): Promise<void> {
    const id = pick(m, this.index)
    const reply = await call(r.url, 'GET', `/training/status/${id}`)
    if (reply.status !== 200) throw new Error(`status ${id}: ${reply.status} ${JSON.stringify(reply.body)}`)
    observe(m, id, String(reply.body.status))
  }
  toString = () => `status(#${this.index})`
  toJSON = () => ({ cmd: 'status', index: this.index })
}

/**
 * POST /training/stop: 202 while active (then the session must never complete), 409 once ended or while the
 * model is being saved (past the last cancellation point: too late to stop).
 */
async function stopSession(m: HostModel, url: string, id: string): Promise<void> {
  const reply = await call(url, 'POST', '/training/stop', { session_id: id })
  if (reply.status === 202) {
    if (RANK[m.sessions.get(id)!.lastStatus] === 2) throw new Error(`stop ${id}: accepted for an ended session`)
    m.sessions.get(id)!.stopAccepted = true
  } else if (reply.status === 409) {
    const status = await call(url, 'GET', `/training/status/${id}`)
    observe(m, id, String(status.body.status))
    const phase = (status.body.progress as Record<string, unknown> | undefined)?.phase
    if (RANK[String(status.body.status)] !== 2 && phase !== 'saving') {
      throw new Error(`stop ${id}: 409 while ${status.body.status} (phase ${String(phase)})`)
    }
  } else throw new Error(`stop ${id}: ${reply.status} ${JSON.stringify(reply.body)}`)
}

class StopCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<HostModel>) => m.ids.length > 0
  run = (m: HostModel, r: Real) => stopSession(m, r.url, pick(m, this.index))
  toString = () => `stop(#${this.index})`
  toJSON = () => ({ cmd: 'stop', index: this.index })
}

/** Phases of a run a stop can be aimed at. */
const STOP_PHASES = ['training', 'evaluation', 'saving'] as const

/** Polls the session until its progress phase is `phase` (or it ended), then stops it. */
class StopAtPhaseCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(
    readonly index: number,
    readonly phase: (typeof STOP_PHASES)[number],
  ) {}
  check = (m: Readonly<HostModel>) => m.ids.length > 0
  async run(m: HostModel, r: Real): Promise<void> {
    const id = pick(m, this.index)
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      const reply = await call(r.url, 'GET', `/training/status/${id}`)
      observe(m, id, String(reply.body.status))
      if (RANK[String(reply.body.status)] === 2) break
      if ((reply.body.progress as Record<string, unknown>).phase === this.phase) break
    }
    await stopSession(m, r.url, id)
  }
  toString = () => `stopAtPhase(#${this.index}, ${this.phase})`
  toJSON = () => ({ cmd: 'stopAtPhase', index: this.index, phase: this.phase })
}

class ResultCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<HostModel>) => m.ids.length > 0
  async run(m: HostModel, r: Real): Promise<void> {
    const id = pick(m, this.index)
    const reply = await call(r.url, 'GET', `/training/result/${id}`)
    if (reply.status === 200) {
      observe(m, id, 'completed')
      const artifacts = reply.body.artifacts as Record<string, unknown> | undefined
      if (typeof artifacts?.weights_sha256 !== 'string') throw new Error(`result ${id}: no weights_sha256`)
    } else if (reply.status === 409) {
      const status = String((await call(r.url, 'GET', `/training/status/${id}`)).body.status)
      if (status === 'completed') {
        const again = await call(r.url, 'GET', `/training/result/${id}`)
        if (again.status !== 200) throw new Error(`result ${id}: completed but ${again.status}`)
      }
      observe(m, id, status)
    } else throw new Error(`result ${id}: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  toString = () => `result(#${this.index})`
  toJSON = () => ({ cmd: 'result', index: this.index })
}

class SessionsCommand implements fc.AsyncCommand<HostModel, Real> {
  check = () => true
  async run(m: HostModel, r: Real): Promise<void> {
    const reply = await call(r.url, 'GET', '/training/sessions')
    const sessions = reply.body.sessions as Array<{ session_id: string; status: string }>
    const active = sessions.filter((s) => s.status === 'initializing' || s.status === 'running').length
    if (active > MAX_SESSIONS) throw new Error(`${active} sessions active, limit ${MAX_SESSIONS}`)
    for (const s of sessions) if (m.sessions.has(s.session_id)) observe(m, s.session_id, s.status)
  }
  toString = () => 'sessions()'
  toJSON = () => ({ cmd: 'sessions' })
}

/** A client mistake: it must get the named 4xx, never a 5xx. */
const BAD_REQUESTS: ReadonlyArray<{
  name: string
  method: string
  path: string
  body?: unknown
  raw?: string
  expect: number[]
}> = [
  { name: 'unknown session status', method: 'GET', path: '/training/status/no-such-session', expect: [404] },
  { name: 'unknown session result', method: 'GET', path: '/training/result/no-such-session', expect: [404] },
  { name: 'stop unknown session', method: 'POST', path: '/training/stop', body: { session_id: 'nope' }, expect: [404] },
  { name: 'stop without id', method: 'POST', path: '/training/stop', body: {}, expect: [422] },
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/training/start',
    raw: '{"model_configuration": ',
    expect: [400, 422],
  },
  {
    name: 'start, no strategy',
    method: 'POST',
    path: '/training/start',
    body: { data_configuration: { symbols: [SYMBOL], timeframes: ['1h'] } },
    expect: [422],
  },
  {
    name: 'start, bad symbol',
    method: 'POST',
    path: '/training/start',
    body: {
      model_configuration: { strategy_config: 'neuro_mean_reversion' },
      data_configuration: { symbols: ['../etc'], timeframes: ['1h'] },
    },
    expect: [422],
  },
  {
    name: 'start, bad epochs',
    method: 'POST',
    path: '/training/start',
    body: {
      model_configuration: { strategy_config: 'x' },
      training_configuration: { epochs: -1 },
      data_configuration: { symbols: [SYMBOL], timeframes: ['1h'] },
    },
    expect: [422],
  },
  {
    name: 'start, invalid strategy YAML',
    method: 'POST',
    path: '/training/start',
    body: START_BODY('name: [unclosed', 1, 1),
    expect: [400, 422],
  },
  { name: 'wrong method', method: 'DELETE', path: '/training/start', expect: [405] },
  { name: 'unknown route', method: 'GET', path: '/training/nothing-here', expect: [404] },
  { name: 'delete unknown session', method: 'DELETE', path: '/training/sessions/nope', expect: [404] },
]

class BadRequestCommand implements fc.AsyncCommand<HostModel, Real> {
  constructor(readonly which: number) {}
  check = () => true
  async run(_m: HostModel, r: Real): Promise<void> {
    const bad = BAD_REQUESTS[this.which]!
    const reply = await call(r.url, bad.method, bad.path, bad.body, bad.raw)
    if (!bad.expect.includes(reply.status)) {
      throw new Error(`${bad.name}: ${reply.status} (expected ${bad.expect.join('/')}) ${JSON.stringify(reply.body)}`)
    }
  }
  toString = () => `bad(${BAD_REQUESTS[this.which]!.name})`
  toJSON = () => ({ cmd: 'bad', which: this.which })
}

type HostCommand = fc.AsyncCommand<HostModel, Real>

/** Rebuilds a command from its `toJSON()` form (regression fixtures store command sequences that way). */
function commandFromJson(d: Record<string, unknown>): HostCommand {
  const index = Number(d.index)
  switch (d.cmd) {
    case 'start':
      return new StartCommand(String(d.yaml), Number(d.epochs), Number(d.seed))
    case 'status':
      return new StatusCommand(index)
    case 'stop':
      return new StopCommand(index)
    case 'stopAtPhase':
      return new StopAtPhaseCommand(index, d.phase as (typeof STOP_PHASES)[number])
    case 'result':
      return new ResultCommand(index)
    case 'sessions':
      return new SessionsCommand()
    case 'bad':
      return new BadRequestCommand(Number(d.which))
    default:
      throw new Error(`unknown host command ${JSON.stringify(d)}`)
  }
}

/**
 * A generated command sequence as is, or a saved one rebuilt: fixtures hold fast-check's command wrappers as
 * `{ cmd: <toJSON form>, hasRan }` (only the commands that ran are replayed) or bare `toJSON` forms.
 */
function asCommands(sequence: Iterable<unknown>): HostCommand[] {
  return Array.from(sequence).flatMap((c): HostCommand[] => {
    if (typeof (c as HostCommand).run === 'function') return [c as HostCommand]
    const saved = c as Record<string, unknown>
    if ('hasRan' in saved) return saved.hasRan ? [commandFromJson(saved.cmd as Record<string, unknown>)] : []
    return [commandFromJson(saved)]
  })
}

const STRATEGY_YAML = strategySpecArb({ indicators: ['rsi', 'macd', 'sma', 'ema', 'atr'] }).map((s) => strategyYaml(s))

const COMMANDS = fc.commands(
  [
    fc.tuple(STRATEGY_YAML, fc.integer({ min: 1, max: 3 }), seedArb()).map(([y, e, s]) => new StartCommand(y, e, s)),
    fc.nat(8).map((i) => new StatusCommand(i)),
    fc.nat(8).map((i) => new StopCommand(i)),
    fc.tuple(fc.nat(8), fc.constantFrom(...STOP_PHASES)).map(([i, p]) => new StopAtPhaseCommand(i, p)),
    fc.nat(8).map((i) => new ResultCommand(i)),
    fc.constant(new SessionsCommand()),
    fc.nat(BAD_REQUESTS.length - 1).map((i) => new BadRequestCommand(i)),
  ],
  { maxCommands: 12 },
)

/** Waits until every session of the sequence has ended, checking each observed state on the way. */
async function drain(m: HostModel, url: string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (const id of m.ids) {
    while (RANK[m.sessions.get(id)!.lastStatus]! < 2) {
      if (Date.now() > deadline) throw new Error(`session ${id} did not end within 60 s`)
      const reply = await call(url, 'GET', `/training/status/${id}`)
      observe(m, id, String(reply.body.status))
      if (RANK[String(reply.body.status)]! < 2) await new Promise((done) => setTimeout(done, 20))
    }
  }
}

test.group('property: new host protocol (fc.commands model)', (group) => {
  let dir = ''
  let host: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ktrdr-prop-host-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: [SYMBOL], bars: 300, seed: 5, timeframes: ['1h'] })
    host = await startHostProcess({
      impl: 'new',
      modelsDir: join(dir, 'models'),
      dataDir: join(dir, 'data'),
      maxSessions: MAX_SESSIONS,
    })
    return async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('no 5xx, states only move forward, stopped never completes, at most --max-sessions active', async () => {
    await checkProperty({
      id: 'host-protocol-model',
      file: FILE,
      cost: 20,
      arbitraries: [COMMANDS],
      predicate: async (commands) => {
        const model: HostModel = { sessions: new Map(), ids: [] }
        try {
          await fc.asyncModelRun(() => ({ model, real: { url: host.url } }), asCommands(commands))
        } catch (error) {
          await drain(model, host.url).catch(() => undefined)
          throw error
        }
        await drain(model, host.url)
      },
    })
  }).timeout(300_000)
})
