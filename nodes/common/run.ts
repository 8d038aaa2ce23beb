import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
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
	prepare(this: IExecuteFunctions, f: ItemFields): P | Promise<P>;
	execute(this: IExecuteFunctions, t: Transport, prepared: P, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface RunOptions {
	/** Requests in flight at once. */
	concurrency?: number;
	/** Most requests started per second (0 = no limit). */
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

	const queue = prepared.map((p, i) => (p.ok ? i : -1)).filter((i) => i >= 0);
	await delivery.begin(queue);
	const concurrency = Math.max(1, options.concurrency ?? 5);
	const interval = options.ratePerSecond ? 1000 / options.ratePerSecond : 0;
	let nextStart = 0;
	let failedAt = Infinity;
	let failure: Error | undefined;

	const worker = async () => {
		for (;;) {
			if (failure) return;
			const i = queue.shift();
			if (i === undefined) return;
			const p = prepared[i] as { ok: true; value: P };
			try {
				const skipped = await delivery.skip(i);
				if (skipped) {
					results[i] = [{ json: skipped, pairedItem: { item: i } }];
					continue;
				}
				if (interval) {
					const wait = nextStart - Date.now();
					nextStart = Math.max(nextStart, Date.now()) + interval;
					if (wait > 0) await sleep(wait);
				}
				const out = await operation.execute.call(ctx, transport, p.value, i);
				delivery.sent(i, out);
				const list = Array.isArray(out) ? out : [out];
				results[i] = list.map((json) => ({ json, pairedItem: { item: i } }));
			} catch (error) {
				delivery.failed(i, error);
				if (continueOnFail) {
					results[i] = [errorItem(error, i, delivery.errorFields(i))];
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
