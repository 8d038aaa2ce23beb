import { createHash } from 'node:crypto';
import axios from 'axios';
import { NodeApiError } from 'n8n-workflow';
import type { DeduplicationItemTypes, ICheckProcessedOptions, INode, INodeProperties, INodeType } from 'n8n-workflow';
import { VanytechMessageCenterApi } from '../../credentials/VanytechMessageCenterApi.credentials';
import { accountText, ranges, receiptOf } from '../../nodes/common/account';
import type { Fate } from '../../nodes/common/account';
import { KeyStore, keyText, MAX_KEY_LENGTH, storedKey } from '../../nodes/common/deliveryKeys';
import { exchangeFailed } from '../../nodes/common/exchange';
import { noAnswerOutcome, outcomeOf } from '../../nodes/common/outcome';
import type { Resource } from '../../nodes/common/router';
import { Transport } from '../../nodes/common/transport';
import { DhcMessagePlatform } from '../../nodes/DhcMessagePlatform/DhcMessagePlatform.node';
import { resources as dhcResources } from '../../nodes/DhcMessagePlatform/actions';
import { DingTalk } from '../../nodes/DingTalk/DingTalk.node';
import { resources as dingTalkResources } from '../../nodes/DingTalk/actions';
import { EazytecZqt } from '../../nodes/EazytecZqt/EazytecZqt.node';
import { resources as eazytecResources } from '../../nodes/EazytecZqt/actions';
import { KingdeeJdy } from '../../nodes/KingdeeJdy/KingdeeJdy.node';
import { resources as kingdeeResources } from '../../nodes/KingdeeJdy/actions';
import { VanytechMessageCenter } from '../../nodes/VanytechMessageCenter/VanytechMessageCenter.node';
import { resources as vanytechResources } from '../../nodes/VanytechMessageCenter/actions';
import { vanytechClient } from '../../nodes/VanytechMessageCenter/transport';
import { SimServer } from '../sim/base';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { fakeContext } from './support/fake-context';

const node: INode = { id: 'n1', name: 'Send', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

/** What a failed request leaves behind, as the Transport marks it, against a real simulator. */
describe('outcome of a failed request', () => {
	let sim: VanytechSim;
	let url: string;
	beforeAll(async () => {
		sim = createVanytechSim();
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => sim.clear({ keepTokens: true }));

	const transport = (baseUrl = url) =>
		new Transport(
			fakeContext({
				credentialType: 'vanytechMessageCenterApi',
				credential: new VanytechMessageCenterApi(),
				credentials: { baseUrl, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST', token: '', expiresAt: 0 },
			}) as never,
			vanytechClient,
		);
	const send = async (t: Transport) =>
		await t
			.request({
				method: 'POST',
				url: '/message/sendMessageApi',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: { msgtitle: 't', msgType: '1', msgContent: 'c', sendStatus: '1', sendChannel: 'Portal', sendMode: 'normal', receivers: JSON.stringify([{ type: 'User', userId: '12345', name: 'A' }]) },
			})
			.then(
				() => 'sent',
				(error: unknown) => outcomeOf(error),
			);

	it('a platform error code is refused; HTTP 5xx and an answer that is not the platform\'s are uncertain', async () => {
		const t = transport();
		sim.fail({ count: 1, route: 'POST /message/sendMessageApi', body: { rspCode: '500001', rspMsg: '参数错误' } });
		expect(await send(t)).toBe('refused');
		sim.fail({ count: 1, route: 'POST /message/sendMessageApi', status: 502, body: '<html>Bad Gateway</html>' });
		expect(await send(t)).toBe('uncertain');
		sim.fail({ count: 1, route: 'POST /message/sendMessageApi', status: 200, body: '<html>portal</html>' });
		expect(await send(t)).toBe('uncertain');
		expect(await send(t)).toBe('sent');
	});

	it('a lost answer (the message was recorded) is uncertain; a closed port is unsent', async () => {
		const t = transport();
		expect(await send(t)).toBe('sent');
		sim.dropResponseAtRecord = sim.records.length + 1;
		expect(await send(t)).toBe('uncertain');
		expect(sim.droppedResponses).toBe(1);
		const closed = createVanytechSim();
		const closedUrl = await closed.start();
		await closed.stop();
		expect(await send(transport(closedUrl))).toBe('unsent');
	});

	it("as n8n wraps them: the HTTP client's reset is uncertain; a refused connection, a failed token exchange or signing is unsent", async () => {
		const recorder = new SimServer('recorder');
		recorder.route('POST /x', () => ({ body: { id: recorder.record('POST /x', {}) } }));
		const recorderUrl = await recorder.start();
		recorder.dropResponseAtRecord = 1;
		const reset = await axios.post(`${recorderUrl}/x`, {}).catch((e: unknown) => e);
		await recorder.stop();
		expect(recorder.records).toHaveLength(1);
		expect(noAnswerOutcome(new NodeApiError(node, reset as never))).toBe('uncertain');
		const refused = await axios.post(recorderUrl.replace(/:\d+$/, ':1')).catch((e: unknown) => e);
		expect(noAnswerOutcome(new NodeApiError(node, refused as never))).toBe('unsent');
		expect(noAnswerOutcome(new NodeApiError(node, exchangeFailed('Token exchange', 'ECONNRESET', 'no answer') as never))).toBe('unsent');
		expect(noAnswerOutcome(new NodeApiError(node, new Error('The Outer Instance ID is empty') as never))).toBe('unsent');
		expect(outcomeOf(new Error('thrown by an operation after its request'))).toBe('uncertain');
	});
});

describe('the account of a stopped run', () => {
	const sent = (id?: string): Fate => ({ kind: 'sent', id });
	it('lists each item of a short run, with the platform id, the code of a refusal, and what a re-run does', () => {
		const fates: Fate[] = [
			sent('task_id 11'),
			{ kind: 'refused', code: '40035', message: 'DingTalk error 40035: Invalid parameter' },
			{ kind: 'uncertain', message: 'DingTalk could not be reached: socket hang up' },
			{ kind: 'pending' },
		];
		expect(accountText(fates, { keys: false, retryOnFail: true })).toBe(
			[
				'What happened to each of the 4 items:',
				'Item 1: sent (task_id 11)',
				'Item 2: refused by the platform (code 40035): DingTalk error 40035: Invalid parameter',
				'Item 3: uncertain (may have been delivered): DingTalk could not be reached: socket hang up',
				'Item 4: not attempted',
				'Without a Delivery Key, running again sends all items again, including the 2 already sent or possibly sent. Retry On Fail is on: n8n runs this node again for all items and sends them a second time. Set a Delivery Key to send each message only once.',
			].join('\n'),
		);
	});

	it('summarises 10,000 items with counts and ranges, naming each uncertain item, in a few lines', () => {
		const fates: Fate[] = Array.from({ length: 10_000 }, (_, i): Fate =>
			i < 6000 ? sent(`msgId ${i}`) : i === 6000 ? { kind: 'uncertain', message: 'timeout' } : i % 2 ? { kind: 'skipped', reason: 'delivered before' } : { kind: 'pending' },
		);
		const text = accountText(fates, { keys: true, retryOnFail: false });
		expect(text.split('\n')).toEqual([
			'What happened to the 10000 items:',
			'sent: 6000 (items 1-6000)',
			'uncertain (may have been delivered): 1 (item 6001)',
			'  Item 6001: timeout',
			expect.stringMatching(/^skipped: 2000 \(items 6002, 6004, .*, 6060 and 1970 more runs\)$/),
			expect.stringMatching(/^not attempted: 1999 \(items 6003, 6005, .*, 6061 and 1969 more runs\)$/),
			'Running again with the same Delivery Keys sends only the items not sent yet (refused, not sent, not attempted); sent and uncertain items are skipped.',
		]);
		expect(text.length).toBeLessThan(2000);
	});

	it('reads ranges and receipts', () => {
		expect(ranges([0, 1, 2, 4, 6, 7])).toBe('1-3, 5, 7-8');
		expect(receiptOf({ agent_id: 1, task_id: 42 })).toBe('task_id 42');
		expect(receiptOf([{ code: 200, msgId: 'a1' }])).toBe('msgId a1');
		expect(receiptOf({ success: true })).toBeUndefined();
	});
});

/**
 * n8n's processed-data store as n8n 2.41 implements it (DeduplicationHelper, entries mode): one
 * list of MD5 hashes per scope, read, changed and written back with no lock. `gap` is the time
 * between a call's read and its write, where another call can slip in.
 */
function fakeStore(shared: { data?: string[] }, gap = () => 0) {
	const hash = (v: DeduplicationItemTypes) => createHash('md5').update(String(v)).digest('base64');
	const tick = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
	let calls = 0;
	return {
		calls: () => calls,
		async checkProcessedAndRecord(items: DeduplicationItemTypes[], _scope: string, options: ICheckProcessedOptions) {
			calls++;
			const read = shared.data ? [...shared.data] : undefined;
			await tick(gap());
			const out = { new: [] as DeduplicationItemTypes[], processed: [] as DeduplicationItemTypes[] };
			const data = read ?? [];
			const seen = new Set(data);
			for (const item of items) {
				if (read && seen.has(hash(item))) out.processed.push(item);
				else {
					out.new.push(item);
					data.push(hash(item));
				}
			}
			if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
			shared.data = data;
			return out;
		},
		async removeProcessed(items: DeduplicationItemTypes[]) {
			calls++;
			const data = shared.data ? [...shared.data] : [];
			await tick(gap());
			for (const item of items) {
				const k = data.indexOf(hash(item));
				if (k >= 0) data.splice(k, 1);
			}
			shared.data = data;
		},
		async clearAllProcessedItems() {
			calls++;
			shared.data = undefined;
		},
		async getProcessedDataCount() {
			calls++;
			return shared.data?.length ?? 0;
		},
	};
}

describe('KeyStore on a store that loses concurrent updates', () => {
	const settings = { scope: 'node' as const, keep: 10_000, forget: 'none' as const };

	it('a run records, finds keys again, and releases what did not go out; markers leave; the list keeps "keep" keys', async () => {
		const shared: { data?: string[] } = {};
		const first = new KeyStore(fakeStore(shared), settings);
		const claim = await first.claim(['a', 'b', 'c', 'd']);
		expect([...claim.before, ...claim.concurrent]).toEqual([]);
		await first.finish(['c', 'd']); // a sent, b uncertain (kept), c refused, d not attempted
		expect(shared.data).toHaveLength(2);
		const second = new KeyStore(fakeStore(shared), settings);
		const again = await second.claim(['a', 'b', 'c', 'd']);
		expect([...again.before]).toEqual(['a', 'b']);
		await second.finish([]);
		expect(shared.data).toHaveLength(4);
		// Groups of a run that fill "keep" exactly lose none of their keys to the markers.
		const full: { data?: string[] } = {};
		const keep = new KeyStore(fakeStore(full), { ...settings, keep: 300 });
		for (let g = 0; g < 3; g++) await keep.claim(Array.from({ length: 100 }, (_, k) => `g${g}-${k}`));
		await keep.finish([]);
		expect(full.data).toHaveLength(300);
		const check = await new KeyStore(fakeStore(full), { ...settings, keep: 300 }).claim(Array.from({ length: 100 }, (_, k) => `g0-${k}`));
		expect(check.before.size).toBe(100);
	});

	it('two runs claiming the same keys at once: the overwritten one sees it and leaves them to the other', async () => {
		const shared: { data?: string[] } = {};
		const a = new KeyStore(fakeStore(shared, () => 20), settings);
		const b = new KeyStore(fakeStore(shared, () => 20), settings);
		const [ca, cb] = await Promise.all([a.claim(['k1', 'k2']), b.claim(['k1', 'k2'])]);
		const senders = [ca, cb].filter((c) => c.before.size === 0 && c.concurrent.size === 0);
		expect(senders).toHaveLength(1);
		expect([...[ca, cb].find((c) => c !== senders[0])!.concurrent].sort()).toEqual(['k1', 'k2']);
	});

	it('two runs with different keys at once: both send theirs, and both records stand afterwards', async () => {
		const shared: { data?: string[] } = {};
		const a = new KeyStore(fakeStore(shared, () => 20), settings);
		const b = new KeyStore(fakeStore(shared, () => 20), settings);
		const [ca, cb] = await Promise.all([a.claim(['a1', 'a2']), b.claim(['b1', 'b2'])]);
		expect([ca.before.size + ca.concurrent.size, cb.before.size + cb.concurrent.size]).toEqual([0, 0]);
		await Promise.all([a.finish([]), b.finish([])]);
		const later = await new KeyStore(fakeStore(shared), settings).claim(['a1', 'a2', 'b1', 'b2']);
		expect([...later.before].sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
	});

	it('what remains: a writer whose read-to-write gap is longer than the check waits is not seen', async () => {
		const shared: { data?: string[] } = {};
		const slow = new KeyStore(fakeStore(shared, () => 300), settings);
		const fast = new KeyStore(fakeStore(shared), settings);
		const [cs, cf] = await Promise.all([slow.claim(['k']), fast.claim(['k'])]);
		expect([cs.before.size + cs.concurrent.size, cf.before.size + cf.concurrent.size]).toEqual([0, 0]);
	});
});

describe('keys as given', () => {
	it('text, numbers and objects as text; empty or blank is no key; long keys become their SHA-256', () => {
		expect([keyText('A-1'), keyText(7), keyText(true), keyText({ a: 1 }), keyText(' '), keyText(null)]).toEqual(['A-1', '7', 'true', '{"a":1}', undefined, undefined]);
		expect(storedKey('a'.repeat(MAX_KEY_LENGTH))).toBe('a'.repeat(MAX_KEY_LENGTH));
		const long = storedKey('a'.repeat(MAX_KEY_LENGTH + 1));
		expect(long).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(storedKey(`${'a'.repeat(MAX_KEY_LENGTH)}b`)).not.toBe(long);
		expect(storedKey(' A ')).toBe(' A ');
	});
});

describe('the Delivery Key fields', () => {
	const NODES: Array<[INodeType, Record<string, Resource>]> = [
		[new VanytechMessageCenter(), vanytechResources],
		[new KingdeeJdy(), kingdeeResources],
		[new DhcMessagePlatform(), dhcResources],
		[new EazytecZqt(), eazytecResources],
		[new DingTalk(), dingTalkResources],
	];

	it('appear on every operation that sends, of every node, and on no other', () => {
		for (const [node, resources] of NODES) {
			const sends = Object.entries(resources).flatMap(([r, res]) =>
				Object.entries(res.operations).flatMap(([o, op]) => (op.sends ? [`${r}.${o}`] : [])),
			);
			const shown = (name: string) =>
				(node.description.properties as INodeProperties[])
					.filter((p) => p.name === name)
					.flatMap((p) => {
						const show = p.displayOptions?.show ?? {};
						return ((show.resource ?? []) as string[]).flatMap((r) => ((show.operation ?? []) as string[]).map((o) => `${r}.${o}`));
					});
			expect({ node: node.description.name, sends: sends.length > 0 }).toEqual({ node: node.description.name, sends: true });
			for (const field of ['deliveryKey', 'deliveryKeyOptions', 'deliveryKeyNotice']) {
				expect({ node: node.description.name, field, shown: shown(field).sort() }).toEqual({ node: node.description.name, field, shown: [...sends].sort() });
			}
		}
	});
});
