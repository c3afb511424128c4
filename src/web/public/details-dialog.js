// Changing a customer's name, address, phone or e-mail. Only the fields the agent changed are sent, with the version
// that was read: when someone else changed the customer meanwhile (409) nothing is saved, what the agent typed stays,
// and their version can be loaded beside it; a refused value (422) is shown by its field.
import { openFormDialog, textField } from './form-dialog.js';
import { $, api, esc, fmtPhone, fullName, toast } from './util.js';

const rows = [
  [['given_name', 'Given name'], ['middle_name', 'Middle name'], ['family_name', 'Family name']],
  [['address_line', 'Address line']],
  [['city', 'City'], ['region', 'Region'], ['postcode', 'Postcode']],
  [['phone', 'Phone'], ['email', 'E-mail']],
];
const names = rows.flat().map(([name]) => name);
/** The only details the factory lets the front line empty. */
const removable = new Set(['middle_name', 'region']);
const capitals = new Set(['address_line', 'city', 'region', 'postcode']);
const attrs = { phone: 'inputmode="tel"', email: 'inputmode="email"', postcode: 'class="short"', region: 'class="short"' };

/** A customer's details as the form shows them: the first phone and e-mail are the ones the front line changes. */
export function detailValues(c) {
  const values = Object.fromEntries(names.map((name) => [name, c[name] ?? '']));
  return { ...values, phone: fmtPhone(c.phones[0]?.value ?? ''), email: c.emails[0]?.value ?? '' };
}

/** A value as the factory keeps it (capitals, lower-case e-mail, a phone's digits), so retyping is not a change. */
function canonical(name, value) {
  const s = value.trim().replace(/\s+/g, ' ');
  if (name === 'phone') return s.replace(/\D/g, '').replace(/^1(\d{10})$/, '$1');
  if (name === 'email') return s.toLowerCase();
  return capitals.has(name) ? s.toUpperCase() : s;
}

/** The fields that differ from `base`; an emptied removable one is sent as null. */
export function changedDetails(values, base) {
  const change = {};
  for (const name of names) {
    if (canonical(name, values[name]) === canonical(name, base[name])) continue;
    const value = values[name].trim();
    change[name] = value === '' && removable.has(name) ? null : value;
  }
  return change;
}

const formValues = (form) => Object.fromEntries(names.map((name) => [name, form.elements[name].value]));

/** Marks the fields the agent changed and says on the button how many will be saved. */
function markChanges(form, base) {
  const change = changedDetails(formValues(form), base);
  for (const name of names) form.elements[name].closest('.field').classList.toggle('changed', name in change);
  const n = Object.keys(change).length;
  $('button[type=submit]', form).textContent = n ? `Save ${n} change${n === 1 ? '' : 's'}` : 'Save';
}

function note(form, name, text) {
  const field = form.elements[name].closest('.field');
  $('.theirs', field)?.remove();
  field.insertAdjacentHTML('beforeend', `<span class="theirs">${text}</span>`);
}

/** Someone else's version, loaded into the form: fields the agent left alone take their value, the others keep the agent's. */
function mergeTheirs(form, base, theirs) {
  const marked = [];
  for (const name of names) {
    if (canonical(name, theirs[name]) === canonical(name, base[name])) continue;
    const input = form.elements[name];
    if (canonical(name, input.value) === canonical(name, base[name])) {
      input.value = theirs[name];
      note(form, name, 'changed by someone else');
    } else {
      note(form, name, `on record now: <b>${esc(theirs[name] || '(empty)')}</b>; saving puts yours`);
    }
    marked.push(name);
  }
  return marked;
}

/**
 * The edit dialog for the customer of `profile`. `onSaved(profile)` gets the saved customer as the API returns it;
 * `onReloaded(profile)` someone else's version, loaded after a conflict.
 */
export function openDetailsDialog(profile, { onSaved, onReloaded }) {
  const id = profile.customer.customer_id;
  let base = detailValues(profile.customer);
  let version = profile.version;
  const others = (list, fmt) => list.slice(1).map((v) => fmt(v.value)).join(', ');
  const kept = [others(profile.customer.phones, fmtPhone), others(profile.customer.emails, String)].filter(Boolean).join('; ');
  const fields = `${rows.map((row) => `<div class="row cols-${row.length}">${row.map(([name, label]) =>
    textField(name, label, base[name], `autocomplete="off" ${attrs[name] ?? ''} ${name === 'address_line' ? 'autofocus' : ''}`)).join('')}</div>`).join('')}
    <p class="hint small">A new phone or e-mail becomes the one to use; ${kept ? `the others stay on the record: ${esc(kept)}` : 'earlier ones stay on the record'}.
      Operational systems holding this customer are sent the change.</p>
    <div class="conflict" role="alert" hidden></div>`;

  const conflict = (form) => {
    const box = $('.conflict', form);
    box.hidden = false;
    box.className = 'conflict';
    box.innerHTML = `<strong>Someone else changed this customer while you were editing.</strong>
      Nothing was saved and what you typed is still here. <button type="button" class="btn small" data-reload>Load their changes</button>`;
    const reload = $('[data-reload]', box);
    reload.focus();
    reload.addEventListener('click', async () => {
      reload.disabled = true;
      try {
        const fresh = await api(`/api/customers/${id}`);
        const theirs = detailValues(fresh.customer);
        const marked = mergeTheirs(form, base, theirs);
        base = theirs;
        version = fresh.version;
        await onReloaded(fresh);
        markChanges(form, base);
        box.className = 'conflict loaded';
        box.innerHTML = `Their version is loaded${marked.length ? `: ${marked.length} field${marked.length === 1 ? '' : 's'} they changed ${marked.length === 1 ? 'is' : 'are'} marked` : ''}. Check, then save again.`;
        (marked.length ? form.elements[marked[0]] : $('button[type=submit]', form)).focus();
      } catch (e) {
        box.textContent = e.message;
      }
    });
  };

  openFormDialog({
    id: 'details-dialog',
    title: 'Edit details',
    subtitle: `${esc(fullName(profile.customer))} · #${esc(id)}`,
    fields,
    submit: 'Save',
    wide: true,
    onReady: (form) => form.addEventListener('input', () => markChanges(form, base)),
    onSubmit: async (form) => {
      const change = changedDetails(formValues(form), base);
      if (Object.keys(change).length === 0) {
        toast('Nothing changed.');
        return true;
      }
      try {
        const saved = await api(`/api/customers/${id}`, { version, ...change }, 'PATCH');
        await onSaved(saved);
        toast(saved.outbound ? `Saved. ${saved.outbound} operational system${saved.outbound === 1 ? ' is' : 's are'} being told.` : 'Saved.');
        return true;
      } catch (e) {
        if (e.status !== 409) throw e;
        conflict(form);
        return false;
      }
    },
  });
}
