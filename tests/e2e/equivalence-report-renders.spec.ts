import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { test } from '@japa/runner'
import { htmlReporter } from '../../harness/report/html.ts'
import { jsonReporter } from '../../harness/report/json.ts'
import { markdownReporter } from '../../harness/report/markdown.ts'
import { writeReports } from '../../harness/report/reporter.ts'
import { launchChromium } from './support/chromium.ts'
import { smokeMatrix } from './support/smoke-matrix.ts'

const SCREENSHOT = resolve(import.meta.dirname, '../../reports/equivalence-screenshot.png')

test.group('e2e: the HTML report renders offline in a browser', () => {
  test('the matrix, the canary table and an SVG chart render; a screenshot is saved', async ({ assert }) => {
    const report = await smokeMatrix({ canaries: ['split_72_18_10'] })
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-report-'))
    const [, htmlPath] = writeReports(report, dir, [jsonReporter, htmlReporter, markdownReporter])
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } })
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
})
