// Build the design-mode bundle into the package's static folder.
import { build } from 'esbuild';

await build({
  entryPoints: { editor: 'src/index.js' },
  outdir: '../src/collective/composite/static/editor',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  logLevel: 'info',
});
