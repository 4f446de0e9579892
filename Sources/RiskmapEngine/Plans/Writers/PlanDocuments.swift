import RiskmapLanguage
import RiskmapPlatform

/// The documents people read: per-school plans, the municipal roadmap and the
/// execution-report template, each built once as a `Document` and rendered to Markdown
/// (`DocumentMarkdown`), HTML (`DocumentHTML`) and Word (`DocxWriter`); the roadmap and report template also as
/// CSV for Excel, and the summary page (HTML only). Wording is in `PlanText`; the same plan
/// set gives the same bytes (no dates, no dictionary order).
public enum PlanDocuments {
    /// `progress`: counts the schools whose plans are written.
    public static func add(_ plans: PlanSet, to bundle: inout OutputBundle, progress: RunProgress? = nil) {
        let context = PlanContext(plans)
        progress?.begin(.writingDocuments, total: plans.schools.count)
        defer { progress?.end() }
        // Schools in blocks, each block's documents rendered on all cores, then added in order
        // (the bytes do not depend on the thread count).
        let block = 64
        for first in stride(from: 0, to: plans.schools.count, by: block) {
            let range = first..<min(plans.schools.count, first + block)
            let rendered = Parallel.map(count: range.count, threads: Tuning.default.threads) { k -> (String, String, [UInt8]) in
                let i = range.lowerBound + k
                let document = SchoolPlanDocument.build(plans.schools[i], index: i, context)
                return (DocumentMarkdown.render(document), DocumentHTML.render(document), DocxWriter.render(document))
            }
            for (k, (markdown, html, docx)) in rendered.enumerated() {
                let name = context.fileNames[range.lowerBound + k]
                bundle.add("schools/\(name).md", markdown)
                bundle.add("schools/\(name).html", html)
                bundle.add("schools/\(name).docx", bytes: docx)
                progress?.advance()
            }
        }
        let roadmap = RoadmapDocument.build(context)
        bundle.add("roadmap.md", DocumentMarkdown.render(roadmap))
        bundle.add("roadmap.html", DocumentHTML.render(roadmap))
        bundle.add("roadmap.docx", bytes: DocxWriter.render(roadmap))
        bundle.add("roadmap.csv", RoadmapWriter.csv(context))
        bundle.add("summary.html", SummaryHTML.render(context))
        let report = ReportTemplateDocument.build(context)
        bundle.add("report-template.md", DocumentMarkdown.render(report))
        bundle.add("report-template.html", DocumentHTML.render(report))
        bundle.add("report-template.docx", bytes: DocxWriter.render(report))
        bundle.add("report-template.csv", ReportTemplateWriter.csv(context))
    }
}
