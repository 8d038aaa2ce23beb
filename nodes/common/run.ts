import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { callsOf, combineChoice, outputOf } from './combine';
import type { CombineSpec } from './combine';
import { Delivery } from './delivery';
import { messageOf } from './errors';
import type { Transport } from './transport';
import { ItemFields } from './validation';

/**
 * One operation of a node. `prepare` reads and checks an item's input and sends nothing;
 * `execute` sends what `prepare` built. Every item is prepared before any is sent, so bad input
 * in any item stops the run before a single message leaves (unless Continue On Fail is on, when
 * only the bad items are held back).
 */
export interface Operation<P = unknown> {
	description: INodeProperties[];
	/**
	 * True for an operation that delivers a message to people (a send, a send-and-wait, a reply):
	 * what the package promises about never sending twice applies to it.
	 */
	sends?: boolean;
	/** Its items may be combined into fewer calls ("Combine Items"): how its recipients merge (combine.ts). */
	combine?: CombineSpec<P>;
	prepare(this: IExecuteFunctions, f: ItemFields): P | Promise<P>;
	execute(this: IExecuteFunctions, t: Transport, prepared: P, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface RunOptions {
	/** Requests in flight at once. */
	concurrency?: number;
	/** Most requests started per second, per credential in this n8n process (0 = no limit). */
	ratePerSecond?: number;
}

function errorItem(error: unknown, itemIndex: number, fields: IDataObject = {}): INodeExecutionData {
	const e = error as { description?: string; httpCode?: string; context?: IDataObject };
	const json: IDataObject = { error: messageOf(error) };
	if (e?.description) json.description = e.description;
	Object.assign(json, fields);
	return { json, pairedItem: { item: itemIndex } };
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) {
		const withIndex = error as Error & { context?: IDataObject };
		if (withIndex.context && withIndex.context.itemIndex === undefined) withIndex.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), messageOf(error), { itemIndex });
}

/**
 * The item loop every node shares: prepare all, then send with bounded concurrency and rate,
 * pair every output item with its input, and honour Continue On Fail.
 */
export async function runOperation<P>(
	ctx: IExecuteFunctions,
	operation: Operation<P>,
	transport: Transport,
	options: RunOptions = {},
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);
	const prepared: Array<{ ok: true; value: P } | { ok: false }> = [];
	// What became of each item, and its Delivery Key (see delivery.ts).
	const delivery = new Delivery(ctx, operation.sends === true, items.length);

	for (let i = 0; i < items.length; i++) {
		try {
			const value = await operation.prepare.call(ctx, new ItemFields(ctx, i));
			delivery.readKey(i);
			prepared.push({ ok: true, value });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, i);
			results[i] = [errorItem(error, i, delivery.errorFields(i))];
			prepared.push({ ok: false });
		}
	}

	// One call per item, or fewer with Combine Items.
	const combine = combineChoice(ctx, operation.combine as CombineSpec<unknown> | undefined);
	let ready = prepared.flatMap((p, index) => (p.ok ? [{ index, value: p.value }] : []));
	await delivery.begin(ready.map((r) => r.index));
	const grouped = combine.on && operation.combine !== undefined;
	if (grouped) {
		// Items are grouped into calls only after their Delivery Keys are claimed: a skipped item
		// joins no call. Keys of items that end up not attempted are released by finish().
		const kept: typeof ready = [];
		for (const r of ready) {
			const skipped = await delivery.skip(r.index);
			if (skipped) results[r.index] = [{ json: skipped, pairedItem: { item: r.index } }];
			else kept.push(r);
		}
		ready = kept;
	}
	const queue = callsOf(operation.combine, combine.on, combine.perCall, ready);
	const concurrency = Math.max(1, options.concurrency ?? 5);
	// The rate is kept by the transport, per credential across every execution of this n8n instance (pace.ts).
	transport.rate = options.ratePerSecond ?? 0;
	let failedAt = Infinity;
	let failure: Error | undefined;

	const worker = async () => {
		for (;;) {
			if (failure) return;
			const call = queue.shift();
			if (call === undefined) return;
			const i = call.items[0];
			try {
				if (!grouped) {
					const skipped = await delivery.skip(i);
					if (skipped) {
						results[i] = [{ json: skipped, pairedItem: { item: i } }];
						continue;
					}
				}
				const out = await operation.execute.call(ctx, transport, call.value, i);
				const list = Array.isArray(out) ? out : [out];
				for (const k of call.items) {
					const own = (prepared[k] as { value: P }).value;
					const mine = list.map((json) => outputOf(operation.combine, combine.on, call, own, json));
					delivery.sent(k, mine);
					results[k] = mine.map((json) => ({ json, pairedItem: { item: k } }));
				}
			} catch (error) {
				for (const k of call.items) delivery.failed(k, error);
				if (continueOnFail) {
					for (const k of call.items) results[k] = [errorItem(error, k, delivery.errorFields(k))];
				} else if (i < failedAt) {
					failedAt = i;
					failure = asNodeError(ctx, error, i);
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
	await delivery.finish();
	if (failure) throw delivery.stopped(failure);
	return [results.flat()];
}
