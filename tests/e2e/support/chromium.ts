/**
 * Debian's chromium for the browser tests, driven by playwright-core. Installs it with apt when it is missing
 * (slow: only done when /usr/bin/chromium is absent), then launches it headless with no network-facing services.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Makes sure chromium is installed: when absent, refreshes the package lists (a new machine has none) and runs
 * `apt-get install -y chromium`.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return
  const options = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } } as const
  execFileSync('apt-get', ['update', '-q'], options)
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], options)
}

/** Launches headless chromium. */
export async function launchChromium(): Promise<Browser> {
  ensureChromium()
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true })
}
