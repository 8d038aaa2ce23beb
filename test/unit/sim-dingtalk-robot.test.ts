import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { createDingTalkSim, DINGTALK_DEFAULT_SETTINGS, DINGTALK_DEMO } from '../sim/dingtalk';
import { DINGTALK_ROBOT_DEMO as D, ROBOT_ROUTES, robotSignature } from '../sim/dingtalk-robot';

const text = (content = 'hello') => ({ msgtype: 'text', text: { content } });

describe('DingTalk simulator: robots', () => {
	const sim = createDingTalkSim();
	let url: string;
	const client = axios.create({ validateStatus: () => true });

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, structuredClone(DINGTALK_DEFAULT_SETTINGS));
	});

	/** Posts with the query written out by hand, so each test decides the encoding. */
	async function post(query: string, body: unknown, contentType = 'application/json') {
		const r = await client.post(`${url}/robot/send?${query}`, typeof body === 'string' ? body : JSON.stringify(body), {
			headers: { 'content-type': contentType },
			transformRequest: [(d) => d],
		});
		expect(r.status).toBe(200);
		return r.data as { errcode: number; errmsg: string };
	}

	function signed(ts = String(Date.now()), secret = D.secret, encode = (s: string) => encodeURIComponent(s)) {
		return `access_token=${D.token}&timestamp=${ts}&sign=${encode(robotSignature(secret, ts))}`;
	}

	/** A timestamp whose signature contains "+" (where an unencoded sign breaks). */
	function timestampWithPlus(): string {
		for (let t = Date.now(); ; t++) if (robotSignature(D.secret, String(t)).includes('+')) return String(t);
	}

	it('accepts a signed message whose sign is URL-encoded once, and records it', async () => {
		expect(await post(signed(), text())).toEqual({ errcode: 0, errmsg: 'ok' });
		expect(sim.recordsOf(ROBOT_ROUTES.send)[0].payload).toMatchObject({ token: D.token, signed: true, message: text() });
		const ts = timestampWithPlus();
		expect((await post(signed(ts), text())).errcode).toBe(0);
	});

	it('refuses an unencoded or twice-encoded sign, a wrong secret, and a missing or stale timestamp (310000)', async () => {
		const ts = timestampWithPlus();
		expect(await post(signed(ts, D.secret, (s) => s), text())).toEqual({ errcode: 310000, errmsg: 'sign not match' });
		expect((await post(signed(ts, D.secret, (s) => encodeURIComponent(encodeURIComponent(s))), text())).errmsg).toBe('sign not match');
		expect((await post(signed(undefined, `${D.secret}x`), text())).errmsg).toBe('sign not match');
		expect((await post(`access_token=${D.token}`, text())).errmsg).toBe('invalid timestamp');
		expect((await post(signed(String(Date.now() - 3601_000)), text())).errmsg).toBe('invalid timestamp');
		sim.settings.robotErrmsgStyle = 'current';
		expect((await post(signed(ts, D.secret, (s) => s), text())).errmsg).toContain('机器人发送签名不匹配');
		expect(sim.records).toHaveLength(0);
		expect(sim.rejections.map((r) => r.code)).toEqual(Array(6).fill(310000));
	});

	it('guards custom keywords and IP whitelists with 310000, in both text styles', async () => {
		expect(await post(`access_token=${D.keywordToken}`, text('no keyword here'))).toEqual({ errcode: 310000, errmsg: 'keywords not in content' });
		expect((await post(`access_token=${D.keywordToken}`, text('监控报警: disk full'))).errcode).toBe(0);
		expect((await post(`access_token=${D.keywordToken}`, { msgtype: 'markdown', markdown: { title: 'alert', text: 'disk' } })).errcode).toBe(0);
		expect(await post(`access_token=${D.ipToken}`, text())).toEqual({ errcode: 310000, errmsg: 'ip 127.0.0.1 not in whitelist' });
		sim.settings.robotErrmsgStyle = 'current';
		expect((await post(`access_token=${D.keywordToken}`, text('x'))).errmsg).toContain('关键词不匹配');
		sim.settings.robotClientIp = '10.1.2.3';
		expect((await post(`access_token=${D.ipToken}`, text())).errcode).toBe(0);
	});

	it('answers unknown tokens, non-JSON, empty bodies, unknown types, bad shapes and oversize bodies with DingTalk codes', async () => {
		expect((await post('access_token=nope', text())).errcode).toBe(400101);
		expect((await post(signed(), 'msgtype=text', 'application/x-www-form-urlencoded')).errcode).toBe(43004);
		expect((await post(signed(), '')).errcode).toBe(40035);
		expect((await post(signed(), { msgtype: 'image', image: {} })).errcode).toBe(400105);
		expect(await post(signed(), { msgtype: 'link', link: { title: 't', text: 'x' } })).toEqual({ errcode: 300001, errmsg: 'param error' });
		expect((await post(signed(), { msgtype: 'feedCard', feedCard: { links: [{ title: 't', messageURL: 'u' }] } })).errcode).toBe(300001);
		const big = text('长'.repeat(6700));
		expect(await post(signed(), big)).toEqual({ errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' });
		sim.settings.robotMaxBytes = 0;
		expect((await post(signed(), big)).errcode).toBe(0);
	});

	it('takes robotPerWindow messages in any window, then throttles the robot with 410100 for robotThrottleMs', async () => {
		Object.assign(sim.settings, { robotPerWindow: 3, robotWindowMs: 400, robotThrottleMs: 700 });
		const codes: number[] = [];
		for (let k = 0; k < 4; k++) codes.push((await post(signed(), text(`m${k}`))).errcode);
		expect(codes).toEqual([0, 0, 0, 410100]);
		await new Promise((r) => setTimeout(r, 450));
		expect((await post(signed(), text('after the window, still throttled'))).errcode).toBe(410100);
		await new Promise((r) => setTimeout(r, 300));
		expect((await post(signed(), text('throttle over'))).errcode).toBe(0);
		expect(sim.recordsOf(ROBOT_ROUTES.send)).toHaveLength(4);
	});

	it('posts a msgUuid once, and records which mentions are also written in the text', async () => {
		const msg = { ...text('hi @user123'), at: { atUserIds: ['user123', 'user456'], atMobiles: ['13800000000'], isAtAll: false }, msgUuid: 'u-1' };
		expect((await post(signed(), msg)).errcode).toBe(0);
		expect((await post(signed(), msg)).errcode).toBe(0);
		expect(sim.recordsOf(ROBOT_ROUTES.send)).toHaveLength(1);
		expect(sim.robot.duplicates).toBe(1);
		expect(sim.recordsOf(ROBOT_ROUTES.send)[0].payload.mentioned).toEqual({ ids: ['user123'], notInText: ['13800000000', 'user456'], atAll: false });
		const tooMany = { ...text('x'), at: { atUserIds: Array.from({ length: 51 }, (_, k) => `u${k}`) } };
		expect((await post(signed(), tooMany)).errcode).toBe(300001);
	});

	it('a session webhook takes messages until it expires, then answers 300001 "session 不存在"', async () => {
		const s = sim.robot.createSession();
		const ok = await client.post(s.sessionWebhook, text('reply'));
		expect(ok.data).toEqual({ errcode: 0, errmsg: 'ok' });
		expect(sim.recordsOf(ROBOT_ROUTES.session)[0].payload).toMatchObject({ session: s.id, message: text('reply') });
		sim.robot.expireSession(s.id);
		expect((await client.post(s.sessionWebhook, text('late'))).data).toEqual({ errcode: 300001, errmsg: 'session 不存在' });
		expect((await client.post(`${url}/robot/sendBySession?session=unknown`, text('x'))).data.errcode).toBe(300001);
		expect(s.sessionWebhookExpiredTime - Date.now()).toBeGreaterThan(5_300_000);
	});

	it('sends a robot callback signed with the app secret (or unsigned, stale, wrongly signed) to a URL', async () => {
		const seen: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];
		const receiver = http.createServer((req, res) => {
			let raw = '';
			req.on('data', (c) => (raw += c));
			req.on('end', () => {
				seen.push({ headers: req.headers, body: JSON.parse(raw) });
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"msgtype":"empty"}');
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			const r = await client.post(`${url}/__sim/robot-callback`, { url: target, text: '查询 订单', atUserIds: ['user123'] });
			expect(r.data).toMatchObject({ status: 200, answer: { msgtype: 'empty' } });
			const [first] = seen;
			const ts = String(first.headers.timestamp);
			expect(first.headers.sign).toBe(robotSignature(DINGTALK_DEMO.appSecret, ts));
			expect(first.body).toMatchObject({ msgtype: 'text', text: { content: ' 查询 订单' }, conversationType: '2', senderStaffId: D.senderStaffId, robotCode: DINGTALK_DEMO.appKey });
			expect(first.body.sessionWebhook).toBe(r.data.sessionWebhook);
			expect((await client.post(String(first.body.sessionWebhook), text('answer'))).data.errcode).toBe(0);
			await sim.robot.sendCallback({ url: target, unsigned: true });
			expect(seen[1].headers.sign).toBeUndefined();
			await sim.robot.sendCallback({ url: target, timestamp: Date.now() - 7200_000, secret: 'wrong' });
			expect(seen[2].headers.sign).toBe(robotSignature('wrong', String(seen[2].headers.timestamp)));
			expect(sim.recordsOf(ROBOT_ROUTES.callback)).toHaveLength(3);
		} finally {
			await new Promise((r) => receiver.close(r));
		}
	});
});
