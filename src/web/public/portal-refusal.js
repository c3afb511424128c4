// A refused change told where the customer will look: util.js's api() gives a 422's field and reason.

/** The API's reason as a sentence under its field: "is not a postal code" → "This is not a postal code." */
function sentence(reason) {
  if (/^(is|must|cannot)\b/.test(reason)) return `This ${reason}.`;
  if (/^at most\b/.test(reason)) return `Please use ${reason}.`;
  if (/^required\b/.test(reason)) return 'Please fill this in.';
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}

export function clearRefusals(form) {
  for (const el of form.querySelectorAll('.field-error, .form-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** A 422 under the field it names; anything else (or a field the form does not show) at the foot of the form. */
export function showRefusal(form, error) {
  clearRefusals(form);
  const slot = error.field && form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
  if (!slot) {
    form.querySelector('.form-error').textContent = sentence(error.message);
    return;
  }
  slot.textContent = sentence(error.reason);
  const input = slot.closest('.field')?.querySelector('input, select');
  input?.setAttribute('aria-invalid', 'true');
  input?.focus();
}
