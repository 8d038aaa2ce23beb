/**
 * The package in n8n queue mode: PostgreSQL + Redis + n8n main + two workers (queue-cluster.ts),
 * 20 webhook-started executions at once, 50 sends each, against the simulators.
 */
import { DINGTALK_APP_ROUTES } from '../sim/dingtalk-apps';
import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { startQueueCluster } from './queue-cluster';
import type { QueueCluster } from './queue-cluster';
import { dingTalkSendNode, expected, fire, vanytechSendNode, webhookWorkflow } from './queue-fixtures';

const EXECUTIONS = 20;
const SENDS = 50;
const VT = { id: 'queueVanytech01', name: 'Vanytech (queue)' };
const DT = { id: 'queueDingTalk01', name: 'DingTalk (queue)' };

/** Token exchanges by minute since the first one: [count in minute 1, minute 2, ...]. */
function perMinute(times: number[]): number[] {
	if (!times.length) return [];
	const out: number[] = [];
	for (const t of times) {
		const m = Math.floor((t - times[0]) / 60_000);
		out[m] = (out[m] ?? 0) + 1;
	}
	return Array.from(out, (n) => n ?? 0);
}

describe('n8n queue mode: main + 2 workers, PostgreSQL and Redis', () => {
	let vanytech: VanytechSim;
	let dingtalk: DingTalkSim;
	let cluster: QueueCluster | undefined;
	const exchanges = () => vanytech.calls.filter((c) => c.path === '/msg/getThirdAPIToken');
	const titles = () => vanytech.recordsOf('POST /message/sendMessageApi').map((r) => String(r.payload.msgtitle)).sort();
	const texts = () => dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend).map((r) => String(((r.payload.msg as IDataObject).text as IDataObject).content)).sort();

	beforeAll(async () => {
		vanytech = createVanytechSim();
		dingtalk = createDingTalkSim();
		const [vtUrl, dtUrl] = [await vanytech.start(), await dingtalk.start()];
		cluster = await startQueueCluster({
			packageDir: process.env.CN_MSG_PACKAGE_DIR!,
			credentials: [
				{ ...VT, type: 'vanytechMessageCenterApi', data: { baseUrl: vtUrl, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
				{ ...DT, type: 'dingTalkApi', data: { baseUrl: dtUrl, apiBaseUrl: dtUrl, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
			],
			workflows: [webhookWorkflow('queueVanytech01', 'queue-vanytech', vanytechSendNode(VT)), webhookWorkflow('queueDingTalk01', 'queue-dingtalk', dingTalkSendNode(DT))],
			publish: ['queueVanytech01', 'queueDingTalk01'],
			workers: 2,
			log: (line) => console.log(line),
			// A loaded machine has taken minutes to start three n8n processes at once.
			readyTimeoutMs: 720_000,
		});
	}, 900_000);
	afterAll(async () => {
		await cluster?.stop();
		await Promise.all([vanytech?.stop(), dingtalk?.stop()]);
	}, 180_000);

	const hook = (path: string) => `${cluster!.url}/webhook/${path}`;
	/** The error messages of failed executions, for a failure's report. */
	const failedExecutions = () =>
		cluster!
			.sql(`SELECT e.id || ': ' || substring(d.data from '"message":"([^"]{0,250})') FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e.status <> 'success'`)
			.trim();
	const allAccepted = (run: { statuses: number[]; failures: string[] }) =>
		expect({ statuses: run.statuses, failures: run.failures, failed: run.failures.length ? failedExecutions() : '' }).toEqual({ statuses: Array(EXECUTIONS).fill(200), failures: [], failed: '' });
	const statuses = () => cluster!.sql('SELECT status, count(*) FROM execution_entity GROUP BY status ORDER BY status').trim();

	it(`${EXECUTIONS} executions × ${SENDS} sends on a cold credential: every send accepted once, at most one token exchange per worker, none once warm`, async () => {
		vanytech.tokens.newInvalidatesOld = false;
		const cold = await fire(hook('queue-vanytech'), 'cold', EXECUTIONS, SENDS);
		allAccepted(cold);
		expect(titles()).toEqual(expected('cold', EXECUTIONS, SENDS));
		const coldExchanges = exchanges().length;
		expect(coldExchanges).toBeGreaterThanOrEqual(1);
		expect(coldExchanges).toBeLessThanOrEqual(cluster!.workers.length);

		vanytech.clear({ keepTokens: true });
		const warm = await fire(hook('queue-vanytech'), 'warm', EXECUTIONS, SENDS);
		allAccepted(warm);
		expect(titles()).toEqual(expected('warm', EXECUTIONS, SENDS));
		expect(exchanges()).toHaveLength(0);
		expect(statuses()).toBe(`success|${2 * EXECUTIONS}`);
		console.log(`queue mode, ${EXECUTIONS}×${SENDS} Vanytech sends: cold ${cold.ms} ms with ${coldExchanges} token exchanges; warm ${warm.ms} ms with 0`);
	});

	it('a token revoked mid-run (new tokens invalidating old ones) is renewed without a storm; nothing lost or sent twice', async () => {
		vanytech.clear({ keepTokens: true });
		vanytech.tokens.newInvalidatesOld = true;
		vanytech.revokeAfterRecords = 300;
		const run = await fire(hook('queue-vanytech'), 'revoked', EXECUTIONS, SENDS);
		allAccepted(run);
		expect(titles()).toEqual(expected('revoked', EXECUTIONS, SENDS));
		const renewals = exchanges().map((c) => c.at);
		// One renewal per worker, and at most one more per worker when two renewals crossed.
		expect(renewals.length).toBeGreaterThanOrEqual(1);
		expect(renewals.length).toBeLessThanOrEqual(2 * cluster!.workers.length);
		console.log(`revoked mid-run: ${renewals.length} token exchanges, per minute ${JSON.stringify(perMinute(renewals))}, ${vanytech.rejections.length} refused calls resent`);
	});

	it('DingTalk at a 20 QPS limit with two workers at 10 a second each: every message once, no rate-limit answer; at 20 each: refused calls waited out, still every message once', async () => {
		dingtalk.rate.qps = 20;
		const sized = await fire(hook('queue-dingtalk'), 'sized', EXECUTIONS, SENDS, { rate: 10 });
		allAccepted(sized);
		expect(texts()).toEqual(expected('sized', EXECUTIONS, SENDS));
		expect(dingtalk.rate.limited).toBe(0);
		expect(dingtalk.callsTo(DINGTALK_ROUTES.gettoken).length + dingtalk.callsTo(DINGTALK_APP_ROUTES.v1Token).length).toBeLessThanOrEqual(cluster!.workers.length);
		const at = dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend).map((r) => r.at);
		const rate = (at.length * 1000) / (Math.max(...at) - Math.min(...at) + 1000);

		dingtalk.clear({ keepTokens: true });
		dingtalk.rate.qps = 20;
		const over = await fire(hook('queue-dingtalk'), 'over', EXECUTIONS, 10, { rate: 20 });
		allAccepted(over);
		expect(texts()).toEqual(expected('over', EXECUTIONS, 10));
		console.log(
			`DingTalk, 20 QPS limit, 2 workers: at 10/s each ${EXECUTIONS * SENDS} messages at ${rate.toFixed(1)}/s with ${0} rate-limit answers; ` +
				`at 20/s each ${EXECUTIONS * 10} messages with ${dingtalk.rate.limited} rate-limit answers, all resent`,
		);
	});
});
