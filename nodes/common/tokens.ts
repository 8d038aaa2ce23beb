import { sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * One token renewal at a time per credential in this n8n process, shared by every execution
 * (module scope): a burst of executions on a credential without a token costs one exchange, not one
 * per execution. Across processes (n8n queue mode: workers share the credential in the database),
 * a request refused for its token first reads the credential again: when the stored token is no
 * longer the refused one, another execution or worker has renewed it already, and that one is used,
 * so workers do not take turns invalidating each other's tokens on platforms where a new token
 * invalidates the previous one.
 */

/** The credential's hidden expirable token field and optionally its expiry (ms epoch). */
export interface TokenSpec {
	field: string;
	expiresAtField?: string;
	/** Renew this long before the stored expiry (default 5 minutes). */
	renewBeforeMs?: number;
}

interface Flight {
	done: Promise<void>;
	failure?: unknown;
}

interface KeyState {
	flight?: Flight;
	/** The token this process's last renewal produced, with the expiry it came with, and when. */
	renewed?: { token: string; expiresAt: unknown; at: number };
}

const states = new Map<string, KeyState>();

/** A refusal of a token renewed this recently may be a crossing with another process's renewal. */
const YIELD_WITHIN_MS = 30_000;
const YIELD_MIN_MS = 200;
const YIELD_SPREAD_MS = 800;

function stateOf(key: string): KeyState {
	let state = states.get(key);
	if (!state) {
		state = {};
		states.set(key, state);
	}
	return state;
}

/** A renewal this request leads: n8n runs the credential's token exchange for the request it sends. */
export interface Renewal {
	/** Call when the request that carried the renewal came back, with the credentials it was sent with. */
	finish(sent: ICredentialDataDecryptedObject | undefined, failure?: unknown): void;
}

export interface TokenPlan {
	credentials: ICredentialDataDecryptedObject;
	/** Set when this request must renew the token: send it with the token field emptied. */
	renewal?: Renewal;
}

function needsToken(c: ICredentialDataDecryptedObject, spec: TokenSpec, state: KeyState, refused: unknown): boolean {
	const token = c[spec.field];
	if (token === undefined || token === null || token === '') return true;
	if (refused !== undefined && token === refused) return true;
	const expiresAt = spec.expiresAtField ? Number(c[spec.expiresAtField]) : 0;
	if (!(expiresAt > 0)) return false;
	// A token this process renewed, still with the expiry it came with, is used until it really
	// expires (a platform lifetime shorter than the margin would otherwise make every request renew).
	const fresh = state.renewed?.token === token && state.renewed.expiresAt === c[spec.expiresAtField!];
	return Date.now() > expiresAt - (fresh ? 0 : (spec.renewBeforeMs ?? 300_000));
}

/**
 * The credentials a request goes out with. Waits while another execution of this process renews
 * the token. Renews (returns a `renewal`) when there is no token, it is about to expire, or it is
 * still the one the platform just refused (`refused`) — unless `mayLead` is false (this request
 * renewed once already): then it goes with what is stored.
 */
export async function planToken(
	key: string,
	spec: TokenSpec,
	read: () => Promise<ICredentialDataDecryptedObject>,
	refused: unknown,
	mayLead: boolean,
): Promise<TokenPlan> {
	const state = stateOf(key);
	let yielded = false;
	for (;;) {
		const flight = state.flight;
		if (flight) {
			await flight.done;
			const after = await read();
			if (!needsToken(after, spec, state, refused)) return { credentials: after };
			// The renewal failed (its exchange did not give a token): fail the same way, once for the burst.
			if (flight.failure !== undefined) throw flight.failure;
			continue;
		}
		const credentials = await read();
		if (state.flight) continue; // another request started a renewal while this one read
		if (!needsToken(credentials, spec, state, refused) || !mayLead) return { credentials };
		if (!yielded && refused !== undefined && refused === state.renewed?.token && Date.now() - state.renewed.at < YIELD_WITHIN_MS) {
			// The platform refused the token this process has just got: another process renewed at the
			// same moment (the platform keeps only the newest token) and its token may still be on its
			// way to the store. Wait a moment — random, so two processes do not wait alike — and look
			// again before renewing, so the two do not take turns invalidating each other.
			yielded = true;
			await sleep(YIELD_MIN_MS + Math.random() * YIELD_SPREAD_MS);
			continue;
		}
		let resolve!: () => void;
		const own: Flight = { done: new Promise<void>((r) => (resolve = r)) };
		state.flight = own;
		return {
			credentials,
			renewal: {
				finish(sent, failure) {
					const token = sent?.[spec.field];
					if (failure !== undefined && (token === undefined || token === '' || token === credentials[spec.field])) {
						own.failure = failure;
					} else if (typeof token === 'string' && token !== '') {
						state.renewed = { token, expiresAt: spec.expiresAtField ? sent?.[spec.expiresAtField] : undefined, at: Date.now() };
					}
					if (state.flight === own) state.flight = undefined;
					resolve();
				},
			},
		};
	}
}
