import Foundation
import Testing
import RiskmapCLI

/// `riskmap sweep` and `riskmap backtest` on the shipped rule book and samples: argument
/// errors (a message and a non-zero exit, never a trap), outputs, and the backtests of the
/// samples against their documents' lists (`Samples/*.expected.csv`), with agreement from
/// measured indicators and from expert judgements reported apart.
@Suite struct SweepBacktestCommandTests {
    static let rules = EngineCLI.path("Rules")
    static func sample(_ name: String) -> String { EngineCLI.path("Samples/\(name).csv") }
    static func expected(_ name: String) -> String { EngineCLI.path("Samples/\(name).expected.csv") }

    // MARK: - sweep

    @Test(arguments: [
        (["vpr_fail_mx=10%..30%", "step", "5%"], 64, "возможно, имелся в виду «vpr_fail_max»"),
        (["nonsense_param=1..2"], 64, "нет параметра «nonsense_param»"),
        (["vpr_fail_max=30%..10%", "step", "5%"], 64, "начало 30% больше конца 10%"),
        (["vpr_fail_max=10%..30%", "step", "0"], 64, "шаг «0» должен быть больше нуля"),
        (["vpr_fail_max=10%..30%", "step", "-5"], 64, "должен быть больше нуля"),
        (["vpr_fail_max=10%..130%", "step", "5%"], 64, "вне диапазона параметра vpr_fail_max: 0%...100%"),
        (["vpr_fail_max=0%..100%", "step", "0,001%"], 64, "слишком много точек: 100001"),
        (["vpr_fail_max=abc..30%"], 64, "«abc» — не число"),
        (["gia_min_participants=2%..5%"], 64, "не процент"),
        (["vpr_fail_max=10%..30%", "vpr_fail_max=5%..6%"], 64, "указан дважды"),
        (["vpr_fail_max=", "step", "1"], 64, "не понятно «vpr_fail_max="),
        (["vpr_fail_max=10%..20%", "--format", "pdf"], 64, "недопустимое значение «pdf»"),
        ([String](), 64, "не указан"),
    ] as [([String], Int32, String)])
    func sweepRefusesBadInput(args: [String], code: Int32, fragment: String) {
        let r = EngineCLI.run(["sweep", Self.rules, Self.sample("tomsk")] + args)
        #expect(r.code == code, "\(r)")
        #expect(r.stderr.contains(fragment), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test func sweepTableCountsAndChanges() {
        let r = EngineCLI.run(["sweep", Self.rules, Self.sample("tomsk"), "vpr_fail_max=15%..40%", "step", "5%"])
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("от 15 % до 40 % с шагом 5 % — 6 значений"), "\(r)")
        #expect(r.stdout.contains("Зависят от параметра: факторы vpr_fail_high, vpr_fail_stable"), "\(r)")
        #expect(r.stdout.contains("35 % (было при 30 %):"), "\(r)")
        #expect(r.stdout.contains("TOM-06 «МБОУ «Корниловская СОШ»»: Школа с низкими образовательными результатами (ШНОР): входит → не определён"), "\(r)")
    }

    @Test func sweepFormatsAndGrid() throws {
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let html = folder.appendingPathComponent("sweep.html").path
        let r = EngineCLI.run(["sweep", Self.rules, Self.sample("asino"), "vpr_fail_max=15%..40%", "step", "5%",
                               "oge_fail_max=10..30", "step", "10", "--format", "html", "--out", html, "--lang", "en"])
        #expect(r.code == 0, "\(r)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg id=\"chart-shnor\"") && !page.contains("<script"))
        let json = EngineCLI.run(["sweep", Self.rules, Self.sample("tomsk"), "vpr_fail_max=25%..35%", "step", "5%", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["points"] as? [Any])?.count == 3)
        #expect((object?["changes"] as? [Any])?.count == 2)
        let csv = EngineCLI.run(["sweep", Self.rules, Self.sample("tomsk"), "vpr_fail_max=25%..35%", "step", "5%", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}vpr_fail_max;"))
        #expect(csv.stdout.contains("\r\n35;15;0;3;"), "\(csv)")
    }

    // MARK: - backtest

    @Test func backtestRefusesBadInput() throws {
        let missing = EngineCLI.run(["backtest", Self.rules, Self.sample("tomsk")])
        #expect(missing.code == 64 && missing.stderr.contains("--expected"), "\(missing)")
        let absent = EngineCLI.run(["backtest", Self.rules, Self.sample("tomsk"), "--expected", "/nonexistent/list.csv"])
        #expect(absent.code == 66 && !absent.stderr.isEmpty, "\(absent)")
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let noColumns = try EngineCLI.write("id;what\nTOM-01;x\n", "a.csv", in: folder)
        let r1 = EngineCLI.run(["backtest", Self.rules, Self.sample("tomsk"), "--expected", noColumns])
        #expect(r1.code == 1 && r1.stderr.contains("нужны столбцы school_id, year, group"), "\(r1)")
        let bad = try EngineCLI.write("school_id;year;group;member\nTOM-01;2018/19;shnr;да\nTOM-02;2018/19;shnor;может\nTOM-03;18/19x;shnor;да\nTOM-99;2018/19;shnor;да\n",
                                      "b.csv", in: folder)
        let r2 = EngineCLI.run(["backtest", Self.rules, Self.sample("tomsk"), "--expected", bad])
        #expect(r2.code == 1, "\(r2)")
        #expect(r2.stderr.contains("b.csv:2:16") && r2.stderr.contains("нет группы «shnr»"), "\(r2)")
        #expect(r2.stderr.contains("b.csv:3:22") && r2.stderr.contains("«да» или «нет»"), "\(r2)")
        #expect(r2.stderr.contains("b.csv:4:8") && r2.stderr.contains("неверный учебный год"), "\(r2)")
        #expect(r2.stdout.contains("Не сравнивается (нет в файле школ): TOM-99"), "\(r2)")
    }

    /// One backtest through the whole report, byte for byte.
    @Test func backtestGolden() {
        let r = EngineCLI.run(["backtest", Self.rules, Self.sample("tomsk"), "--expected", Self.expected("tomsk")])
        #expect(r.code == 0, "\(r)")
        EngineCLI.expectGolden(r.stdout, "backtest-tomsk.txt")
    }

    struct Figures: Equatable, CustomStringConvertible {
        var both: Int, listed: Int, fromExpert: Int, undetermined: Int, onlyRiskmap: Int, precisionMeasurable: Bool
        var description: String { "\(both) of \(listed) (\(fromExpert) from expert judgements), \(undetermined) undetermined, \(onlyRiskmap) only riskmap, precision measurable: \(precisionMeasurable)" }
    }

    static func figures(_ sample: String) throws -> [String: Figures] {
        let r = EngineCLI.run(["backtest", rules, Self.sample(sample), "--expected", expected(sample), "--format", "json"])
        #expect(r.code == 0, "\(r)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var out: [String: Figures] = [:]
        for g in try #require(object["groups"] as? [[String: Any]]) {
            let count = { (k: String) in (g[k] as? [Any])?.count ?? -1 }
            out["\(g["group"]!) \(g["year"]!)"] = Figures(
                both: count("both"), listed: count("both") + count("onlyList") + count("listUndetermined"),
                fromExpert: count("bothFromExpert"), undetermined: count("listUndetermined"), onlyRiskmap: count("onlyRiskmap"),
                precisionMeasurable: g["precisionMeasurable"] as? Bool ?? false)
        }
        return out
    }

    /// The samples against their documents' lists (figures in Samples/README.md).
    @Test func samplesAgainstTheirDocuments() throws {
        #expect(try Self.figures("tomsk") == [
            "shnor 2018/19": Figures(both: 17, listed: 18, fromExpert: 0, undetermined: 1, onlyRiskmap: 0, precisionMeasurable: false),
        ])
        #expect(try Self.figures("asino") == [
            "shnor 2018/19": Figures(both: 6, listed: 7, fromExpert: 0, undetermined: 1, onlyRiskmap: 0, precisionMeasurable: true),
            "shnsu 2018/19": Figures(both: 2, listed: 7, fromExpert: 0, undetermined: 5, onlyRiskmap: 0, precisionMeasurable: true),
        ])
        #expect(try Self.figures("baikalovo") == [
            "shnor 2020/21": Figures(both: 0, listed: 7, fromExpert: 0, undetermined: 7, onlyRiskmap: 0, precisionMeasurable: true),
        ])
        #expect(try Self.figures("dorogobuzh") == [
            "shnor 2020/21": Figures(both: 0, listed: 1, fromExpert: 0, undetermined: 1, onlyRiskmap: 0, precisionMeasurable: true),
            "nonobjective 2020/21": Figures(both: 1, listed: 1, fromExpert: 1, undetermined: 0, onlyRiskmap: 0, precisionMeasurable: true),
        ])
    }

    /// Through the built binary, as a user runs it.
    @Test func backtestEndToEnd() throws {
        guard Binary.path != nil else { return }
        let folder = try EngineCLI.temporaryFolder()
        defer { EngineCLI.cleanUp(folder) }
        let r = try Binary.run(["backtest", Self.rules, Self.sample("dorogobuzh"), "--expected", Self.expected("dorogobuzh"), "--lang", "en"], in: folder)
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("of which from measured indicators: 0; resting on expert judgements: 1"), "\(r)")
        #expect(r.stderr.contains("[on the list, riskmap undetermined] DOR-VS1"), "\(r)")
    }
}
