#!/usr/bin/env bash
# Zips a published function directory into a Lambda bundle: bootstrap at the root with its executable bit
# (provided.al2023 runs ./bootstrap), debug symbols left out. Python's zipfile keeps Unix modes; zip may be absent.
set -euo pipefail
dir=${1:?usage: zip-bundle.sh DIR ZIP}
zip=${2:?usage: zip-bundle.sh DIR ZIP}
[ -x "$dir/bootstrap" ] || { echo "zip-bundle: $dir/bootstrap is missing or not executable" >&2; exit 1; }
rm -f "$zip"
/usr/bin/python3 - "$dir" "$zip" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        if os.path.isfile(path) and not name.endswith((".dbg", ".pdb")):
            z.write(path, name)
PY
echo "zip-bundle: $zip ($(du -k "$zip" | cut -f1) KiB)"
