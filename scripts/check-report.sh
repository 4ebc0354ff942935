#!/usr/bin/env bash
# Checks samdrift's HTML report: valid HTML (Nu HTML checker, npm `vnu-jar`), no serious or
# critical accessibility findings (axe-core in headless Chromium through playwright-core),
# and a layout that fits: in the same browser, no table is wider than its container at
# 1400 px (no column hidden behind a scroll), no page is wider than a 390 px phone (only a
# marked .scroll box may scroll sideways), and no table is wider than the A4 page when
# printed.
#
#   scripts/check-report.sh [REPORT_DIR ...]
#
# Without arguments it renders the repository's example data (inventory/, targets/) in
# Swedish and English into target/report-check/ and checks both. It installs what it needs:
# Debian's chromium (apt-get) and the npm packages into a scratch folder
# ($SAMDRIFT_CHECK_DIR, default $TMPDIR/samdrift-report-check). Exit 0 when every page
# passes, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SAMDRIFT_CHECK_DIR:-${TMPDIR:-/tmp}/samdrift-report-check}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-report: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  echo "check-report: installing java" >&2
  apt-get install -y -qq default-jre-headless >/dev/null
fi
mkdir -p "$scratch"
if [ ! -f "$scratch/node_modules/vnu-jar/build/dist/vnu.jar" ] \
  || [ ! -f "$scratch/node_modules/axe-core/axe.min.js" ] \
  || [ ! -d "$scratch/node_modules/playwright-core" ]; then
  echo "check-report: installing vnu-jar, axe-core, playwright-core into $scratch" >&2
  (cd "$scratch" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --silent --no-audit --no-fund vnu-jar axe-core playwright-core >/dev/null)
fi

if [ "$#" -eq 0 ]; then
  out="$here/target/report-check"
  mkdir -p "$out"
  (cd "$here" && cargo build --release --quiet)
  # The first target in targets/; the report compares it with the others.
  target="$(find "$here/targets" -maxdepth 1 -name '*.y*ml' | sort | head -n 1)"
  target="$(basename "${target%.*}")"
  for lang in sv en; do
    "$here/target/release/samdrift" --root "$here" report --target "$target" \
      --lang "$lang" --out "$out/$lang" >/dev/null
  done
  set -- "$out/sv" "$out/en"
fi

status=0
echo "check-report: Nu HTML checker" >&2
for dir in "$@"; do
  if ! java -jar "$scratch/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only \
    --skip-non-html "$dir"; then
    status=1
  fi
done

echo "check-report: axe-core and layout in headless Chromium" >&2
cat > "$scratch/axe-check.cjs" <<'JS'
// Runs axe-core on every HTML page of the folders given and checks that the layout fits:
// at 1400 px no table is wider than its container, on a 390 px phone no page is wider
// than the screen (a .scroll box may scroll inside it), and printed on A4 no table is wider
// than the page. Prints every finding; exits 1 when there is any.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function pages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

// Tables wider than their container (the nearest .scroll box, else the parent), in CSS px.
function wideTables() {
  const out = [];
  for (const t of document.querySelectorAll("table")) {
    const box = t.closest(".scroll") || t.parentElement;
    const over = t.getBoundingClientRect().width - box.clientWidth;
    if (over > 1) {
      const caption = t.caption ? t.caption.textContent.trim().slice(0, 60) : (t.id || "table");
      out.push(`${caption} (${Math.round(over)} px too wide)`);
    }
  }
  return out;
}

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "samdrift-axe-"));
  // A fresh profile folder each run (Chromium as root needs --no-sandbox).
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  let bad = 0, checked = 0;
  const fail = (msg) => { bad += 1; console.log(msg); };
  try {
    const page = browser.pages()[0] || await browser.newPage();
    for (const dir of process.argv.slice(2)) {
      for (const file of pages(dir)) {
        const url = "file://" + path.resolve(file);
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.emulateMedia({ media: "screen" });
        await page.goto(url);
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(async () =>
          await window.axe.run(document, { resultTypes: ["violations"] }));
        checked += 1;
        for (const v of result.violations) {
          if (v.impact !== "serious" && v.impact !== "critical") continue;
          fail(`${file}: ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
          for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}`);
        }
        for (const t of await page.evaluate(wideTables)) fail(`${file}: at 1400 px: ${t}`);
        // A phone: the page itself never scrolls sideways.
        await page.setViewportSize({ width: 390, height: 844 });
        const phone = await page.evaluate(() => document.documentElement.scrollWidth);
        if (phone > 391) fail(`${file}: at 390 px the page is ${phone} px wide`);
        // A4 portrait with the stylesheet's 12 mm margins: 186 mm, about 703 CSS px.
        await page.setViewportSize({ width: 703, height: 1000 });
        await page.emulateMedia({ media: "print" });
        for (const t of await page.evaluate(wideTables)) fail(`${file}: printed on A4: ${t}`);
        const printed = await page.evaluate(() => document.documentElement.scrollWidth);
        if (printed > 704) fail(`${file}: printed on A4 the page is ${printed} px wide`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(`axe and layout: ${checked} pages checked, ${bad} findings`);
  process.exit(bad ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
JS
if ! (cd "$scratch" && node axe-check.cjs "$@"); then
  status=1
fi
exit "$status"
