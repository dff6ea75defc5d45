// Opens kgraph's `-o graph.html` in headless Chromium (Debian's, driven by playwright-core) with
// the network off, and checks what a reader sees:
//
//   node test.mjs --html graph.html --json graph.json --screenshot shot.png [--search 多模态]
//                 [--overview overview.png] [--chromium /usr/bin/chromium]
//
// --json is kgraph's JSON export of the same graph: the viewer must draw as many nodes as it has.
// WebGL comes from SwiftShader (software), so no GPU is needed. Prints `N passed, M failed` and
// exits with 1 when a check fails.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

// Chromium 156 gives WebGL through ANGLE on SwiftShader with --disable-gpu alone; the two
// SwiftShader flags keep it so where the software fallback needs asking for.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function parseArgs(argv) {
  const args = { search: "多模态", chromium: "/usr/bin/chromium", width: 1280, height: 800 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === "--help" || key === "-h") {
      console.log("node test.mjs --html F --json F --screenshot PNG [--search TEXT] [--overview PNG] [--chromium PATH]");
      process.exit(0);
    }
    if (!key.startsWith("--") || value === undefined) throw new Error(`bad argument ${key}`);
    args[key.slice(2)] = value;
    i++;
  }
  for (const required of ["html", "json", "screenshot"]) {
    if (!args[required]) throw new Error(`--${required} is required (see --help)`);
  }
  return args;
}

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}

/** Counts the screenshot's saturated pixels (nodes are coloured; the page around them is grey). */
async function colouredPixels(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const max = Math.max(data[i], data[i + 1], data[i + 2]);
      const min = Math.min(data[i], data[i + 1], data[i + 2]);
      if (max - min > 60) n++;
    }
    return n;
  }, png.toString("base64"));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const expected = JSON.parse(await readFile(args.json, "utf8"));
  const htmlUrl = pathToFileURL(path.resolve(args.html)).href;
  // Playwright adds --headless itself and starts from a new empty profile.
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: CHROMIUM_ARGS.filter((a) => a !== "--headless"),
    headless: true,
  });
  try {
    const context = await browser.newContext({
      offline: true,
      viewport: { width: Number(args.width), height: Number(args.height) },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const errors = [];
    const requests = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      const url = request.url();
      if (url !== htmlUrl && !url.startsWith("data:") && !url.startsWith("blob:")) requests.push(url);
    });

    await page.goto(htmlUrl, { waitUntil: "load" });
    const hooked = await page
      .waitForFunction(() => window.kgraphViewer !== undefined, null, { timeout: 15000 })
      .then(() => true)
      .catch(() => false);
    check("the viewer starts", hooked, hooked ? "" : errors.join("; "));
    if (!hooked) return;
    await page.evaluate(() => window.kgraphViewer.ready);

    const webgl = await page.evaluate(() => {
      const gl = document.createElement("canvas").getContext("webgl2");
      if (!gl) return null;
      const info = gl.getExtension("WEBGL_debug_renderer_info");
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    });
    check("WebGL is available", webgl !== null, String(webgl));

    const counts = await page.evaluate(() => ({
      nodes: window.kgraphViewer.nodeCount,
      rendered: window.kgraphViewer.renderedNodeCount(),
      edges: window.kgraphViewer.edgeCount,
    }));
    check(
      "every node of the JSON is rendered",
      counts.rendered === expected.nodes.length && counts.nodes === expected.nodes.length,
      `${counts.rendered} rendered, ${counts.nodes} in the viewer, ${expected.nodes.length} in the JSON`,
    );
    check("every edge of the JSON is loaded", counts.edges === expected.edges.length, `${counts.edges} vs ${expected.edges.length}`);

    // The graph is drawn: hide the floating panels and look for the nodes' colours.
    await page.evaluate(() => document.querySelectorAll(".kg-overlay").forEach((el) => (el.style.visibility = "hidden")));
    const pixels = await colouredPixels(page, await page.screenshot());
    await page.evaluate(() => document.querySelectorAll(".kg-overlay").forEach((el) => (el.style.visibility = "")));
    check("the canvas shows coloured nodes", pixels > 500, `${pixels} coloured pixels`);

    // Search through the UI as a reader would: type, see the suggestion, press Enter.
    const input = page.locator(".kg-search-input");
    await input.click();
    await input.pressSequentially(args.search, { delay: 20 });
    const suggestion = await page
      .locator(".kg-search-results li")
      .first()
      .textContent({ timeout: 5000 })
      .catch(() => "");
    check(`typing ${args.search} suggests it`, suggestion.includes(args.search), JSON.stringify(suggestion));
    await input.press("Enter");
    await page.waitForTimeout(600); // the camera animation
    const selected = await page.evaluate(() => window.kgraphViewer.selectedNode());
    check(
      `a search for ${args.search} selects that node`,
      selected !== null && selected.label === args.search,
      JSON.stringify(selected),
    );
    const panel = await page.locator(".kg-panel-title").textContent().catch(() => "");
    check("the side panel shows it", panel === args.search, JSON.stringify(panel));
    const links = await page.locator(".kg-neighbours li").count();
    check("the side panel lists its links", links > 0, `${links} rows`);

    await page.screenshot({ path: args.screenshot });
    check("a screenshot is taken", true, args.screenshot);

    // Hovering a node highlights it and its neighbours (sigma reports the hovered node).
    const box = await page.evaluate(() => {
      const { renderer } = window.kgraphViewer;
      const key = window.kgraphViewer.selectedNode().id;
      const { x, y } = renderer.framedGraphToViewport(renderer.getNodeDisplayData(key));
      return { x, y };
    });
    await page.mouse.move(box.x, box.y);
    await page.waitForTimeout(200);
    const hovered = await page.evaluate(() => window.kgraphViewer.hoveredNode());
    check("hovering the node highlights it", hovered === selected?.id, String(hovered));

    // The panel's close button clears the selection.
    await page.locator(".kg-close").click();
    const cleared = await page.evaluate(() => window.kgraphViewer.selectedNode());
    const panelHidden = await page.locator(".kg-panel").isHidden();
    check("closing the panel clears the selection", cleared === null && panelHidden);

    // Switching a kind off hides its nodes.
    const kind = expected.nodes[0].kind;
    const ofKind = expected.nodes.filter((n) => n.kind === kind).length;
    await page.locator(`input[data-kind="${kind}"]`).uncheck();
    const afterFilter = await page.evaluate(() => window.kgraphViewer.renderedNodeCount());
    check(`unticking ${kind} hides its ${ofKind} nodes`, afterFilter === expected.nodes.length - ofKind, `${afterFilter} rendered`);
    await page.locator(`input[data-kind="${kind}"]`).check();

    // With communities, the legend switches the colours back to the kinds'.
    if ((await page.locator('input[name="kg-color-by"][value="kind"]').count()) > 0) {
      // Coloured by community, the legend names the largest communities, largest first.
      const sizes = new Map();
      for (const n of expected.nodes) {
        if (Number.isInteger(n.community)) sizes.set(n.community, (sizes.get(n.community) ?? 0) + 1);
      }
      const [largest] = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const largestLabel = expected.nodes.find((n) => n.community === largest).community_label;
      await page.locator('input[name="kg-color-by"][value="community"]').check();
      const firstRow = page.locator(".kg-communities li").first();
      const shownLabel = await firstRow.locator(".kg-community-label").textContent();
      check(
        "the legend names the largest community",
        (await firstRow.isVisible()) && shownLabel === largestLabel && largestLabel.length > 0,
        `${shownLabel} (expected ${largestLabel})`,
      );
      await page.locator('input[name="kg-color-by"][value="kind"]').check();
      check("coloured by kind, the community list is hidden", await page.locator(".kg-communities").isHidden());
      const colours = await page.evaluate(() => {
        const { renderer } = window.kgraphViewer;
        const key = renderer.getGraph().nodes()[0];
        return [renderer.getNodeDisplayData(key).color, renderer.getGraph().getNodeAttribute(key, "kind")];
      });
      const kindColour = (await page.evaluate(() => JSON.parse(document.getElementById("kgraph-data").textContent).kinds))
        .find((k) => k.name === colours[1]).color;
      check("colour by kind", colours[0] === kindColour, `${colours[0]} for a ${colours[1]}`);
      await page.locator('input[name="kg-color-by"][value="community"]').check();
    }

    if (args.overview) {
      // The whole graph, nothing selected or hovered: the picture for the README.
      await input.fill("");
      await page.locator('button[title="Show everything"]').click();
      await page.waitForTimeout(1000); // the camera animation, before the mouse crosses the graph
      await page.mouse.move(1, 1, { steps: 4 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: args.overview });
      check("an overview screenshot is taken", true, args.overview);
    }

    check("no request leaves the file", requests.length === 0, requests.slice(0, 5).join(", "));
    check("no console errors", errors.length === 0, errors.slice(0, 5).join(" | "));
  } finally {
    await browser.close();
  }
}

main()
  .catch((error) => {
    check("the test runs", false, error.stack ?? String(error));
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
  });
