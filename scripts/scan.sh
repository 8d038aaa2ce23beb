#!/usr/bin/env bash
# n8n's verification scan (@n8n/scan-community-package, the same ESLint rules n8n runs before it
# verifies a community package), run on this package twice: on its sources and on the tarball
# `npm pack` makes, i.e. what npm would publish. The scanner's own CLI scans published packages
# only, so its exported analyzePackage() is called on local folders. The scanner is installed in a
# cache folder outside the repository, not as a dependency of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCANNER_VERSION="${SCANNER_VERSION:-0.32.0}"
TOOL="${CN_MSG_CACHE:-${HOME:-/tmp}/.cache/n8n-nodes-cn-messaging}/scan-community-package-$SCANNER_VERSION"
if [ ! -f "$TOOL/node_modules/@n8n/scan-community-package/package.json" ]; then
	mkdir -p "$TOOL"
	(cd "$TOOL" && echo '{"name":"scanner-holder","private":true}' > package.json &&
		npm install --no-save --ignore-scripts --no-audit --no-fund "@n8n/scan-community-package@$SCANNER_VERSION" >/dev/null)
fi
npm run build >/dev/null
PACK=$(mktemp -d)
trap 'rm -rf "$PACK"' EXIT
npm pack --pack-destination "$PACK" >/dev/null 2>&1
tar xzf "$PACK"/*.tgz -C "$PACK"
# What npm would publish is what a user needs and nothing more: no tests, simulators, examples,
# source maps or type declarations.
extra=$(cd "$PACK/package" && find . -type f | sed 's|^\./||' | grep -Ev '^(package\.json|README(\.zh-CN)?\.md|LICENSE|CHANGELOG\.md|index\.js|dist/(nodes|credentials)/.+\.(js|svg|node\.json))$' || true)
if [ -n "$extra" ]; then
	echo "npm pack would publish files a user does not need:"
	echo "$extra"
	exit 1
fi
echo "npm pack: $(cd "$PACK/package" && find . -type f | wc -l) files, only what a user needs"
cat > "$TOOL/scan.mjs" <<'JS'
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
const [sources, tarball] = process.argv.slice(2);
let failed = false;
for (const [what, dir, patterns] of [['sources', sources, SOURCE_FILE_PATTERNS], ['npm pack tarball', tarball, undefined]]) {
	const result = patterns ? await analyzePackage(dir, patterns) : await analyzePackage(dir);
	console.log(`n8n verification scan of the ${what}: ${result.passed ? 'passed' : 'FAILED'}`);
	if (!result.passed) {
		failed = true;
		console.log(result.details ?? result.message);
	}
}
process.exit(failed ? 1 : 0);
JS
(cd "$TOOL" && node scan.mjs "$ROOT" "$PACK/package")
