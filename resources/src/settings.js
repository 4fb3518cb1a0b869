// The widget settings dialog of design mode. The form itself is Plone's
// (@@composite-widget-settings, generated from the widget type's schema with
// Plone's widgets) and runs in a frame, so its patterns, TinyMCE and pickers
// work as on any edit form. The frame posts the server-validated settings back
// with postMessage; they go into the arrangement through
// ``editor.updateSettings`` and are saved with it.

/**
 * Open the settings form whenever the editor asks for it (``composite:edit``).
 * @param {import('./editor.js').Editor} editor
 * @returns {SettingsDialog|null} nothing without ``data-composite-settings-url``
 */
export function attachSettings(editor) {
  const url = editor.root.getAttribute('data-composite-settings-url');
  return url ? new SettingsDialog(editor, url) : null;
}

let frameCount = 0;

export class SettingsDialog {
  constructor(editor, url) {
    this.editor = editor;
    this.url = url;
    this.document = editor.document;
    this.window = editor.window;
    this.current = null;
    editor.root.addEventListener('composite:edit', (event) => this.open(event.detail));
    this.window.addEventListener('message', (event) => this.onMessage(event));
  }

  /** Show the form of a widget. */
  open({ id, isNew, widget }) {
    if (this.current) this.close();
    const doc = this.document;
    const editor = this.editor;
    const title = editor.state.widgetTitle(widget);
    frameCount += 1;
    const frameName = `composite-settings-${frameCount}`;

    const overlay = doc.createElement('div');
    overlay.className = 'composite-settings';
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', `${frameName}-title`);
    overlay.setAttribute('data-composite-settings', id);
    const box = doc.createElement('div');
    box.className = 'composite-settings__box';
    const head = doc.createElement('div');
    head.className = 'composite-settings__head';
    const heading = doc.createElement('h2');
    heading.id = `${frameName}-title`;
    heading.textContent = editor.t({ key: 'settings.title', params: { title } });
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'composite-settings__close';
    close.textContent = editor.t({ key: 'settings.close' });
    close.addEventListener('click', () => this.cancel());
    head.append(heading, close);
    const frame = doc.createElement('iframe');
    frame.name = frameName;
    frame.className = 'composite-settings__frame';
    frame.title = heading.textContent;
    box.append(head, frame);
    overlay.append(box);
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.cancel();
      }
    });

    // Everything else waits while the dialog is open.
    this.inerted = [...doc.body.children].filter((element) => !element.hasAttribute('inert'));
    for (const element of this.inerted) element.setAttribute('inert', '');
    doc.body.append(overlay);
    this.current = { id, isNew, title, overlay, frame, opener: doc.activeElement, widget, loggingIn: false };
    this._submit(this.current);
    frame.addEventListener('load', () => this._loaded(frame));
    close.focus();
  }

  /**
   * Ask for the form of the current widget, into its frame (a POST: the
   * settings do not fit in a URL).
   * @param {{id: string, widget: object, overlay: Element, frame: HTMLIFrameElement}} current
   */
  _submit(current) {
    const doc = this.document;
    const { id, widget, overlay, frame } = current;
    const form = doc.createElement('form');
    form.method = 'post';
    form.action = this.url;
    form.target = frame.name;
    form.hidden = true;
    const fields = {
      'composite.type': widget.type,
      'composite.id': id,
      'composite.settings': JSON.stringify(widget.settings || {}),
      _authenticator: this.editor.api.csrfToken,
      ajax_load: '1',
      ajax_include_head: '1',
    };
    for (const [name, value] of Object.entries(fields)) {
      const input = doc.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    overlay.append(form);
    form.submit();
    form.remove();
  }

  /**
   * The frame loaded a page. A user logged out meanwhile (in another tab, or
   * the session ended) gets Plone's login form in it instead of the settings:
   * once they logged in there, the form is asked for again (Plone's login
   * leads back to the settings' address, without the widget).
   * @param {HTMLIFrameElement} frame
   */
  _loaded(frame) {
    const current = this.current;
    if (!current || current.frame !== frame) return;
    if (showsLogin(frame)) {
      current.loggingIn = true;
    } else if (current.loggingIn) {
      current.loggingIn = false;
      this._submit(current);
      return;
    }
    frame.focus();
  }

  /** The frame answered: apply the validated settings or give up. */
  onMessage(event) {
    const current = this.current;
    if (!current || event.origin !== this.window.location.origin) return;
    if (event.source !== current.frame.contentWindow) return;
    const data = event.data;
    if (!data || data.composite !== 'settings' || !data.result || data.result.id !== current.id) return;
    const result = data.result;
    if (result.cancel) {
      this.cancel();
      return;
    }
    this.close();
    this.editor.updateSettings(result.id, result.settings || {}, { title: result.title, html: result.html });
    this._focusCard(result.id);
  }

  /** Close without applying; a widget just added from the palette goes away again. */
  cancel() {
    const current = this.current;
    if (!current) return;
    this.close();
    if (current.isNew && this.editor.state.find(current.id)) {
      this.editor.discardNew(current.id);
      return;
    }
    this._focusCard(current.id) || (current.opener && current.opener.focus && current.opener.focus());
    // The card taking the focus back is heard by its name only, which does
    // not say whether what was typed in the form was kept: say it was not.
    this.editor.announce([{ key: 'settings.closed', params: { title: current.title } }]);
  }

  close() {
    const current = this.current;
    if (!current) return;
    this.current = null;
    current.overlay.remove();
    for (const element of this.inerted || []) element.removeAttribute('inert');
    this.inerted = [];
  }

  _focusCard(id) {
    const card = this.editor.cards.get(id);
    if (!card || !card.isConnected) return false;
    card.focus();
    return true;
  }
}

/**
 * Whether the frame shows a login form (a password field named as Plone's).
 * @param {HTMLIFrameElement} frame
 * @returns {boolean}
 */
function showsLogin(frame) {
  try {
    const doc = frame.contentDocument;
    return Boolean(doc && doc.querySelector('input[name="__ac_password"]'));
  } catch {
    // Another origin: not Plone's login of this site.
    return false;
  }
}
