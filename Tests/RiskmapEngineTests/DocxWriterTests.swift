import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

@Suite struct DocxWriterTests {
    /// Writes the sample documents where `RISKMAP_DOCX_OUT` says, for looking at them in
    /// Word or LibreOffice; does nothing otherwise.
    @Test func writeSamplesForLooking() throws {
        guard let folder = ProcessInfo.processInfo.environment["RISKMAP_DOCX_OUT"] else { return }
        try Data(DocxWriter.render(DocxSamples.schoolPlan())).write(to: URL(fileURLWithPath: folder + "/plan.docx"))
        try Data(DocxWriter.render(DocxSamples.roadmap())).write(to: URL(fileURLWithPath: folder + "/roadmap.docx"))
    }
}
extension DocxWriterTests {
    @Test func printMins() {
        guard ProcessInfo.processInfo.environment["RISKMAP_DOCX_OUT"] != nil else { return }
        for b in DocxSamples.schoolPlan().blocks + DocxSamples.roadmap().blocks {
            guard case .table(let t) = b else { continue }
            let mins = t.columns.indices.map { i in DocxColumnWidths.minimumWidth(t.columns[i], cells: t.rows.map { $0[i] }, total: 100000) }
            print("MINS", t.name, mins, mins.reduce(0, +))
        }
    }
}
