/**
 * The executions n8n saved in a harness's database (SQLite), with their run data: what
 * `execute-batch` ran, read back in full (its own result file keeps only each workflow's status
 * and one line of error). Read with n8n's own Node (which has node:sqlite) and n8n's copy of
 * flatted (the format n8n stores run data in).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { N8nHarness, NodeRun } from './harness';
import { n8nInstallation } from './harness';

export interface SavedExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	/** The error that stopped the run (message, description, ...), if any. */
	error?: IDataObject;
	runData: Record<string, NodeRun[]>;
}

const READER = `
const { DatabaseSync } = require('node:sqlite');
const flatted = require(process.argv[2]);
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const after = Number(process.argv[3]);
const rows = db.prepare('SELECT e.id, e.workflowId, e.status, e.mode, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.id > ? ORDER BY e.id').all(after);
const out = rows.map((r) => {
	const data = flatted.parse(r.data);
	const result = (data && data.resultData) || {};
	return { id: String(r.id), workflowId: r.workflowId, status: r.status, mode: r.mode, error: result.error, runData: result.runData || {} };
});
process.stdout.write(JSON.stringify(out));
`;

/** Executions saved after the one with id `after` (0: all), oldest first. */
export function savedExecutions(n8n: N8nHarness, after = 0): SavedExecution[] {
	const dir = n8nInstallation();
	const stdout = execFileSync(
		join(dir, 'node', 'bin', 'node'),
		['--no-warnings', '-e', READER, join(n8n.userFolder, '.n8n', 'database.sqlite'), join(dir, 'app', 'node_modules', 'flatted', 'cjs', 'index.js'), String(after)],
		{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
	);
	return JSON.parse(stdout) as SavedExecution[];
}

/** The newest saved execution of a workflow. */
export function lastExecutionOf(n8n: N8nHarness, workflowId: string): SavedExecution | undefined {
	return savedExecutions(n8n).filter((e) => e.workflowId === workflowId).pop();
}
