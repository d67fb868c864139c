#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of each project whose public API is tracked (src/Runtime,
# src/Tasks, src/DependencyInjection) from the code as it is: every public symbol that PublicAPI.Shipped.txt does not list.
# How: empty the file, build with RS0016 ("not part of the declared public API") as a plain
# warning, and write the symbols those warnings name, sorted, after '#nullable enable'. Fails when
# the target frameworks of a project disagree (it would then need one file per framework) or when
# any other public API diagnostic is left. See docs/packaging.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
projects=("src/Runtime/S3Exchange.csproj" "src/Tasks/S3Exchange.Build.Tasks.csproj" "src/DependencyInjection/S3Exchange.Extensions.DependencyInjection.csproj")
log="$(mktemp -d)/public-api.log"

for project in "${projects[@]}"; do
  printf '#nullable enable\n' >"$root/$(dirname "$project")/PublicAPI.Unshipped.txt"
done

# Every project compiled again (no-incremental), warnings left as warnings: the global
# WarningsAsErrors replaces the RS0016;RS0017 that src/Directory.Build.props adds.
for project in "${projects[@]}"; do
  dotnet build "$root/$project" --no-incremental -nologo -v:q -clp:NoSummary \
    -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -p:BuildProjectReferences=false \
    -flp:"logfile=$log;verbosity=quiet;append=true" >/dev/null || { cat "$log" >&2; exit 1; }
done

python3 - "$root" "$log" "${projects[@]}" <<'PY'
import collections, os, re, sys
root, log, projects = sys.argv[1], sys.argv[2], sys.argv[3:]
pattern = re.compile(r": warning (RS00\d\d): (.*?) \(https?://[^)]*\) \[(.*?)(?:::TargetFramework=([^\]]+))?\]$")
symbols = collections.defaultdict(lambda: collections.defaultdict(set))  # project -> tfm -> names
others = set()
with open(log, encoding="utf-8") as lines:
    for line in lines:
        match = pattern.search(line.rstrip())
        if not match:
            continue
        rule, message, project, tfm = match.groups()
        named = re.fullmatch(r"Symbol '(.*)' is not part of the declared public API", message)
        if rule == "RS0016" and named:
            symbols[os.path.relpath(project, root)][tfm or ""].add(named.group(1))
        else:
            others.add(f"{rule}: {message} [{project}]")
if others:
    sys.exit("Public API diagnostics other than RS0016 remain:\n" + "\n".join(sorted(others)))
for project in projects:
    per_tfm = symbols.get(project, {})
    sets = list(per_tfm.values())
    if any(s != sets[0] for s in sets):
        diff = set.union(*sets) - set.intersection(*sets)
        sys.exit(f"{project}: the target frameworks differ in their public API; use one file per framework:\n" + "\n".join(sorted(diff)))
    names = sorted(sets[0]) if sets else []
    path = os.path.join(root, os.path.dirname(project), "PublicAPI.Unshipped.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("#nullable enable\n" + "".join(name + "\n" for name in names))
    print(f"{path}: {len(names)} symbols ({', '.join(sorted(per_tfm)) or 'one framework'})")
PY
