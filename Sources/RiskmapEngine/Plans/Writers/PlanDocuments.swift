import RiskmapLanguage

/// The documents people read: per-school plans (Markdown, HTML), the municipal roadmap
/// (Markdown, HTML, CSV), the summary page (HTML with an inline SVG chart) and the
/// execution-report template (CSV, Markdown). Wording is in `PlanText`; the same plan set
/// gives the same bytes (no dates, no dictionary order).
public enum PlanDocuments {
    /// `progress`: counts the schools whose plans are written.
    public static func add(_ plans: PlanSet, to bundle: inout OutputBundle, progress: RunProgress? = nil) {
        let context = PlanContext(plans)
        progress?.begin(.writingDocuments, total: plans.schools.count)
        defer { progress?.end() }
        for (i, plan) in plans.schools.enumerated() {
            let name = context.fileNames[i]
            bundle.add("schools/\(name).md", SchoolPlanMarkdown.render(plan, index: i, context))
            bundle.add("schools/\(name).html", SchoolPlanHTML.render(plan, index: i, context))
            progress?.advance()
        }
        bundle.add("roadmap.md", RoadmapWriter.markdown(context))
        bundle.add("roadmap.html", RoadmapWriter.html(context))
        bundle.add("roadmap.csv", RoadmapWriter.csv(context))
        bundle.add("summary.html", SummaryHTML.render(context))
        bundle.add("report-template.md", ReportTemplateWriter.markdown(context))
        bundle.add("report-template.csv", ReportTemplateWriter.csv(context))
    }
}
