/**
 * `npm run bench`: what the package costs a user, measured in a real n8n, printed side by side as
 * one Markdown report (the README's table comes from it):
 *   - per-item time of each node against n8n's HTTP Request node on the same sends;
 *   - token exchanges per 10,000 items over 10 executions started together;
 *   - DingTalk's sustained rate and rate-limit answers at its 20 QPS (one workflow, then two);
 *   - API calls per 1,000 recipients of one alert with Combine Items;
 *   - what a Delivery Key costs per item (test/bench/keys.ts; BENCH_KEYS items, default 2,000);
 *   - n8n queue mode: throughput with 1 and 2 workers, token exchanges of a cold burst, DingTalk's
 *     aggregate rate with two workers (starts PostgreSQL and Redis; `npm run bench:queue` runs
 *     only this part, BENCH_QUEUE=0 skips it).
 * BENCH_ITEMS (per-item sends, default 200), BENCH_ROUNDS (default 3), BENCH_TOKEN_ITEMS (items per
 * execution, default 1000) and BENCH_RATE_ITEMS (DingTalk messages, default 1000) change the size.
 * Asserts nothing about speed; it stops when a send is not accepted (the comparison would be void).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { N8nHarness, n8nInstallation } from '../workflows/harness';
import { limits } from './limits';
import type { LimitRows } from './limits';
import { perItem } from './per-item';
import type { PerItemRow } from './per-item';
import { deliveryKeys } from './keys';
import { queueMode } from './queue';
import type { QueueRows } from './queue';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TOKEN_ITEMS = Number(process.env.BENCH_TOKEN_ITEMS ?? 1000);
const RATE_ITEMS = Number(process.env.BENCH_RATE_ITEMS ?? 1000);
const ONLY_QUEUE = process.argv.includes('--queue');
const QUEUE = ONLY_QUEUE || process.env.BENCH_QUEUE !== '0';

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function machine(): string {
	const cpu = cpus();
	const n8nVersion = (() => {
		try {
			return execFileSync('node', ['-p', `require('${n8nInstallation()}/app/node_modules/n8n/package.json').version`], { encoding: 'utf8' }).trim();
		} catch {
			return '?';
		}
	})();
	return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, load average ${loadavg().map(f1).join(' ')} at the start; n8n ${n8nVersion}; ${new Date().toISOString().slice(0, 10)}`;
}

function report(rows: { perItem?: PerItemRow[]; limits?: LimitRows; keys?: string[]; queue?: QueueRows }, started: string): string {
	const out = [`Machine: ${started}`, ''];
	if (rows.perItem) {
		out.push(`Per item (median of ${ROUNDS} rounds of ${ITEMS} sends, n8n's executionTime):`, '', '| Platform | This node | HTTP Request node | |', '|---|---|---|---|');
		for (const r of rows.perItem) out.push(`| ${r.platform} | ${f2(r.nodeMs)} ms | ${Number.isNaN(r.httpMs) ? '–' : `${f2(r.httpMs)} ms`} | ${r.note} |`);
		out.push('');
	}
	if (rows.limits) {
		const { tokens, rate, combine } = rows.limits;
		out.push('| At the platform\'s limits | Measured |', '|---|---|');
		out.push(`| Token exchanges for ${tokens.items.toLocaleString('en')} items in ${tokens.executions} executions started together (cold credential) | ${tokens.exchanges} |`);
		for (const r of rate) out.push(`| DingTalk at its 20 QPS, ${r.messages} work notifications, ${r.label} | ${f1(r.perSecond)} a second, ${r.rateLimited} rate-limit answers, busiest 1,000 ms: ${r.busiestWindow} calls |`);
		for (const c of combine) out.push(`| ${c.platform}: API calls per ${c.recipients.toLocaleString('en')} recipients of one alert | ${c.calls} with Combine Items (${c.without.toLocaleString('en')} without) |`);
		out.push('');
	}
	if (rows.keys) out.push(...rows.keys, '');
	if (rows.queue) {
		const q = rows.queue;
		out.push('| n8n queue mode (PostgreSQL + Redis + main + workers) | Measured |', '|---|---|');
		for (const t of q.throughput) out.push(`| ${t.workers} worker${t.workers > 1 ? 's' : ''}: 20 webhook executions × 50 Vanytech sends | ${t.messages} sends in ${f1(t.ms / 1000)} s, ${f1(t.perSecond)} a second |`);
		out.push(`| Token exchanges, cold burst on 2 workers | ${q.coldExchanges} |`);
		out.push(`| DingTalk at its 20 QPS, 2 workers at 10 requests/s each, ${q.dingTalk.messages} messages | ${f1(q.dingTalk.perSecond)} a second together, ${q.dingTalk.rateLimited} rate-limit answers |`);
		out.push(`| Bring-up (PostgreSQL, Redis, imports, main + 2 workers ready) | ${f1(q.bringUpMs / 1000)} s |`);
		out.push('');
	}
	return out.join('\n');
}

async function main(): Promise<void> {
	const started = machine();
	const packageDir = process.env.CN_MSG_PACKAGE_DIR ?? process.cwd();
	const rows: { perItem?: PerItemRow[]; limits?: LimitRows; keys?: string[]; queue?: QueueRows } = {};
	if (!ONLY_QUEUE) {
		const n8n = await N8nHarness.create('bench');
		try {
			console.error('bench: per-item time, node against HTTP Request node…');
			rows.perItem = await perItem(n8n, ITEMS, ROUNDS);
			console.error('bench: token exchanges, DingTalk at 20 QPS, Combine Items…');
			rows.limits = await limits(n8n, TOKEN_ITEMS, RATE_ITEMS);
			console.error('bench: Delivery Keys…');
			rows.keys = await deliveryKeys(n8n).catch((error: Error) => [`Delivery Keys bench failed: ${error.message.slice(0, 500)}`]);
		} finally {
			n8n.dispose();
		}
	}
	if (QUEUE) {
		console.error('bench: n8n queue mode (PostgreSQL, Redis, main, 2 workers)…');
		rows.queue = await queueMode(packageDir, (line) => console.error(line));
	}
	console.log(`\n${report(rows, started)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
