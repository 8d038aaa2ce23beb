import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** What a platform's error code means, in English, and what the user can do about it. */
export interface CodeInfo {
	meaning: string;
	hint?: string;
}

export type CodeTable = Record<string, CodeInfo>;

/**
 * Bad input, found before anything is sent. The message names the item (1-based, as the n8n
 * editor counts) and the field (its label in the node), then says what is wrong.
 */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex + 1}, field "${field}": ${problem}`, {
		itemIndex,
		description: hint,
	});
}

export interface PlatformErrorDetails {
	/** Display name of the platform, e.g. "Vanytech Message Center". */
	platform: string;
	/** The platform's own error code. */
	code: string | number;
	/** The platform's own message text, as it sent it. */
	text?: string;
	table?: CodeTable;
	httpCode?: number;
	itemIndex?: number;
	/** Replaces the table's meaning (for answers that have no code of their own). */
	meaning?: string;
	hint?: string;
}

/**
 * An error answered by a platform: the message gives the platform's code and its meaning in
 * English, followed by the platform's own text; the description says what to do.
 */
export function platformError(node: INode, d: PlatformErrorDetails): NodeApiError {
	const code = String(d.code);
	const info = d.table?.[code];
	const meaning = d.meaning ?? info?.meaning ?? 'The platform reported an error';
	const text = d.text?.trim();
	const message = `${d.platform} error ${code}: ${meaning}${text && text !== meaning ? ` (platform message: ${text})` : ''}`;
	const description = d.hint ?? info?.hint;
	const response: JsonObject = { platform: d.platform, code, message: text ?? '' };
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: d.httpCode !== undefined ? String(d.httpCode) : undefined,
		itemIndex: d.itemIndex,
	});
	// NodeApiError falls back to a generic message for some HTTP codes; keep ours.
	error.message = message;
	return error;
}

/** Replaces every secret value that appears in a text with "***". */
export function redact(text: string, secrets: Array<unknown>): string {
	let out = text;
	for (const s of secrets) {
		if (typeof s === 'string' && s.length >= 4) out = out.split(s).join('***');
	}
	return out;
}

/** The message of anything thrown, as text. */
export function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	if (typeof error === 'string') return error;
	try {
		return JSON.stringify(error);
	} catch {
		return String(error);
	}
}
