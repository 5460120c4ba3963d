import Testing
@testable import StatementLintCore

/// Every built-in rule's own examples, each a separate test case (re-run with an emoji
/// prefix inside the tester, to catch byte/character offset mix-ups).
@Suite struct RulePackTests {
    static let pack = RuleLoader.loadDefault().rules

    @Test(arguments: pack.map(\.id))
    func ruleExamplesPass(id: String) throws {
        let r = try #require(Self.pack.first { $0.id == id })
        #expect(r.flagExamples.count >= 1 && r.passExamples.count >= 1)
        let (_, failures) = RuleTester.test([r])
        #expect(failures.map(\.description) == [])
    }

    /// Issue 3's bar: at least 70 rules, the minimum per category, and every rule with a
    /// message, rationale, source, two flag and two pass examples, and a fix, suggestions or advice.
    @Test func packCoversEveryCategoryAndEveryRuleIsComplete() {
        let minimum: [Category: Int] = [.facts: 10, .demonizing: 12, .accountability: 12, .officerRights: 8,
                                        .policyResponse: 8, .transparency: 8, .plainLanguage: 10]
        #expect(Self.pack.count >= 70)
        for (category, count) in minimum {
            #expect(Self.pack.filter { $0.category == category }.count >= count, "\(category.rawValue)")
        }
        for r in Self.pack {
            #expect(r.flagExamples.count >= 2 && r.passExamples.count >= 2, "\(r.qualifiedID) needs two flag and two pass examples")
            #expect(r.fixSafety != nil || !r.suggestions.isEmpty || r.advice != nil, "\(r.qualifiedID) offers no fix, suggestion or advice")
            #expect(!r.rationale.isEmpty && !r.source.isEmpty && !r.message.isEmpty)
        }
        #expect(Set(Self.pack.map(\.kind)) == Set(RuleKind.allCases), "every kind is used")
    }

    @Test func testerCatchesWrongSpansAndNoisyPassExamples() throws {
        let bad = try rule(ruleYAML(body: "pattern: 'shots were fired'", examples: """
        examples:
          flag:
            - "Then ⟦shots were⟧ fired."
            - "Nothing here."
          pass:
            - "And shots were fired."
        """))
        let (count, failures) = RuleTester.test([bad])
        #expect(count == 3)
        #expect(failures.map(\.description) == [
            "Rules/accountability/sample-rule.yml:10: accountability/sample-rule: flag example reported Then ⟦shots were fired⟧., expected Then ⟦shots were⟧ fired.",
            "Rules/accountability/sample-rule.yml:11: accountability/sample-rule: flag example did not trigger",
            "Rules/accountability/sample-rule.yml:13: accountability/sample-rule: pass example triggered: And ⟦shots were fired⟧.",
        ])
    }

    @Test func testerChecksFixedText() throws {
        let r = try rule(ruleYAML(kind: "swap", body: "swap:\n  'observed': saw", examples: """
        examples:
          flag:
            - text: "They ⟦observed⟧ it."
              fixed: "They seen it."
          pass:
            - "They saw it."
        """))
        let (_, failures) = RuleTester.test([r])
        #expect(failures.map(\.message) == ["fix gave \"They saw it.\", expected \"They seen it.\""])
    }

    @Test func markersParseToByteRanges() {
        let (text, spans) = RuleTester.parseMarkers("Zoë ⟦was shot⟧ and ⟦died⟧.")
        #expect(text == "Zoë was shot and died.")
        #expect(spans == [5..<13, 18..<22])
    }
}
