/**
 * `npm run bench`: what the package adds per item, measured in a real n8n.
 *
 * The same 200 sends to the Vanytech simulator, once with the Vanytech Message Center node and once
 * with n8n's own HTTP Request node (same credential, same form body, batching off), both timed by
 * n8n itself (the node's executionTime in the run data), three rounds each. Also reports token
 * exchanges per run and the node process's peak memory (from /proc when available), and what a
 * Delivery Key costs per item (test/bench/keys.ts; BENCH_KEYS items, default 10,000).
 * Prints a table; asserts nothing (speed is measured, not tested).
 */
import type { IDataObject } from 'n8n-workflow';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import { N8nHarness, workflow } from '../workflows/harness';
import { benchDeliveryKeys } from './keys';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CRED = { id: 'benchVanytech01', name: 'Vanytech (bench)' };

async function main(): Promise<void> {
	const sim = createVanytechSim();
	const url = await sim.start();
	const n8n = await N8nHarness.create('bench');
	try {
		await n8n.importCredentials([
			{ ...CRED, type: 'vanytechMessageCenterApi', data: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
		]);
		const items = Array.from({ length: ITEMS }, (_, k) => ({ n: k + 1 }));
		const nodeParameters = {
			resource: 'message',
			operation: 'send',
			title: '={{ "Bench " + $json.n }}',
			content: 'bench',
			channels: ['Portal'],
			receiversInput: 'fields',
			receivers: { receiver: [{ userId: '12345', name: 'A' }] },
		};
		const form = {
			msgtitle: '={{ "Bench " + $json.n }}',
			msgType: '1',
			msgContent: 'bench',
			sendStatus: '1',
			sendChannel: 'Portal',
			sendMode: 'normal',
			receivers: JSON.stringify([{ type: 'User', userId: '12345', name: 'A' }]),
		};
		await n8n.importWorkflows([
			workflow(
				'benchNode',
				[
					{
						name: 'Node',
						type: 'vanytechMessageCenter',
						parameters: nodeParameters,
						credentials: { vanytechMessageCenterApi: CRED },
					},
				],
				items,
			),
			workflow(
				'benchHttp',
				[
					{
						name: 'Node',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						parameters: {
							method: 'POST',
							url: `${url}/message/sendMessageApi`,
							authentication: 'predefinedCredentialType',
							nodeCredentialType: 'vanytechMessageCenterApi',
							sendBody: true,
							contentType: 'form-urlencoded',
							bodyParameters: { parameters: Object.entries(form).map(([name, value]) => ({ name, value })) },
							options: {},
						},
						credentials: { vanytechMessageCenterApi: CRED },
					},
				],
				items,
			),
		]);
		const rows: string[] = [];
		for (const id of ['benchNode', 'benchHttp']) {
			const times: number[] = [];
			for (let r = 0; r < ROUNDS; r++) {
				sim.calls = [];
				const run = await n8n.run(id);
				if (run.status !== 'success') throw new Error(`${id} failed: ${JSON.stringify(run.error)}`);
				times.push(Number(run.runData.Node[0] && (run.runData.Node[0] as IDataObject).executionTime));
				const exchanges = sim.calls.filter((c) => c.path === '/msg/getThirdAPIToken').length;
				rows.push(`${id}\tround ${r + 1}\t${times[r]} ms\t${(times[r] / ITEMS).toFixed(2)} ms/item\ttoken exchanges: ${exchanges}`);
			}
			const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
			rows.push(`${id}\tmedian\t${median} ms\t${(median / ITEMS).toFixed(2)} ms/item`);
		}
		console.log(`\n${ITEMS} sends to the Vanytech simulator, ${ROUNDS} rounds (executionTime as n8n measures it)`);
		console.log(rows.join('\n'));
		console.log(`messages accepted by the simulator: ${sim.records.length} (expected ${ITEMS * ROUNDS * 2})`);
		if (sim.records.length !== ITEMS * ROUNDS * 2) throw new Error('not every send was accepted: the comparison is not like for like');
		const keyed = await benchDeliveryKeys(n8n, sim, (extra) => ({
			name: 'Node',
			type: 'vanytechMessageCenter',
			parameters: { ...nodeParameters, title: '={{ "Keyed " + $json.n }}', ...extra },
			credentials: { vanytechMessageCenterApi: CRED },
		}));
		console.log(keyed.join('\n'));
	} finally {
		n8n.dispose();
		await sim.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
