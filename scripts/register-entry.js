#!/usr/bin/env node
// Adds a compiled node or credential to package.json's "n8n" lists (idempotent, keeps order).
// Usage: node scripts/register-entry.js dist/nodes/X/X.node.js [dist/credentials/XApi.credentials.js ...]
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const entry of process.argv.slice(2)) {
	const list = entry.includes('/credentials/') ? pkg.n8n.credentials : pkg.n8n.nodes;
	if (!list.includes(entry)) list.push(entry);
}
fs.writeFileSync(file, JSON.stringify(pkg, null, '\t') + '\n');
