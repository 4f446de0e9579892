import Foundation
import Testing
@testable import RiskmapEngine
import RiskmapLanguage

/// The shipped rule book (`Rules/`) is written from five districts' documents, but its plans go
/// to any school of any district. What a plan shows — a measure's title, expected result and
/// deadline, the titles of factors, groups, levels and roles — must name no school, district or
/// company of the seed documents and must not say that a document left something out
/// («в документе не указан»), nor quote a district's report («в отчёте: …»). That trail is kept
/// in `основание`, which the methodologist reads and the school's tables leave out.
@Suite struct ShippedRuleBookTextTests {
    /// Place and organisation names of the seed documents (districts, settlements, schools,
    /// the company of the Dorogobuzh report), as word stems, compared ignoring case.
    static let seedNames: [String] = [
        // districts and towns
        "Асино", "Асинов", "Байкалов", "Дорогобуж", "Томск", "Верхнеднепров",
        // Asino district
        "Батурин", "Минаевк", "Новиковк", "Ягодное", "Больше-Дорохов", "Еланск",
        // Baikalovo district
        "Баженовск", "Вязовск", "Городищен", "Краснополян", "Ляпуновск", "Нижне-Иленск",
        "Пелевин", "Чурманск", "Шадринск",
        // Tomsk district
        "Александровская", "Итатск", "Калтайск", "Кафтанчиков", "Корниловск", "Лучановск",
        "Михетко", "Межениновск", "Мирненск", "Молодежненск", "Моряковск", "Наумовск",
        "Нелюбинск", "Октябрьская СОШ", "Рассветовск", "Семилуженск", "Спасская",
        "Турунтаевск", "Халдеевск",
        // the company named in the Dorogobuzh report
        "ПАО «",
    ]

    /// Wording that belongs to the methodologist's audit trail, not to a plan.
    static let auditWording: [String] = [
        "не указан", "в отчёте", "как в документе", "в документе", "цель блока",
    ]

    static func shippedBook() throws -> CheckedRuleBook {
        let folder = packageRoot.appendingPathComponent("Rules").path
        guard case .success(let files) = RuleBookLoader.load(folder) else {
            throw RuleBookError(description: "cannot load \(folder)")
        }
        let (book, diagnostics, _) = Checker.check(files: files)
        guard let book else { throw RuleBookError(description: DiagnosticRenderer(lang: .en).render(diagnostics)) }
        return book
    }

    /// Every text of the shipped rule book that a plan, roadmap or report shows, with where it is.
    static func shownTexts(_ book: CheckedRuleBook) -> [(place: String, text: String)] {
        var out: [(String, String)] = []
        for m in book.measures {
            out.append(("мера \(m.code): название", m.title))
            if let r = m.result { out.append(("мера \(m.code): результат", r)) }
            if case .text(let t)? = m.due { out.append(("мера \(m.code): срок", t)) }
        }
        for f in book.factors { out.append(("фактор \(f.code)", f.title)) }
        for g in book.groups { out.append(("группа \(g.code)", g.title)) }
        for r in book.roles { out.append(("роль \(r.code)", r.title)) }
        for s in book.scales {
            out.append(("шкала \(s.code)", s.title))
            for l in s.levels { out.append(("шкала \(s.code): уровень \(l.code)", l.title)) }
        }
        return out
    }

    /// The lower-cased text contains the lower-cased stem (both as Unicode lower case).
    static func mentions(_ text: String, _ stem: String) -> Bool {
        text.lowercased().contains(stem.lowercased())
    }

    @Test func noShownTextNamesASeedSchoolDistrictOrCompany() throws {
        let book = try Self.shippedBook()
        let texts = Self.shownTexts(book)
        #expect(texts.count > book.measures.count * 2, "the scan must see every measure's title and result")
        for (place, text) in texts {
            for name in Self.seedNames where Self.mentions(text, name) {
                Issue.record("\(place) names «\(name)» from a seed document: \(text)")
            }
        }
    }

    @Test func noShownTextTalksAboutTheSourceDocument() throws {
        for (place, text) in Self.shownTexts(try Self.shippedBook()) {
            for phrase in Self.auditWording where Self.mentions(text, phrase) {
                Issue.record("\(place) says «\(phrase)»: \(text)")
            }
        }
    }

    @Test func everyMeasureHasAnExpectedResultAndADeadline() throws {
        for m in try Self.shippedBook().measures {
            #expect(m.result?.isEmpty == false, "мера \(m.code) has no expected result")
            #expect(m.due != nil, "мера \(m.code) has no deadline")
        }
    }

    /// The trail stays: where a result was rewritten, the basis still says what the document
    /// had and where — the document and its point — without naming the source district's
    /// schools or companies (the annexes of the plans and the roadmap print the bases).
    @Test func theBasisKeepsTheSourceTrail() throws {
        let book = try Self.shippedBook()
        let byCode = Dictionary(uniqueKeysWithValues: book.measures.map { ($0.code, $0) })
        let employer = try #require(byCode["employer_partnership"])
        #expect(employer.basis?.contains("Дорогобуж, пп. 27, 36") == true)
        #expect(employer.basis?.contains("соглашение о социальном партнёрстве") == true)
        #expect(employer.basis?.contains("ПАО") == false)
        let staffing = try #require(byCode["specialist_posts"])
        #expect(staffing.basis?.contains("Байкалово, разд. 8") == true)
        #expect(staffing.basis?.contains("Пелевин") == false)
        let tests = try #require(byCode["ege_format_tests"])
        #expect(tests.due == .duringYear)
        #expect(tests.basis?.contains("срока документ не называет — по умолчанию «в течение года»") == true)
        for m in book.measures {
            #expect(m.basis?.contains("не указан") != true, "мера \(m.code): «не указан» in its basis")
        }
    }

    /// The scan itself finds what it must find.
    @Test func theScanRecognisesSeedNames() {
        #expect(Self.seedNames.contains { Self.mentions("взаимодействие администраций МБОУ Дорогобужская СОШ № 1", $0) })
        #expect(Self.seedNames.contains { Self.mentions("Введение в МКОУ Пелевинская ООШ должностей", $0) })
        #expect(Self.seedNames.contains { Self.mentions("грант «Успех в учебе – карьера в ПАО «Дорогобуж»»", $0) })
        #expect(Self.auditWording.contains { Self.mentions("В документе не указан", $0) })
        // …and leaves ordinary words alone («воспитательной» holds «итат», «октябрь» a month).
        #expect(!Self.seedNames.contains { Self.mentions("Совершенствование воспитательной работы; срок октябрь", $0) })
    }
}
