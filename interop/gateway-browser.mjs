// Loads gateway pages in headless Chromium (playwright-core, the system's /usr/bin/chromium) and
// prints what a reader sees, one JSON object per line, for the Java test GatewayBrowserTest.
//
//   node gateway-browser.mjs <spec.json>
//
// spec: { "base": "http://127.0.0.1:PORT/", "chromium": "/usr/bin/chromium", "profileDir": DIR,
//         "posts": [CID...],       // load /p/CID, report the post's signature badge and text
//         "tamper": [CID...],      // same, but rewrite the post text in the HTML on its way in
//         "screens": [{ "path": "/", "file": "home-phone.png", "width": 390, "height": 844 }] }
// Output lines: {"kind":"post"|"tamper","cid":..,"state":"ok"|"bad"|"unsupported","label":..,
//                "reason":..,"text":..,"pwned":..} and {"kind":"screen","file":..}; then {"kind":"done"}.
import { chromium } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { out, message } from './peer-process.mjs'

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const TAMPERED = 'Tampered by the beacon'

// A persistent context on a fresh profile directory is Playwright's form of --user-data-dir.
const context = await chromium.launchPersistentContext(spec.profileDir, {
  executablePath: spec.chromium,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = context.pages()[0] ?? await context.newPage()
  page.on('pageerror', err => out(JSON.stringify({ kind: 'pageerror', message: message(err) })))

  const badge = async (cid) => {
    const sel = `article[data-entry-cid="${cid}"] .sig:not([data-state="pending"])`
    await page.waitForSelector(sel, { timeout: 15000 })
    return page.$eval(`article[data-entry-cid="${cid}"]`, (a) => ({
      state: a.querySelector('.sig').dataset.state,
      label: a.querySelector('.sig').textContent,
      reason: a.querySelector('.sig').dataset.reason || null,
      text: a.querySelector('.text') ? a.querySelector('.text').textContent : null,
      pwned: window.pwned === undefined ? null : window.pwned
    }))
  }

  for (const cid of spec.posts) {
    await page.goto(new URL('p/' + cid, spec.base).href)
    out(JSON.stringify({ kind: 'post', cid, ...(await badge(cid)) }))
  }

  for (const cid of spec.tamper) {
    const url = new URL('p/' + cid, spec.base).href
    await page.route(url, async (route) => {
      const response = await route.fetch()
      const body = (await response.text()).replace(/(<div class="text">)[^<]*/, `$1${TAMPERED}`)
      await route.fulfill({ response, body })
    })
    await page.goto(url)
    out(JSON.stringify({ kind: 'tamper', cid, ...(await badge(cid)) }))
    await page.unroute(url)
  }

  for (const screen of spec.screens) {
    await page.setViewportSize({ width: screen.width, height: screen.height })
    await page.goto(new URL(screen.path.replace(/^\//, ''), spec.base).href)
    await page.waitForFunction(() => !document.querySelector('.sig[data-state="pending"]'), null, { timeout: 15000 })
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 15000 })
    await page.screenshot({ path: join(spec.outDir, screen.file), fullPage: screen.fullPage === true })
    out(JSON.stringify({ kind: 'screen', file: screen.file }))
  }
  out(JSON.stringify({ kind: 'done' }))
} catch (err) {
  out(JSON.stringify({ kind: 'error', message: message(err) }))
  process.exitCode = 1
} finally {
  await context.close()
}
