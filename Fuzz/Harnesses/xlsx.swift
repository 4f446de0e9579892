@testable import RiskmapEngine
import RiskmapLanguage
import RiskmapPlatform

/// (c) Excel workbooks: the sniffer, ZIP, the DEFLATE inflater, the sheet XML, cell text,
/// then the CSV reader and the profile loader on the sheet's text. Nothing may trap; every
/// failure is a diagnostic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = TextBytes(Array(UnsafeBufferPointer(start: data, count: size)))
    _ = InputSniffer.kind(bytes)
    let (table, diagnostics) = WorkbookReader.table(bytes, path: "fuzz.xlsx", sheet: nil, tuning: FuzzSupport.tuning)
    _ = DiagnosticRenderer(lang: .ru).render(diagnostics)
    guard let table else { return 0 }
    let (_, loaded) = ProfileLoader.load(table: table, book: FuzzSupport.starter, defaultYear: SchoolYear(start: 2025),
                                         tuning: FuzzSupport.tuning)
    _ = DiagnosticRenderer(lang: .en).render(loaded)
    return 0
}
