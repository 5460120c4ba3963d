import Foundation
import Testing

/// What a statement is (its kind, incident, outcome), found in its words or set by the user,
/// and the elements that cannot apply to it; opt-in rules; element ids in every format.
@Suite struct StatementContextTests {
    let rules = ["--no-default-rules", "--rules", "\(fixtures)/context-rules"]
    let closing = "\(fixtures)/context-rules/closing.txt"

    func json(_ r: RunResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        return (object["files"] as! [[String: Any]])[0]
    }

    @Test func contextsAreDetectedWithTheirEvidenceAndElementsThatCannotApplyAreNotReported() throws {
        let r = try statementlint(rules + ["--format", "json", closing])
        #expect(r.status == 0)
        let file = try json(r)
        let statement = file["statement"] as! [[String: Any]]
        #expect(statement.map { $0["context"] as! String } == ["kind:closing", "outcome:no-one-hurt"])
        #expect(statement.map { $0["evidence"] as? String } == ["investigation has concluded", "No one was hurt"])
        #expect(statement.map { $0["setBy"] as! String } == ["text", "text"])
        let findings = file["findings"] as! [[String: Any]]
        #expect(!findings.contains { ($0["category"] as! String) == "facts" })
        let facts = (file["checklist"] as! [[String: Any]])[0]
        #expect(facts["status"] as? String == "ok")
        let notApplicable = facts["notApplicable"] as! [[String: String?]]
        // The conditional video-timeline rule has nothing to report here (no camera is mentioned),
        // so it asks nothing and is not listed; with a camera mentioned it is.
        #expect(notApplicable.map { $0["rule"]! } == ["facts/condolence", "facts/next-update"])
        #expect(notApplicable.map { $0["element"]! } == ["facts.condolence", "facts.next-update"])
        #expect(notApplicable.map { $0["context"]! } == ["outcome:no-one-hurt", "kind:closing"])
        let camera = try statementlint(rules + ["--format", "json", "-"], stdin: "The investigation has concluded. A body camera recorded the stop.\n")
        let cameraFacts = (try json(camera)["checklist"] as! [[String: Any]])[0]["notApplicable"] as! [[String: String?]]
        #expect(cameraFacts.map { $0["rule"]! } == ["facts/next-update", "facts/video-timeline"])
        #expect(!(try json(camera)["findings"] as! [[String: Any]]).contains { ($0["ruleId"] as! String) == "video-timeline" })
        #expect(notApplicable[1]["why"]! == "a closing statement owes no further update")
        #expect(try validateJSON(r.stdout, schema: packageRoot.appendingPathComponent("schemas/statementlint-output.schema.json").path) == nil)
    }

    @Test func textOutputShowsTheChecklistOnceWithWhatCannotApplyAndCollapsesSuggestions() throws {
        let r = try statementlint(rules + [closing])
        #expect(r.status == 0)
        #expect(r.stdout == """
        checklist for \(closing):
          OK  State the facts openly and honestly
                not applicable: sympathy for the person harmed: no one was hurt ("No one was hurt")
                not applicable: when the next update will come: a closing statement owes no further update ("investigation has concluded")
          OK  Do not demonize the person harmed
          OK  Acknowledge wrongdoing; name who did what
          OK  Protect the rights of the officers involved
          OK  Tell the community the agency's immediate response
          statement: kind:closing (from "investigation has concluded")
            (if that is wrong, set it: --statement kind=initial-release, or 'statement:' in .statementlint.yml)
        \(closing):1:62: suggestion: Say 'used' instead of 'utilized'. (also at 3:10, 3:55) [plain-language/utilized]
          (--verbose shows each suggestion in full)

        1 file checked: 0 errors, 0 warnings, 3 suggestions

        """)
    }

    @Test func theUserSetsTheStatementKindOnTheCommandLineOrInTheConfiguration() throws {
        // On the command line: the kind is taken as given, and the next update is owed again.
        let cli = try statementlint(rules + ["--format", "json", "--statement", "kind=update", closing])
        #expect(cli.status == 1)
        var file = try json(cli)
        #expect((file["statement"] as! [[String: Any]]).map { $0["context"] as! String } == ["kind:update", "outcome:no-one-hurt"])
        #expect((file["statement"] as! [[String: Any]])[0]["setBy"] as? String == "user")
        let finding = (file["findings"] as! [[String: Any]]).first { ($0["ruleId"] as! String) == "next-update" }!
        #expect(finding["element"] as? String == "facts.next-update")

        // In .statementlint.yml.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "statement:\n  kind: update\n".write(to: dir.appendingPathComponent(".statementlint.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(closing), to: dir.appendingPathComponent("draft.txt"))
        let configured = try statementlint(["--no-default-rules", "--rules", packageRoot.appendingPathComponent("\(fixtures)/context-rules").path,
                                            "--format", "json", "draft.txt"], cwd: dir)
        #expect(configured.status == 1)
        file = try json(configured)
        #expect((file["statement"] as! [[String: Any]]).map { $0["context"] as! String } == ["kind:update", "outcome:no-one-hurt"])

        // Malformed settings: a usage error, or the configuration's place.
        let bad = try statementlint(rules + ["--statement", "kind", closing])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--statement takes KEY=VALUE, e.g. --statement kind=closing (found 'kind')"))
        let misspelt = try statementlint(rules + ["--statement", "kind=closng", closing])
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr.contains("--statement: 'kind' must be one of initial-release, update, chief-statement, investigator-release, closing (found 'closng'; did you mean 'closing'?)"))
        let protest = try statementlint(rules + ["--format", "json", "--statement", "incident=protest", "--statement", "jurisdiction=ie", closing])
        #expect(protest.status == 0)
        // What the user set is always shown; detected contexts only as rules asked for them.
        #expect((try json(protest)["statement"] as! [[String: Any]]).map { $0["context"] as! String }
                == ["incident:protest", "jurisdiction:ie", "jurisdiction:non-us", "kind:closing", "outcome:no-one-hurt"])
        try "statement:\n  kind: Closing\n  weather: rain\n".write(to: dir.appendingPathComponent(".statementlint.yml"), atomically: true, encoding: .utf8)
        let badConfig = try statementlint(["--no-default-rules", "--rules", packageRoot.appendingPathComponent("\(fixtures)/context-rules").path, "draft.txt"], cwd: dir)
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains(".statementlint.yml:3:3: unknown key 'weather' in 'statement' (expected incident, jurisdiction, kind)"))
        #expect(badConfig.stderr.contains(".statementlint.yml:2:9: 'kind' must be one of initial-release, update, chief-statement, investigator-release, closing (found 'Closing'; did you mean 'closing'?)"))
    }

    @Test func optInRulesRunOnlyWhenEnabled() throws {
        let plain = try statementlint(rules + ["--format", "json", closing])
        #expect(!(try json(plain)["findings"] as! [[String: Any]]).contains { ($0["ruleId"] as! String) == "attempted" })
        let enabled = try statementlint(rules + ["--format", "json", "--enable", "attempted", closing])
        let attempted = (try json(enabled)["findings"] as! [[String: Any]]).filter { ($0["ruleId"] as! String) == "attempted" }
        #expect(attempted.map { $0["matchedText"] as! String } == ["attempted"])
        let byCategory = try statementlint(rules + ["--format", "json", "--enable", "plain-language", closing])
        #expect((try json(byCategory)["findings"] as! [[String: Any]]).contains { ($0["ruleId"] as! String) == "attempted" })
        let unknown = try statementlint(rules + ["--enable", "attempt", closing])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "statementlint: --enable: no rule or category named 'attempt' (see 'statementlint rules')\n")
        let listed = try statementlint(["rules"] + rules)
        #expect(listed.stdout.contains("plain-language/attempted"))
        #expect(listed.stdout.contains("opt-in"))
        #expect(listed.stdout.hasSuffix("5 rules (1 opt-in: run them with --enable ID or 'enable:' in .statementlint.yml)\n"))
        let tested = try statementlint(["test-rules", "\(fixtures)/context-rules"])
        #expect(tested.stdout == "5 rules, 10 examples, 2 contexts, 4 context examples: all passed\n")
        // A context example that fails is reported by test-rules, which then exits 1.
        let broken = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: broken) }
        try FileManager.default.createDirectory(at: broken.appendingPathComponent("facts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("\(fixtures)/context-rules/facts/next-update.yml"),
                                         to: broken.appendingPathComponent("facts/next-update.yml"))
        try String(contentsOf: packageRoot.appendingPathComponent("\(fixtures)/context-rules/contexts.yml"), encoding: .utf8)
            .replacingOccurrences(of: "not: [\"The investigation continues.\"]", with: "not: [\"The investigation has concluded today.\"]")
            .write(to: broken.appendingPathComponent("contexts.yml"), atomically: true, encoding: .utf8)
        let failing = try statementlint(["test-rules", broken.path])
        #expect(failing.status == 1)
        #expect(failing.stdout == "contexts.yml: kind:closing: not example detected: \"The investigation has concluded today.\"\n1 rules, 2 examples, 2 contexts, 4 context examples: 1 failed\n")
        // `only:` in the configuration runs the opt-in rule it names, as --only does.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "only: [attempted]\n".write(to: dir.appendingPathComponent(".statementlint.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(closing), to: dir.appendingPathComponent("draft.txt"))
        let only = try statementlint(["--no-default-rules", "--rules", packageRoot.appendingPathComponent("\(fixtures)/context-rules").path,
                                      "--format", "json", "draft.txt"], cwd: dir)
        #expect((try json(only)["findings"] as! [[String: Any]]).map { $0["ruleId"] as! String } == ["attempted"])
        // A suppression may name an opt-in rule that is not running, and a hyphenated word of the reason is no rule id.
        let suppressed = try statementlint(rules + ["--format", "json", "--enable", "attempted", "-"],
                                           stdin: "# statementlint-disable-next-line attempted first-hand account\nHe attempted to run.\n")
        let found = try json(suppressed)["findings"] as! [[String: Any]]
        #expect(found.filter { ($0["category"] as! String) == "statementlint" }.isEmpty, "\(found)")
        #expect((found.first { ($0["ruleId"] as! String) == "attempted" }?["suppressed"] as? [String: String])?["reason"] == "first-hand account")
        let notRunning = try statementlint(rules + ["--format", "json", "-"], stdin: "# statementlint-disable-next-line attempted quoting\nHe attempted to run.\n")
        #expect((try json(notRunning)["findings"] as! [[String: Any]]).filter { ($0["category"] as! String) == "statementlint" }.isEmpty)
        let typo = try statementlint(rules + ["--format", "json", "-"], stdin: "# statementlint-disable-next-line utilized next-updte quoting\nThey utilized it.\n")
        #expect((try json(typo)["findings"] as! [[String: Any]]).map { $0["ruleId"] as! String }.contains("ambiguous-suppression"))
    }

    @Test func ruleFilesNamingUnknownElementsOrContextsAreRejectedWithTheirPlace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("facts"), withIntermediateDirectories: true)
        let base = try String(contentsOf: packageRoot.appendingPathComponent("\(fixtures)/context-rules/facts/next-update.yml"), encoding: .utf8)
        try base.replacingOccurrences(of: "element: facts.next-update", with: "element: facts.next-updates")
            .write(to: dir.appendingPathComponent("facts/next-update.yml"), atomically: true, encoding: .utf8)
        let unknownElement = try statementlint(["--no-default-rules", "--rules", dir.path, closing])
        #expect(unknownElement.status == 2)
        #expect(unknownElement.stderr.contains("facts/next-update.yml:6:10: unknown element 'facts.next-updates' (expected one of facts.date-time,"))

        try base.replacingOccurrences(of: "when: kind:closing", with: "when: outcome:no-one-died")
            .write(to: dir.appendingPathComponent("facts/next-update.yml"), atomically: true, encoding: .utf8)
        let unknownContext = try statementlint(["--no-default-rules", "--rules", dir.path, closing])
        #expect(unknownContext.status == 2)
        #expect(unknownContext.stderr.contains("facts/next-update.yml:8:11: not-applicable names the unknown context 'outcome:no-one-died'"))

        try base.replacingOccurrences(of: "when: kind:closing", with: "when: closing")
            .write(to: dir.appendingPathComponent("facts/next-update.yml"), atomically: true, encoding: .utf8)
        let malformed = try statementlint(["--no-default-rules", "--rules", dir.path, closing])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("facts/next-update.yml:8:11: 'when' must name a statement context such as 'kind:closing' (found 'closing')"))
    }

    /// `{{name}}` in a pattern stands for a piece of the vocabulary: the built-in pack's, or the
    /// rule folder's own `vocabulary.yml`; an unknown name is an error at the pattern.
    @Test func vocabularyNamesExpandInPatterns() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("accountability"), withIntermediateDirectories: true)
        func rule(_ pattern: String) throws {
            try """
            id: named-actor
            category: accountability
            severity: warning
            message: "'$0' found."
            rationale: "A fixture."
            source: "fixture"
            pattern: '\(pattern)'
            examples:
              flag: ["Two ⟦deputies fired⟧ at the car."]
              pass: ["Two dogs barked."]
            """.write(to: dir.appendingPathComponent("accountability/named-actor.yml"), atomically: true, encoding: .utf8)
        }
        // The built-in vocabulary, with the built-in pack loaded.
        try rule("\\b{{officer}}\\s+fired\\b")
        let builtIn = try statementlint(["test-rules", dir.path])
        #expect(builtIn.status == 2)  // test-rules DIR loads the folder alone: no built-in vocabulary
        #expect(builtIn.stderr.contains("named-actor.yml:7:10: unknown vocabulary name '{{officer}}' (known: none)"))
        let withPack = try statementlint(["--rules", dir.path, "--only", "named-actor", "--format", "json", "-"], stdin: "Two troopers fired at the car.\n")
        #expect((try json(withPack)["findings"] as! [[String: Any]]).map { $0["matchedText"] as! String } == ["troopers fired"])
        // The folder's own vocabulary.
        try "vocabulary:\n  shooter: 'deputies|guards'\n".write(to: dir.appendingPathComponent("vocabulary.yml"), atomically: true, encoding: .utf8)
        try rule("\\b{{shooter}}\\s+fired\\b")
        let own = try statementlint(["test-rules", dir.path])
        #expect(own.stdout == "1 rules, 2 examples: all passed\n", "\(own.stderr)")
        try rule("\\b{{shoter}}\\s+fired\\b")
        let typo = try statementlint(["test-rules", dir.path])
        #expect(typo.stderr.contains("named-actor.yml:7:10: unknown vocabulary name '{{shoter}}' (known: shooter)"))
    }

    @Test func everyBuiltInRuleSaysWhyItsSeverityIsWhatItIs() throws {
        let r = try statementlint(["rules", "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let missing = list.filter { ($0["severityReason"] as? String ?? "").isEmpty }.map { $0["qualifiedId"] as! String }
        #expect(missing == [])
        // Every element rule names one of the labelled elements.
        let elements = Set(list.compactMap { $0["element"] as? String })
        #expect(elements.count >= 19)
    }
}
