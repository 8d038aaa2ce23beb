/**
 * Debian's Chromium driven by playwright-core, as the editor test uses it: launched with the flags
 * this kind of machine needs, with every problem the page reports collected (errors in its console,
 * uncaught exceptions, failed requests to n8n), and screenshots written where EDITOR_SCREENSHOTS says
 * (`npm run screenshots` writes the README's, into docs/images/).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

export interface Problem {
	at: number;
	kind: 'console' | 'exception' | 'request';
	text: string;
}

export interface EditorBrowser {
	browser: Browser;
	page: Page;
	/** Everything the page reported as wrong so far (see `since`). */
	problems: Problem[];
	/** The problems reported since `t` (Date.now()). */
	since(t: number): Problem[];
	/** Saves a screenshot of the page as <name>.png. */
	screenshot(name: string): Promise<void>;
}

/**
 * Opens Chromium on n8n at `origin`. A request that fails or answers 400+ counts as a problem when it
 * goes to n8n; requests to other hosts (n8n asks the npm registry about installed community packages)
 * do not, since the test machine may have no internet.
 */
export async function openEditorBrowser(origin: string): Promise<EditorBrowser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(`Chromium is not at ${CHROMIUM}: run \`bash scripts/install-chromium.sh\` (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH`);
	}
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	page.setDefaultTimeout(60_000);
	const problems: Problem[] = [];
	const add = (kind: Problem['kind'], text: string) => problems.push({ at: Date.now(), kind, text: text.slice(0, 500) });
	page.on('pageerror', (error) => add('exception', error.message));
	page.on('console', (message) => {
		// A failed resource is reported below with its address, where it can be told apart.
		if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) add('console', message.text());
	});
	page.on('requestfailed', (request) => {
		if (request.url().startsWith(origin) && request.failure()?.errorText !== 'net::ERR_ABORTED') add('request', `${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
	});
	page.on('response', (response) => {
		if (response.url().startsWith(origin) && response.status() >= 400) add('request', `${response.request().method()} ${response.url()}: ${response.status()}`);
	});
	const dir = process.env.EDITOR_SCREENSHOTS ? resolve(__dirname, '..', '..', process.env.EDITOR_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'editor-shots-'));
	mkdirSync(dir, { recursive: true });
	return {
		browser,
		page,
		problems,
		since: (t) => problems.filter((p) => p.at >= t),
		screenshot: async (name) => {
			await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
		},
	};
}

/** Text as the tests compare it: lower case, letters and digits only ("user's" and "user s" are the same). */
export function plain(text: string): string {
	return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
