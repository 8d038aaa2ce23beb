/**
 * Per-item time of each node against n8n's HTTP Request node on the same sends: one workflow, the
 * example send of each platform and an HTTP Request node making the same request with the same
 * credential, each fed the same items, timed by n8n itself (the node's executionTime).
 */
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import type { N8nHarness, NodeSpec } from '../workflows/harness';
import { jsonOf, workflow } from '../workflows/harness';
import type { BenchPlatform } from './platforms';
import { credentialsOf, exampleSend, httpRequestNode, PLATFORMS, preparedBody, routeOf } from './platforms';

export interface PerItemRow {
	platform: string;
	nodeMs: number;
	httpMs: number;
	note: string;
}

/** The rate the node keeps for these parameters, if any (it then times the pace, not only the node). */
function paceNote(platform: BenchPlatform, parameters: IDataObject): string {
	const read = (name: string, _i: number, fallback?: unknown) => {
		let v: unknown = parameters;
		for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
		return v === undefined ? fallback : v;
	};
	const rate = platform.client.pace?.({ getNodeParameter: read } as never)?.ratePerSecond;
	return rate ? `node keeps ${rate} requests/s` : '';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function perItem(n8n: N8nHarness, items: number, rounds: number): Promise<PerItemRow[]> {
	const sims: Array<{ platform: BenchPlatform; sim: SimServer; url: string }> = [];
	try {
		for (const platform of PLATFORMS) {
			const sim = platform.demo.create();
			sims.push({ platform, sim, url: await sim.start() });
		}
		await n8n.importCredentials(sims.flatMap(({ platform, url }) => credentialsOf(platform, url).map((c) => ({ ...c, id: `bench${c.id}` }))));
		const sends = sims.map(({ platform }) => {
			const { parameters, credentials } = exampleSend(platform);
			const own = Object.fromEntries(Object.entries(credentials).map(([type, c]) => [type, { ...c, id: `bench${c.id}` }]));
			// DingTalk's pace would time the rate, not the node: lift it for this comparison.
			const options = platform.key === 'dingtalk' ? { ...(parameters.options as IDataObject), requestsPerSecond: 200 } : parameters.options;
			return { platform, parameters: { ...parameters, options }, credentials: own };
		});
		const nodeOf = (s: (typeof sends)[number]): NodeSpec => ({ name: `Node ${s.platform.key}`, type: s.platform.node, from: 'Items', parameters: s.parameters, credentials: s.credentials });
		// One item first, to learn each send's URL as the simulator saw it (gateways add prefixes).
		await n8n.importWorkflows([workflow('benchProbe1', sends.map(nodeOf), [{ n: 0 }])]);
		const probe = await n8n.run('benchProbe1');
		if (probe.status !== 'success') throw new Error(`probe failed: ${JSON.stringify(probe.error)}`);
		const http: Array<NodeSpec | undefined> = [];
		for (const s of sends) {
			if (s.platform.noHttp) {
				http.push(undefined);
				continue;
			}
			const { sim, url } = sims.find((x) => x.platform === s.platform)!;
			const route = routeOf(s.platform, sim);
			const path = sim.calls.map((c) => c.path).find((p) => p.endsWith(route.path))!;
			http.push(httpRequestNode(`HTTP ${s.platform.key}`, route, `${url}${path}`, await preparedBody(s.platform, s.parameters), s.credentials));
		}
		const nodes = sends.flatMap((s, k) => [nodeOf(s), http[k]]).filter((n): n is NodeSpec => n !== undefined);
		await n8n.importWorkflows([workflow('benchPerItem1', nodes, Array.from({ length: items }, (_, n) => ({ n })))]);
		const times: Record<string, number[]> = {};
		for (let r = 0; r < rounds; r++) {
			const run = await n8n.run('benchPerItem1');
			if (run.status !== 'success') throw new Error(`per-item run failed: ${JSON.stringify(run.error).slice(0, 1000)}`);
			for (const node of nodes) {
				const out = jsonOf(run, node.name);
				const failed = out.filter((o) => o.error !== undefined).length;
				if (out.length !== items || failed) throw new Error(`${node.name}: ${out.length} items out, ${failed} failed: not like for like`);
				(times[node.name] ??= []).push(Number((run.runData[node.name][0] as IDataObject).executionTime));
			}
		}
		return sends.map((s) => ({
			platform: s.platform.title,
			nodeMs: median(times[`Node ${s.platform.key}`]) / items,
			httpMs: s.platform.noHttp ? NaN : median(times[`HTTP ${s.platform.key}`]) / items,
			note: [paceNote(s.platform, s.parameters), s.platform.noHttp ? `no HTTP Request figure: ${s.platform.noHttp}` : ''].filter(Boolean).join('; '),
		}));
	} finally {
		await Promise.all(sims.map(({ sim }) => sim.stop()));
	}
}
