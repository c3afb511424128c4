// The workspace's dialogs: one form each, opened by a button or a key, closed by Escape or Cancel, saved by Enter or
// Ctrl+Enter. Focus goes back where it was, and the API's refusal is shown by the field it names.
import { $, $$, esc } from './util.js';

/** Where focus returns when a dialog closes: the element itself, or (re-rendered meanwhile) the one with its id. */
function returnFocus(back) {
  const target = back?.isConnected ? back : back?.id ? document.getElementById(back.id) : null;
  target?.focus();
}

/** Clears what an earlier attempt said. */
export function clearErrors(form) {
  for (const el of $$('.field-error', form)) el.remove();
  for (const el of $$('[aria-invalid]', form)) el.removeAttribute('aria-invalid');
  $('.form-error', form).textContent = '';
}

/** Shows an API error by the field it names (422), or above the buttons when no field of the form has that name. */
export function showError(form, error) {
  const named = error.field ? form.elements.namedItem(error.field) : null;
  const input = named instanceof RadioNodeList ? named[0] : named; // a choice group: its first choice
  const field = error.field ? form.querySelector(`[data-field="${CSS.escape(error.field)}"]`) : null;
  if (!input || !field) {
    $('.form-error', form).textContent = error.message;
    return;
  }
  const note = document.createElement('span');
  note.className = 'field-error';
  note.id = `${form.id}-${error.field.replace('.', '-')}-error`;
  note.setAttribute('role', 'alert');
  note.textContent = error.reason ?? error.message;
  field.append(note);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', note.id);
  input.focus();
}

/**
 * Opens a modal form. `onSubmit(form)` does the work; when it resolves the dialog closes (unless it resolves false),
 * and when it throws the dialog stays open with the error shown. `onReady(form, dialog)` wires anything else before it shows.
 */
export function openFormDialog({ id, title, subtitle = '', fields, submit, onSubmit, onReady, wide = false }) {
  $(`#${id}`)?.remove();
  const back = document.activeElement;
  const dialog = document.createElement('dialog');
  dialog.id = id;
  dialog.className = `work-dialog${wide ? ' wide' : ''}`;
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.innerHTML = `<form id="${id}-form" class="dialog-form">
      <header class="dialog-head"><h2 id="${id}-title">${esc(title)}</h2>${subtitle ? `<span class="muted">${subtitle}</span>` : ''}</header>
      ${fields}
      <p class="form-error error" role="alert"></p>
      <div class="buttons"><span class="keys"><kbd>Esc</kbd> cancel <kbd>Ctrl</kbd><kbd>Enter</kbd> save</span><span class="spacer"></span>
        <button type="button" class="btn" data-cancel>Cancel</button><button type="submit" class="btn primary">${esc(submit)}</button></div>
    </form>`;
  document.body.append(dialog);
  const form = $('form', dialog);
  const button = $('button[type=submit]', form);
  dialog.addEventListener('close', () => {
    dialog.remove();
    returnFocus(back);
  });
  $('[data-cancel]', form).addEventListener('click', () => dialog.close());
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  // A field the agent corrects loses its complaint at once.
  form.addEventListener('input', (e) => {
    const note = e.target.closest?.('[data-field]')?.querySelector('.field-error');
    if (note) { note.remove(); e.target.removeAttribute('aria-invalid'); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled) return;
    clearErrors(form);
    button.disabled = true;
    dialog.classList.add('busy');
    try {
      const keepOpen = (await onSubmit(form)) === false;
      if (!keepOpen && dialog.open) dialog.close();
    } catch (error) {
      showError(form, error);
    } finally {
      button.disabled = false;
      dialog.classList.remove('busy');
    }
  });
  onReady?.(form, dialog);
  dialog.showModal();
  ($('[autofocus]', form) ?? $('input, select, textarea', form))?.focus();
  return { dialog, form };
}

/** A text field of a dialog form. */
export const textField = (name, label, value = '', attrs = '') =>
  `<label class="field" data-field="${esc(name)}"><span>${esc(label)}</span><input name="${esc(name)}" value="${esc(value)}" ${attrs}></label>`;

/** A row of choices, one of which is picked (arrow keys move between them). `options` are [value, label] pairs. */
export const choiceGroup = (name, legend, options, picked) =>
  `<fieldset class="field choices-row" data-field="${esc(name)}"><legend>${esc(legend)}</legend><div class="segmented">${options.map(([value, label]) =>
    `<label><input type="radio" name="${esc(name)}" value="${esc(value)}" ${value === picked ? 'checked' : ''}><span>${esc(label)}</span></label>`).join('')}</div></fieldset>`;

/** A text field with suggestions, and a box for longer notes. */
export const suggestField = (name, label, suggestions, attrs = '') =>
  `${textField(name, label, '', `list="${esc(name)}-list" autocomplete="off" ${attrs}`)}<datalist id="${esc(name)}-list">${[...new Set(suggestions)].map((s) => `<option value="${esc(s)}">`).join('')}</datalist>`;
export const notesField = (name = 'notes', label = 'Notes') =>
  `<label class="field" data-field="${esc(name)}"><span>${esc(label)}</span><textarea name="${esc(name)}" rows="3"></textarea></label>`;
