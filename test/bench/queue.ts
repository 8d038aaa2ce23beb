/**
 * n8n queue mode: throughput with 2 workers and then 1 (20 webhook executions at once, 50 Vanytech
 * sends each), token exchanges of a cold burst, and DingTalk's aggregate rate at its 20 QPS with
 * two workers at 10 requests a second each.
 */
import { createDingTalkSim, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import { startQueueCluster } from '../workflows/queue-cluster';
import { dingTalkSendNode, fire, vanytechSendNode, webhookWorkflow } from '../workflows/queue-fixtures';

export interface QueueRows {
	bringUpMs: number;
	throughput: Array<{ workers: number; messages: number; ms: number; perSecond: number }>;
	coldExchanges: number;
	dingTalk: { messages: number; perSecond: number; rateLimited: number };
}

const EXECUTIONS = 20;
const SENDS = 50;

export async function queueMode(packageDir: string, log: (line: string) => void): Promise<QueueRows> {
	const vanytech = createVanytechSim();
	const dingtalk = createDingTalkSim();
	const [vtUrl, dtUrl] = [await vanytech.start(), await dingtalk.start()];
	const VT = { id: 'benchQueueVt01', name: 'Vanytech (queue bench)' };
	const DT = { id: 'benchQueueDt01', name: 'DingTalk (queue bench)' };
	const start = Date.now();
	const cluster = await startQueueCluster({
		packageDir,
		credentials: [
			{ ...VT, type: 'vanytechMessageCenterApi', data: { baseUrl: vtUrl, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
			{ ...DT, type: 'dingTalkApi', data: { baseUrl: dtUrl, apiBaseUrl: dtUrl, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
		],
		workflows: [webhookWorkflow('benchQueueVt01', 'bench-vanytech', vanytechSendNode(VT)), webhookWorkflow('benchQueueDt01', 'bench-dingtalk', dingTalkSendNode(DT))],
		publish: ['benchQueueVt01', 'benchQueueDt01'],
		workers: 2,
		log,
		readyTimeoutMs: 720_000,
	});
	try {
		const bringUpMs = Date.now() - start;
		const url = (path: string) => `${cluster.url}/webhook/${path}`;
		const burst = async (label: string) => {
			vanytech.clear({ keepTokens: true });
			const r = await fire(url('bench-vanytech'), label, EXECUTIONS, SENDS);
			const messages = vanytech.recordsOf('POST /message/sendMessageApi').length;
			if (r.statuses.some((s) => s !== 200) || messages !== EXECUTIONS * SENDS) throw new Error(`${label}: ${messages} accepted, statuses ${r.statuses.join(',')}`);
			return { messages, ms: r.ms, perSecond: (messages * 1000) / r.ms };
		};
		await burst('cold');
		const coldExchanges = vanytech.calls.filter((c) => c.path === '/msg/getThirdAPIToken').length;
		const two = await burst('two');
		dingtalk.rate.qps = 20;
		const d = await fire(url('bench-dingtalk'), 'dt', EXECUTIONS, SENDS, { rate: 10 });
		const at = dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend).map((r) => r.at);
		if (d.statuses.some((s) => s !== 200) || at.length !== EXECUTIONS * SENDS) throw new Error(`DingTalk: ${at.length} accepted`);
		const dingTalk = { messages: at.length, perSecond: (at.length * 1000) / (Math.max(...at) - Math.min(...at) + 1000), rateLimited: dingtalk.rate.limited };
		await cluster.stopWorker('worker2');
		const one = await burst('one');
		return {
			bringUpMs,
			throughput: [
				{ workers: 2, ...two },
				{ workers: 1, ...one },
			],
			coldExchanges,
			dingTalk,
		};
	} finally {
		await cluster.stop();
		await Promise.all([vanytech.stop(), dingtalk.stop()]);
	}
}
