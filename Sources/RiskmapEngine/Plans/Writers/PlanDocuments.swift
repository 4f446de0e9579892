import RiskmapLanguage
import RiskmapPlatform

/// The documents people read: per-school plans, the municipal roadmap and the
/// execution-report template, each built once as a `Document` and rendered to Markdown
/// (`DocumentMarkdown`), HTML (`DocumentHTML`) and Word (`DocxWriter`); the roadmap and report template also as
/// CSV for Excel; the summary page (HTML only); and `plans.json`. Wording is in `PlanText`;
/// the same plan set gives the same bytes (no dates, no dictionary order).
public enum PlanDocuments {
    /// Schools per block: each block's plans are completed and their documents rendered
    /// and hashed on all cores, then written in order (the bytes do not depend on the
    /// thread count or the block size).
    public static let blockSchools = 64

    /// What goes into a `.docx` path.
    public enum WordOutput: Sendable {
        /// The Word package (`DocxWriter.render`): what users get.
        case package
        /// The package's XML parts one after another, uncompressed (`DocxWriter.parts`): for
        /// the fuzz harnesses, which check the markup and need neither ZIP nor DEFLATE.
        case xmlParts

        func render(_ document: Document) -> [UInt8] {
            switch self {
            case .package: return DocxWriter.render(document)
            case .xmlParts: return Array(DocxWriter.parts(document).map(\.xml).joined().utf8)
            }
        }
    }

    /// Every document of complete plans, into memory.
    public static func add(_ plans: PlanSet, to bundle: inout OutputBundle, progress: RunProgress? = nil, word: WordOutput = .package) {
        // An in-memory bundle never fails.
        var plans = plans
        try? write(&plans, complete: { $0 }, to: &bundle, progress: progress, word: word)
    }

    /// Every document, streamed into `sink`: the schools of `outline` (`Planner.outline`)
    /// are completed by `complete` (`Planner.completer`) a block at a time; each school's
    /// documents and its part of `plans.json` go out before the next block is made, and of
    /// its complete plan only the data to supply and the targets are kept (in `outline`):
    /// memory holds one block of explanations, not the whole region's. The roadmap, summary
    /// and report template are made last, from what was kept (they need no explanations).
    public static func write<Sink: OutputSink>(_ outline: inout PlanSet, complete: (SchoolPlan) -> SchoolPlan, to sink: inout Sink,
                                                progress: RunProgress? = nil, blockSchools: Int = blockSchools,
                                                word: WordOutput = .package) throws(OutputBundle.Failure) {
        let layout = RegionalLayout(outline)
        var context = PlanContext(outline)
        let book = outline.book
        let hashing = sink.wantsHashes
        progress?.begin(.writingDocuments, total: outline.schools.count)
        try sink.append("plans.json", Array(PlansJSONWriter.head(outline).utf8))
        for first in stride(from: 0, to: outline.schools.count, by: max(1, blockSchools)) {
            let range = first..<min(outline.schools.count, first + max(1, blockSchools))
            let block = Array(outline.schools[range])
            let rendered = Parallel.map(count: range.count, threads: Tuning.default.threads) { k -> SchoolFiles in
                let i = range.lowerBound + k
                let plan = complete(block[k])
                let document = SchoolPlanDocument.build(plan, index: i, context)
                return SchoolFiles(plan: plan, markdown: Array(DocumentMarkdown.render(document).utf8),
                                   html: Array(DocumentHTML.render(document).utf8),
                                   docx: word.render(document),
                                   json: Array(PlansJSONWriter.element(plan, book, first: i == 0).utf8), hashing: hashing)
            }
            for (k, files) in rendered.enumerated() {
                let i = range.lowerBound + k
                outline.schools[i].dataToSupply = files.plan.dataToSupply
                outline.schools[i].targets = files.plan.targets
                let name = layout.schoolFolders[i] + "schools/" + context.fileNames[i]
                try sink.add(name + ".md", bytes: files.markdown, sha256: files.hashes[0])
                try sink.add(name + ".html", bytes: files.html, sha256: files.hashes[1])
                try sink.add(name + ".docx", bytes: files.docx, sha256: files.hashes[2])
                try sink.append("plans.json", files.json)
                progress?.advance()
            }
        }
        progress?.end()
        context = PlanContext(outline, fileNames: context.fileNames, schoolFolders: layout.schoolFolders)
        if layout.isRegional {
            // One municipality at a time (its documents grow with its schools), its files
            // rendered and hashed on all cores.
            for m in outline.municipalities.indices {
                let (own, schools) = outline.municipality(m)
                let ownContext = PlanContext(own, fileNames: schools.map { context.fileNames[$0] })
                try municipalDocuments(ownContext, folder: layout.folders[m] + "/", word: word, to: &sink)
            }
            try sink.add("summary.html", SummaryHTML.regional(context, layout))
        } else {
            try municipalDocuments(context, folder: "", word: word, to: &sink)
        }
        try sink.append("plans.json", Array(PlansJSONWriter.tail(outline).utf8))
        try sink.close("plans.json")
    }

    /// What a municipality's office signs and sends, besides the school plans: the roadmap,
    /// the summary, the report template (in `folder`: empty, or a municipality's with `/`).
    /// Rendered and hashed as many at a time as there are threads, each wave written before
    /// the next is made: a large municipality's report template (a sheet per school) in three
    /// formats is the run's largest memory, and it is not held all at once.
    static func municipalDocuments<Sink: OutputSink>(_ context: PlanContext, folder: String, word: WordOutput,
                                                     to sink: inout Sink) throws(OutputBundle.Failure) {
        let roadmap = RoadmapDocument.build(context)
        let report = ReportTemplateDocument.build(context)
        let renderers: [(String, () -> [UInt8])] = [
            ("roadmap.md", { Array(DocumentMarkdown.render(roadmap).utf8) }),
            ("roadmap.html", { Array(DocumentHTML.render(roadmap).utf8) }),
            ("roadmap.docx", { word.render(roadmap) }),
            ("roadmap.csv", { Array(RoadmapWriter.csv(context).utf8) }),
            ("summary.html", { Array(SummaryHTML.render(context).utf8) }),
            ("report-template.md", { Array(DocumentMarkdown.render(report).utf8) }),
            ("report-template.html", { Array(DocumentHTML.render(report).utf8) }),
            ("report-template.docx", { word.render(report) }),
            ("report-template.csv", { Array(ReportTemplateWriter.csv(context).utf8) }),
        ]
        let threads = max(1, Tuning.default.threads)
        let hashing = sink.wantsHashes
        for start in stride(from: 0, to: renderers.count, by: threads) {
            let wave = Array(renderers[start..<min(start + threads, renderers.count)])
            let done = Parallel.map(count: wave.count, threads: threads) { i in
                let bytes = wave[i].1()
                return (folder + wave[i].0, bytes, hashing ? SHA256.hex(bytes) : nil)
            }
            for (path, bytes, sha) in done { try sink.add(path, bytes: bytes, sha256: sha) }
        }
    }

    /// One school's files, rendered and hashed on a worker thread.
    struct SchoolFiles {
        var plan: SchoolPlan
        var markdown: [UInt8]
        var html: [UInt8]
        var docx: [UInt8]
        var json: [UInt8]
        /// Markdown, HTML and Word, when the sink wants them (`OutputSink.wantsHashes`).
        var hashes: [String?]

        init(plan: SchoolPlan, markdown: [UInt8], html: [UInt8], docx: [UInt8], json: [UInt8], hashing: Bool) {
            self.plan = plan
            self.markdown = markdown
            self.html = html
            self.docx = docx
            self.json = json
            hashes = hashing ? [SHA256.hex(markdown), SHA256.hex(html), SHA256.hex(docx)] : [nil, nil, nil]
        }
    }
}
