/**
 * What a user pays at the platform's limits, in one n8n process: token exchanges per 10,000 items
 * over 10 executions; DingTalk's sustained rate and rate-limit answers at its 20 QPS (one workflow,
 * then two sharing the app); API calls per 1,000 recipients of one alert with Combine Items.
 */
import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import type { SimServer } from '../sim/base';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { N8nHarness } from '../workflows/harness';
import { workflow } from '../workflows/harness';
import { credentialsOf, exampleSend, PLATFORMS } from './platforms';

export interface LimitRows {
	tokens: { executions: number; items: number; exchanges: number; ms: number };
	rate: Array<{ label: string; messages: number; perSecond: number; rateLimited: number; busiestWindow: number }>;
	combine: Array<{ platform: string; recipients: number; calls: number; without: number }>;
}

function checkBatch(results: IDataObject, expected: number, what: string): void {
	const summary = (results.summary ?? {}) as IDataObject;
	if (summary.successfulExecutions !== expected) throw new Error(`${what}: ${JSON.stringify(summary).slice(0, 2000)}`);
}

/** Sustained rate: n accepted calls over the windows they took (first to last call, plus the last one's window). */
export function sustained(sim: SimServer, route: string): number {
	const at = sim.recordsOf(route).map((r) => r.at);
	return (at.length * 1000) / (Math.max(...at) - Math.min(...at) + 1000);
}

export async function limits(n8n: N8nHarness, tokenItems: number, rateItems: number): Promise<LimitRows> {
	const vanytech = createVanytechSim();
	const users = Array.from({ length: 1000 }, (_, k) => `staff${k}`);
	const dingtalk = createDingTalkSim({ settings: { users: [...DINGTALK_DEMO.userIds, ...users] } });
	const others = PLATFORMS.filter((p) => p.key !== 'dingtalk').map((platform) => ({ platform, sim: platform.demo.create() }));
	try {
		const [vtUrl, dtUrl] = [await vanytech.start(), await dingtalk.start()];
		for (const o of others) (o as { url?: string }).url = await o.sim.start();
		const VT = { id: 'limitsVanytech1', name: 'Vanytech (limits)' };
		const DT = { id: 'limitsDingTalk1', name: 'DingTalk (limits)' };
		await n8n.importCredentials([
			{ ...VT, type: 'vanytechMessageCenterApi', data: { baseUrl: vtUrl, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
			{ ...DT, type: 'dingTalkApi', data: { baseUrl: dtUrl, apiBaseUrl: dtUrl, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
			...others.flatMap((o) => credentialsOf(o.platform, (o as { url?: string }).url!).map((c) => ({ ...c, id: `limits${c.id}` }))),
		]);
		const vanytechSend = (id: string, n: number) =>
			workflow(
				id,
				[
					{
						name: 'Send',
						type: 'vanytechMessageCenter',
						parameters: { resource: 'message', operation: 'send', title: '={{ "Notice " + $json.n }}', content: 'Please read.', channels: ['Portal'], receiversInput: 'fields', receivers: { receiver: [{ userId: '12345', name: 'A' }] } },
						credentials: { vanytechMessageCenterApi: VT },
					},
				],
				Array.from({ length: n }, (_, k) => ({ n: k })),
			);
		const dingTalkSend = (id: string, n: number, options: IDataObject, item: (k: number) => IDataObject) =>
			workflow(
				id,
				[
					{
						name: 'Send',
						type: 'dingTalk',
						parameters: { resource: 'workNotification', operation: 'send', agentId: String(DINGTALK_DEMO.agentId), sendTo: 'users', userIds: '={{ $json.user }}', messageInput: 'fields', messageType: 'text', textContent: '={{ $json.text }}', options },
						credentials: { dingTalkApi: DT },
					},
				],
				Array.from({ length: n }, (_, k) => item(k)),
			);
		const alert = (k: number) => ({ user: users[k], text: 'Fire drill at 15:00 in building A' });
		const own = (k: number) => ({ user: 'manager4220', text: `Notice ${k}` });
		const combined = others.map(({ platform }, k) => {
			const { parameters, credentials } = exampleSend(platform);
			const cred = Object.fromEntries(Object.entries(credentials).map(([t, c]) => [t, { ...c, id: `limits${c.id}` }]));
			// Every item: the same alert to its own recipient.
			const parameters1 = platform.recipient({ ...parameters, options: { ...(parameters.options as IDataObject), combineItems: true } }, '={{ "staff" + $json.k }}');
			return workflow(`limitsCombine${k}`, [{ name: 'Send', type: platform.node, parameters: parameters1, credentials: cred }], Array.from({ length: 1000 }, (_, n) => ({ k: n })));
		});
		const tokenRuns = Array.from({ length: 10 }, (_, k) => vanytechSend(`limitsTokens${k}`, tokenItems));
		await n8n.importWorkflows([
			...tokenRuns,
			dingTalkSend('limitsRate1', rateItems, { requestsPerSecond: 20 }, own),
			dingTalkSend('limitsShare1', rateItems / 2, { requestsPerSecond: 20 }, own),
			dingTalkSend('limitsShare2', rateItems / 2, { requestsPerSecond: 20 }, (k) => own(k + 100_000)),
			dingTalkSend('limitsCombine9', 1000, { combineItems: true }, alert),
			...combined,
		]);

		// Token exchanges: 10 executions at once on a credential without a token.
		let start = Date.now();
		const tokens = await n8n.runBatch(tokenRuns.map((w) => String(w.id)), { concurrency: 10 });
		checkBatch(tokens.results, 10, 'token runs');
		const tokenRow = { executions: 10, items: 10 * tokenItems, exchanges: vanytech.calls.filter((c) => c.path === '/msg/getThirdAPIToken').length, ms: Date.now() - start };
		if (vanytech.recordsOf('POST /message/sendMessageApi').length !== 10 * tokenItems) throw new Error('token runs: not every send accepted');

		// DingTalk at its 20 QPS: one workflow, then two workflows at once on the same app.
		const rate: LimitRows['rate'] = [];
		for (const [label, ids] of [
			['one workflow', ['limitsRate1']],
			['two workflows at once', ['limitsShare1', 'limitsShare2']],
		] as const) {
			dingtalk.clear({ keepTokens: true });
			dingtalk.rate.qps = 20;
			start = Date.now();
			const r = await n8n.runBatch([...ids], { concurrency: ids.length });
			checkBatch(r.results, ids.length, label);
			const messages = dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend).length;
			if (messages !== rateItems) throw new Error(`${label}: ${messages} of ${rateItems} accepted`);
			rate.push({ label, messages, perSecond: sustained(dingtalk, DINGTALK_ROUTES.asyncsend), rateLimited: dingtalk.rate.limited, busiestWindow: dingtalk.rate.busiestWindow() });
		}

		// Combine Items: 1,000 recipients of one alert.
		dingtalk.clear({ keepTokens: true });
		const ids = ['limitsCombine9', ...combined.map((w) => String(w.id))];
		const c = await n8n.runBatch(ids, { concurrency: ids.length });
		checkBatch(c.results, ids.length, 'combine runs');
		const combine: LimitRows['combine'] = [{ platform: 'DingTalk', recipients: 1000, calls: dingtalk.callsTo(DINGTALK_ROUTES.asyncsend).length, without: 1000 }];
		for (const { platform, sim } of others) {
			const calls = sim.calls.filter((call) => !/token|authorize|push_app/i.test(call.path)).length;
			combine.push({ platform: platform.title, recipients: 1000, calls, without: 1000 });
		}
		return { tokens: tokenRow, rate, combine };
	} finally {
		await Promise.all([vanytech.stop(), dingtalk.stop(), ...others.map((o) => o.sim.stop())]);
	}
}
