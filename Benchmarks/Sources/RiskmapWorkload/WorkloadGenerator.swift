// A faithful port of the peers' generator gen_data.py (Benchmarks/WORKLOAD.md §2): SplitMix64, one
// stream per school, draws in exactly the generator's order, integer arithmetic only.
// Used by riskmap-bench and by the workload tests (library target RiskmapWorkload).

public enum WorkloadGenerator {
    static let seed: UInt64 = 20250901

    static let columns = [
        "id", "name", "municipality", "type", "rural", "pupils", "teachers",
        "avg_class_size", "teacher_load", "share_teachers_over_55",
        "share_teachers_top_category", "vacancies", "pupils_with_disabilities_share",
        "low_income_share", "pupils_bussed", "distance_to_centre_km",
        "internet_speed_mbps", "computers_per_100_pupils", "has_growth_point",
        "ege_russian_avg", "ege_math_profile_avg", "oge_fail_share", "vpr_low_share",
        "vpr_objectivity_flag", "parent_engagement_index",
        "ege_russian_avg_prev", "ege_math_profile_avg_prev",
    ]
    static let firstMissable = 7

    static let urbanMunis = [
        "г. Северогорск", "г. Заречный", "г. Каменск", "г. Светлогорск",
        "г. Приозёрск", "г. Новоуральск", "г. Краснополье", "г. Лесной",
    ]
    static let ruralMunis = [
        "Алексеевский район", "Берёзовский район", "Верхнекамский район",
        "Гремячинский район", "Дубровский район", "Еловский район",
        "Житомирский район", "Заволжский район", "Ивановский район",
        "Кузьминский район", "Луговской район", "Междуреченский район",
        "Никольский район", "Ольховский район", "Покровский район",
        "Речной район", "Сосновский район", "Тихвинский район",
        "Успенский район", "Фёдоровский район", "Чернореченский район",
        "Шатровский район", "Юрьевский район", "Ясеневский район",
    ]
    static let types = ["СОШ", "ООШ", "гимназия", "лицей"]
    static let typeLabels = ["СОШ", "ООШ", "Гимназия", "Лицей"]
    static let ruralPct = [45, 85, 5, 5]
    /// [type][rural ? 1 : 0] -> (lo, hi)
    static let pupilsRange: [[(Int, Int)]] = [
        [(350, 1600), (60, 700)], [(80, 400), (15, 220)],
        [(450, 1500), (150, 700)], [(450, 1500), (150, 700)],
    ]

    struct Rng {
        var s: UInt64
        init(_ school: Int) { s = (WorkloadGenerator.seed << 32) &+ UInt64(school) }
        mutating func next() -> UInt64 {
            s = s &+ 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func u(_ lo: Int, _ hi: Int) -> Int {
            lo + Int(next() % UInt64(hi - lo + 1))
        }
        mutating func b(_ lo: Int, _ hi: Int) -> Int {
            let span = hi - lo
            let a = u(0, span)
            let b = u(0, span)
            let c = u(0, span)
            return lo + (a + b + c) / 3
        }
    }

    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { v < lo ? lo : (v > hi ? hi : v) }
    static func d1(_ v: Int) -> String { "\(v / 10).\(v % 10)" }
    static func d2(_ v: Int) -> String { "\(v / 100)." + (v % 100 < 10 ? "0" : "") + "\(v % 100)" }

    /// The 27 CSV fields of school number `i` (1-based).
    static func school(_ i: Int) -> [String] {
        var r = Rng(i)
        let d = r.b(0, 1000)
        let t = r.u(0, 99)
        let typ = t < 60 ? 0 : t < 80 ? 1 : t < 90 ? 2 : 3
        let rural = r.u(0, 99) < ruralPct[typ]
        let munis = rural ? ruralMunis : urbanMunis
        let muni = munis[r.u(0, munis.count - 1)]
        let num = r.u(1, 150)
        let name = "МБОУ «\(typeLabels[typ]) № \(num)»"
        let (lo, hi) = pupilsRange[typ][rural ? 1 : 0]
        let pupils = r.b(lo, hi)
        let ratio10 = rural ? r.b(70, 130) : r.b(120, 190)
        let teachers = max(5, pupils * 10 / ratio10)
        let avgClass = rural ? r.b(60, 220) : r.b(190, 300)
        let load = r.b(180, 320) + d * 30 / 1000
        let over55 = rural ? r.b(150, 650) : r.b(80, 480)
        let topcat = max(0, r.b(80, 620) - d * 150 / 1000)
        let k = r.u(0, 99) + (rural ? 15 : 0) + d / 50
        let vac: Int
        if k < 60 { vac = 0 }
        else if k < 85 { vac = r.u(1, 2) }
        else if k < 105 { vac = r.u(1, max(2, teachers / 10)) }
        else { vac = r.u(2, max(3, teachers / 5)) }
        let ovz = r.b(0, 150) + d * 50 / 1000
        let lowinc = r.b(0, 350) + d * 250 / 1000 + (rural ? 60 : 0)
        let bussed = rural ? pupils * r.u(0, 45) / 100 : pupils * r.u(0, 3) / 100
        let dist = rural ? r.b(30, 1800) : r.b(0, 180)
        let inet = rural ? r.b(2, 100) : r.b(30, 500)
        let comp = max(5, r.b(20, 300) - d * 50 / 1000)
        let growth = r.u(0, 99) < (rural ? 60 : 15)
        var ru: Int? = nil, ma: Int? = nil, ruPrev: Int? = nil, maPrev: Int? = nil
        if typ != 1 {
            let gl = typ == 2 || typ == 3
            let ruV = clamp(730 - d * 220 / 1000 + (gl ? 50 : 0) + r.b(-70, 70), 360, 980)
            let maV = clamp(600 - d * 240 / 1000 + (gl ? 70 : 0) + r.b(-90, 90), 270, 980)
            var drop = r.b(-45, 45)
            if r.u(0, 99) < 8 { drop += r.u(40, 130) }
            ruPrev = clamp(ruV + drop, 360, 990)
            drop = r.b(-60, 60)
            if r.u(0, 99) < 8 { drop += r.u(50, 160) }
            maPrev = clamp(maV + drop, 270, 990)
            ru = ruV
            ma = maV
        }
        let oge = r.b(0, 140) + d * 120 / 1000
        var vpr = r.b(0, 220) + d * 180 / 1000
        let flag: Bool
        if r.u(0, 99) < 5 {
            vpr = r.u(0, 25)
            flag = r.u(0, 99) < 50
        } else {
            flag = r.u(0, 999) < 15
        }
        let pei = clamp(r.b(25, 95) - d * 35 / 1000, 0, 100)

        let id = String(i)
        var row: [String] = [
            "SCH" + String(repeating: "0", count: max(0, 6 - id.count)) + id, name, muni, types[typ],
            rural ? "1" : "0", String(pupils), String(teachers),
            d1(avgClass), d1(load), d1(over55), d1(topcat), String(vac), d1(ovz), d1(lowinc),
            String(bussed), d1(dist), String(inet), d1(comp), growth ? "1" : "0",
            ru.map(d1) ?? "", ma.map(d1) ?? "", d1(oge), d1(vpr),
            flag ? "1" : "0", d2(pei),
            ruPrev.map(d1) ?? "", maPrev.map(d1) ?? "",
        ]
        for j in firstMissable..<columns.count where r.u(0, 999) < 20 {
            row[j] = ""
        }
        return row
    }

    /// The whole CSV file for `n` schools, as UTF-8 bytes.
    public static func csv(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n * 170 + 512)
        out.append(contentsOf: columns.joined(separator: ",").utf8)
        out.append(0x0A)
        for i in stride(from: 1, through: n, by: 1) {
            out.append(contentsOf: school(i).joined(separator: ",").utf8)
            out.append(0x0A)
        }
        return out
    }
}
