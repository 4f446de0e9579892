#!/usr/bin/env bash
# Builds the libFuzzer harnesses from the project's own sources:
#   Fuzz/build.sh [NAME…]      (default: every harness in Fuzz/Harnesses)
# Each library module (Platform, Language, Engine) is compiled with the fuzzer's coverage
# instrumentation into a static library under Fuzz/.build; each harness links them.
set -euo pipefail
cd "$(dirname "$0")"
root=..
out=.build
mkdir -p "$out"
flags=(-O -g -sanitize=fuzzer -parse-as-library -swift-version 6 -enable-testing)

module() {  # NAME DEPENDENCIES…
    local name=$1; shift
    local sources=()
    while IFS= read -r -d '' f; do sources+=("$f"); done < <(find "$root/Sources/$name" -name '*.swift' -print0 | sort -z)
    local stamp="$out/lib$name.a"
    if [[ -f $stamp ]] && [[ -z $(find "$root/Sources/$name" -name '*.swift' -newer "$stamp" | head -1) ]]; then return; fi
    echo "building $name (${#sources[@]} files)" >&2
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$stamp" -I "$out" "${sources[@]}"
}

module RiskmapPlatform
module RiskmapLanguage
module RiskmapEngine

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
    for f in Harnesses/*.swift; do n=$(basename "$f" .swift); [[ $n == Support ]] || names+=("$n"); done
fi
for n in "${names[@]}"; do
    echo "linking fuzz-$n" >&2
    swiftc "${flags[@]}" -module-name "Fuzz_$n" -I "$out" -L "$out" \
        -lRiskmapEngine -lRiskmapLanguage -lRiskmapPlatform \
        "Harnesses/$n.swift" Harnesses/Support.swift -o "$out/fuzz-$n"
done
