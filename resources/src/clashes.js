// The clash panel of the conflict flow: after "Re-apply my changes", where
// the user and someone else changed the same widgets (or both switched
// layout), it lists each such widget by name with what clashed and two
// choices, keep mine or keep theirs, saying what each means. "Apply my
// choices" re-applies the kept changes with them (the state model's
// ``resolve``); until then Save waits. The panel goes as soon as the state
// has no clashes any more (applied, discarded, another conflict).

/**
 * Show the state's clashes for the user to choose (replacing a panel shown
 * before) and move the focus into it.
 * @param {import('./editor.js').Editor} editor
 * @returns {ClashPanel}
 */
export function showClashes(editor) {
  if (editor.clashPanel) editor.clashPanel.remove();
  editor.clashPanel = new ClashPanel(editor);
  editor.clashPanel.focus();
  return editor.clashPanel;
}

export class ClashPanel {
  constructor(editor) {
    this.editor = editor;
    this.element = this._build(editor.state.clashes || []);
    const status = editor.status;
    if (status) status.after(this.element);
    else editor.root.prepend(this.element);
    this.unsubscribe = editor.state.subscribe((state) => {
      if (!state.hasClashes) this.remove();
      else if (state.clashes !== this.clashes) this._refresh(state.clashes);
    });
  }

  _build(clashes) {
    const editor = this.editor;
    const doc = editor.document;
    const section = doc.createElement('section');
    section.className = 'composite-clashes';
    section.setAttribute('data-composite-clashes', '');
    section.id = 'composite-clashes';
    const heading = doc.createElement('h2');
    heading.id = 'composite-clashes-title';
    heading.className = 'composite-clashes__title';
    heading.tabIndex = -1;
    heading.textContent = editor.t({ key: 'merge.title' });
    section.setAttribute('aria-labelledby', heading.id);
    const intro = doc.createElement('p');
    intro.className = 'composite-clashes__intro';
    intro.textContent = editor.t({ key: 'merge.intro' });
    this.list = doc.createElement('div');
    this.list.className = 'composite-clashes__list';
    const actions = doc.createElement('div');
    actions.className = 'composite-clashes__actions';
    const apply = doc.createElement('button');
    apply.type = 'button';
    apply.className = 'composite-clashes__apply';
    apply.textContent = editor.t({ key: 'merge.apply' });
    apply.addEventListener('click', () => this.apply());
    // Handled by the editor's conflict flow, like the button of the notice.
    const discard = doc.createElement('button');
    discard.type = 'button';
    discard.setAttribute('data-composite-conflict', 'discard');
    discard.textContent = editor.t({ key: 'conflict.discard' });
    actions.append(apply, discard);
    section.append(heading, intro, this.list, actions);
    section.addEventListener('change', (event) => this._chosen(event.target));
    this.heading = heading;
    this._refresh(clashes);
    return section;
  }

  // One group of two radio buttons per clash, named after the widget; a
  // choice made before is kept for a clash asked about again.
  _refresh(clashes) {
    const editor = this.editor;
    const doc = editor.document;
    const before = this.clashes ? this.choices() : {};
    this.clashes = clashes;
    this.list.textContent = '';
    clashes.forEach((clash, index) => {
      const fieldset = doc.createElement('fieldset');
      fieldset.className = 'composite-clashes__clash';
      fieldset.setAttribute('data-composite-clash', clash.id);
      const legend = doc.createElement('legend');
      legend.textContent = editor.t(clash.name);
      const what = doc.createElement('p');
      what.className = 'composite-clashes__what';
      what.id = `composite-clash-${index}-what`;
      what.textContent = editor.t(clash.description);
      fieldset.setAttribute('aria-describedby', what.id);
      fieldset.append(legend, what);
      for (const side of ['mine', 'theirs']) {
        const label = doc.createElement('label');
        label.className = 'composite-clashes__choice';
        const input = doc.createElement('input');
        input.type = 'radio';
        input.name = `composite-clash-${index}`;
        input.value = side;
        input.checked = before[clash.id] === side;
        label.append(input, doc.createTextNode(` ${editor.t(clash[side])}`));
        fieldset.append(label);
      }
      this.list.append(fieldset);
    });
  }

  /** @returns {Record<string, 'mine'|'theirs'>} the choices made so far, by clash id */
  choices() {
    const choices = {};
    for (const fieldset of this.list.querySelectorAll('[data-composite-clash]')) {
      const checked = fieldset.querySelector('input:checked');
      if (checked) choices[fieldset.getAttribute('data-composite-clash')] = checked.value;
    }
    return choices;
  }

  _chosen(input) {
    const fieldset = input.closest('[data-composite-clash]');
    if (!fieldset) return;
    const clash = this.clashes.find((c) => c.id === fieldset.getAttribute('data-composite-clash'));
    this.editor.announce([{ key: 'merge.chosen', params: { name: clash.name, choice: clash[input.value] } }]);
  }

  /** Re-apply with the choices; a clash left without one gets the focus. */
  apply() {
    const result = this.editor.resolveClashes(this.choices());
    if (!result.ok && result.unresolved && this.element.isConnected) {
      const open = [...this.list.querySelectorAll('[data-composite-clash]')].find(
        (fieldset) => fieldset.getAttribute('data-composite-clash') === result.unresolved[0],
      );
      if (open) open.querySelector('input').focus();
    }
    return result;
  }

  focus() {
    this.heading.focus();
  }

  remove() {
    this.unsubscribe();
    this.element.remove();
    if (this.editor.clashPanel === this) this.editor.clashPanel = null;
  }
}
