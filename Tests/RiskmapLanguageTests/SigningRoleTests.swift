import Testing
@testable import RiskmapLanguage

/// `роль … подписывает план` / `role … signs plan`: the school's head, named in the plan's
/// passport and approval block when the directory names them for the school (issue 13).
@Suite struct SigningRoleTests {
    static func check(_ text: String) -> (CheckedRuleBook?, [Diagnostic]) {
        let (book, diagnostics, _) = Checker.check(files: [SourceFile(path: "Rules/50-roles.rules", text: text)])
        return (book, diagnostics)
    }

    @Test func aRoleSignsThePlan() throws {
        let (book, diagnostics) = Self.check("""
            роль uo "Управление образования"
            роль school_head "Руководитель ОО" подписывает план
            role deputy "Deputy head"
            """)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let roles = try #require(book).roles
        #expect(roles.map(\.signsPlan) == [false, true, false])
    }

    @Test func twoSigningRolesAreAnError() {
        let (book, diagnostics) = Self.check("""
            роль director "Директор" подписывает план
            роль deputy "Заместитель" подписывает план
            """)
        #expect(book == nil)
        let text = DiagnosticRenderer(lang: .ru).render(diagnostics.filter { $0.severity == .error })
        #expect(diagnostics.filter { $0.severity == .error }.map(\.message.code) == ["secondSigningRole"])
        #expect(text.contains("Rules/50-roles.rules:2:27: ошибка: план школы уже подписывает роль «director»; роль «deputy» — вторая"), "\(text)")
        #expect(text.contains("подсказка: «подписывает план» пишется у одной роли"), "\(text)")
    }

    @Test func signsWithoutPlanIsASyntaxError() {
        let (_, diagnostics) = Self.check("роль director \"Директор\" подписывает\nроль uo \"УО\"\n")
        #expect(diagnostics.first.map { "\($0.message.code) \($0.location?.description ?? "-")" } == "expected 2:1")
    }

    @Test func theFormatterKeepsIt() {
        let source = "роль  school_head \"Руководитель ОО\"   подписывает   план  # директор\nrole deputy \"Deputy\"\n"
        let once = Formatter.format(Support.parse(source).0)
        #expect(once.hasPrefix("роль school_head \"Руководитель ОО\" подписывает план  # директор\n"), "\(once)")
        #expect(Formatter.format(Support.parse(once).0) == once)
        #expect(SyntaxDump.file(Support.parse(once).0).contains("(role school_head \"Руководитель ОО\" signs-plan)"))
        let english = Formatter.format(Support.parse("role head \"Head\" signs plan\n").0)
        #expect(english == "role head \"Head\" signs plan\n", "\(english)")
    }
}
