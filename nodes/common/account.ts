import type { IDataObject } from 'n8n-workflow';
import { messageOf } from './errors';

/**
 * What became of one item of a sending run:
 * - sent: the platform accepted it (`id`: the platform's id for it, when its answer has one);
 * - uncertain: it went out but no clear answer came back; it may have been delivered;
 * - refused: the platform answered and did not take it (`code`: the platform's code);
 * - unsent: it was attempted but never left (address unreachable, token exchange failed);
 * - skipped: not sent on purpose (its Delivery Key was delivered before);
 * - pending: not attempted (the run stopped first).
 */
export type Fate =
	| { kind: 'sent'; id?: string }
	| { kind: 'uncertain' | 'refused' | 'unsent'; message: string; code?: string }
	| { kind: 'skipped'; reason: string }
	| { kind: 'pending' };

/** Output fields that hold the platform's id of a sent message, in the order they are looked for. */
export const RECEIPT_FIELDS = ['task_id', 'msgId', 'messageId', 'message_id', 'outboxId', 'request_id', 'uuid', 'id'];

/** The platform's id in an operation's output for an item, if it has one. */
export function receiptOf(output: IDataObject | IDataObject[]): string | undefined {
	for (const json of Array.isArray(output) ? output : [output]) {
		for (const field of RECEIPT_FIELDS) {
			const v = json?.[field];
			if ((typeof v === 'string' && v !== '') || typeof v === 'number') return `${field} ${String(v)}`;
		}
	}
	return undefined;
}

/** The platform's code in an error made by platformError (its `code`, from the answer). */
export function codeOf(error: unknown): string | undefined {
	const e = error as { errorResponse?: { code?: unknown }; context?: { data?: { code?: unknown } } };
	const code = e?.errorResponse?.code ?? e?.context?.data?.code;
	return code === undefined || code === null || code === '' ? undefined : String(code);
}

/** `sent` on an error item: false when the message certainly did not go out, else 'uncertain'. */
export function sentField(fate: Fate): false | 'uncertain' {
	return fate.kind === 'uncertain' ? 'uncertain' : false;
}

/** Item numbers as the editor counts them (1-based), runs shortened: "1-19, 21, 23-30". */
export function ranges(indices: number[], most = 30): string {
	const parts: string[] = [];
	let k = 0;
	while (k < indices.length) {
		let end = k;
		while (end + 1 < indices.length && indices[end + 1] === indices[end] + 1) end++;
		parts.push(end > k ? `${indices[k] + 1}-${indices[end] + 1}` : `${indices[k] + 1}`);
		k = end + 1;
	}
	return parts.length > most ? `${parts.slice(0, most).join(', ')} and ${parts.length - most} more runs` : parts.join(', ');
}

const LABEL: Record<Fate['kind'], string> = {
	sent: 'sent',
	uncertain: 'uncertain (may have been delivered)',
	refused: 'refused by the platform',
	unsent: 'not sent (the request never left)',
	skipped: 'skipped',
	pending: 'not attempted',
};

function detail(fate: Fate): string {
	switch (fate.kind) {
		case 'sent':
			return fate.id ? ` (${fate.id})` : '';
		case 'skipped':
			return `: ${fate.reason}`;
		case 'pending':
			return '';
		default:
			return `${fate.code ? ` (code ${fate.code})` : ''}: ${fate.message}`;
	}
}

/** Items listed one per line up to this many; above it, counts and item ranges. */
export const LIST_EACH_UP_TO = 20;
/** In the summary, uncertain and refused items are still named one by one, up to this many. */
const NAME_UP_TO = 20;

/**
 * The account of a stopped run: every item's fate, one line each for a short run, counts with
 * item ranges (and each uncertain or refused item by name) for a long one; then what running again
 * does.
 */
export function accountText(fates: Fate[], options: { keys: boolean; retryOnFail: boolean }): string {
	const lines: string[] = [];
	const count = (kind: Fate['kind']) => fates.filter((f) => f.kind === kind).length;
	if (fates.length <= LIST_EACH_UP_TO) {
		lines.push(`What happened to each of the ${fates.length} items:`);
		fates.forEach((fate, i) => lines.push(`Item ${i + 1}: ${LABEL[fate.kind]}${detail(fate)}`));
	} else {
		lines.push(`What happened to the ${fates.length} items:`);
		for (const kind of Object.keys(LABEL) as Array<Fate['kind']>) {
			const indices = fates.flatMap((f, i) => (f.kind === kind ? [i] : []));
			if (!indices.length) continue;
			lines.push(`${LABEL[kind]}: ${indices.length} (item${indices.length > 1 ? 's' : ''} ${ranges(indices)})`);
			if (kind === 'uncertain' || kind === 'refused' || kind === 'unsent') {
				for (const i of indices.slice(0, NAME_UP_TO)) lines.push(`  Item ${i + 1}${detail(fates[i])}`);
				if (indices.length > NAME_UP_TO) lines.push(`  and ${indices.length - NAME_UP_TO} more`);
			}
		}
	}
	const delivered = count('sent') + count('uncertain');
	if (options.keys) {
		lines.push(
			'Running again with the same Delivery Keys sends only the items not sent yet (refused, not sent, not attempted); ' +
				'sent and uncertain items are skipped.',
		);
	} else if (delivered > 0) {
		lines.push(
			`Without a Delivery Key, running again sends all items again, including the ${delivered} already sent or possibly sent.` +
				(options.retryOnFail ? ' Retry On Fail is on: n8n runs this node again for all items and sends them a second time.' : '') +
				' Set a Delivery Key to send each message only once.',
		);
	}
	return lines.join('\n');
}

/** The account appended to the error that stops a run (its description; the message stays). */
export function withAccount(error: Error, account: string): Error {
	const e = error as Error & { description?: string | null };
	e.description = e.description ? `${e.description}\n\n${account}` : account;
	return error;
}

/** A short reason from an error, for one line of the account. */
export function reasonOf(error: unknown): string {
	const text = messageOf(error).replace(/\s+/g, ' ').trim();
	return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
