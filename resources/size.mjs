// Print the bundle's minified and gzipped sizes (target: at most 40 KB gzipped).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const folder = '../src/collective/composite/static/editor';
const LIMIT = 40 * 1024;
let total = 0;
for (const name of ['editor.js', 'editor.css']) {
  const data = readFileSync(`${folder}/${name}`);
  const gzipped = gzipSync(data, { level: 9 }).length;
  total += gzipped;
  console.log(`${name}: ${(data.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
console.log(`total: ${(total / 1024).toFixed(1)} KB gzipped (target ${LIMIT / 1024} KB)`);
if (total > LIMIT) {
  console.error('The editor bundle is over its size target.');
  process.exit(1);
}
