// Print the bundle's minified and gzipped sizes (target: at most 40 KB
// gzipped). Over the target, or with --contributors, also what takes the
// room: the source modules with the most bytes in the bundle.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { OPTIONS, OUTDIR } from './bundle.mjs';

const LIMIT = 40 * 1024;
const TOP = 12;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
for (const name of ['editor.js', 'editor.css']) {
  const data = readFileSync(`${OUTDIR}/${name}`);
  const gzipped = gzipSync(data, { level: 9 }).length;
  total += gzipped;
  console.log(`${name}: ${kb(data.length)} minified, ${kb(gzipped)} gzipped (${gzipped} bytes)`);
}
console.log(`total: ${kb(total)} gzipped, ${total} of ${LIMIT} bytes (target ${LIMIT / 1024} KB)`);
const over = total > LIMIT;
if (over || process.argv.includes('--contributors')) await printContributors();
if (over) {
  console.error('The editor bundle is over its size target.');
  process.exit(1);
}

// The modules by their bytes in the minified output (esbuild's metafile), and
// about how many of the gzipped bytes that is: their share of their file's
// gzipped size (gzip does not compress every module alike).
async function printContributors() {
  const { metafile, outputFiles } = await build({ ...OPTIONS, write: false, metafile: true });
  const rows = [];
  for (const file of outputFiles) {
    const ratio = gzipSync(file.contents, { level: 9 }).length / file.contents.length;
    // The metafile names the files relative to the working folder.
    const { inputs } = metafile.outputs[relative(process.cwd(), file.path)];
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
      rows.push({ path, bytes: bytesInOutput, gzipped: Math.round(bytesInOutput * ratio) });
    }
  }
  rows.sort((a, b) => b.bytes - a.bytes);
  console.log(`largest of ${rows.length} modules (minified bytes in the bundle, about gzipped):`);
  for (const { path, bytes, gzipped } of rows.slice(0, TOP)) {
    console.log(`  ${String(bytes).padStart(7)}  ~${String(gzipped).padStart(6)}  ${path}`);
  }
}
