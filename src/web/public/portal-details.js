// "Your details": what we hold about the customer, and the form that changes it through PATCH /api/me.
import { clearRefusals, showRefusal } from './portal-refusal.js';
import { detailLabels } from './portal-words.js';
import { $, api, esc, fmtPhone, fullName, toast } from './util.js';

/** Fields the customer may empty; the others can be changed but not removed. */
const removable = ['middle_name', 'region'];

const inputTypes = { email: 'email', phone: 'tel' };
const autocomplete = {
  given_name: 'given-name', middle_name: 'additional-name', family_name: 'family-name', address_line: 'street-address',
  city: 'address-level2', region: 'address-level1', postcode: 'postal-code', phone: 'tel', email: 'email',
};

/** The value a field starts with in the form: the record's, the first phone and e-mail being the ones we use. */
function current(customer, field) {
  if (field === 'phone') return fmtPhone(customer.phones[0]?.value ?? '');
  if (field === 'email') return customer.emails[0]?.value ?? '';
  return customer[field] ?? '';
}

function addressLines(c) {
  const town = [c.city, [c.region, c.postcode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [c.address_line, town].filter(Boolean).map(esc).join('<br>');
}

function listed(values, show = (v) => v) {
  if (values.length === 0) return '<span class="muted">None given</span>';
  return values.map((v, i) => (i === 0 ? esc(show(v.value)) : `<span class="also">also ${esc(show(v.value))}</span>`)).join('<br>');
}

function viewHtml(c, notice) {
  return `
    <div class="card-head"><h2>Your details</h2><button class="btn" id="edit-details" type="button">Change</button></div>
    ${notice ? `<p class="notice" role="alert">${esc(notice)}</p>` : ''}
    <dl class="facts">
      <dt>Name</dt><dd id="my-name">${esc(fullName(c)) || '<span class="muted">None given</span>'}</dd>
      <dt>Address</dt><dd id="my-address">${addressLines(c) || '<span class="muted">None given</span>'}</dd>
      <dt>Phone</dt><dd id="my-phone">${listed(c.phones, fmtPhone)}</dd>
      <dt>E-mail</dt><dd id="my-email">${listed(c.emails)}</dd>
    </dl>`;
}

function formHtml(c) {
  const fields = Object.entries(detailLabels).map(([field, label]) => `
    <label class="field field-${field}"><span>${esc(label)}${removable.includes(field) ? ' <span class="muted">(if any)</span>' : ''}</span>
      <input name="${field}" type="${inputTypes[field] ?? 'text'}" value="${esc(current(c, field))}" autocomplete="${autocomplete[field]}">
      <span class="field-error" data-error-for="${field}" role="alert"></span>
    </label>`).join('');
  return `
    <div class="card-head"><h2>Change your details</h2></div>
    <form id="details-form" class="form" novalidate>
      <div class="form-grid">${fields}</div>
      <p class="hint">If we hold more than one phone number or e-mail address for you, the one you give here is the one we will use.</p>
      <p class="form-error" role="alert"></p>
      <div class="buttons"><button class="btn" type="button" id="cancel-details">Cancel</button><button class="btn primary" type="submit">Save my details</button></div>
    </form>`;
}

/** Only what the customer changed: the server refuses a change of nothing, and an untouched field stays as it is. */
function changedFields(form) {
  const change = {};
  for (const field of Object.keys(detailLabels)) {
    const input = form.elements[field];
    const value = input.value.trim();
    if (value === input.defaultValue.trim()) continue;
    change[field] = value === '' && removable.includes(field) ? null : value;
  }
  return change;
}

/**
 * Shows the details in `el`; "Change" opens the form. A change is sent with the version that was read: when someone
 * else changed the record meanwhile (409) the page is read again and the customer told; a bad value (422) is shown
 * at its field.
 */
export function showDetails(el, me, reload, notice = '') {
  el.innerHTML = viewHtml(me.customer, notice);
  $('#edit-details', el).addEventListener('click', () => {
    el.innerHTML = formHtml(me.customer);
    const form = $('#details-form', el);
    $('#cancel-details', el).addEventListener('click', () => showDetails(el, me, reload));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearRefusals(form);
      const change = changedFields(form);
      if (Object.keys(change).length === 0) {
        toast('Nothing has changed.');
        return showDetails(el, me, reload);
      }
      const button = $('button[type=submit]', form);
      button.disabled = true;
      try {
        await api('/api/me', { version: me.version, ...change }, 'PATCH');
        toast('Your details are saved.');
        await reload();
      } catch (error) {
        button.disabled = false;
        if (error.status !== 409) return showRefusal(form, error);
        await reload({ detailsNotice: 'Your details were changed somewhere else (perhaps by our staff) after you opened this page, so we have not saved yours. Here they are as they are now: please make your change again.' });
      }
    });
    form.elements.given_name.focus();
  });
}
