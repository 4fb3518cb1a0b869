// Entry of the design-mode bundle: styles, then an editor (with its settings
// dialog, design lock, History panel and import) on every
// [data-composite-editor] element once the document is parsed.
import './editor.css';
import { start } from './editor.js';
import { attachHistory } from './history.js';
import { attachLock } from './lock.js';
import { attachSettings } from './settings.js';
import { markReady } from './editor/timing.js';

function run() {
  for (const editor of start(document)) {
    attachSettings(editor);
    attachLock(editor);
    attachHistory(editor);
  }
  markReady(window);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', run);
} else {
  run();
}
