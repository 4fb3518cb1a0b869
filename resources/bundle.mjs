// How the design-mode bundle is built: build.mjs writes it, size.mjs measures
// it (and builds it again in memory to say what takes the room).
export const OUTDIR = '../src/collective/composite/static/editor';

/** The esbuild options of the bundle (editor.js and editor.css). */
export const OPTIONS = {
  entryPoints: { editor: 'src/index.js' },
  outdir: OUTDIR,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  // SortableJS's license goes to editor.js.LEGAL.txt beside the bundle, which
  // names it in its last line: every page of design mode loaded it otherwise.
  legalComments: 'linked',
};
