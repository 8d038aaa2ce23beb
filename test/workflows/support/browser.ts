/** A person's browser following a link n8n sent: plain HTTP requests with a desktop browser's User-Agent. */

/** A desktop browser: n8n ignores approval requests from bots and link previewers. */
export const BROWSER_UA =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** What a person's browser gets for a link: status, content type and the page. */
export async function browserGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; html: string }> {
	const res = await fetch(url, { headers: { 'user-agent': BROWSER_UA, accept: 'text/html', ...headers } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

/** A form on a page sent the way a browser sends it (multipart/form-data). */
export async function browserPost(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
	const res = await fetch(url, { method: 'POST', body: form, headers: { 'user-agent': BROWSER_UA, ...headers } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}
