import Foundation
import Testing

@Suite struct CLITests {
    let crlf = "\(fixtures)/crlf-statement.txt"
    let noTime = "\(fixtures)/no-time.txt"

    @Test func textOutputPositionsUnderlinesFixesAndChecklist() throws {
        let r = try statementlint(fixtureRules + [crlf, noTime])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        Tests/Fixtures/crlf-statement.txt:3:31: error: 'shots were fired' hides who fired. [accountability/passive-shots]
         3 | At 9 p.m. Zoë Ortiz 😀 saw it: shots were fired near the café. The man exited the vehicle.
           |                                ^^^^^^^^^^^^^^^^
        checklist for Tests/Fixtures/crlf-statement.txt:
          OK  State the facts openly and honestly
          OK  Do not demonize the person harmed
          !!  Acknowledge wrongdoing; name who did what: 1 finding
          OK  Protect the rights of the officers involved
          OK  Tell the community the agency's immediate response
        Tests/Fixtures/crlf-statement.txt:3:71: suggestion: Say 'got out of the car' instead of 'exited the vehicle'. [plain-language/exited]
          (--verbose shows each suggestion in full)

        checklist for Tests/Fixtures/no-time.txt:
          !!  State the facts openly and honestly: 1 finding
                missing: The statement does not say when it happened. [facts/when, warning]
          OK  Do not demonize the person harmed
          OK  Acknowledge wrongdoing; name who did what
          OK  Protect the rights of the officers involved
          OK  Tell the community the agency's immediate response

        2 files checked: 1 error, 1 warning, 1 suggestion

        """)
        // --verbose: every suggestion in full, with its line and fix, and each missing element's advice.
        let verbose = try statementlint(fixtureRules + ["--verbose", crlf, noTime])
        #expect(verbose.stdout.contains("""
        Tests/Fixtures/crlf-statement.txt:3:71: suggestion: Say 'got out of the car' instead of 'exited the vehicle'. [plain-language/exited]
         3 | At 9 p.m. Zoë Ortiz 😀 saw it: shots were fired near the café. The man exited the vehicle.
           |                                                                        ^^^^^^^^^^^^^^^^^^
          fix (safe): replace with "got out of the car"

        """))
        #expect(verbose.stdout.contains("        missing: The statement does not say when it happened. [facts/when, warning]\n          Add the time, e.g. 'At about 9:40 p.m. on Sunday'.\n"))
        // --quiet (for hooks): only what fails the run.
        let quiet = try statementlint(fixtureRules + ["--quiet", crlf, noTime])
        #expect(quiet.status == 1)
        #expect(quiet.stdout == """
        Tests/Fixtures/crlf-statement.txt:3:31: error: 'shots were fired' hides who fired. [accountability/passive-shots]
         3 | At 9 p.m. Zoë Ortiz 😀 saw it: shots were fired near the café. The man exited the vehicle.
           |                                ^^^^^^^^^^^^^^^^
        Tests/Fixtures/no-time.txt:1:1: warning: The statement does not say when it happened. [facts/when]
          advice: Add the time, e.g. 'At about 9:40 p.m. on Sunday'.
        2 files checked: 1 error, 1 warning, 1 suggestion

        """)
        let quietPass = try statementlint(fixtureRules + ["--quiet", "--fail-level", "error", noTime])
        #expect(quietPass.status == 0)
        #expect(quietPass.stdout == "")
    }

    @Test func jsonOutputHasExactPositionsAndMatchesTheSchema() throws {
        let r = try statementlint(fixtureRules + ["--format", "json", crlf])
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(object["schemaVersion"] as? Int == 2)
        let file = (object["files"] as! [[String: Any]])[0]
        let findings = file["findings"] as! [[String: Any]]
        #expect(findings.map { $0["qualifiedId"] as! String } == ["accountability/passive-shots", "plain-language/exited"])
        let shots = findings[0]
        // Line 3 starts at byte 47 (the heading line and a blank line, both CRLF).
        // "At 9 p.m. Zoë Ortiz 😀 saw it: " is 30 scalars, 31 UTF-16 units, 34 bytes.
        #expect(shots["start"] as! [String: Int] == ["line": 3, "column": 31, "utf16Column": 32, "offset": 47 + 34])
        #expect(shots["end"] as! [String: Int] == ["line": 3, "column": 47, "utf16Column": 48, "offset": 47 + 34 + 16])
        #expect(shots["matchedText"] as? String == "shots were fired")
        #expect(shots["sentence"] as? String == "At 9 p.m. Zoë Ortiz 😀 saw it: shots were fired near the café.")
        let fix = findings[1]["fix"] as! [String: Any]
        #expect(fix["replacement"] as? String == "got out of the car")
        #expect(fix["safety"] as? String == "safe")
        let bytes = Array(try Data(contentsOf: packageRoot.appendingPathComponent(crlf)))
        let start = fix["start"] as! Int, end = fix["end"] as! Int
        #expect(String(decoding: bytes[start..<end], as: UTF8.self) == "exited the vehicle")
        // Key order is part of the contract.
        #expect(r.stdout.hasPrefix("{\n  \"schemaVersion\": 2,\n  \"tool\": {\"name\": \"statementlint\""))
        let summary = object["summary"] as! [String: Any]
        #expect(summary["exitCode"] as? Int == 1)
        try expectValid(r.stdout, schema: packageRoot.appendingPathComponent("schemas/statementlint-output.schema.json"))
    }

    /// `--timings` lists each rule's pattern searches (a unit searched for its matches), those
    /// that found nothing, and its exception searches, the same with one job or two.
    @Test func timingsCountEachRulesSearches() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules")
        // A rule file sits in the folder of its category.
        try FileManager.default.createDirectory(at: rules.appendingPathComponent("plain-language"), withIntermediateDirectories: true)
        func rule(_ id: String, _ body: String) throws {
            try Data("""
                id: \(id)
                category: plain-language
                severity: suggestion
                message: "Fruit: '$0'."
                rationale: A test.
                source: Test.
                \(body)

                """.utf8).write(to: rules.appendingPathComponent("plain-language/\(id).yml"))
        }
        // Three sentences hold "apple" and none a digit after it: three searches, all empty.
        try rule("apple-number", """
            pattern: '\\bapple\\d'
            examples:
              flag: ["An ⟦apple7⟧."]
              pass: ["An apple."]
            """)
        // Two sentences hold "pear"; only the first holds "ripe", so the exception is looked
        // for once (the gate rules it out in the other sentence).
        try rule("pear", """
            pattern: '\\bpear\\b'
            exceptions:
              - {pattern: '\\bripe\\b', in: sentence}
            examples:
              flag: ["A ⟦pear⟧ fell."]
              pass: ["A ripe pear."]
            """)
        try rule("plum", """
            pattern: '\\bplum\\b'
            examples:
              flag: ["A ⟦plum⟧."]
              pass: ["A fig."]
            """)
        let statement = dir.appendingPathComponent("fruit.txt")
        try Data("An apple fell. A pear is ripe. Another apple and a pear fell. The last apple rolled.\n".utf8).write(to: statement)
        for jobs in ["1", "2"] {
            let r = try statementlint(["--no-default-rules", "--rules", rules.path, "--jobs", jobs, "--timings", statement.path, statement.path])
            #expect(r.status == 0)
            let listed = r.stderr.split(separator: "\n").drop { !$0.hasPrefix("rules: ") }.dropFirst()
                .map { String($0).replacing(/[0-9]+\.[0-9] ms/, with: "T") }.sorted()
            #expect(listed == [
                "  T     plain-language/apple-number: 6 pattern searches, 6 found nothing (T)",
                "  T     plain-language/pear: 4 pattern searches, 0 found nothing (T); 2 exception searches (T)",
                "  T     plain-language/plum: no pattern searches",
            ], "jobs \(jobs): \(r.stderr)")
        }
    }

    /// `--timings` adds its report on standard error and changes nothing else: the phases
    /// in pipeline order, then the PCRE2 searches, whose counts add up.
    @Test func timingsReportPhasesAndSearchesOnStandardError() throws {
        for jobs in ["1", "2"] {
            let plain = try statementlint(fixtureRules + ["--format", "json", "--jobs", jobs, crlf, noTime])
            let timed = try statementlint(fixtureRules + ["--format", "json", "--jobs", jobs, "--timings", crlf, noTime])
            #expect(timed.status == plain.status)
            #expect(timed.stdout == plain.stdout)
            let lines = timed.stderr.split(separator: "\n").map(String.init)
            #expect(lines[0].hasPrefix("timings: start-up and rule loading "))
            #expect(lines[0].contains(" checking 2 files ") && lines[0].hasSuffix("(wall, \(jobs) job\(jobs == "1" ? "" : "s"))"))
            let phases = lines[1].replacing(/[0-9]+\.[0-9] ms/, with: "T")
            #expect(phases == "phases (summed over threads): reading files T, document model T, literal scan T, rules T, suppressions and order T, report T")
            let searches = try #require(lines[2].wholeMatch(of: /PCRE2 searches \(within rules\): (\d+) in [0-9.]+ ms; (\d+) found a match \([0-9.]+ ms\), (\d+) found none \([0-9.]+ ms\)/))
            let (all, found, none) = (Int(searches.1)!, Int(searches.2)!, Int(searches.3)!)
            #expect(all == found + none)
            // Every finding of a pattern rule came from a search that found a match.
            let findings = (try JSONSerialization.jsonObject(with: Data(timed.stdout.utf8)) as! [String: Any])["files"] as! [[String: Any]]
            let matched = findings.flatMap { $0["findings"] as! [[String: Any]] }.filter { $0["documentLevel"] as! Bool == false }
            #expect(matched.count >= 2 && found >= matched.count)
            #expect(lines[3].hasPrefix("rules: ") && lines[3].hasSuffix(" in all (summed over threads); slowest:"))
        }
        // Without a report made ahead (a dry run of fixes), no report phase is shown.
        let dry = try statementlint(fixtureRules + ["--fix", "--dry-run", "--timings", crlf])
        let dryPhases = String(dry.stderr.split(separator: "\n")[1]).replacing(/[0-9]+\.[0-9] ms/, with: "T")
        #expect(dryPhases == "phases (summed over threads): reading files T, document model T, literal scan T, rules T, suppressions and order T")
    }

    @Test func exitCodes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clean = dir.appendingPathComponent("clean.txt")
        try "At 9 p.m. Officer Ruiz fired twice.\n".write(to: clean, atomically: true, encoding: .utf8)
        #expect(try statementlint(fixtureRules + [clean.path]).status == 0)
        // Only a suggestion: below the default fail level (warning).
        let mild = dir.appendingPathComponent("mild.txt")
        try "At 9 p.m. he exited the vehicle.\n".write(to: mild, atomically: true, encoding: .utf8)
        #expect(try statementlint(fixtureRules + [mild.path]).status == 0)
        #expect(try statementlint(fixtureRules + ["--fail-level", "suggestion", mild.path]).status == 1)
        let hidden = try statementlint(fixtureRules + ["--min-severity", "warning", mild.path])
        #expect(hidden.status == 0)
        #expect(!hidden.stdout.contains("exited"))
        #expect(try statementlint(fixtureRules + [crlf]).status == 1)
        #expect(try statementlint(fixtureRules + ["--disable", "passive-shots", "--disable", "facts", crlf]).status == 0)
        #expect(try statementlint(fixtureRules + ["--only", "accountability", noTime]).status == 0)
    }

    @Test func usageErrorsExit2WithAOneLineReason() throws {
        let unknown = try statementlint(fixtureRules + ["--frobnicate", crlf])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--frobnicate'"))
        let noPaths = try statementlint(fixtureRules)
        #expect(noPaths.status == 2)
        #expect(noPaths.stderr.contains("give at least one file or directory to check"))
        let badRule = try statementlint(fixtureRules + ["--only", "no-such-rule", crlf])
        #expect(badRule.status == 2)
        #expect(badRule.stderr == "statementlint: --only: no rule or category named 'no-such-rule' (see 'statementlint rules')\n")
        let badFormat = try statementlint(fixtureRules + ["--format", "xml", crlf])
        #expect(badFormat.status == 2)
    }

    @Test func missingAndInvalidFilesAreReportedAndOthersStillChecked() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        let badBytes = Data([0x53, 0x68, 0x6F, 0x74, 0x73, 0xFF, 0x0A]) // "Shots", then a byte that is never UTF-8
        try badBytes.write(to: bad)
        let r = try statementlint(fixtureRules + ["nope.txt", bad.path, crlf])
        #expect(r.status == 2)
        #expect(r.stderr == "nope.txt: error: no such file or directory\n\(bad.path): error: not valid UTF-8 (first bad byte at offset 5)\n")
        #expect(r.stdout.contains("Tests/Fixtures/crlf-statement.txt:3:31: error: 'shots were fired' hides who fired."))
        #expect(r.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 1 suggestion; 2 files not checked\n"))
        // The bad file is untouched.
        #expect(try Data(contentsOf: bad) == badBytes)

        let json = try statementlint(fixtureRules + ["--format", "json", bad.path, crlf])
        #expect(json.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let files = object["files"] as! [[String: Any]]
        #expect(files[0]["errors"] as? [String] == ["not valid UTF-8 (first bad byte at offset 5)"])
        #expect((files[1]["findings"] as! [Any]).count == 2)
    }

    @Test func standardInputWithAName() throws {
        let r = try statementlint(fixtureRules + ["--stdin-filename", "draft.txt", "-"], stdin: "At 9 p.m. shots were fired.\n")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("draft.txt:1:11: error: 'shots were fired' hides who fired. [accountability/passive-shots]\n"))
    }

    @Test func directoriesAreSearchedForTextAndMarkdown() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        for name in ["a.txt", "sub/b.md", "c.json", ".hidden/d.txt"] {
            try "shots were fired\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let r = try statementlint(fixtureRules + ["--only", "passive-shots", dir.path])
        let files = r.stdout.split(separator: "\n").filter { $0.contains(": error:") }.map { String($0.split(separator: ":")[0]) }
        #expect(files == [dir.path + "/a.txt", dir.path + "/sub/b.md"])
    }

    @Test func ruleErrorsStopTheRunWithFileLineColumn() throws {
        let r = try statementlint(fixtureRules + ["--rules", "\(fixtures)/broken-rules", crlf])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        Tests/Fixtures/broken-rules/facts/broken.yml:7:10: pattern does not compile at offset 9: missing closing parenthesis
        statementlint: 1 rule or configuration error; nothing was checked

        """)
    }

    @Test func runawayPatternIsStoppedAndNamedWhileOtherRulesStillRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = dir.appendingPathComponent("hostile.txt")
        try ("shots were fired " + String(repeating: "a", count: 60) + "!\n").write(to: hostile, atomically: true, encoding: .utf8)
        let r = try statementlint(fixtureRules + ["--rules", "\(fixtures)/runaway-rules", hostile.path, crlf])
        #expect(r.status == 2)
        #expect(r.stderr == "\(hostile.path): error: rule accountability/runaway stopped: match limit exceeded; the rule's other findings for this file are dropped\n")
        #expect(r.stdout.contains("\(hostile.path):1:1: error: 'shots were fired' hides who fired."))
        #expect(r.stdout.contains("crlf-statement.txt:3:31"))
    }

    @Test func testRulesReportsFailingExamplesAsFileLine() throws {
        let r = try statementlint(["test-rules", "\(fixtures)/failing-rules"])
        #expect(r.status == 1)
        #expect(r.stdout == """
        Tests/Fixtures/failing-rules/facts/failing.yml:11: facts/failing: flag example did not trigger
        Tests/Fixtures/failing-rules/facts/failing.yml:13: facts/failing: pass example triggered: He ⟦died⟧ at home.
        1 rules, 3 examples: 2 failed

        """)
        let ok = try statementlint(["test-rules", "\(fixtures)/rules"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "3 rules, 6 examples: all passed\n")
        let broken = try statementlint(["test-rules", "\(fixtures)/broken-rules"])
        #expect(broken.status == 2)
    }

    /// test-rules takes the rule options lint, rules and explain take: DIR is short for them.
    @Test func testRulesTakesTheRuleOptions() throws {
        let same = try statementlint(["test-rules"] + fixtureRules)
        #expect(same.status == 0)
        #expect(same.stdout == "3 rules, 6 examples: all passed\n")
        let only = try statementlint(["test-rules", "\(fixtures)/rules", "--only", "facts"])
        #expect(only.stdout == "1 rules, 2 examples: all passed\n")
        let failing = try statementlint(["test-rules"] + fixtureRules + ["--rules", "\(fixtures)/failing-rules", "--disable", "facts/failing"])
        #expect(failing.status == 0)
        #expect(failing.stdout == "3 rules, 6 examples: all passed\n")
        let unknown = try statementlint(["test-rules", "\(fixtures)/rules", "--only", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "statementlint: --only: no rule or category named 'nope' (see 'statementlint rules')\n")
    }

    @Test func builtInPackPassesItsOwnExamples() throws {
        let r = try statementlint(["test-rules"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.hasSuffix("all passed\n"))
    }

    @Test func rulesAndExplain() throws {
        let list = try statementlint(["rules"] + fixtureRules)
        #expect(list.status == 0)
        #expect(list.stdout.contains("accountability/passive-shots  error      forbid      Tests/Fixtures/rules/accountability/passive-shots.yml\n"))
        #expect(list.stdout.hasSuffix("3 rules (0 opt-in: run them with --enable ID or 'enable:' in .statementlint.yml)\n"))
        let builtIn = try statementlint(["rules"])
        #expect(builtIn.stdout.contains("built-in (Rules/"))

        let explain = try statementlint(["explain", "exited"] + fixtureRules)
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("plain-language/exited (suggestion, swap)\n\nMessage:   Say '${replacement}' instead of '$0'.\nWhy:       Plain words.\n"))
        #expect(explain.stdout.contains("  - He ⟦exited the vehicle⟧.\n    fixed: He got out of the car.\n"))
        let missing = try statementlint(["explain", "nothing-like-this"])
        #expect(missing.status == 2)
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        let always = try statementlint(fixtureRules + ["--color", "always", crlf])
        #expect(always.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let auto = try statementlint(fixtureRules + [crlf], env: ["NO_COLOR": "1"])
        #expect(!auto.stdout.contains("\u{1B}["))
        let json = try statementlint(fixtureRules + ["--color", "always", "--format", "json", crlf])
        #expect(!json.stdout.contains("\u{1B}["))
    }

    @Test func aCopiedBinaryCarriesTheDefaultRules() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("statementlint")
        try FileManager.default.copyItem(at: binary, to: copy)
        let inRepo = try statementlint(["rules"])
        let alone = try statementlint(["rules"], cwd: dir, executable: copy)
        #expect(alone.status == 0)
        #expect(alone.stdout == inRepo.stdout)
        let rulesOnDisk = FileManager.default.enumerator(atPath: packageRoot.appendingPathComponent("Rules").path)!
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".yml") }.count
        // Every file but the statement contexts and the vocabulary (Rules/contexts.yml, Rules/vocabulary.yml) is a rule.
        let optIn = try FileManager.default.enumerator(atPath: packageRoot.appendingPathComponent("Rules").path)!
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".yml") }
            .filter { try String(contentsOf: packageRoot.appendingPathComponent("Rules/\($0)"), encoding: .utf8).contains("\nopt-in: true\n") }.count
        #expect(alone.stdout.hasSuffix("\n\(rulesOnDisk - 2) rules (\(optIn) opt-in: run them with --enable ID or 'enable:' in .statementlint.yml)\n"))
        #expect(alone.stdout.contains("facts/condolence-or-concern                        suggestion require     built-in (Rules/facts/condolence-or-concern.yml)  element facts.condolence\n"))
    }

    /// `--help` says that `statementlint FILE...` lints, and both it and `lint --help` give
    /// the exit statuses.
    @Test func helpDocumentsExitCodes() throws {
        let exitStatus = """
        EXIT STATUS
          0  no finding at or above the fail level (default: warning)
          1  findings at or above the fail level (with --fix --dry-run: fixes to apply)
          2  usage error; a file that could not be checked (missing, not UTF-8,
             not plain text such as a Word document, PDF or HTML, or empty);
             a folder with no statements in it; or invalid rules or configuration
        """
        let r = try statementlint(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(exitStatus))
        #expect(r.stdout.contains("USAGE: statementlint [lint] [<options>] <path> ...\n       statementlint <subcommand>\n"))
        #expect(r.stdout.contains("'statementlint draft.txt' checks a file: lint is the default subcommand, so\n'statementlint FILE...' is 'statementlint lint FILE...'."))
        let lint = try statementlint(["lint", "--help"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains(exitStatus))
    }
}
