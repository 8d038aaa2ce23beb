import { sleep } from 'n8n-workflow';

/**
 * The request pace of one credential in this n8n process, shared by every execution that uses it
 * (module scope, keyed by credential): two workflows sending at once share the platform's rate
 * instead of doubling it.
 *
 * A platform counts calls as they reach its server, in any 1,000 ms window. A call reaches the
 * server some time after it starts here, and that time varies (n8n reads the credential, the
 * connection may be new, the network is uneven), so starting call k a plain 1,000 ms after call
 * k-N (N = the rate) is not enough: if k-N was slow to arrive and k fast, the server sees both in
 * one window. What is certain: a call reached the server before its answer came back, and a new
 * call reaches it after it starts. So a call that was answered 1,000 ms ago (+ 1 ms for clock
 * rounding) can no longer share a window with a new one, and a new call starts only while fewer
 * than N calls are in flight or answered less than 1,000 ms ago: every window at the server then
 * holds at most N calls, whatever the latency, and the rate lost is about one round trip a window
 * (a 10 ms round trip keeps 99 % of the rate).
 *
 * When the platform still answers "rate limit" (another process or worker uses the same app, or the
 * network was more uneven than measured), the pace takes in that the platform's window was full:
 * its ceiling drops to the calls this process started in the window before the refused one, less
 * one, and climbs back by one a window while no more refusals come. The refused call then waits
 * for the window to have room under that ceiling, not for a fixed time.
 *
 * No timers: waiting uses n8n-workflow's sleep.
 */

const WINDOW_MS = 1000;
/** For clock rounding (Date.now() counts whole milliseconds). */
const ROUNDING_MS = 1;
/** The highest rate a pace may be given. */
const MAX_RATE = 1000;

interface Start {
	at: number;
	/** When its answer came back (undefined while in flight). */
	end?: number;
	done: Promise<void>;
	slot?: PaceSlot;
}

/** A started call: `finish()` when its answer (or failure) came back. */
export interface PaceSlot {
	readonly startedAt: number;
	finish(): void;
}

export class Pace {
	private starts: Start[] = [];
	private queue: Promise<void> = Promise.resolve();
	/** Learned ceiling after a rate-limit answer (calls per window), and when it was learned. */
	private ceiling?: number;
	private ceilingAt = 0;
	/** Counters for tests, the benchmark and the README's figures. */
	readonly stats = { started: 0, waitedMs: 0, refusals: 0 };

	/** Waits for the window to have room at `rate` calls per second, then starts a call. */
	async start(rate: number): Promise<PaceSlot> {
		const previous = this.queue;
		let release!: () => void;
		this.queue = new Promise<void>((resolve) => (release = resolve));
		try {
			await previous;
			const begin = Date.now();
			await this.waitForRoom(Math.max(1, Math.min(MAX_RATE, Math.floor(rate))));
			this.stats.waitedMs += Date.now() - begin;
			return this.open();
		} finally {
			release();
		}
	}

	/** The platform answered "rate limit" to the call started in `slot`. */
	refused(slot: PaceSlot): void {
		this.stats.refusals++;
		const index = this.starts.findIndex((s) => s.slot === slot);
		const before = index < 0 ? this.starts : this.starts.slice(0, index);
		const inWindow = before.filter((s) => s.at > slot.startedAt - WINDOW_MS).length;
		const current = this.ceiling ?? Infinity;
		this.ceiling = Math.max(1, Math.min(current, inWindow - 1));
		this.ceilingAt = Date.now();
	}

	/** Calls allowed per window now: the rate, or the learned ceiling climbing back by one a window. */
	allowed(rate: number, now = Date.now()): number {
		if (this.ceiling === undefined) return rate;
		const climbed = this.ceiling + Math.floor((now - this.ceilingAt) / WINDOW_MS);
		if (climbed >= rate) {
			this.ceiling = undefined;
			return rate;
		}
		return climbed;
	}

	private async waitForRoom(rate: number): Promise<void> {
		for (;;) {
			const now = Date.now();
			const limit = this.allowed(rate, now);
			this.forget(now);
			// The calls still counting: in flight, or answered less than 1,000 ms ago.
			if (this.starts.length < limit) return;
			const ended = this.starts.filter((s) => s.end !== undefined).map((s) => s.end!);
			if (ended.length) {
				await sleep(Math.min(...ended) + WINDOW_MS + ROUNDING_MS - now);
			} else {
				// All may still be on their way to the server: wait for the first answer.
				await Promise.race(this.starts.map((s) => s.done));
			}
		}
	}

	private open(): PaceSlot {
		let resolve!: () => void;
		const start: Start = { at: Date.now(), done: new Promise<void>((r) => (resolve = r)) };
		this.starts.push(start);
		this.stats.started++;
		start.slot = {
			startedAt: start.at,
			finish: () => {
				if (start.end !== undefined) return;
				start.end = Date.now();
				resolve();
			},
		};
		return start.slot;
	}

	/** Forgets calls answered 1,000 ms ago or more: they can no longer share a window with a new call. */
	private forget(now: number): void {
		this.starts = this.starts.filter((s) => s.end === undefined || s.end + WINDOW_MS + ROUNDING_MS > now);
	}
}

const paces = new Map<string, Pace>();

/** The pace of one credential in this process (created on first use). */
export function paceOf(key: string): Pace {
	let pace = paces.get(key);
	if (!pace) {
		pace = new Pace();
		paces.set(key, pace);
	}
	return pace;
}
