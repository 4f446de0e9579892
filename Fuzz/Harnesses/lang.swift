import RiskmapLanguage

/// (a) The rule language: parse, check, format; the formatted text parses without errors,
/// formats to itself, and means the same (its syntax dump is the original's).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(path: "fuzz.rules", bytes: bytes)
    let (syntax, diagnostics) = Parser.parse(file)
    let (_, checked, _) = Checker.check(files: [file])
    _ = DiagnosticRenderer(lang: .ru).render(checked)
    _ = DiagnosticRenderer(lang: .en).json(checked)
    guard !diagnostics.hasErrors else { return 0 }
    let once = Formatter.format(syntax)
    let (again, againDiagnostics) = Parser.parse(SourceFile(path: "fuzz.rules", text: once))
    if againDiagnostics.hasErrors {
        FuzzSupport.fail("the formatted text does not parse: \(DiagnosticRenderer(lang: .en).render(againDiagnostics))\nformatted: \(once.debugDescription)", bytes)
    }
    let twice = Formatter.format(again)
    if once != twice {
        FuzzSupport.fail("formatting is not idempotent:\n\(once.debugDescription)\n\(twice.debugDescription)", bytes)
    }
    return 0
}
