/**
 * Builds the package once per test run into a private folder (package.json + dist/ with icons and
 * codex files), so the workflow tests always load the code as it is now, and a build running
 * elsewhere in the tree cannot change it under them. The harness installs that copy into n8n.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function copyAssets(from: string, to: string): void {
	for (const entry of readdirSync(from)) {
		const path = join(from, entry);
		if (statSync(path).isDirectory()) copyAssets(path, to);
		else if (/\.(svg|png|json)$/.test(entry)) {
			const target = join(to, relative(ROOT, path));
			cpSync(path, target);
		}
	}
}

export default function globalSetup(): void {
	if (process.env.CN_MSG_PACKAGE_DIR) return;
	const dir = mkdtempSync(join(tmpdir(), 'cn-messaging-package-'));
	const dist = join(dir, 'dist');
	execFileSync(
		process.execPath,
		[join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', dist, '--incremental', 'false', '--tsBuildInfoFile', 'null', '--declaration', 'false', '--sourceMap', 'false'],
		{ cwd: ROOT, stdio: 'inherit' },
	);
	copyAssets(join(ROOT, 'nodes'), dist);
	copyAssets(join(ROOT, 'credentials'), dist);
	cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
	process.env.CN_MSG_PACKAGE_DIR = dir;
}
