import type { IDataObject } from 'n8n-workflow';

/** What the trigger remembers of a message: the watched fields (every field when none are named). */
export function snapshot(message: IDataObject, fields: string[]): IDataObject {
	const keys = fields.length ? fields : Object.keys(message);
	const out: IDataObject = {};
	for (const k of keys) if (message[k] !== undefined) out[k] = JSON.parse(JSON.stringify(message[k])) as IDataObject[string];
	return out;
}

export interface Change {
	before: unknown;
	after: unknown;
}

/** The fields whose value differs between two snapshots (absent counts as null). */
export function changesOf(before: IDataObject, after: IDataObject): Record<string, Change> {
	const out: Record<string, Change> = {};
	for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
		const a = before[k] ?? null;
		const b = after[k] ?? null;
		if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = { before: a, after: b };
	}
	return out;
}

export interface Seen {
	/** outbox ID -> snapshot, for the messages of the last poll. */
	seen?: Record<string, IDataObject>;
}

/**
 * One poll: compares the listed messages with the last poll's and returns each changed one with
 * exactly its changes. A message not seen before (the first poll, or a new one) is only noted.
 */
export function pollChanges(
	state: Seen,
	messages: Array<{ id: string; message: IDataObject }>,
	fields: string[],
): Array<{ outboxId: string; changes: Record<string, Change>; message: IDataObject }> {
	const previous = state.seen ?? {};
	const next: Record<string, IDataObject> = {};
	const events: Array<{ outboxId: string; changes: Record<string, Change>; message: IDataObject }> = [];
	for (const { id, message } of messages) {
		const now = snapshot(message, fields);
		const before = previous[id];
		if (before) {
			const changes = changesOf(before, now);
			if (Object.keys(changes).length) events.push({ outboxId: id, changes, message });
		}
		next[id] = now;
	}
	state.seen = next;
	return events;
}
