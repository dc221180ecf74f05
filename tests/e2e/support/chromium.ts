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

/** Makes sure chromium is installed (apt-get install -y chromium when absent). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return
  execFileSync('apt-get', ['install', '-y', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

/** Launches headless chromium. */
export async function launchChromium(): Promise<Browser> {
  ensureChromium()
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true })
}
