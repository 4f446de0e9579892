// riskmap-bench: the benchmark workload (Benchmarks/WORKLOAD.md, the peers' workload) on riskmap's engine.
//   riskmap-bench generate N FILE
//   riskmap-bench run IN.csv OUT.csv [--rules Benchmarks/workload]
import Foundation
import RiskmapEngine
import RiskmapLanguage
import RiskmapWorkload
import RiskmapPlatform

func fail(_ message: String, _ code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

/// `--rules DIR` taken out of `args` (default `fallback`); the other arguments in order.
func splitRulesOption(_ args: [String], default fallback: String) -> (rules: String, positional: [String]) {
    var rules = fallback
    var positional: [String] = []
    var i = 0
    while i < args.count {
        if args[i] == "--rules", i + 1 < args.count { rules = args[i + 1]; i += 2; continue }
        positional.append(args[i]); i += 1
    }
    return (rules, positional)
}

/// The rule book at `path`, loaded and checked (exits on errors).
func checkedRules(_ path: String) -> CheckedRuleBook {
    switch Session.ruleBook(at: path) {
    case .failure(let e): fail("cannot load rules at \(path): \(e)", 66)
    case .success(let (bookOrNil, diagnostics)):
        guard let book = bookOrNil, !diagnostics.hasErrors else {
            fail("rule book has errors:\n" + DiagnosticRenderer(lang: .en).render(diagnostics))
        }
        return book
    }
}

/// Writes `bytes` to a file (created or truncated).
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    guard let f = fopen(path, "wb") else { return false }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    return fclose(f) == 0 && written == bytes.count
}

/// Reads, parses and loads a school file through `session`, as `riskmap` does, calling
/// `step` after each step; the text and the table are released on return, before
/// outcomes. Stops the program on any data error.
func loadProfiles(_ path: String, _ session: Session, step: (Session.LoadStep) -> Void) -> ProfileSet {
    switch session.profiles(at: path, defaultYear: session.program.book.header.year, step: step) {
    case .failure(let e): fail("cannot read \(path): \(e)", 66)
    case .success(let loaded):
        if loaded.diagnostics.hasErrors { fail("data errors: \(loaded.diagnostics.prefix(5))") }
        return loaded.profiles
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
/// Peak resident set size so far, in MiB (getrusage).
func peakMiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1024
}
func seconds(_ a: UInt64, _ b: UInt64) -> Double { Double(b - a) / 1e9 }

let usage = """
usage: riskmap-bench generate N FILE
       riskmap-bench run IN.csv OUT.csv [--rules DIR]
       riskmap-bench generate-default N FILE [--rules Rules]
       riskmap-bench classify IN.csv OUT.csv [--rules Rules]
       riskmap-bench sweep IN.csv [PARAM [VALUES]] [--rules Rules]
"""

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail(usage, 64) }
args.removeFirst()

switch command {
case "generate":
    guard args.count == 2, let n = Int(args[0]), n >= 0 else { fail(usage, 64) }
    let t0 = now()
    let bytes = WorkloadGenerator.csv(n)
    guard FileManager.default.createFile(atPath: args[1], contents: Data(bytes)) else { fail("cannot write \(args[1])") }
    print("generated \(n) schools, \(bytes.count) bytes in \(String(format: "%.3f", seconds(t0, now()))) s")

case "run":
    let (rulesPath, positional) = splitRulesOption(args, default: "Benchmarks/workload")
    guard positional.count == 2 else { fail(usage, 64) }
    let (inPath, outPath) = (positional[0], positional[1])

    let tStart = now()
    // Rules: load, parse, check.
    let book = checkedRules(rulesPath)
    let tRules = now()

    // Read + parse CSV, load profiles (the text and the table are released before outcomes).
    var tRead: UInt64 = 0
    var peaks: [(String, Int)] = []
    // The workload's result columns need every measure, as a plan does.
    let session = Session(Program(book: book), purpose: .plans)
    let profiles = loadProfiles(inPath, session) { step in
        if step == .parsed {
            tRead = now()
            peaks.append(("read+parse CSV", peakMiB()))
        }
    }
    let tLoad = now()
    peaks.append(("load profiles", peakMiB()))

    // Evaluate.
    let outcomes = session.run(profiles)
    let tEval = now()
    peaks.append(("evaluate", peakMiB()))

    // Format + write, block by block.
    guard let file = fopen(outPath, "wb") else { fail("cannot write \(outPath)") }
    let wrote = WorkloadOutput.write(outcomes) { block in
        block.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) } == block.count
    }
    guard fclose(file) == 0, wrote else { fail("cannot write \(outPath)") }
    let tWrite = now()
    peaks.append(("format+write", peakMiB()))

    let n = profiles.rowCount
    func f(_ s: Double) -> String { String(format: "%8.3f s", s) }
    let total = seconds(tStart, tWrite)
    print("schools            \(n)")
    print("rules (load+check) \(f(seconds(tStart, tRules)))")
    print("read+parse CSV     \(f(seconds(tRules, tRead)))")
    print("load profiles      \(f(seconds(tRead, tLoad)))")
    print("evaluate           \(f(seconds(tLoad, tEval)))")
    print("format+write       \(f(seconds(tEval, tWrite)))")
    print("total (in-process) \(f(total))")
    print("peak RSS (MiB) after " + peaks.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
    print("schools/s          \(String(format: "%.0f", Double(n) / total)) total, \(String(format: "%.0f", Double(n) / max(1e-9, seconds(tLoad, tEval)))) evaluate")

    if let log = ProcessInfo.processInfo.environment["BENCH_EVAL_LOG"], !log.isEmpty {
        // name<TAB>N<TAB>eval_s<TAB>prepare_s<TAB>parse_s<TAB>write_s (WORKLOAD.md §5);
        // prepare = rule loading/checking, parse = CSV read + profile loading.
        let line = String(format: "riskmap\t%d\t%.6f\t%.6f\t%.6f\t%.6f\n", n, seconds(tLoad, tEval),
                          seconds(tStart, tRules), seconds(tRules, tLoad), seconds(tEval, tWrite))
        if let h = FileHandle(forWritingAtPath: log) {
            h.seekToEndOfFile(); h.write(Data(line.utf8)); h.closeFile()
        } else {
            _ = FileManager.default.createFile(atPath: log, contents: Data(line.utf8))
        }
    }

case "classify":
    // `riskmap classify --format csv --out OUT` step by step, with the time of each step.
    let (rulesPath, positional) = splitRulesOption(args, default: "Rules")
    guard positional.count == 2 else { fail(usage, 64) }
    let (inPath, outPath) = (positional[0], positional[1])
    let t0 = now()
    let book = checkedRules(rulesPath)
    var laps: [(String, UInt64)] = [("rules (load+check)", now())]
    let session = Session(Program(book: book), purpose: .classification)  // as `riskmap classify`
    let profiles = loadProfiles(inPath, session) { step in
        laps.append((step.rawValue, now()))
    }
    laps.append(("release text", now()))
    let outcomes = session.run(profiles)
    laps.append(("evaluate", now()))
    let report = ClassificationReport(outcomes,
                                      yearIndex: profiles.years.count - 1, lang: .ru)
    do {
        try AtomicWriter.write(to: outPath, direct: Tuning.default.directWrites) { (sink: inout ByteSink) throws(AtomicWriter.Failure) in try report.writeCSV(to: &sink) }
    } catch {
        fail("cannot write \(outPath): \(error)")
    }
    laps.append(("format+write CSV", now()))
    var previous = t0
    for (name, t) in laps {
        print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%6.3f s", seconds(previous, t)))
        previous = t
    }
    print("total".padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%6.3f s", seconds(t0, previous))
          + ", \(report.rows.count) schools of \(profiles.rowCount) school-years, peak RSS \(peakMiB()) MiB")

case "sweep":
    // `riskmap sweep` of one parameter (default vpr_fail_max) over VALUES (default 100) values of its
    // range, timed: load, then the incremental sweep, then (for comparison) the same grid by full runs.
    let (rulesPath, positional) = splitRulesOption(args, default: "Rules")
    guard (1...3).contains(positional.count) else { fail(usage, 64) }
    let book = checkedRules(rulesPath)
    let code = positional.count > 1 ? positional[1] : "vpr_fail_max"
    let count = positional.count > 2 ? Int(positional[2]) ?? 100 : 100
    guard let param = book.params.first(where: { $0.code == code }), count >= 2 else { fail("no parameter \(code) (or VALUES < 2)", 64) }
    let low = param.range?.lowerBound ?? param.value / 2, high = param.range?.upperBound ?? param.value * 2 + 1
    let step = (high - low) / Double(count - 1)
    let session = Session(Program(book: book), purpose: .classification)
    let t0 = now()
    let profiles = loadProfiles(positional[0], session) { _ in }
    let t1 = now()
    let axis: SweepAxis
    do {
        axis = try SweepAxis.make(book, param: code, from: "\(low)", to: "\(high)", step: "\(step)")
    } catch {
        fail("bad grid: \(error)")
    }
    let points = axis.values.map { [$0] }
    let year = profiles.years.count - 1
    let fast = Sweep.run(book, profiles, yearIndex: year, axes: [axis], points: points)
    let t2 = now()
    let full = Sweep.run(book, profiles, yearIndex: year, axes: [axis], points: points, mode: .reference)
    let t3 = now()
    guard fast.points == full.points, fast.changes == full.changes else { fail("the sweep differs from full runs") }
    let t4 = now()
    for v in axis.values { _ = Program(book: book, paramOverrides: [code: v]) }
    let t5 = now()
    print(String(format: "compile only         %6.3f s (%d programs)", seconds(t4, t5), axis.values.count))
    print(String(format: "load profiles        %6.3f s (%d school-years)", seconds(t0, t1), profiles.rowCount))
    print(String(format: "sweep, incremental   %6.3f s (%d values of %@; re-evaluated %d of %d factors, %d full runs)",
                 seconds(t1, t2), points.count, code, fast.dependentFactors.count, book.factors.count, fast.fullRuns))
    print(String(format: "sweep, full runs     %6.3f s (same counts and changes)", seconds(t2, t3)))
    print(String(format: "load + incremental   %6.3f s, peak RSS %d MiB", seconds(t0, t2), peakMiB()))

case "generate-default":
    // Synthetic school-years for the default rule book: riskmap-bench generate-default N FILE [--rules Rules]
    let (rulesPath, positional) = splitRulesOption(args, default: "Rules")
    guard positional.count == 2, let n = Int(positional[0]), n >= 0 else { fail(usage, 64) }
    let book = checkedRules(rulesPath)
    let bytes = DefaultGenerator.csv(book: book, rows: n)
    guard writeFile(positional[1], bytes) else { fail("cannot write \(positional[1])") }
    print("generated \(n) school-years (\(book.indicators.count) indicators), \(bytes.count) bytes")

default:
    fail(usage, 64)
}
