import { createHash, randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';
import type { DeduplicationHelperFunctions, ICheckProcessedOptions, INodeProperties } from 'n8n-workflow';
import { markOutcome } from './outcome';
import { choiceField } from './properties';

/**
 * Delivery Keys: a key per message, kept in n8n's processed-data store (the store n8n's Remove
 * Duplicates node uses: a table in n8n's database, so it survives restarts and is shared by every
 * worker in queue mode), so a message whose key was delivered before is not sent again.
 *
 * The store keeps, per workflow and scope, one list of MD5 hashes that every call reads, changes
 * and writes back without a lock. Two executions writing at once can lose one's update. What a
 * node can do about it is done here: keys are recorded in groups (one store call per group, just
 * before the group goes out), and each group is checked again a moment later together with a
 * marker unique to it. When the marker is gone, another execution overwrote the group: the keys it
 * holds now are that execution's to send (this one skips them), the rest are recorded again.
 */

export type Scope = 'node' | 'workflow';
export type Forget = 'none' | 'all' | 'items' | 'allOnly';

export interface KeySettings {
	scope: Scope;
	keep: number;
	forget: Forget;
}

export const KEY_FIELD = 'Delivery Key';
/** Keys longer than this are stored as their SHA-256 (the store hashes every value it keeps anyway). */
export const MAX_KEY_LENGTH = 512;
/** Keys recorded per store call: at most this many items are recorded ahead of being sent. */
export const GROUP_SIZE = 100;
export const DEFAULT_KEEP = 10000;
/** The start of a group marker (no key a user gives starts with it). */
const MARKER = '\u0000dk-marker:';

export const deliveryKeyFields: INodeProperties[] = [
	{
		displayName:
			'Without a Delivery Key, running this node again sends every item again, also those already delivered: running the workflow again, n8n\'s Retry of a failed execution and the Retry On Fail setting all do that. Set a Delivery Key to send each message only once.',
		name: 'deliveryKeyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { deliveryKey: [''] } },
	},
	{
		displayName: 'Delivery Key',
		name: 'deliveryKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}-{{ $json.userId }}',
		description:
			'An expression that identifies each message. A message whose key was delivered before is not sent again: its item comes out with skipped: true. Keys are compared exactly as given. Leave empty to send every item every time.',
	},
	{
		displayName: 'Delivery Key Options',
		name: 'deliveryKeyOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { hide: { deliveryKey: [''] } },
		options: [
			choiceField('Forget Keys', 'forget', [
				{ name: 'All Keys, Send Nothing', value: 'allOnly', description: 'Forget every key of this scope and send nothing' },
				{ name: 'All Keys, Then Send', value: 'all', description: 'Forget every key of this scope, then send every item' },
				{ name: 'No', value: 'none', description: 'Keep the keys: skip messages delivered before' },
				{ name: "These Items' Keys, Then Send", value: 'items', description: "Forget these items' keys, then send them again" },
			], 'none', { description: 'Forget keys kept from earlier runs, so their messages can be sent again' }),
			{
				displayName: 'Keys to Keep',
				name: 'keep',
				type: 'number',
				default: DEFAULT_KEEP,
				typeOptions: { minValue: 2 * GROUP_SIZE },
				description: 'How many keys the store keeps for this scope; when there are more, the oldest are forgotten',
			},
			choiceField('Scope', 'scope', [
				{ name: 'This Node', value: 'node', description: 'Keys belong to this node only' },
				{ name: 'This Workflow', value: 'workflow', description: 'Keys are shared by every node of this workflow that uses this scope' },
			], 'node'),
		],
	},
];

/** A key as stored: as given, or its SHA-256 when it is longer than MAX_KEY_LENGTH. */
export function storedKey(key: string): string {
	return key.length > MAX_KEY_LENGTH ? `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}` : key;
}

/** A key from an expression's value: text, a number or true/false as text, anything else as JSON. Empty: undefined. */
export function keyText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text.trim() === '' ? undefined : text;
}

type Store = Pick<DeduplicationHelperFunctions, 'checkProcessedAndRecord' | 'removeProcessed' | 'clearAllProcessedItems' | 'getProcessedDataCount'>;

export interface Claim {
	/** Keys delivered before (found in the store). */
	before: Set<string>;
	/** Keys another execution recorded at the same moment (it sends them). */
	concurrent: Set<string>;
}

/** The store calls of one run; every failure of the store is marked "unsent" (nothing went out). */
export class KeyStore {
	/** This run's group markers, in the list until the run ends. */
	private readonly markers: string[] = [];

	constructor(
		private readonly store: Store,
		readonly settings: KeySettings,
	) {}

	/** The store keeps the newest `keep` keys; this run's markers are counted on top, as they leave again. */
	private get options(): ICheckProcessedOptions {
		return { mode: 'entries', maxEntries: this.settings.keep + this.markers.length };
	}

	private async record(values: string[]): Promise<{ fresh: Set<string>; ms: number }> {
		const started = Date.now();
		const r = await this.guard(this.store.checkProcessedAndRecord(values, this.settings.scope, this.options));
		return { fresh: new Set(r.new.map(String)), ms: Date.now() - started };
	}

	private async guard<T>(call: Promise<T>): Promise<T> {
		try {
			return await call;
		} catch (error) {
			throw markOutcome(error instanceof Error ? error : new Error(String(error)), 'unsent');
		}
	}

	/**
	 * Records a group of keys (distinct, none recorded by this run yet) in one store call, then checks
	 * that the record stood. Returns the keys not to send.
	 */
	async claim(keys: string[]): Promise<Claim> {
		const marker = `${MARKER}${randomUUID()}`;
		this.markers.push(marker);
		const first = await this.record([...keys, marker]);
		const before = new Set(keys.filter((k) => !first.fresh.has(k)));
		const concurrent = new Set<string>();
		let mine = keys.filter((k) => first.fresh.has(k));
		// Another execution that read the list before this write may write it back after it: wait
		// longer than a store call takes, then look for this group's marker.
		for (let round = 0, ms = first.ms; mine.length > 0 && round < 3; round++) {
			await sleep(Math.min(1000, Math.max(100, 3 * ms)));
			const check = await this.record([marker, ...mine]);
			ms = check.ms;
			if (!check.fresh.has(marker)) break;
			for (const k of mine) if (!check.fresh.has(k)) concurrent.add(k);
			mine = mine.filter((k) => check.fresh.has(k));
		}
		return { before, concurrent };
	}

	/** At the end of a run: removes the keys of messages that did not go out (so a later run sends them) and this run's markers. */
	async finish(release: string[]): Promise<void> {
		const remove = [...release, ...this.markers];
		if (remove.length) await this.guard(this.store.removeProcessed(remove, this.settings.scope, this.options));
	}

	/** Forgets the given keys. */
	async forget(keys: string[]): Promise<void> {
		await this.guard(this.store.removeProcessed(keys, this.settings.scope, this.options));
	}

	/** Forgets every key of the scope; returns how many there were. */
	async forgetAll(): Promise<number> {
		const count = await this.guard(this.store.getProcessedDataCount(this.settings.scope, this.options));
		await this.guard(this.store.clearAllProcessedItems(this.settings.scope, this.options));
		return count;
	}
}
