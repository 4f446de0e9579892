import Testing
@Test func placeholderLanguage() { #expect(Bool(true)) }
