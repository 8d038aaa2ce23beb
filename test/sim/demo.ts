/**
 * Starts every platform simulator on its demo port and writes the n8n credentials that point at
 * them (the ones the example workflows use). Used by `npm run demo`; runs until stopped.
 *
 *   node build-test/test/sim/demo.js --credentials-out <file> [--host 127.0.0.1]
 *
 * Each platform contributes a `<platform>.demo.ts` file exporting a DemoPlatform.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCredential, DemoPlatform } from './demo-types';

function isDemoPlatform(value: unknown): value is DemoPlatform {
	return Boolean(value && typeof value === 'object' && 'key' in value && 'port' in value && 'create' in value);
}

export async function demoPlatforms(): Promise<DemoPlatform[]> {
	const platforms: DemoPlatform[] = [];
	for (const file of readdirSync(__dirname).sort()) {
		if (!/\.demo\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue;
		// Platforms are found by file name, so adding one needs no change here.
		const mod = (await import(join(__dirname, file))) as Record<string, unknown>;
		platforms.push(...Object.values(mod).filter(isDemoPlatform));
	}
	return platforms;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const out = args[args.indexOf('--credentials-out') + 1];
	const host = args.includes('--host') ? args[args.indexOf('--host') + 1] : '127.0.0.1';
	const credentials: DemoCredential[] = [];
	for (const platform of await demoPlatforms()) {
		const sim = platform.create();
		const url = await sim.start(platform.port, host);
		credentials.push(...platform.credentials(url));
		console.log(`${platform.title} simulator: ${url}  (knobs: ${url}/__sim/records, /__sim/fault, ...)`);
	}
	if (out) writeFileSync(out, JSON.stringify(credentials, null, 2));
	console.log('simulators ready');
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
