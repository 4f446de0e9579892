#!/usr/bin/env bash
# Builds the libFuzzer harnesses from the project's own sources:
#   Fuzz/build.sh [NAME…]      (default: every harness in Fuzz/Harnesses)
# Each library module (Platform, Language, Engine) is compiled with the fuzzer's coverage
# instrumentation into a static library under Fuzz/.build; each harness links them.
set -euo pipefail
cd "$(dirname "$0")"
root=..
out=${FUZZ_BUILD:-.build}
mkdir -p "$out"
flags=(${FUZZ_OPT:--O} -g -sanitize=fuzzer -parse-as-library -swift-version 6 -enable-testing)

module() {  # NAME DEPENDENCIES…
    local name=$1; shift
    local sources=()
    while IFS= read -r -d '' f; do sources+=("$f"); done < <(find "$root/Sources/$name" -name '*.swift' -print0 | sort -z)
    local stamp="$out/lib$name.a"
    # Up to date: no source and no dependency's library newer than this library.
    local stale=$(find "$root/Sources/$name" -name '*.swift' -newer "$stamp" 2>/dev/null | head -1)
    for dep in "$@"; do [[ "$out/lib$dep.a" -nt "$stamp" ]] && stale=yes; done
    if [[ -f $stamp ]] && [[ -z $stale ]]; then return; fi
    echo "building $name (${#sources[@]} files)" >&2
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$stamp" -I "$out" "${sources[@]}"
}

module RiskmapPlatform
module RiskmapLanguage RiskmapPlatform
module RiskmapEngine RiskmapLanguage RiskmapPlatform

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
    for f in Harnesses/*.swift; do n=$(basename "$f" .swift); [[ $n == Support ]] || names+=("$n"); done
fi
for n in "${names[@]}"; do
    if [[ -f $out/fuzz-$n ]] && ! [[ $out/libRiskmapEngine.a -nt $out/fuzz-$n || Harnesses/$n.swift -nt $out/fuzz-$n || Harnesses/Support.swift -nt $out/fuzz-$n ]]; then continue; fi
    echo "linking fuzz-$n" >&2
    swiftc "${flags[@]}" -module-name "Fuzz_$n" -I "$out" -L "$out" \
        -lRiskmapEngine -lRiskmapLanguage -lRiskmapPlatform \
        "Harnesses/$n.swift" Harnesses/Support.swift -o "$out/fuzz-$n"
done
