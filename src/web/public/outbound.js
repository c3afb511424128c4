// Outbound: the changes sent back to the operational systems. Counts by status, and the dead letters (deliveries a
// system kept refusing) with their last error and a Replay button; a replayed one is retried within seconds.
import { api, esc, toast, when } from './util.js';

const statuses = ['pending', 'delivered', 'dead'];

function rowHtml(r) {
  return `<tr><td class="num">${esc(r.outbox_id)}</td><td>${esc(r.source)}</td><td><code>${esc(r.source_key)}</code></td>
    <td><a href="#/customers/${esc(r.customer_id)}">${esc(r.customer_id)}</a></td><td>${esc(when(r.created_at))}</td>
    <td class="num">${esc(r.attempts)}</td>
    <td>${r.status === 'delivered' ? esc(when(r.delivered_at)) : `<span class="error">${esc(r.last_error ?? '')}</span>`}</td>
    <td>${r.status === 'dead' ? `<button class="btn small" data-replay="${esc(r.outbox_id)}">Replay</button>` : esc(r.status === 'pending' ? `next ${when(r.next_attempt_at)}` : '')}</td></tr>`;
}

export async function showOutbound(root, status = 'dead') {
  root.innerHTML = '<p class="muted">Loading the outbox…</p>';
  document.title = 'Outbound — cif';
  let page;
  try {
    page = await api(`/api/outbound?status=${status}&limit=200`);
  } catch (e) {
    root.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    return;
  }
  const tabs = statuses.map((s) => `<button class="btn small ${s === status ? 'on' : ''}" data-status="${s}">${s} <span class="count">${page.counts[s]}</span></button>`).join(' ');
  root.innerHTML = `
    <div class="head"><h1>Outbound</h1><span class="muted">changes delivered to the operational systems</span><span class="spacer"></span>
      ${page.counts.dead ? '<button class="btn" data-replay-all>Replay all dead</button>' : ''}</div>
    <p>${tabs}</p>
    <section class="card"><table id="outbound-rows"><thead><tr><th class="num">#</th><th>System</th><th>Record</th><th>Customer</th><th>Queued</th><th class="num">Attempts</th><th>${status === 'delivered' ? 'Delivered' : 'Last error'}</th><th></th></tr></thead><tbody>
      ${page.items.map(rowHtml).join('') || `<tr><td colspan="8" class="muted">No ${status} deliveries.</td></tr>`}
    </tbody></table>${page.total > page.items.length ? `<p class="muted">The newest ${page.items.length} of ${page.total}.</p>` : ''}</section>`;

  root.querySelectorAll('[data-status]').forEach((b) => b.addEventListener('click', () => showOutbound(root, b.dataset.status)));
  const replay = async (path) => {
    try {
      const { replayed } = await api(path, {});
      toast(`${replayed} replayed: delivered again shortly`);
    } catch (e) {
      toast(e.message, 'error');
    }
    showOutbound(root, status);
  };
  root.querySelectorAll('[data-replay]').forEach((b) => b.addEventListener('click', () => replay(`/api/outbound/${b.dataset.replay}/replay`)));
  root.querySelector('[data-replay-all]')?.addEventListener('click', () => replay('/api/outbound/replay'));
}
