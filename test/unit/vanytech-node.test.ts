import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanytechMessageCenterApi } from '../../credentials/VanytechMessageCenterApi.credentials';
import { VanytechMessageCenterTrigger } from '../../nodes/VanytechMessageCenter/VanytechMessageCenterTrigger.node';
import { resources } from '../../nodes/VanytechMessageCenter/actions';
import { templateSlots } from '../../nodes/VanytechMessageCenter/methods';
import { judgeVanytech, VANYTECH_CODES } from '../../nodes/VanytechMessageCenter/transport';
import { ItemFields } from '../../nodes/common/validation';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import { fakeContext } from './support/fake-context';

describe('Vanytech error table', () => {
	it('explains every rspCode of the document\'s table 4-1-2', () => {
		const seed = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'seeds', '004_abe619d5a8feb977.txt'), 'utf8');
		const start = seed.indexOf('返回码说明');
		const table = seed.slice(start, seed.indexOf('表4-1-2', start));
		const codes = [...table.matchAll(/^\t(\d{6})$/gm)].map((m) => m[1]).filter((c) => c !== '000000');
		expect(codes.length).toBeGreaterThan(30);
		for (const code of codes) expect(VANYTECH_CODES[code]?.meaning).toEqual(expect.any(String));
	});

	it('judges success codes per interface: "1" only for the SMS interface', () => {
		const ok = (code: string, url: string) => judgeVanytech({ statusCode: 200, body: { rspCode: code }, headers: {} }, url);
		expect(ok('000000', '/message/sendMessageApi')).toEqual({ ok: true });
		expect(ok('1', '/message/sendMessageBySMSApi')).toEqual({ ok: true });
		expect(ok('1', '/message/sendMessageApi')).toMatchObject({ ok: false, kind: 'error', code: '1' });
		expect(ok('500003', '/message/getProgress')).toMatchObject({ ok: false, kind: 'token' });
		expect(judgeVanytech({ statusCode: 502, body: '<html>bad gateway</html>', headers: {} }, '/x')).toMatchObject({ ok: false, kind: 'error', code: 'HTTP 502' });
	});
});

describe('Vanytech credential authenticate', () => {
	const auth = new VanytechMessageCenterApi().authenticate as (c: object, o: object) => Promise<Record<string, unknown>>;
	const creds = { baseUrl: 'https://msg.example.edu.cn/', token: 'tok-1' };
	it('puts the token where each kind of request carries its parameters', async () => {
		expect(await auth(creds, { url: '/x', body: { a: '1' } })).toMatchObject({ baseURL: 'https://msg.example.edu.cn', body: { a: '1', token: 'tok-1' } });
		expect(await auth(creds, { url: '/x' })).toMatchObject({ qs: { token: 'tok-1' } });
		expect(await auth(creds, { url: '/x', form: { a: '1' } })).toMatchObject({ form: { a: '1', token: 'tok-1' } });
		expect(String((await auth(creds, { url: '/x', body: 'a=1&b=%E4%B8%AD' })).body)).toBe('a=1&b=%E4%B8%AD&token=tok-1');
		const params = (await auth(creds, { url: '/x', body: new URLSearchParams({ a: '1' }) })).body as URLSearchParams;
		expect(params.get('token')).toBe('tok-1');
	});
});

describe('Vanytech operations build the documented requests', () => {
	const prepare = (resource: string, operation: string, params: Record<string, unknown>) => {
		const ctx = fakeContext({ params });
		return resources[resource as keyof typeof resources].operations[operation].prepare.call(ctx as never, new ItemFields(ctx as never, 0));
	};

	it('Send: channels joined, receivers as a JSON string, todo link, schedule in China time', () => {
		const at = Date.UTC(2030, 0, 1, 1, 0, 0);
		const { body } = prepare('message', 'send', {
			title: 'T',
			msgType: '1',
			content: 'C',
			channels: ['Portal', 'Mail'],
			receiversInput: 'fields',
			receivers: { receiver: [{ userId: '1', name: 'A' }] },
			category: '4',
			waitLink: 'https://x.example/1',
			schedule: '2',
			sendTime: new Date(at).toISOString(),
			options: {},
		}) as { body: Record<string, unknown> };
		expect(body).toMatchObject({
			sendChannel: 'Portal,Mail',
			receivers: '[{"type":"User","userId":"1","name":"A"}]',
			sendMsgType: '4',
			waitLink: 'https://x.example/1',
			sendStatus: '2',
			sendTime: '2030-01-01 09:00:00',
			sendMode: 'normal',
		});
	});

	it('Send WeCom Card: byte limits refused, or cut when asked', () => {
		const long = '标'.repeat(50); // 150 bytes
		const base = { userIds: 'a|b', title: long, description: 'd', url: 'https://x.example' };
		expect(() => prepare('message', 'sendCard', { ...base, options: {} })).toThrow('Item 1, field "Title": is 150 bytes long in UTF-8; the platform allows at most 128');
		const { body } = prepare('message', 'sendCard', { ...base, options: { truncate: true } }) as { body: Record<string, string> };
		expect(Buffer.byteLength(body.title)).toBeLessThanOrEqual(128);
		expect(body.userList).toBe('a|b');
	});

	const sendBase = {
		title: 'T',
		msgType: '1',
		content: '【研发部】开会',
		receiversInput: 'fields',
		receivers: { receiver: [{ userId: '1', name: 'A' }] },
		category: '1',
		schedule: '1',
	};
	const failure = (fn: () => unknown) => {
		try {
			fn();
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error('expected an error');
	};

	it('Send: 【】 is checked for SMS and for Intelligence Mode (it may end on SMS), unless told it has no SMS', () => {
		const content = (channels: string[], options: Record<string, unknown> = {}) =>
			(prepare('message', 'send', { ...sendBase, channels, options }) as { body: Record<string, string> }).body.msgContent;
		expect(content(['Portal'])).toBe('【研发部】开会');
		for (const channels of [['SMS'], ['IntelligenceMode'], ['Portal', 'IntelligenceMode']]) {
			expect(failure(() => content(channels))).toBe('Item 1, field "Content": contains 【 or 】, which the platform forbids in SMS text');
			expect(content(channels, { convertBrackets: 'true' })).toBe('〖研发部〗开会');
		}
		expect(content(['IntelligenceMode'], { intelligenceModeSms: false })).toBe('【研发部】开会');
		expect(content(['IntelligenceMode'], { intelligenceModeSms: 'no' })).toBe('【研发部】开会');
		expect(failure(() => content(['SMS'], { intelligenceModeSms: false }))).toContain('contains 【 or 】');
		expect(failure(() => content(['IntelligenceMode'], { intelligenceModeSms: 'sometimes' }))).toContain(
			'field "Intelligence Mode May Use SMS": "sometimes" is not yes or no',
		);
	});

	it('Send: Allow Replies takes only yes or no', () => {
		const isReply = (value: unknown) =>
			(prepare('message', 'send', { ...sendBase, channels: ['Portal'], options: { isReply: value } }) as { body: Record<string, string> }).body.isReply;
		for (const yes of [true, 1, '1', 'true', 'yes']) expect(isReply(yes)).toBe('1');
		for (const no of [false, 0, '0', 'false', 'no', undefined]) expect(isReply(no)).toBe('0');
		for (const bad of ['maybe', 2, 'on']) expect(failure(() => isReply(bad))).toContain('Item 1, field "Allow Replies"');
	});

	it('Send: a scheduled time without a zone is China time in a New York workflow', () => {
		const ctx = fakeContext({
			timezone: 'America/New_York',
			params: { ...sendBase, content: 'C', channels: ['Portal'], schedule: '2', sendTime: '2030-01-02T09:30:00', options: {} },
		});
		const { body } = resources.message.operations.send.prepare.call(ctx as never, new ItemFields(ctx as never, 0)) as { body: Record<string, string> };
		expect(body.sendTime).toBe('2030-01-02 09:30:00');
	});

	it('Send SMS: mainland mobiles with or without +86 / 0086, normalised to 11 digits; others refused with the reason', () => {
		const mobiles = (...list: string[]) =>
			JSON.parse(
				(prepare('message', 'sendSms', { content: 'Hi', receiversInput: 'json', receiversJson: JSON.stringify(list.map((mobile) => ({ mobile }))) }) as {
					body: Record<string, string>;
				}).body.receivers,
			).map((r: { mobile: string }) => r.mobile);
		expect(mobiles('13912345678', '+8613912345678', '+86 139-1234-5678', '008618612345678', '8618612345678', ' 186 1234 5678 ')).toEqual([
			'13912345678',
			'13912345678',
			'13912345678',
			'18612345678',
			'18612345678',
			'18612345678',
		]);
		const refused = (mobile: string) => failure(() => mobiles(mobile));
		expect(refused('1391234567')).toBe('Item 1, field "Receivers (JSON) entry 1 Mobile": "1391234567" has 10 digits where a mobile number has 11');
		expect(refused('+86139123456789')).toContain('has 12 digits where a mobile number has 11');
		expect(refused('02112345678')).toContain('"02112345678" is not a mobile number (it does not start with 13 to 19)');
		expect(refused('12912345678')).toContain('is not a mobile number');
		expect(refused('+85291234567')).toContain('has a country code other than China\'s (+86)');
		expect(refused('139-1234-567a')).toContain('contains characters other than digits');
		expect(refused('')).toContain('is required but empty');
	});

	it('Send WeCom Card: users joined with | by default, with ｜ when asked', () => {
		const card = (options: Record<string, unknown>) =>
			(prepare('message', 'sendCard', { userIds: 'a, b｜c|d', title: 't', description: 'd', url: 'https://x.example', options }) as {
				body: Record<string, string>;
			}).body.userList;
		expect(card({})).toBe('a|b|c|d');
		expect(card({ userSeparator: '｜' })).toBe('a｜b｜c｜d');
		expect(failure(() => card({ userSeparator: ',' }))).toContain('field "User Separator"');
		expect(failure(() => card({ truncate: 'perhaps' }))).toContain('field "Shorten Long Text"');
	});

	it('yes/no fields of the reading operations refuse anything but yes or no', () => {
		expect(prepare('user', 'getMessages', { account: '1', type: '', returnAll: 'false', limit: 5, simplify: 'no' })).toMatchObject({ max: 5, simplify: false });
		expect(failure(() => prepare('user', 'getMessages', { account: '1', type: '', returnAll: 'all' }))).toContain('field "Return All"');
		expect(prepare('message', 'getReplies', { returnAll: 'false', limit: 7 })).toEqual({ max: 7 });
		expect(failure(() => prepare('message', 'getReplies', { returnAll: 'x' }))).toContain('field "Return All"');
		expect(prepare('wechatTemplate', 'listAccounts', { onlyAvailable: 'true' })).toEqual({ onlyAvailable: true });
		expect(failure(() => prepare('wechatTemplate', 'listAccounts', { onlyAvailable: 'available' }))).toContain('field "Only Available"');
	});

	it('template slots are read from the template content', () => {
		expect(templateSlots('{{first.DATA}}\n业务系统：{{keyword1.DATA}}\n{{keyword2.DATA}}{{remark.DATA}}')).toEqual(['first', 'keyword1', 'keyword2', 'remark']);
	});
});

describe('Vanytech Message Center Trigger', () => {
	it('emits each reply once and nothing when there is none', async () => {
		const sim = createVanytechSim();
		const url = await sim.start();
		try {
			const ctx = fakeContext({
				credentialType: 'vanytechMessageCenterApi',
				credential: new VanytechMessageCenterApi(),
				credentials: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'GET', token: '', expiresAt: 0 },
			});
			const trigger = new VanytechMessageCenterTrigger();
			expect(await trigger.poll.call(ctx as never)).toBeNull();
			const msgId = sim.record('POST /message/sendMessageApi', {});
			sim.messages.set(msgId, { msgId, isReply: '1', appId: VANYTECH_DEMO.appId } as never);
			for (let k = 0; k < 120; k++) sim.replies.push({ content: `r${k}`, time: '2026-01-01 10:00:00', msgId, user: '1' });
			const out = await trigger.poll.call(ctx as never);
			expect(out?.[0]).toHaveLength(120);
			expect(out?.[0][119].json.content).toBe('r119');
			expect(await trigger.poll.call(ctx as never)).toBeNull();
			expect(sim.calls.filter((c) => c.path === '/msg/getThirdAPIToken' && c.method === 'GET')).toHaveLength(1);
		} finally {
			await sim.stop();
		}
	});
});
