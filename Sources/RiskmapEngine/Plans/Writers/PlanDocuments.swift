import RiskmapLanguage

/// The documents people read: per-school plans (Markdown, HTML), the municipal roadmap
/// (Markdown, HTML, CSV), the summary page (HTML with an inline SVG chart) and the
/// execution-report template (CSV, Markdown).
public enum PlanDocuments {
    public static func add(_ plans: PlanSet, to bundle: inout OutputBundle) {
    }
}
