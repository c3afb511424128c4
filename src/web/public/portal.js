// The customer's own page: their details, their products, how we may contact them and the changes to their record.
// It calls /api/me… only; the server answers a customer about nobody else, whatever a page asks.
import { changesHtml } from './portal-changes.js';
import { showContact } from './portal-contact.js';
import { showDetails } from './portal-details.js';
import { dateWords, productLine } from './portal-words.js';
import { $, api, esc, fullName, signOut } from './util.js';

function productsHtml(accounts) {
  // Current products first, then the newest.
  const sorted = [...accounts].sort((a, b) => (a.status === b.status ? String(b.opened_on).localeCompare(String(a.opened_on)) : a.status === 'active' ? -1 : 1));
  const items = sorted.map((a) => `
    <li class="product ${a.status === 'active' ? 'active' : 'ended'}">
      <span class="product-name">${esc(a.product || productLine(a.product_line))}</span>
      <span class="product-line">${esc(productLine(a.product_line))} · account ${esc(a.account_key)}</span>
      <span class="product-status">${a.status === 'active'
        ? `<span class="badge on">Active</span> ${a.opened_on ? `since ${esc(dateWords(a.opened_on, { day: false }))}` : ''}`
        : `<span class="badge">Ended</span> ${a.closed_on ? esc(dateWords(a.closed_on)) : ''}`}</span>
    </li>`).join('');
  return `
    <div class="card-head"><h2>Your products</h2></div>
    ${accounts.length ? `<ul class="products" id="products-list">${items}</ul>` : '<p class="muted">You have no products with us at the moment.</p>'}`;
}

async function showPortal(options = {}) {
  const [me, audit] = await Promise.all([api('/api/me'), api('/api/me/audit')]);
  const c = me.customer;
  $('#who-name').textContent = fullName(c);
  $('#portal').innerHTML = `
    <div class="hello">
      <h1 id="hello">Hello, ${esc(c.given_name ?? fullName(c))}</h1>
      <p class="lead">Here you can check the details we hold about you, keep them up to date, and choose how we may contact you.</p>
    </div>
    <div class="columns">
      <section class="card" id="details"></section>
      <section class="card" id="contact"></section>
    </div>
    <section class="card" id="products">${productsHtml(me.accounts)}</section>
    <section class="card" id="changes">${changesHtml(audit.items)}</section>`;
  document.title = `${fullName(c)} — your account`;
  showDetails($('#details'), me, showPortal, options.detailsNotice);
  showContact($('#contact'), me, showPortal);
}

function staffOnly(who) {
  $('#portal').innerHTML = `
    <section class="card notice-card" id="for-customers">
      <h1>This page is for our customers</h1>
      <p>You are signed in as <strong>${esc(who.name)}</strong> (${esc(who.role)}), a member of staff. Customers sign in here to look after their own details.</p>
      <p>Staff work in the <a href="/">staff screens</a>. To sign in as a customer, sign out first.</p>
      <button class="btn" type="button" id="staff-sign-out">Sign out</button>
    </section>`;
  $('#staff-sign-out').addEventListener('click', signOut);
}

// Someone else signing in when a session has ended (a shared computer) must not see the last person's page.
let signedInAs = null;

async function start() {
  // Asking who is signed in brings up the sign-in form first when nobody is.
  const who = await api('/api/auth/me');
  signedInAs = who.name;
  $('#who').hidden = false;
  $('#who-name').textContent = who.name;
  if (who.role !== 'customer') return staffOnly(who);
  try {
    await showPortal();
  } catch (error) {
    const why = error.status === 404 ? 'We cannot find your record just now.' : 'Something went wrong on our side.';
    $('#portal').innerHTML = `<section class="card"><p class="error">${why} Please try again later, or contact us.</p></section>`;
  }
}

$('#sign-out').addEventListener('click', (e) => { e.preventDefault(); signOut(); });
document.addEventListener('cif:signed-in', (e) => { if (signedInAs !== null && e.detail.name !== signedInAs) location.reload(); });
start();
