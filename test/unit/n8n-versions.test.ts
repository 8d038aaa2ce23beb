import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The n8n versions the tests install (scripts/install-n8n.sh): the pinned 2.x and the newest 1.x. */
function testedVersions(): { pinned: string; v1: string } {
	const script = read('scripts/install-n8n.sh');
	const pinned = /^N8N_PINNED=(\S+)$/m.exec(script)?.[1];
	const v1 = /^N8N_V1=(\S+)$/m.exec(script)?.[1];
	if (!pinned || !v1) throw new Error('scripts/install-n8n.sh names no N8N_PINNED / N8N_V1');
	return { pinned, v1 };
}

const parts = (v: string) => v.split('.').map(Number);
function compare(a: string, b: string): number {
	const [x, y] = [parts(a), parts(b)];
	for (let k = 0; k < 3; k++) if (x[k] !== y[k]) return x[k] - y[k];
	return 0;
}

describe('the n8n versions the package supports', () => {
	const range = (JSON.parse(read('package.json')) as { engines?: { n8n?: string } }).engines?.n8n ?? '';
	const [, min, max] = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range) ?? [];

	it('package.json declares a range (engines.n8n), starting at the 1.x line the compatibility suite runs on', () => {
		expect({ range, parsed: Boolean(min && max) }).toEqual({ range, parsed: true });
		const { v1 } = testedVersions();
		expect(parts(min).slice(0, 2)).toEqual(parts(v1).slice(0, 2));
	});

	it('both versions the tests run on are inside it', () => {
		for (const version of Object.values(testedVersions())) {
			expect({ version, inside: compare(version, min) >= 0 && compare(version, max) < 0 }).toEqual({ version, inside: true });
		}
	});

	it('both READMEs state the range and the versions the tests run on', () => {
		const { pinned, v1 } = testedVersions();
		for (const readme of ['README.md', 'README.zh-CN.md']) {
			const text = read(readme);
			expect({ readme, range: text.includes(range), pinned: text.includes(pinned), v1: text.includes(v1) }).toEqual({ readme, range: true, pinned: true, v1: true });
		}
	});
});
