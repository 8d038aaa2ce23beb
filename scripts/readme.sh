#!/usr/bin/env bash
# Rebuilds README.md and README.zh-CN.md from the parts in docs/ (the general head and tail, and one
# section per platform, whose headings are shifted under "## Platforms"). Edit the parts, then run this.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re
platforms = ["vanytech", "kingdee", "dingtalk", "dhc", "eazytec"]

def section(path):
    text = open(path, encoding="utf-8").read()
    levels = [len(m.group(1)) for m in re.finditer(r"^(#+) ", text, re.M)]
    shift = 3 - min(levels)
    return re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + shift) + " ", text, flags=re.M)

for suffix, title in (("", "## Platforms"), (".zh-CN", "## 各平台说明")):
    parts = [open(f"docs/README{suffix}.head.md", encoding="utf-8").read(), title + "\n"]
    parts += [section(f"docs/{p}{suffix}.md") for p in platforms]
    parts.append(open(f"docs/README{suffix}.tail.md", encoding="utf-8").read())
    open(f"README{suffix}.md", "w", encoding="utf-8").write("\n".join(parts))
PY
