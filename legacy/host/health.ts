/**
 * The old host's information endpoints on a CPU-only machine (docs/legacy-behaviour.md §9.2, §13): `GET /`,
 * `GET /health`, `GET /health/` (psutil-style system info) and `GET /health/detailed` with its hard-coded
 * `active_training_sessions: 0` and `uptime_seconds: 0`.
 */
import os from 'node:os'
import { pythonUtcIsoformat } from './python-compat.ts'

const MB = 1024 ** 2

/** `psutil.cpu_percent()`: busy share of all CPUs since the previous call (0.0 on the first call). */
export class CpuPercentMeter {
  private last: { idle: number; total: number } | null = null

  sample(): number {
    let idle = 0
    let total = 0
    for (const cpu of os.cpus()) {
      idle += cpu.times.idle
      total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq + cpu.times.idle
    }
    const previous = this.last
    this.last = { idle, total }
    if (!previous || total === previous.total) return 0
    return Math.round((1 - (idle - previous.idle) / (total - previous.total)) * 1000) / 10
  }
}

/** `psutil.virtual_memory().percent`. */
export function memoryPercent(): number {
  const total = os.totalmem()
  return Math.round(((total - os.freemem()) / total) * 1000) / 10
}

/** `GET /`. */
export function rootInfo(now: number): Record<string, unknown> {
  return {
    service: 'Training Host Service',
    version: '1.0.0',
    status: 'running',
    timestamp: pythonUtcIsoformat(now),
    gpu_available: false,
    gpu_device_count: 0,
    gpu_type: 'None',
  }
}

/** `GET /health` (the route the backend's `is_available` used). */
export function basicHealth(now: number): Record<string, unknown> {
  return { healthy: true, service: 'training-host', timestamp: pythonUtcIsoformat(now), status: 'operational' }
}

/** `GET /health/` (trailing slash: a different, richer route). */
export function slashHealth(now: number, cpu: CpuPercentMeter): Record<string, unknown> {
  return {
    healthy: true,
    service: 'training-host',
    timestamp: pythonUtcIsoformat(now),
    gpu_status: { available: false, device_count: 0, gpu_type: 'None' },
    system_info: { cpu_percent: cpu.sample(), memory_percent: memoryPercent(), memory_total_mb: os.totalmem() / MB },
    error: null,
  }
}

/** `GET /health/detailed`. */
export function detailedHealth(now: number): Record<string, unknown> {
  return {
    healthy: true,
    service: 'training-host',
    timestamp: pythonUtcIsoformat(now),
    gpu_available: false,
    gpu_device_count: 0,
    gpu_memory_total_mb: 0,
    gpu_memory_allocated_mb: 0,
    active_training_sessions: 0,
    system_memory_usage_percent: memoryPercent(),
    system_memory_total_mb: os.totalmem() / MB,
    uptime_seconds: 0,
    gpu_manager_status: { initialized: false, reason: 'GPU not available or manager failed to initialize' },
    error: null,
  }
}
