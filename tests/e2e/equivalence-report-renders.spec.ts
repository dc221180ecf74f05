import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { test } from '@japa/runner'
import type { PathName } from '../../harness/paths/types.ts'
import { htmlReporter } from '../../harness/report/html.ts'
import { jsonReporter } from '../../harness/report/json.ts'
import { markdownReporter } from '../../harness/report/markdown.ts'
import type { EquivalenceReport } from '../../harness/report/model.ts'
import { writeReports } from '../../harness/report/reporter.ts'
import { launchChromium } from './support/chromium.ts'
import { smokeMatrix } from './support/smoke-matrix.ts'

const SCREENSHOT = resolve(import.meta.dirname, '../../reports/equivalence-screenshot.png')

/** Every pair the four paths make: the widest matrix a report can have. */
const ALL_PAIRS: Array<[PathName, PathName]> = [
  ['local_new', 'local_old'],
  ['host_new', 'local_new'],
  ['host_new', 'host_old'],
  ['local_old', 'local_old'],
  ['local_new', 'local_new'],
  ['host_old', 'host_old'],
  ['host_new', 'host_new'],
]
const SHIPPED = ['multi_tf_rsi_momentum', 'neuro_mean_reversion', 'simple_ma_crossover', 'universal_zero_shot_model']

/**
 * Measured in the page (a string: the browser runs it as written): whether the page scrolls sideways, and for the
 * matrix and the ledger whether the box lies in the window, the table fits the box, and the box would scroll.
 */
const LAYOUT_PROBE = `(() => {
  const fit = (id) => {
    const table = document.getElementById(id)
    const box = table.parentElement
    const rect = box.getBoundingClientRect()
    return {
      boxInWindow: rect.left >= 0 && rect.right <= window.innerWidth,
      tableInBox: table.getBoundingClientRect().width <= rect.width + 0.5,
      scrollsInBox: getComputedStyle(box).overflowX === 'auto',
    }
  }
  return {
    pageWidth: document.documentElement.scrollWidth,
    window: window.innerWidth,
    matrix: fit('matrix'),
    ledger: fit('ledger'),
  }
})()`

/** `report` with a cell (a copy of its first) for every shipped strategy and every pair. */
function widest(report: EquivalenceReport): EquivalenceReport {
  const template = report.cells[0]!
  return {
    ...report,
    strategies: SHIPPED,
    paths: ['local_old', 'local_new', 'host_old', 'host_new'],
    cells: SHIPPED.flatMap((strategy) =>
      ALL_PAIRS.map((pair) => ({ ...template, id: `${strategy}:${pair[0]}~${pair[1]}`, strategy, pair })),
    ),
  }
}

test.group('e2e: the HTML report renders offline in a browser', () => {
  test('the matrix, the canary table and an SVG chart render; a screenshot is saved', async ({ assert }) => {
    const report = await smokeMatrix({ canaries: ['split_72_18_10'] })
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-report-'))
    const [, htmlPath] = writeReports(report, dir, [jsonReporter, htmlReporter, markdownReporter])
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } })
      const requests: string[] = []
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url())
      })
      await page.goto(pathToFileURL(htmlPath!).href)
      assert.include(await page.textContent('#verdict h1'), 'Equivalence gate: PASS — exit code 0')
      const headers = await page.$$eval('#matrix tr:first-child th', (ths) => ths.map((t) => t.textContent))
      assert.deepEqual(headers, ['strategy', 'local_new↔local_old', 'local_new↔local_new', 'local_old↔local_old'])
      assert.equal(await page.$$eval('#matrix td.v-equivalent, #matrix td.v-known-divergence', (tds) => tds.length), 3)
      assert.include(await page.textContent('#canaries'), 'split_72_18_10')
      await page.click('details[id^="cell-"] > summary')
      const box = await page.locator('svg.chart').first().boundingBox()
      assert.isAbove(box?.width ?? 0, 100)
      assert.isAbove(await page.locator('svg.chart polyline').count(), 0)
      await page.screenshot({ path: SCREENSHOT, fullPage: false })
      assert.deepEqual(requests, [])
    } finally {
      await browser.close()
    }
  }).timeout(600_000) // on a new machine this includes installing chromium with apt

  test('at 1,400 px the widest matrix and the ledger fit their boxes and the page does not scroll sideways', async ({
    assert,
  }) => {
    const report = widest(await smokeMatrix())
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-report-'))
    const [, htmlPath] = writeReports(report, dir, [jsonReporter, htmlReporter])
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      await page.goto(pathToFileURL(htmlPath!).href)
      assert.equal(await page.locator('#matrix tr:first-child th').count(), 1 + ALL_PAIRS.length)
      assert.isAbove(await page.locator('#ledger tr').count(), 20)
      const layout = (await page.evaluate(LAYOUT_PROBE)) as {
        pageWidth: number
        window: number
        matrix: unknown
        ledger: unknown
      }
      assert.isAtMost(layout.pageWidth, layout.window)
      for (const table of [layout.matrix, layout.ledger]) {
        assert.deepEqual(table, { boxInWindow: true, tableInBox: true, scrollsInBox: true })
      }
    } finally {
      await browser.close()
    }
  }).timeout(600_000)
})
