// Small helpers every view uses.
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
export const fmtPhone = (p) => (/^\+1\d{10}$/.test(p ?? '') ? `(${p.slice(2, 5)}) ${p.slice(5, 8)}-${p.slice(8)}` : p ?? '');
export const fullName = (c) => [c?.given_name, c?.middle_name, c?.family_name, c?.name_suffix].filter(Boolean).join(' ');
export const pct = (p) => (p >= 0.9995 && p < 1 ? '>99.9%' : p > 0 && p < 0.0005 ? '<0.1%' : `${(p * 100).toFixed(1)}%`);
export const signed = (w) => `${w > 0 ? '+' : w < 0 ? '−' : '±'}${Math.abs(w).toFixed(1)}`;
/** A comparison level without its technical detail: "close (Jaro-Winkler ≥ 0.92)" → "close". */
export const shortLevel = (level) => (level ?? '').replace(/\s*\([^)]*\)\s*$/, '');
export const when = (iso) => (iso ? String(iso).slice(0, 16).replace('T', ' ') : '');

/**
 * GET, or with a body POST (or the method given), as JSON; a failure throws the API's own message with its `status`.
 * A 422 names the field first ("postcode: is not a postal code"): the error carries it as `field` and `reason`, so a
 * form can show it by that field. Unsigned in, it asks to sign in and tries again.
 */
export async function api(path, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await send(path, body, method);
  return res.json().catch(() => ({}));
}

/** The same call as `api`, answering the response itself when it went well: for a file to download. */
export async function send(path, body, method = body === undefined ? 'GET' : 'POST') {
  const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  if (res.status === 401 && path !== '/api/auth/login') {
    await signIn();
    return send(path, body, method);
  }
  if (!res.ok) {
    const json = await res.json().catch(() => ({}));
    const error = new Error(json.error || res.statusText);
    error.status = res.status;
    const named = res.status === 422 ? /^([\w.]+): (.+)$/s.exec(error.message) : null;
    if (named) [, error.field, error.reason] = named;
    throw error;
  }
  return res;
}

/** Whether a key press is meant for a text field, not a shortcut. */
export const typing = (e) => e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target?.tagName ?? '') || e.target?.isContentEditable;

/** The steward's name, remembered in this browser: decisions are recorded under it. */
export const steward = {
  get: () => localStorage.getItem('cif.steward') ?? '',
  set: (name) => localStorage.setItem('cif.steward', name.trim()),
};

let toastTimer;
/** A short message at the bottom of the screen. */
export function toast(message, kind = 'ok') {
  let el = $('#toast');
  if (!el) {
    el = document.createElement('div');
    el.id = 'toast';
    el.setAttribute('role', 'status');
    document.body.append(el);
  }
  el.className = `toast ${kind} show`;
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 3500);
}

let signingIn = null;
/**
 * Shows the sign-in form until someone signs in (the session is a cookie the browser then sends); calls that met a
 * 401 meanwhile all wait for the same sign-in. Resolves with who signed in, and tells the page ('cif:signed-in').
 */
export function signIn() {
  signingIn ??= new Promise((resolve) => {
    const dialog = $('#sign-in');
    const form = $('#sign-in-form');
    const name = $('input[name=name]', form);
    const password = $('input[name=password]', form);
    $('#sign-in-error').textContent = '';
    password.value = '';
    const submit = async (e) => {
      e.preventDefault();
      try {
        const who = await api('/api/auth/login', { name: name.value.trim(), password: password.value });
        form.removeEventListener('submit', submit);
        dialog.removeEventListener('cancel', keep);
        dialog.close();
        signingIn = null;
        document.dispatchEvent(new CustomEvent('cif:signed-in', { detail: who }));
        resolve(who);
      } catch (error) {
        $('#sign-in-error').textContent = error.message;
        password.select();
      }
    };
    const keep = (e) => e.preventDefault(); // Escape would leave a page that cannot load
    form.addEventListener('submit', submit);
    dialog.addEventListener('cancel', keep);
    if (!dialog.open) dialog.showModal();
    (name.value ? password : name).focus();
  });
  return signingIn;
}

/** Ends the session and starts over at the sign-in form. */
export async function signOut() {
  await api('/api/auth/logout', {}).catch(() => undefined);
  location.hash = '#/';
  location.reload();
}
