// Bundles the viewer for kgraph's build script: `node build.mjs --out DIR` writes
//   DIR/viewer.js    our code with sigma.js and graphology, minified, one IIFE;
//   DIR/viewer.css   src/viewer.css, minified;
//   DIR/NOTICES.txt  the licence of every npm package in the bundle (name, version, licence text).
// The packages come from node_modules as installed by `npm ci` from package-lock.json.

import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const i = argv.indexOf("--out");
  if (i < 0 || !argv[i + 1]) throw new Error("usage: node build.mjs --out DIR");
  return { out: path.resolve(argv[i + 1]) };
}

/** The package directory (relative to `here`) a bundled input path belongs to, or null for our code. */
function packageDirOf(input) {
  const parts = input.split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return null;
  const nameParts = parts[at + 1].startsWith("@") ? 2 : 1;
  return parts.slice(0, at + 1 + nameParts).join("/");
}

async function licenceText(dir) {
  const files = (await readdir(dir)).filter((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f)).sort();
  if (files.length === 0) throw new Error(`${dir}: no LICENSE file; its notice cannot be kept`);
  return (await readFile(path.join(dir, files[0]), "utf8")).replace(/\r\n?/g, "\n").trim();
}

async function notices(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDirOf(input);
    if (dir) dirs.add(dir);
  }
  const entries = [];
  for (const dir of dirs) {
    const abs = path.join(here, dir);
    const pkg = JSON.parse(await readFile(path.join(abs, "package.json"), "utf8"));
    entries.push({ pkg, text: await licenceText(abs) });
  }
  entries.sort((a, b) => (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0));
  const rule = "=".repeat(72);
  const blocks = entries.map(({ pkg, text }) => {
    const home = pkg.homepage || (typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url) || "";
    return `${rule}\n${pkg.name} ${pkg.version} (${pkg.license})\n${home}\n${rule}\n\n${text}\n`;
  });
  return (
    "The kgraph viewer bundles these packages from the npm registry; their licences follow.\n\n" +
    blocks.join("\n")
  );
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const common = { absWorkingDir: here, bundle: true, minify: true, write: false, logLevel: "warning", charset: "utf8", legalComments: "none" };
  const js = await esbuild.build({
    ...common,
    entryPoints: ["src/main.js"],
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    metafile: true,
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const css = await esbuild.build({ ...common, entryPoints: ["src/viewer.css"], loader: { ".css": "css" } });
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "viewer.js"), js.outputFiles[0].text);
  await writeFile(path.join(out, "viewer.css"), css.outputFiles[0].text);
  await writeFile(path.join(out, "NOTICES.txt"), await notices(js.metafile));
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
