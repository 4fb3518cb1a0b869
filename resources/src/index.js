// Entry of the design-mode bundle: styles, then an editor on every
// [data-composite-editor] element once the document is parsed.
import './editor.css';
import { start } from './editor.js';

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => start(document));
} else {
  start(document);
}
