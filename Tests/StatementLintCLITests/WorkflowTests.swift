import Foundation
import Testing

/// Suppressions, fixes, configuration and baselines, run as a user would.
@Suite struct WorkflowTests {
    func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    // MARK: Suppressions

    @Test func inlineSuppressionsSilenceWithAReasonAndShowInJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = try write("""
        # Update
        <!-- statementlint-disable-next-line passive-shots quoting the first release verbatim -->
        At 9 p.m. our first release said shots were fired.
        Later shots were fired again.
        <!-- statementlint-disable accountability the family's own words follow -->
        Shots were fired, the family said.
        <!-- statementlint-enable accountability -->
        And shots were fired once more.

        """, "update.md", in: dir)
        let r = try statementlint(fixtureRules + ["--format", "json", md.path])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let findings = (object["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]]
        let lines = findings.map { ($0["start"] as! [String: Int])["line"]! }
        #expect(lines == [3, 4, 6, 8])
        let reasons = findings.map { ($0["suppressed"] as? [String: String])?["reason"] }
        #expect(reasons == ["quoting the first release verbatim", nil, "the family's own words follow", nil])
        #expect((object["summary"] as? [String: Any])?["suppressed"] as? Int == 2)
        #expect(r.status == 1) // lines 4 and 8 still count

        let text = try statementlint(fixtureRules + [md.path])
        #expect(!text.stdout.contains(":3:"))
        #expect(text.stdout.contains(":4:7: error: 'shots were fired' hides who fired."))
        #expect(text.stdout.hasSuffix("1 file checked: 2 errors, 0 warnings, 0 suggestions, 2 suppressed\n"))
    }

    @Test func plainTextFormAndDirectiveProblemsAreReported() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let txt = try write("""
        At 9 p.m. it happened.
        # statementlint-disable-next-line passive-shots
        Shots were fired.
        // statementlint-disable-next-line no-such-rule because
        He exited the vehicle.
        # statementlint-disable-next-line exited not needed here
        Nothing to see.

        """, "draft.txt", in: dir)
        let r = try statementlint(fixtureRules + ["--report-unused-suppressions", txt.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("draft.txt:2:1: warning: This suppression gives no reason. [statementlint/suppression-without-reason]"))
        #expect(r.stdout.contains("draft.txt:4:1: error: No rule or category named 'no-such-rule' is loaded, so this suppression silences nothing. [statementlint/unknown-rule-in-suppression]"))
        #expect(r.stdout.contains("draft.txt:6:1: warning: This suppression no longer silences any finding. [statementlint/unused-suppression]"))
        #expect(r.stdout.contains("draft.txt:5:4: suggestion: Say 'got out of the car'"))
        #expect(!r.stdout.contains("draft.txt:3:")) // still suppressed, reason or not
        // Without the flag, the unused one is not reported.
        let quiet = try statementlint(fixtureRules + [txt.path])
        #expect(!quiet.stdout.contains("unused-suppression"))
    }

    /// Several targets in one directive: with commas, spaces or both they are all silenced; a
    /// word after them that looks like an id but names no rule is reported, not guessed; a
    /// single word such as `all` after a space begins the reason.
    @Test(arguments: [
        ("shots-were-fired known-to-police the family's own words", ["the family's own words", "the family's own words"], nil as String?),
        ("shots-were-fired, known-to-police: quoting the first release", ["quoting the first release", "quoting the first release"], nil),
        ("shots-were-fired,known-to-police -- quoting", ["quoting", "quoting"], nil),
        ("accountability/shots-were-fired demonizing/known-to-police quoting", ["quoting", "quoting"], nil),
        ("shots-were-fired: first-hand account", ["first-hand account", nil], nil),
        ("shots-were-fired all witnesses agree", ["all witnesses agree", nil], nil),
        ("shots-were-fired known-to-polce quoting", ["known-to-polce quoting", nil],
         "<stdin>:1:1: error: 'known-to-polce' looks like a rule id but names no loaded rule, so it is read as the start of the reason. [statementlint/ambiguous-suppression]"),
    ])
    func severalTargetsInOneSuppression(targets: String, reasons: [String?], problem: String?) throws {
        let text = "# statementlint-disable-next-line \(targets)\nShots were fired at the man, who was known to police.\n"
        let json = try statementlint(["--no-config", "--only", "accountability", "--only", "demonizing", "--format", "json", "-"], stdin: text)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let findings = (object["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]]
        let rules = findings.filter { $0["category"] as! String != "statementlint" }
        #expect(rules.map { $0["qualifiedId"] as! String } == ["accountability/shots-were-fired", "demonizing/known-to-police"])
        #expect(rules.map { ($0["suppressed"] as? [String: String])?["reason"] } == reasons)
        let line = try statementlint(["--no-config", "--only", "accountability", "--only", "demonizing", "--format", "line", "-"], stdin: text)
        let meta = line.stdout.split(separator: "\n").filter { $0.contains("[statementlint/") }.map(String.init)
        #expect(meta == (problem.map { [$0] } ?? []))
        #expect(line.status == (reasons.contains(nil) || problem != nil ? 1 : 0))
    }

    // MARK: Fixes

    @Test func fixRewritesInPlaceKeepingLineEndingsBOMPermissionsAndSymlinks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = "\u{FEFF}Statement\r\n\r\nAt 9 p.m. Zoë 😀 exited the vehicle, then Exited the vehicle.\r\n"
        let file = try write(original, "draft.txt", in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let link = dir.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "draft.txt")

        let dry = try statementlint(fixtureRules + ["--fix", "--dry-run", link.path])
        #expect(dry.status == 1)
        #expect(dry.stdout == """
        --- a/\(link.path)
        +++ b/\(link.path)
        @@ -1,3 +1,3 @@
         \u{FEFF}Statement\r
         \r
        -At 9 p.m. Zoë 😀 exited the vehicle, then Exited the vehicle.\r
        +At 9 p.m. Zoë 😀 got out of the car, then Got out of the car.\r

        """)
        #expect(Array(try Data(contentsOf: file)) == Array(original.utf8))

        let fixed = try statementlint(fixtureRules + ["--fix", link.path])
        #expect(fixed.status == 0)
        #expect(fixed.stderr == "\(link.path): fixed 2 problems\n")
        let expected = "\u{FEFF}Statement\r\n\r\nAt 9 p.m. Zoë 😀 got out of the car, then Got out of the car.\r\n"
        #expect(Array(try Data(contentsOf: file)) == Array(expected.utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "draft.txt")
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o640)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["draft.txt", "link.txt"])

        // A second run changes nothing.
        let again = try statementlint(fixtureRules + ["--fix", file.path])
        #expect(again.stderr == "")
        #expect(Array(try Data(contentsOf: file)) == Array(expected.utf8))
        #expect(try statementlint(fixtureRules + ["--fix", "--dry-run", file.path]).stdout == "")
    }

    @Test func fixOnStandardInputWritesTheFixedTextToStandardOutput() throws {
        let r = try statementlint(fixtureRules + ["--fix", "-"], stdin: "At 9 p.m. he exited the vehicle.\n")
        #expect(r.status == 0)
        #expect(r.stdout == "At 9 p.m. he got out of the car.\n")
        #expect(r.stderr.hasPrefix("<stdin>: fixed 1 problem\n"))
    }

    @Test func onlySafeFixesAreApplied() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules/plain-language"), withIntermediateDirectories: true)
        _ = try write("""
        id: review-only
        category: plain-language
        severity: suggestion
        kind: swap
        message: Consider '${replacement}'.
        rationale: Needs a person.
        source: Test.
        swap:
          '\\bthe individual\\b': the man
        examples:
          flag: ["⟦the individual⟧ ran"]
          pass: ["the man ran"]
        """, "rules/plain-language/review-only.yml", in: dir)
        let file = try write("At 9 p.m. the individual exited the vehicle.\n", "a.txt", in: dir)
        let r = try statementlint(fixtureRules + ["--rules", dir.appendingPathComponent("rules").path, "--fix", file.path])
        #expect(r.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == "At 9 p.m. the individual got out of the car.\n")
    }

    // MARK: Configuration

    @Test func configurationIsFoundUpwardAndApplied() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("""
        default-rules: false
        rules: [\(packageRoot.path)/Tests/Fixtures/rules]
        severity:
          passive-shots: suggestion
          plain-language: off
        exclude: ["archive/**"]
        vocabulary:
          accept: [Shots Were Fired Task Force]
          require: [Harlow Police Department]
        overrides:
          - files: ["chief/**"]
            disable: [facts]

        """, ".statementlint.yml", in: dir)
        _ = try write("At 9 p.m. shots were fired. The Shots Were Fired Task Force met. He exited the vehicle. Harlow Police Department.\n", "releases/a.txt", in: dir)
        _ = try write("shots were fired\n", "archive/old.txt", in: dir)
        _ = try write("Nothing. Harlow Police Department.\n", "chief/b.txt", in: dir)
        let r = try statementlint(["--format", "json", dir.path])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let files = object["files"] as! [[String: Any]]
        #expect(files.map { $0["path"] as! String } == [dir.path + "/chief/b.txt", dir.path + "/releases/a.txt"])
        let a = files[1]["findings"] as! [[String: Any]]
        #expect(a.map { $0["qualifiedId"] as! String } == ["accountability/passive-shots"])
        #expect(a.map { $0["severity"] as! String } == ["suggestion"])
        #expect((files[0]["findings"] as! [Any]).isEmpty) // facts/when disabled for chief/
        #expect(r.status == 0)

        _ = try write("At 9 p.m. it rained.\n", "releases/c.txt", in: dir)
        let missing = try statementlint([dir.appendingPathComponent("releases/c.txt").path])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("c.txt:1:1: warning: The statement does not use 'Harlow Police Department', which this agency's configuration requires. [statementlint/vocabulary-required]"))
    }

    @Test func configurationErrorsHaveFileLineColumn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try write("""
        default-rules: false
        rules: [\(packageRoot.path)/Tests/Fixtures/rules]
        disable: [passive-shot]
        severty: {}
        fail-level: high

        """, ".statementlint.yml", in: dir)
        let file = try write("x\n", "a.txt", in: dir)
        let r = try statementlint([file.path])
        #expect(r.status == 2)
        #expect(r.stderr == """
        \(config.path):4:1: unknown key 'severty' (did you mean 'severity'?)
        \(config.path):5:13: 'fail-level' must be one of suggestion, warning, error (found 'high')
        statementlint: 2 rule or configuration errors; nothing was checked

        """)
        try Data("default-rules: false\nrules: [\(packageRoot.path)/Tests/Fixtures/rules]\ndisable: [passive-shot]\n".utf8).write(to: config)
        let unknown = try statementlint([file.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("\(config.path):3:11: no rule or category named 'passive-shot' (see 'statementlint rules')\n"))
    }

    /// A draft the built-in pack flags for a long sentence (plain-language/sentence-length),
    /// "shots were fired" (accountability/shots-were-fired) and "exited the vehicle".
    static let longDraft = """
    On Tuesday at about 9 p.m. on the 400 block of Pine Street, shots were fired. \
    After the man exited the vehicle and walked toward the corner store where several \
    neighbours who had heard the noise were already standing and talking about what they \
    had seen and heard during the evening, officers from the department followed him on \
    foot for two blocks before stopping him near the bus shelter at the end of the street.

    """

    /// Each configuration key, with real rule ids from the built-in pack: none is rejected,
    /// and each has its effect. (`disable` used to reject every id: names were checked
    /// after the disabled rules had been removed.)
    @Test(arguments: [
        ("disable:\n  - plain-language/sentence-length\n", "no sentence-length"),
        ("disable: [sentence-length]\n", "no sentence-length"),
        ("disable: [plain-language]\n", "no plain-language"),
        ("disable: [plain-language/sentence-length]\nseverity: {plain-language/sentence-length: warning}\n", "no sentence-length"),
        ("only: [accountability/shots-were-fired]\n", "only shots-were-fired"),
        ("only: [accountability]\nseverity:\n  plain-language/sentence-length: off\n", "only accountability"),
        ("severity:\n  accountability/shots-were-fired: suggestion\n  plain-language: off\n", "shots-were-fired is a suggestion"),
        ("overrides:\n  - files: [\"*.txt\"]\n    disable: [plain-language/sentence-length]\n    severity: {shots-were-fired: warning}\n", "override"),
        ("disable: [passive-shots]\nrules: [RULES]\ndefault-rules: false\n", "fixture rules, passive-shots disabled"),
        ("fail-level: error\nmin-severity: warning\nseverity: {facts/plain-force-sentence: warning, accountability/shots-were-fired: warning}\ninclude: [\"*.txt\"]\nexclude: [\"archive/**\"]\nvocabulary:\n  accept: [Pine Street]\n  require: [Pine Street]\n", "other keys"),
    ])
    func everyConfigurationKeyTakesRealRuleIDs(config: String, expectation: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = packageRoot.appendingPathComponent("\(fixtures)/rules").path
        _ = try write(config.replacingOccurrences(of: "RULES", with: rules), ".statementlint.yml", in: dir)
        _ = try write(WorkflowTests.longDraft, "draft.txt", in: dir)
        let r = try statementlint(["--format", "json", "draft.txt"], cwd: dir)
        #expect(r.stderr == "", "\(r.stderr)")
        #expect(r.status == 1 || r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let findings = (object["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]]
        let ids = findings.map { $0["qualifiedId"] as! String }
        func severity(_ id: String) -> [String] { findings.filter { $0["qualifiedId"] as! String == id }.map { $0["severity"] as! String } }
        switch expectation {
        case "no sentence-length":
            #expect(!ids.contains("plain-language/sentence-length"))
            #expect(ids.contains("plain-language/exited-the-vehicle"))
        case "no plain-language":
            #expect(!ids.contains { $0.hasPrefix("plain-language/") })
            #expect(ids.contains("accountability/shots-were-fired"))
        case "only shots-were-fired":
            #expect(ids == ["accountability/shots-were-fired"])
        case "only accountability":
            #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("accountability/") })
        case "shots-were-fired is a suggestion":
            #expect(severity("accountability/shots-were-fired") == ["suggestion"])
            #expect(!ids.contains { $0.hasPrefix("plain-language/") })
        case "override":
            #expect(!ids.contains("plain-language/sentence-length"))
            #expect(severity("accountability/shots-were-fired") == ["warning"])
        case "fixture rules, passive-shots disabled":
            #expect(ids == ["plain-language/exited"])
            #expect(!ids.contains("accountability/passive-shots"))
        default:
            // fail-level error: warnings do not fail; min-severity warning: no suggestions shown.
            #expect(!findings.contains { $0["severity"] as! String == "suggestion" })
            #expect(!ids.contains("statementlint/vocabulary-required"))
            #expect(!findings.isEmpty && !findings.contains { $0["severity"] as! String == "error" })
            #expect(r.status == 0)
        }
        // Without the configuration, every one of these rules reports: the effects above are the configuration's.
        let plain = try statementlint(["--no-config", "--format", "line", "draft.txt"], cwd: dir)
        for id in ["plain-language/sentence-length", "accountability/shots-were-fired", "plain-language/exited-the-vehicle"] {
            #expect(plain.stdout.contains("[\(id)]"))
        }
    }

    /// The issue's own report, in text: the disabled rule is silent and the run checks the file.
    @Test func disableInConfigurationChecksTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("disable:\n  - plain-language/sentence-length\n", ".statementlint.yml", in: dir)
        _ = try write(WorkflowTests.longDraft, "draft.txt", in: dir)
        let r = try statementlint(["draft.txt"], cwd: dir)
        #expect(r.stderr == "")
        #expect(r.status == 1)
        #expect(!r.stdout.contains("[plain-language/sentence-length]"))
        #expect(r.stdout.contains("draft.txt:1:61: error: 'shots were fired' hides who fired."))
    }

    /// The starter's examples, all switched on as its header says, are valid: every id in
    /// them names a rule of the built-in pack.
    @Test func initStartersExamplesAreValid() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try statementlint(["init"], cwd: dir).status == 0)
        let starter = try String(contentsOf: dir.appendingPathComponent(".statementlint.yml"), encoding: .utf8)
        // "#  " starts an example line; the [] or {} on the line above it goes.
        var lines = starter.components(separatedBy: "\n")
        var examples = 0
        var lastKey: Int?
        for i in lines.indices {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#  ") {
                examples += 1
                lines[i] = lines[i].replacingOccurrences(of: "#  ", with: "   ", options: [], range: lines[i].range(of: "#  "))
                if let k = lastKey, lines[k].hasSuffix(": []") || lines[k].hasSuffix(": {}") { lines[k].removeLast(3) }
            } else if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                lastKey = i
            }
        }
        #expect(examples == 11)
        let enabled = lines.joined(separator: "\n")
        #expect(enabled.contains("\n     disable: [facts/next-update-scheduled]\n"))
        #expect(enabled.contains("\ndisable:\n   - plain-language/sentence-length\n"))
        try Data(enabled.utf8).write(to: dir.appendingPathComponent(".statementlint.yml"))
        _ = try write(WorkflowTests.longDraft, "statements/draft.txt", in: dir)
        let r = try statementlint(["--format", "line", "statements/draft.txt"], cwd: dir)
        #expect(r.stderr == "")
        #expect(r.status == 1)
        #expect(!r.stdout.contains("[plain-language/sentence-length]"))
        #expect(r.stdout.contains("[statementlint/vocabulary-required]")) // vocabulary.require: Port Adair Police Department
        // enable: runs the opt-in rule it names; statement: sets the jurisdiction.
        #expect(enabled.contains("\nenable:\n   - plain-language/attempted-to-tried\n"))
        #expect(enabled.contains("\nstatement:\n   jurisdiction: us\n"))
        let json = try statementlint(["--format", "json", "statements/draft.txt"], cwd: dir)
        let file = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["files"] as! [[String: Any]]
        #expect((file[0]["statement"] as! [[String: Any]]).first?["context"] as? String == "jurisdiction:us")
    }

    @Test func initWritesAValidStarterAndRefusesToOverwrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try statementlint(["init"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "wrote .statementlint.yml\n")
        let text = try String(contentsOf: dir.appendingPathComponent(".statementlint.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# statementlint configuration."))
        let again = try statementlint(["init"], cwd: dir)
        #expect(again.status == 2)
        #expect(again.stderr == ".statementlint.yml: error: already exists; use --force to overwrite it\n")
        #expect(try statementlint(["init", "--force"], cwd: dir).status == 0)
        // The starter is valid as written: linting with it works.
        _ = try write("At 9 p.m. shots were fired.\n", "a.txt", in: dir)
        let lint = try statementlint(["--only", "accountability", "a.txt"], cwd: dir)
        #expect(lint.status != 2, "\(lint.stderr)")
    }

    // MARK: Baseline

    @Test func baselineReportsOnlyNewFindingsAndSurvivesEditsAbove() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write("At 9 p.m. shots were fired.\n", "old.txt", in: dir)
        let w = try statementlint(absoluteFixtureRules + ["--write-baseline", "baseline.json", "old.txt"], cwd: dir)
        #expect(w.status == 0)
        #expect(w.stderr == "statementlint: recorded 1 finding from 1 file in baseline.json\n")
        let json = try String(contentsOf: dir.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(json.contains("\"path\": \"old.txt\""))
        #expect(json.contains("\"rule\": \"accountability/passive-shots\""))
        #expect(json.contains("\"text\": \"shots were fired\""))

        // Lines added above, the old finding moves; only the new occurrence is reported.
        try Data("Update.\n\nAt 9 p.m. shots were fired.\nLater, shots were fired again.\n".utf8).write(to: file)
        let r = try statementlint(absoluteFixtureRules + ["--baseline", "baseline.json", "old.txt"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("old.txt:4:8: error: 'shots were fired' hides who fired."))
        #expect(!r.stdout.contains("old.txt:3:"))
        #expect(r.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 0 suggestions, 1 suppressed\n"))

        try Data("{\"entries\": 3}".utf8).write(to: dir.appendingPathComponent("bad.json"))
        let bad = try statementlint(absoluteFixtureRules + ["--baseline", "bad.json", "old.txt"], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr == "bad.json: error: not a statementlint baseline: unknown schemaVersion (expected 1)\n")
    }
}
