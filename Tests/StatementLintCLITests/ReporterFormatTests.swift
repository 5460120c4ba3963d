import Foundation
import StatementLintCore
import Testing

/// The official SARIF 2.1.0 schema, kept beside the repository (never copied into it).
/// The official SARIF 2.1.0 schema, kept in the repository (schemas/README.md says where it comes from).
let sarifSchema = packageRoot.appendingPathComponent("schemas/sarif-schema-2.1.0.json")

/// `--format line`, `github` and `sarif` on the CRLF fixture: accents, an emoji before the
/// match (so scalar, UTF-16 and byte columns all differ) and CRLF line ends.
@Suite struct ReporterFormatTests {
    let crlf = "\(fixtures)/crlf-statement.txt"
    let noTime = "\(fixtures)/no-time.txt"
    /// A rule whose message repeats a match holding `%`, `,` and a line break.
    let escapingRules = ["--no-default-rules", "--rules", "\(fixtures)/integration/escaping-rules"]

    @Test func lineFormatIsOneLinePerFindingThenTheSummary() throws {
        let r = try statementlint(fixtureRules + ["--format", "line", crlf, noTime])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        Tests/Fixtures/crlf-statement.txt:3:31: error: 'shots were fired' hides who fired. [accountability/passive-shots]
        Tests/Fixtures/crlf-statement.txt:3:71: suggestion: Say 'got out of the car' instead of 'exited the vehicle'. [plain-language/exited]
        Tests/Fixtures/no-time.txt:1:1: warning: The statement does not say when it happened. [facts/when]
        2 files checked: 1 error, 1 warning, 1 suggestion

        """)
        // Never coloured, whatever --color says: the output is for editors and grep.
        #expect(try statementlint(fixtureRules + ["--format", "line", "--color", "always", crlf, noTime]).stdout == r.stdout)
    }

    @Test func lineFormatKeepsAMultiLineMessageOnOneLine() throws {
        let r = try statementlint(escapingRules + ["--format", "line", "--stdin-filename", "drafts/update.txt", "-"], stdin: "We are 100%,\r\nsure of it.\r\n")
        #expect(r.status == 1)
        #expect(r.stdout == """
        drafts/update.txt:1:8: warning: '100%, sure' claims a certainty nobody has yet. [accountability/certainty]
        1 file checked: 0 errors, 1 warning, 0 suggestions

        """)
    }

    @Test func githubFormatIsOneWorkflowCommandPerFinding() throws {
        let r = try statementlint(fixtureRules + ["--format", "github", crlf, noTime])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        // Columns count Unicode scalars, like the text output; the document-level finding has no end.
        #expect(r.stdout == """
        ::error file=Tests/Fixtures/crlf-statement.txt,line=3,col=31,endLine=3,endColumn=47,title=accountability/passive-shots::'shots were fired' hides who fired.
        ::notice file=Tests/Fixtures/crlf-statement.txt,line=3,col=71,endLine=3,endColumn=89,title=plain-language/exited::Say 'got out of the car' instead of 'exited the vehicle'.
        ::warning file=Tests/Fixtures/no-time.txt,line=1,col=1,title=facts/when::The statement does not say when it happened.
        2 files checked: 1 error, 1 warning, 1 suggestion

        """)
    }

    @Test func githubFormatEscapesPropertiesAndMessages() throws {
        let r = try statementlint(escapingRules + ["--format", "github", "--stdin-filename", "drafts/a,b: 100%.txt", "-"], stdin: "We are 100%,\r\nsure of it.\r\n")
        #expect(r.status == 1)
        // In the message only %, CR and LF are encoded; in property values also : and ,.
        #expect(r.stdout == """
        ::warning file=drafts/a%2Cb%3A 100%25.txt,line=1,col=8,endLine=2,endColumn=5,title=accountability/certainty::'100%25,%0D%0Asure' claims a certainty nobody has yet.
        1 file checked: 0 errors, 1 warning, 0 suggestions

        """)
    }

    @Test func fileErrorsInLineAndGitHubFormats() throws {
        let line = try statementlint(fixtureRules + ["--format", "line", noTime, "missing.txt"])
        #expect(line.status == 2)
        #expect(line.stderr == "missing.txt: error: no such file or directory\n")
        #expect(line.stdout == """
        missing.txt: error: no such file or directory
        Tests/Fixtures/no-time.txt:1:1: warning: The statement does not say when it happened. [facts/when]
        1 file checked: 0 errors, 1 warning, 0 suggestions; 1 file not checked

        """)
        let github = try statementlint(fixtureRules + ["--format", "github", noTime, "missing.txt"])
        #expect(github.status == 2)
        #expect(github.stdout == """
        ::error file=missing.txt::no such file or directory
        ::warning file=Tests/Fixtures/no-time.txt,line=1,col=1,title=facts/when::The statement does not say when it happened.
        1 file checked: 0 errors, 1 warning, 0 suggestions; 1 file not checked

        """)
    }

    /// A statement whose only finding is silenced by an inline directive.
    let suppressedStatement = """
    At 9 p.m. the officers arrived.
    <!-- statementlint-disable-next-line passive-shots quoting the first release verbatim -->
    Then shots were fired.

    """

    @Test func suppressedFindingsAreLeftOutOfLineAndGitHubOutput() throws {
        for format in ["line", "github"] {
            let r = try statementlint(fixtureRules + ["--format", format, "-"], stdin: suppressedStatement)
            #expect(r.status == 0)
            #expect(r.stdout == "1 file checked: 0 errors, 0 warnings, 0 suggestions, 1 suppressed\n")
        }
    }

    // MARK: SARIF

    @Test func sarifKeepsSuppressedFindingsWithTheirJustification() throws {
        let r = try statementlint(fixtureRules + ["--format", "sarif", "--stdin-filename", "drafts/update.txt", "-"], stdin: suppressedStatement)
        #expect(r.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results.first?["ruleId"] as? String == "accountability/passive-shots")
        #expect(results.first?["suppressions"] as? [[String: String]] == [["kind": "inSource", "justification": "quoting the first release verbatim"]])
    }

    func sarif(_ args: [String]) throws -> (RunResult, [String: Any]) {
        let r = try statementlint(fixtureRules + ["--format", "sarif"] + args)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "not a JSON object: \(r.stdout)")
        return (r, object)
    }

    @Test func sarifDescribesRulesResultsRegionsAndFixes() throws {
        let (r, log) = try sarif([crlf, noTime])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let base = (run["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"]
        #expect(base == "file://\(packageRoot.path)/")

        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "statementlint")
        let version = try statementlint(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(driver["version"] as? String == version)
        #expect(driver["informationUri"] as? String != nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["facts/when", "accountability/passive-shots", "plain-language/exited"])
        let exited = rules[2]
        #expect(exited["name"] as? String == "exited")
        #expect((exited["shortDescription"] as? [String: String])?["text"] == "Say '${replacement}' instead of '$0'.")
        #expect((exited["fullDescription"] as? [String: String])?["text"] == "Plain words.")
        #expect((exited["help"] as? [String: String])?["text"] == "Plain words.\n\nFix (safe): replace with \"got out of the car\".")
        #expect((exited["defaultConfiguration"] as? [String: String])?["level"] == "note")
        let properties = try #require(exited["properties"] as? [String: Any])
        #expect(properties["category"] as? String == "plain-language")
        #expect(properties["kind"] as? String == "swap")
        #expect(properties["source"] as? String == "Test fixture.")
        #expect((rules[0]["help"] as? [String: String])?["text"] == "Readers need the time.\n\nAdd the time, e.g. 'At about 9:40 p.m. on Sunday'.")
        #expect((rules[0]["defaultConfiguration"] as? [String: String])?["level"] == "warning")
        #expect((rules[1]["defaultConfiguration"] as? [String: String])?["level"] == "error")

        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        #expect(invocation["toolExecutionNotifications"] == nil)

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["accountability/passive-shots", "plain-language/exited", "facts/when"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [1, 2, 0])
        #expect(results.map { $0["level"] as? String } == ["error", "note", "warning"])

        func location(_ result: [String: Any]) throws -> [String: Any] {
            try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        }
        let shots = try location(results[0])
        #expect(shots["artifactLocation"] as? [String: String] == ["uri": "Tests/Fixtures/crlf-statement.txt", "uriBaseId": "%SRCROOT%"])
        // Line 3 starts at byte 47; "At 9 p.m. Zoë Ortiz 😀 saw it: " is 30 scalars (31 UTF-16
        // units, 34 bytes), so the match starts at scalar column 31 and byte 81.
        #expect(shots["region"] as? [String: Int] == [
            "startLine": 3, "startColumn": 31, "endLine": 3, "endColumn": 47, "byteOffset": 47 + 34, "byteLength": 16,
        ])
        #expect((results[0]["message"] as? [String: String])?["text"] == "'shots were fired' hides who fired.")
        #expect(results[0]["fixes"] == nil)
        #expect(results[0]["suppressions"] == nil)
        let fingerprint = try #require((results[0]["partialFingerprints"] as? [String: String])?["statementlint/v1"])
        #expect(fingerprint.count == 16 && fingerprint.allSatisfy(\.isHexDigit))
        #expect((results[1]["partialFingerprints"] as? [String: String])?["statementlint/v1"] != fingerprint)

        // The fix: replace the bytes of "exited the vehicle".
        let fix = try #require((results[1]["fixes"] as? [[String: Any]])?.first)
        let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        #expect(change["artifactLocation"] as? [String: String] == ["uri": "Tests/Fixtures/crlf-statement.txt", "uriBaseId": "%SRCROOT%"])
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        let deleted = try #require(replacement["deletedRegion"] as? [String: Int])
        #expect((replacement["insertedContent"] as? [String: String])?["text"] == "got out of the car")
        let bytes = Array(try Data(contentsOf: packageRoot.appendingPathComponent(crlf)))
        let start = try #require(deleted["byteOffset"]), length = try #require(deleted["byteLength"])
        #expect(String(decoding: bytes[start..<(start + length)], as: UTF8.self) == "exited the vehicle")
        #expect((fix["properties"] as? [String: String])?["safety"] == "safe")

        // A document-level finding points at the statement's start.
        #expect(try location(results[2])["region"] as? [String: Int] == ["startLine": 1, "startColumn": 1])
        #expect((results[2]["properties"] as? [String: String])?["advice"] == "Add the time, e.g. 'At about 9:40 p.m. on Sunday'.")
    }

    /// A suppression naming no loaded rule: the finding comes from statementlint itself.
    let unknownSuppression = """
    At 9 p.m. the officers arrived.
    <!-- statementlint-disable-next-line no-such-rule quoting the first release -->
    Then the officers left.

    """

    @Test func sarifDescribesTheToolsOwnChecksToo() throws {
        let r = try statementlint(fixtureRules + ["--format", "sarif", "-"], stdin: unknownSuppression)
        #expect(r.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["facts/when", "accountability/passive-shots", "plain-language/exited", "statementlint/unknown-rule-in-suppression"])
        #expect((rules[3]["defaultConfiguration"] as? [String: String])?["level"] == "error")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["statementlint/unknown-rule-in-suppression"])
        #expect(results.first?["ruleIndex"] as? Int == 3)
    }

    @Test func sarifReportsFileErrorsAsNotificationsAndAbsolutePathsAsFileURIs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let statement = dir.appendingPathComponent("draft #1.txt")
        try "Then shots were fired.\n".write(to: statement, atomically: true, encoding: .utf8)
        let (r, log) = try sarif([statement.path, "missing.txt"])
        #expect(r.status == 2)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect(invocation["exitCode"] as? Int == 2)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 1)
        #expect(notifications[0]["level"] as? String == "error")
        #expect((notifications[0]["message"] as? [String: String])?["text"] == "no such file or directory")
        let notified = ((notifications[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
        #expect(notified as? [String: String] == ["uri": "missing.txt", "uriBaseId": "%SRCROOT%"])

        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let artifact = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
        let encodedDirectory = dir.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        #expect(artifact as? [String: String] == ["uri": "file://\(encodedDirectory)/draft%20%231.txt"])
    }

    @Test func sarifMatchesTheOfficialSchema() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let absolute = dir.appendingPathComponent("a b.txt")
        try "Then shots were fired. He exited the vehicle.\n".write(to: absolute, atomically: true, encoding: .utf8)
        // Findings of every level, a fix, a document-level finding, an absolute path and a file error.
        let runs = [
            try statementlint(fixtureRules + ["--format", "sarif", crlf, noTime]),
            try statementlint(fixtureRules + ["--format", "sarif", absolute.path, "missing.txt"]),
            try statementlint(fixtureRules + ["--format", "sarif", "--stdin-filename", "<stdin>", "-"], stdin: "Nothing to see.\n"),
            try statementlint(fixtureRules + ["--format", "sarif", "-"], stdin: suppressedStatement),
            try statementlint(fixtureRules + ["--format", "sarif", "-"], stdin: unknownSuppression),
        ]
        #expect(runs.map(\.status) == [1, 2, 1, 0, 1])
        for r in runs { try expectValid(r.stdout, schema: sarifSchema) }
    }

    /// The formats are the registry's, and a library user drives a reporter through the
    /// protocol alone: for a run that checks nothing (an empty folder), `finish` writes what
    /// the command writes, in every format that does not name the working directory.
    @Test func reportersThroughTheProtocolWriteWhatTheCommandWrites() throws {
        #expect(OutputFormat.all.map(\.identifier) == ["text", "json", "sarif", "github", "line"])
        #expect(OutputFormat("yaml") == nil)
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        for format in OutputFormat.all where format.identifier != "sarif" {
            let cli = try statementlint(fixtureRules + ["--format", format.identifier, empty.path])
            #expect(cli.status == 2)
            #expect(cli.stderr.hasSuffix(": error: no statements to check (no *.txt or *.md file, or all are excluded by the configuration)\n"))
            var reporter = format.makeReporter(ReportContext())
            var summary = RunSummary()
            summary.exitCode = 2
            #expect(reporter.finish(summary) == cli.stdout, "\(format)")
        }
    }
}
