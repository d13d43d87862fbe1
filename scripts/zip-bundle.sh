#!/usr/bin/env bash
# Zips a published function into a Lambda bundle: the Native AOT executable bootstrap alone, at the root, with its
# executable bit (provided.al2023 runs ./bootstrap; AOT links the runtime in statically, so nothing else is needed;
# symbols, pdb and XML docs stay out). Python's zipfile keeps Unix modes; zip may be absent.
set -euo pipefail
dir=${1:?usage: zip-bundle.sh DIR ZIP}
zip=${2:?usage: zip-bundle.sh DIR ZIP}
[ -x "$dir/bootstrap" ] || { echo "zip-bundle: $dir/bootstrap is missing or not executable" >&2; exit 1; }
rm -f "$zip"
/usr/bin/python3 - "$dir" "$zip" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    z.write(os.path.join(src, "bootstrap"), "bootstrap")
PY
echo "zip-bundle: $zip ($(du -k "$zip" | cut -f1) KiB)"
