/**
 * What a Delivery Key costs per item, in a real n8n: the same N sends to the Vanytech simulator
 * without a key, with a key (every key new: recorded and checked in groups), and again with the
 * same keys (every item skipped: only the store's work is left). Times are n8n's own executionTime
 * of the node. Also the size of the stored list, read from n8n's database.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import { n8nInstallation, workflow } from '../workflows/harness';
import type { N8nHarness, NodeSpec } from '../workflows/harness';

/** 2,000 by default: n8n prints a run's data whole, and 10,000 items' data is too large to read back. */
export const KEYS = Number(process.env.BENCH_KEYS ?? 2_000);

/** Bytes and entries of every stored processed-data list (n8n's processed_data table). */
function storedLists(n8n: N8nHarness): Array<{ context: string; entries: number; bytes: number }> {
	const dir = n8nInstallation();
	const script = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = db.prepare('SELECT context, value FROM processed_data').all();
process.stdout.write(JSON.stringify(rows.map((r) => ({ context: r.context, entries: JSON.parse(r.value).data.length, bytes: Buffer.byteLength(r.value) }))));
`;
	const out = execFileSync(join(dir, 'node', 'bin', 'node'), ['--no-warnings', '-e', script, join(n8n.userFolder, '.n8n', 'database.sqlite')], {
		encoding: 'utf8',
	});
	return JSON.parse(out) as Array<{ context: string; entries: number; bytes: number }>;
}

/** Runs the Delivery Key bench; returns the lines to print. `send` is the node under test. */
export async function benchDeliveryKeys(n8n: N8nHarness, sim: SimServer, send: (parameters: IDataObject) => NodeSpec): Promise<string[]> {
	const items = Array.from({ length: KEYS }, (_, k) => ({ n: k + 1 }));
	await n8n.importWorkflows([
		workflow('benchKeysNone', [send({})], items),
		workflow('benchKeys', [send({ deliveryKey: '={{ "bench-" + $json.n }}', deliveryKeyOptions: { keep: KEYS } })], items),
	]);
	const time = async (id: string): Promise<{ ms: number; out: IDataObject[] }> => {
		const run = await n8n.run(id);
		if (run.status !== 'success') throw new Error(`${id} failed: ${JSON.stringify(run.error).slice(0, 2000)}`);
		const node = run.runData.Node[0] as IDataObject & { data?: { main?: Array<Array<{ json: IDataObject }>> } };
		return { ms: Number(node.executionTime), out: (node.data?.main?.[0] ?? []).map((i) => i.json) };
	};
	const before = sim.records.length;
	const none = await time('benchKeysNone');
	const fresh = await time('benchKeys');
	const sentOnce = sim.records.length - before;
	const again = await time('benchKeys');
	const skipped = again.out.filter((j) => j.skipped === true).length;
	if (sentOnce !== 2 * KEYS || sim.records.length - before !== 2 * KEYS || skipped !== KEYS) {
		throw new Error(`Delivery Keys bench: expected ${2 * KEYS} messages and ${KEYS} skipped, got ${sim.records.length - before} and ${skipped}`);
	}
	const list = storedLists(n8n).find((l) => l.context.startsWith('n:'));
	const per = (ms: number) => `${(ms / KEYS).toFixed(3)} ms/item`;
	return [
		`\nDelivery Keys: ${KEYS} sends to the Vanytech simulator (executionTime as n8n measures it)`,
		`without a key\t${none.ms} ms\t${per(none.ms)}`,
		`with a key, all new\t${fresh.ms} ms\t${per(fresh.ms)}\tkey cost: ${per(fresh.ms - none.ms)}`,
		`same keys again (all skipped, nothing sent)\t${again.ms} ms\t${per(again.ms)}`,
		`stored list: ${list?.entries ?? 0} entries, ${list?.bytes ?? 0} bytes (read and rewritten by every store call; ${Math.ceil(KEYS / 100)} groups of 100 keys)`,
	];
}

/** The Delivery Key rows of the bench, against a Vanytech simulator of their own. */
export async function deliveryKeys(n8n: N8nHarness): Promise<string[]> {
	const sim = createVanytechSim();
	const url = await sim.start();
	const cred = { id: 'benchKeysVanytech', name: 'Vanytech (keys bench)' };
	try {
		await n8n.importCredentials([
			{ ...cred, type: 'vanytechMessageCenterApi', data: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
		]);
		return await benchDeliveryKeys(n8n, sim, (extra) => ({
			name: 'Node',
			type: 'vanytechMessageCenter',
			parameters: {
				resource: 'message',
				operation: 'send',
				title: '={{ "Keyed " + $json.n }}',
				content: 'bench',
				channels: ['Portal'],
				receiversInput: 'fields',
				receivers: { receiver: [{ userId: '12345', name: 'A' }] },
				...extra,
			},
			credentials: { vanytechMessageCenterApi: cred },
		}));
	} finally {
		await sim.stop();
	}
}
