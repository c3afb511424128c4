// The customer's accounts across the product lines: how long each has been held (to its closing, or today) and
// what it is worth a month; the active ones summed, the customer's monthly value at a glance.
import { esc } from './util.js';

export const money = (n) => (n == null ? '' : Number(n).toLocaleString('en-US', { style: 'currency', currency: 'USD' }));

/** Whole months from one ISO date to another (a month counts once its day of the month is reached). */
export function monthsBetween(from, to) {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** How long an account was or has been held: "3 yr 4 mo", "7 mo", "12 days"; '' without an opening date. */
export function tenure(openedOn, closedOn, today) {
  if (!openedOn) return '';
  const end = closedOn ?? today;
  const months = monthsBetween(openedOn, end);
  if (months < 1) {
    const days = Math.max(0, Math.round((Date.parse(end) - Date.parse(openedOn)) / 86_400_000));
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return [years ? `${years} yr` : '', rest ? `${rest} mo` : ''].filter(Boolean).join(' ');
}

/** Today as an ISO date in the agent's own time zone. */
export const isoToday = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** The monthly value of the active accounts. */
export const activeMonthly = (accounts) => accounts.filter((a) => a.status === 'active').reduce((sum, a) => sum + Number(a.monthly_amount ?? 0), 0);

export function accountsCard(accounts, today = isoToday()) {
  const active = accounts.filter((a) => a.status === 'active');
  const rows = accounts.map((a) => `<tr class="${esc(a.status)}">
      <td>${esc(a.product_line)}</td><td>${esc(a.product)}</td><td><code>${esc(a.account_key)}</code></td>
      <td><span class="status ${esc(a.status)}">${esc(a.status)}</span></td><td class="date">${esc(a.opened_on ?? '')}</td><td class="date">${esc(a.closed_on ?? '')}</td>
      <td class="tenure" title="${a.opened_on ? `from ${esc(a.opened_on)} to ${esc(a.closed_on ?? 'today')}` : ''}">${esc(tenure(a.opened_on, a.closed_on, today))}</td>
      <td class="num">${money(a.monthly_amount)}</td></tr>`).join('');
  return `<section class="card" id="accounts-card" data-part="accounts"><h2>Accounts and products <span class="count-note">${active.length} active of ${accounts.length}</span></h2>
    <table id="accounts"><thead><tr><th>Line</th><th>Product</th><th>Account</th><th>Status</th><th>Opened</th><th>Closed</th><th>Tenure</th><th class="num">Monthly</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="8" class="muted">No accounts.</td></tr>'}</tbody>
    ${active.length ? `<tfoot><tr><td colspan="7">Active accounts, a month</td><td class="num" id="monthly-total">${money(activeMonthly(accounts))}</td></tr></tfoot>` : ''}</table></section>`;
}
