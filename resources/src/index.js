// Entry of the design-mode bundle: styles, then an editor (with its settings
// dialog) on every [data-composite-editor] element once the document is parsed.
import './editor.css';
import { start } from './editor.js';
import { attachSettings } from './settings.js';

function run() {
  for (const editor of start(document)) attachSettings(editor);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', run);
} else {
  run();
}
