import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { callsOf, combineLists, outputOf, withCombineOptions } from '../../nodes/common/combine';
import { operationFields } from '../../nodes/common/router';
import { send as dingTalkSend } from '../../nodes/DingTalk/actions/workNotification/send.operation';

type P = { body: IDataObject };
const spec = dingTalkSend.combine!;
const text = (content: string) => ({ msgtype: 'text', text: { content } });
const item = (body: IDataObject): P => ({ body: { agent_id: 1, msg: text('alert'), ...body } });
const prepared = (list: P[]) => list.map((value, index) => ({ index, value }));

describe('Combine Items: calls of a run', () => {
	it('one call per item when the option is off', () => {
		const calls = callsOf(spec, false, 0, prepared([item({ userid_list: 'a' }), item({ userid_list: 'b' })]));
		expect(calls.map((c) => c.items)).toEqual([[0], [1]]);
	});

	it('1,000 single-user items of one alert go out in 10 calls of 100 users (DingTalk limit), in input order', () => {
		const items = Array.from({ length: 1000 }, (_, k) => item({ userid_list: `u${k}` }));
		const calls = callsOf(spec, true, 0, prepared(items));
		expect(calls).toHaveLength(10);
		expect(calls[0].items).toEqual(Array.from({ length: 100 }, (_, k) => k));
		expect(calls[9].value.body.userid_list).toBe(Array.from({ length: 100 }, (_, k) => `u${900 + k}`).join(','));
		expect(calls[0].value.body).not.toHaveProperty('dept_id_list');
		expect(calls.flatMap((c) => c.items)).toEqual(Array.from({ length: 1000 }, (_, k) => k));
	});

	it('combines only items whose message is the same; recipients of different kinds merge; duplicates go once', () => {
		const calls = callsOf(
			spec,
			true,
			0,
			prepared([
				item({ userid_list: 'a,b' }),
				item({ userid_list: 'c', msg: text('other') }),
				item({ dept_id_list: '7' }),
				item({ userid_list: 'b,d' }),
				item({ to_all_user: true }),
				item({ userid_list: 'e', agent_id: 2 }),
			]),
		);
		expect(calls.map((c) => c.items)).toEqual([[0, 2, 3], [1], [4], [5]]);
		expect(calls[0].value.body).toEqual({ agent_id: 1, msg: text('alert'), userid_list: 'a,b,d', dept_id_list: '7' });
		expect(calls[2].value.body.to_all_user).toBe(true);
	});

	it('keeps each call within every limit and never splits an item over calls', () => {
		const users = (from: number, n: number) => Array.from({ length: n }, (_, k) => `u${from + k}`).join(',');
		const calls = callsOf(spec, true, 0, prepared([item({ userid_list: users(0, 60) }), item({ userid_list: users(60, 60) }), item({ dept_id_list: '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20' }), item({ dept_id_list: '21' })]));
		expect(calls.map((c) => c.items)).toEqual([[0, 2], [1, 3]]);
		for (const c of calls) {
			expect(String(c.value.body.userid_list ?? '').split(',').length).toBeLessThanOrEqual(100);
			expect(String(c.value.body.dept_id_list ?? '').split(',').length).toBeLessThanOrEqual(20);
		}
	});

	it('an OA message with a status bar combines up to 5 users only', () => {
		const oa = { msgtype: 'oa', oa: { message_url: 'https://x', head: { bgcolor: 'FFBBBBBB', text: 'h' }, body: {}, status_bar: { status_value: 'open' } } };
		const calls = callsOf(spec, true, 0, prepared(Array.from({ length: 7 }, (_, k) => item({ userid_list: `u${k}`, msg: oa }))));
		expect(calls.map((c) => c.items.length)).toEqual([5, 2]);
	});

	it('every item gets the call\'s output, with how many items the call served', () => {
		const [call] = callsOf(spec, true, 0, prepared([item({ userid_list: 'a' }), item({ userid_list: 'b' })]));
		expect(outputOf(spec, true, call, call.value, { task_id: 7 })).toEqual({ task_id: 7, combinedItems: 2 });
		expect(outputOf(spec, false, call, call.value, { task_id: 7 })).toEqual({ task_id: 7 });
	});
});

describe('combineLists declarations', () => {
	it('JSON-text lists and nested lists (receiverData.*), with a per-call maximum the user sets', () => {
		const s = combineLists<P>({ receivers: { format: 'json' }, 'receiverData.*': {} }, { perCallDefault: 100 });
		const a: P = { body: { title: 't', receivers: JSON.stringify([{ userId: '1' }]), receiverData: { user: ['x'] } } };
		const b: P = { body: { title: 't', receivers: JSON.stringify([{ userId: '2' }]), receiverData: { user: ['y'], dept: ['d'] } } };
		const c: P = { body: { title: 't', receivers: JSON.stringify([{ userId: '3' }]), receiverData: { user: ['z'] } } };
		const calls = callsOf(s, true, 5, prepared([a, b, c]));
		expect(calls.map((x) => x.items)).toEqual([[0, 1], [2]]);
		expect(calls[0].value.body).toEqual({ title: 't', receivers: JSON.stringify([{ userId: '1' }, { userId: '2' }]), receiverData: { user: ['x', 'y'], dept: ['d'] } });
		expect(callsOf(s, true, 100, prepared([a, b, c]))).toHaveLength(1);
	});

	it('a per-item output keeps each item\'s own recipients', () => {
		const s = combineLists<P>({ receivers: {} }, { perCallDefault: 10, output: (out, p) => ({ ...out, receivers: p.body.receivers }) });
		const calls = callsOf(s, true, 10, prepared([{ body: { receivers: ['1'] } }, { body: { receivers: ['2'] } }]));
		expect(calls[0].value.body.receivers).toEqual(['1', '2']);
		expect(outputOf(s, true, calls[0], { body: { receivers: ['2'] } }, { id: 'm1', receivers: ['1', '2'] })).toEqual({ id: 'm1', receivers: ['2'], combinedItems: 2 });
	});
});

describe('Combine Items option', () => {
	const options = (fields: INodeProperties[]) => (fields.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];

	it('is added, in alphabetical order, to the Options of every operation that declares combine (and only those)', () => {
		const fields = operationFields('workNotification', { send: dingTalkSend });
		const names = options(fields).map((o) => o.displayName);
		expect(names).toContain('Combine Items');
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const { combine: _, ...plain } = dingTalkSend;
		expect(options(operationFields('workNotification', { send: plain })).map((o) => o.name)).not.toContain('combineItems');
	});

	it('offers Most Recipients Per Call only where the platform documents no maximum', () => {
		const s = combineLists<P>({ receivers: {} }, { perCallDefault: 100 });
		const added = options(withCombineOptions([], s as never));
		expect(added.map((o) => [o.name, o.default])).toEqual([
			['combineItems', false],
			['recipientsPerCall', 100],
		]);
		expect(options(operationFields('workNotification', { send: dingTalkSend })).map((o) => o.name)).not.toContain('recipientsPerCall');
	});
});
