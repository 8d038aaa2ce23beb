import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { accountText, codeOf, reasonOf, receiptOf, sentField, withAccount } from './account';
import type { Fate } from './account';
import { DEFAULT_KEEP, GROUP_SIZE, KEY_FIELD, KeyStore, keyText, storedKey } from './deliveryKeys';
import type { Claim, Forget, KeySettings, Scope } from './deliveryKeys';
import { invalidInput } from './errors';
import { outcomeOf } from './outcome';

const SKIP = {
	before:
		'A message with this Delivery Key was sent before (or went out without an answer and may have been delivered). To send it again, forget its key (Delivery Key Options > Forget Keys).',
	concurrent: 'Another execution recorded this Delivery Key at the same moment and sends this message',
};

/** True when the node's Delivery Key parameter is set (an expression or text). */
function keysOn(ctx: IExecuteFunctions, sends: boolean): boolean {
	const raw = ctx.getNode().parameters.deliveryKey;
	return sends && typeof raw === 'string' && raw !== '';
}

function settingsOf(ctx: IExecuteFunctions): KeySettings {
	const o = ctx.getNodeParameter('deliveryKeyOptions', 0, {}) as { scope?: Scope; keep?: number; forget?: Forget };
	const keep = Number(o.keep ?? DEFAULT_KEEP);
	return {
		scope: o.scope === 'workflow' ? 'workflow' : 'node',
		keep: Number.isFinite(keep) ? Math.max(2 * GROUP_SIZE, Math.floor(keep)) : DEFAULT_KEEP,
		forget: o.forget ?? 'none',
	};
}

/**
 * "Forget Keys: All Keys, Send Nothing": forgets every key of the scope and sends nothing; every
 * item comes out paired, saying how many keys were forgotten. Undefined when not chosen.
 */
export async function forgetOnly(ctx: IExecuteFunctions, sends: boolean): Promise<INodeExecutionData[][] | undefined> {
	if (!keysOn(ctx, sends)) return undefined;
	const settings = settingsOf(ctx);
	if (settings.forget !== 'allOnly') return undefined;
	const forgotten = await new KeyStore(ctx.helpers, settings).forgetAll();
	return [ctx.getInputData().map((_, i) => ({ json: { sent: false, keysForgotten: forgotten, scope: settings.scope }, pairedItem: { item: i } }))];
}

/**
 * One sending run's account of its items and, with a Delivery Key, its keys. The run loop calls:
 * readKey(i) while preparing, begin(queue) before sending; for each item skip(i) before sending it,
 * then sent(i, output) or failed(i, error); errorFields(i) for an error item, finish() at the end,
 * and stopped(error) for the error that stops the run.
 */
export class Delivery {
	readonly fates: Fate[];
	private readonly on: boolean;
	private readonly given: Array<string | undefined> = [];
	private readonly keys: Array<string | undefined> = [];
	private store?: KeyStore;
	private readonly position = new Map<number, number>();
	private order: number[] = [];
	private readonly groups = new Map<number, Promise<Claim>>();
	private readonly claims: Array<{ items: number[]; claim: Claim }> = [];
	private readonly duplicateOf = new Map<number, number>();
	private cleanupError?: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly sends: boolean,
		count: number,
	) {
		this.fates = Array.from({ length: count }, (): Fate => ({ kind: 'pending' }));
		this.on = keysOn(ctx, sends);
	}

	/** Reads and checks an item's Delivery Key (an empty one is bad input). */
	readKey(i: number): void {
		if (!this.on) return;
		const text = keyText(this.ctx.getNodeParameter('deliveryKey', i, ''));
		if (text === undefined) {
			throw invalidInput(
				this.ctx.getNode(),
				i,
				KEY_FIELD,
				'is empty for this item',
				'The expression gave no value for this item. Every item needs a key that identifies its message.',
			);
		}
		this.given[i] = text;
		this.keys[i] = storedKey(text);
	}

	/** Before the first send: forgets keys if asked, and notes items whose key an earlier item of this run has. */
	async begin(queue: number[]): Promise<void> {
		if (!this.on) return;
		const settings = settingsOf(this.ctx);
		this.store = new KeyStore(this.ctx.helpers, settings);
		if (settings.forget === 'all') await this.store.forgetAll();
		if (settings.forget === 'items') await this.store.forget([...new Set(queue.map((i) => this.keys[i] as string))]);
		const first = new Map<string, number>();
		for (const i of queue) {
			const key = this.keys[i] as string;
			const earlier = first.get(key);
			if (earlier === undefined) first.set(key, i);
			else this.duplicateOf.set(i, earlier);
		}
		this.order = queue.filter((i) => !this.duplicateOf.has(i));
		this.order.forEach((item, pos) => this.position.set(item, pos));
	}

	/**
	 * Before an item is sent: claims its key (with its group's keys, in one store call). Returns the
	 * item's output when it is not to be sent (its key was delivered before), else undefined.
	 */
	async skip(i: number): Promise<IDataObject | undefined> {
		if (!this.store) return undefined;
		const skip = await this.skipReason(i);
		if (!skip) return undefined;
		this.fates[i] = { kind: 'skipped', reason: skip.reason };
		return { skipped: true, reason: skip.reason, deliveryKey: this.given[i] };
	}

	/** The item was accepted; `out` is its output (the platform's id is taken from it). An operation that sends several items in one call notes each. */
	sent(i: number, out: IDataObject | IDataObject[]): void {
		this.fates[i] = { kind: 'sent', id: receiptOf(out) };
	}

	/** The item failed with this error: refused, never sent, or uncertain (see outcome.ts). */
	failed(i: number, error: unknown): void {
		const kind = outcomeOf(error);
		this.fates[i] = { kind, message: reasonOf(error), code: kind === 'refused' ? codeOf(error) : undefined };
	}

	private async skipReason(i: number): Promise<{ reason: string } | undefined> {
		const earlier = this.duplicateOf.get(i);
		if (earlier !== undefined) return { reason: `Item ${earlier + 1} of this run has the same Delivery Key` };
		const position = this.position.get(i) ?? 0;
		const group = Math.floor(position / GROUP_SIZE);
		// Half-way through a group, the next group's keys are claimed, so its sends need not wait.
		if (position % GROUP_SIZE >= GROUP_SIZE / 2) void this.claimGroup(group + 1).catch(() => undefined);
		const claim = await this.claimGroup(group);
		const key = this.keys[i] as string;
		if (claim.before.has(key)) return { reason: SKIP.before };
		if (claim.concurrent.has(key)) return { reason: SKIP.concurrent };
		return undefined;
	}

	/** Claims a group's keys once (one store call, then its check); later callers share the result. */
	private async claimGroup(group: number): Promise<Claim> {
		let pending = this.groups.get(group);
		if (!pending) {
			const items = this.order.slice(group * GROUP_SIZE, (group + 1) * GROUP_SIZE);
			if (!items.length) return { before: new Set(), concurrent: new Set() };
			pending = (this.store as KeyStore).claim(items.map((k) => this.keys[k] as string));
			this.groups.set(group, pending);
			pending.then(
				(claim) => this.claims.push({ items, claim }),
				() => undefined,
			);
		}
		return await pending;
	}

	/** Fields of an error item: `sent: false`, or `sent: 'uncertain'` when it may have gone out. */
	errorFields(i: number): IDataObject {
		return this.sends ? { sent: sentField(this.fates[i]) } : {};
	}

	/**
	 * At the end of the run: the keys of messages that did not go out (refused, never left, not
	 * attempted) are removed so a later run sends them; sent and uncertain ones stay.
	 */
	async finish(): Promise<void> {
		if (!this.store) return;
		// A group claimed ahead may still be on its way.
		await Promise.all([...this.groups.values()].map(async (g) => await g.catch(() => undefined)));
		const release: string[] = [];
		for (const { items, claim } of this.claims) {
			for (const i of items) {
				const key = this.keys[i] as string;
				const kind = this.fates[i].kind;
				if (!claim.before.has(key) && !claim.concurrent.has(key) && kind !== 'sent' && kind !== 'uncertain') release.push(key);
			}
		}
		try {
			await this.store.finish(release);
		} catch (error) {
			this.cleanupError = `The Delivery Keys of the items not sent could not be removed from n8n's store (${reasonOf(error)}): a later run skips them too, unless their keys are forgotten.`;
		}
	}

	/** The error that stops the run, with every item's fate in its description. */
	stopped(error: Error): Error {
		if (!this.sends) return error;
		const account = accountText(this.fates, { keys: this.on, retryOnFail: this.ctx.getNode().retryOnFail === true });
		return withAccount(error, this.cleanupError ? `${account}\n${this.cleanupError}` : account);
	}
}
