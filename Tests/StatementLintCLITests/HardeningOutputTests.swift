import Foundation
import Testing

/// Issue 23, items 2, 3, 11 and 12: output, positions and time proportionate to the file,
/// whatever its lines and rules; files that are not text refused; the terminal safe from the
/// file's control characters; a CR alone ending a line. All on the built binary.
@Suite struct HardeningOutputTests {
    static let phrase = "Shots were fired and the suspect was struck, "

    /// One line of `bytes` bytes: the phrase repeated, with no full stop.
    static func oneLine(_ bytes: Int, in dir: URL, name: String) throws -> URL {
        let file = dir.appendingPathComponent(name)
        let text = String(String(repeating: phrase, count: bytes / phrase.utf8.count + 1).prefix(bytes)) + "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func findings(_ json: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        return try #require(files.first?["findings"] as? [[String: Any]])
    }

    /// Seconds `body` takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test func aLongSentenceIsGivenAroundEachMatchSoJSONGrowsWithTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var sizes: [Int] = []
        for bytes in [20_000, 40_000] {
            let file = try Self.oneLine(bytes, in: dir, name: "line-\(bytes).txt")
            let r = try statementlint(fixtureRules + ["--format", "json", file.path])
            #expect(r.status == 1)
            let located = try Self.findings(r.stdout).filter { ($0["documentLevel"] as? Bool) == false }
            #expect(located.count == bytes / Self.phrase.utf8.count + 1)
            for f in located {
                let sentence = try #require(f["sentence"] as? String)
                let matched = try #require(f["matchedText"] as? String)
                // 200 characters either side of the match, and "…" where the sentence is cut.
                #expect(sentence.unicodeScalars.count <= 2 * 200 + matched.unicodeScalars.count + 2)
                #expect(sentence.contains(matched))
                let offset = try #require((f["start"] as? [String: Any])?["offset"] as? Int)
                #expect(sentence.hasPrefix("…") == (offset > 200))
            }
            sizes.append(r.stdout.utf8.count)
        }
        // Twice the text, twice the output (the whole line in every finding made it four times).
        #expect(Double(sizes[1]) / Double(sizes[0]) < 2.3, "JSON sizes \(sizes)")
    }

    @Test func aSentenceUpToTheLimitIsGivenWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 990 characters, one sentence, with an emoji (one character, four bytes).
        let body = "😀 " + String(String(repeating: Self.phrase, count: 30).prefix(986)) + "."
        #expect(body.unicodeScalars.count == 989)
        let file = dir.appendingPathComponent("s.txt")
        try (body + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try statementlint(fixtureRules + ["--format", "json", file.path])
        let located = try Self.findings(r.stdout).filter { ($0["documentLevel"] as? Bool) == false }
        #expect(!located.isEmpty)
        for f in located { #expect(f["sentence"] as? String == body) }
    }

    /// Columns far along a long line, past characters of every UTF-8 length, are exact.
    @Test func positionsFarAlongALongLineAreExact() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filler = "é😀日 and x, "
        let prefix = "\u{FEFF}" + String(repeating: filler, count: 2_000)
        let text = "A heading\r\n" + String(prefix.dropFirst()) + "Shots were fired. " + String(repeating: filler, count: 500) + "Shots were fired.\n"
        let file = dir.appendingPathComponent("long.txt")
        try ("\u{FEFF}" + text).write(to: file, atomically: true, encoding: .utf8)
        let r = try statementlint(fixtureRules + ["--format", "json", file.path])
        let located = try Self.findings(r.stdout).filter { ($0["ruleId"] as? String) == "passive-shots" }
        #expect(located.count == 2)
        let line2 = String(prefix.dropFirst())
        let firstColumn = line2.unicodeScalars.count + 1
        let firstUTF16 = line2.utf16.count + 1
        let secondPrefix = line2 + "Shots were fired. " + String(repeating: filler, count: 500)
        let expected = [
            (firstColumn, firstUTF16, 3 + "A heading\r\n".utf8.count + line2.utf8.count),
            (secondPrefix.unicodeScalars.count + 1, secondPrefix.utf16.count + 1, 3 + "A heading\r\n".utf8.count + secondPrefix.utf8.count),
        ]
        for (f, e) in zip(located, expected) {
            let start = try #require(f["start"] as? [String: Any])
            let end = try #require(f["end"] as? [String: Any])
            #expect(start["line"] as? Int == 2)
            #expect(start["column"] as? Int == e.0)
            #expect(start["utf16Column"] as? Int == e.1)
            #expect(start["offset"] as? Int == e.2)
            #expect(end["column"] as? Int == e.0 + 16)
            #expect(end["utf16Column"] as? Int == e.1 + 16)
        }
        // Text output shows the same place, cut around the span.
        let text2 = try statementlint(fixtureRules + ["--color", "never", file.path])
        #expect(text2.stdout.contains("\(file.path):2:\(firstColumn): "))
        #expect(text2.stdout.contains("""
          2 | …x, é😀日 and x, é😀日 and x, é😀日 and x, é😀日 and x, é😀日 and x, Shots were fired. é😀日 and x, é😀日 and x, é😀日 and x, é😀日 and x, é😀日 and x,…
            |                                                                      ^^^^^^^^^^^^^^^^
         """))
    }

    /// Positions, sentences and reports on one long line of short sentences: the time grows
    /// with the file (checking columns from the line start per finding, and an exception
    /// looked for in the whole paragraph per match, made it grow with its square).
    @Test func timeGrowsLinearlyWithALongLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sentence = "Shots were fired and the suspect was struck. "
        var times: [Double] = []
        for count in [2_000, 8_000] {
            let file = dir.appendingPathComponent("dots-\(count).txt")
            try (String(repeating: sentence, count: count) + "\n").write(to: file, atomically: true, encoding: .utf8)
            var best = Double.infinity
            for _ in 0..<2 {
                best = min(best, try Self.seconds {
                    for format in ["json", "text"] {
                        let r = try statementlint(["--format", format, "--time-limit", "0", file.path])
                        // 1, or 2 when a built-in rule runs into its match limit on such a line.
                        #expect(r.status == 1 || r.status == 2)
                        #expect(r.stdout.contains("\n1 file checked: \(2 * count) errors, 0 warnings, ") || format == "json")
                    }
                })
            }
            times.append(best)
        }
        // Four times the text: about four times the time (sixteen when quadratic).
        #expect(times[1] / times[0] < 9, "times \(times)")
    }

    /// A rule pack that runs into its match limit everywhere: the file's time limit stops it,
    /// names what did not run, and the other files are still checked.
    @Test func theTimeLimitStopsAHostilePackPerFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules/accountability")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let template = try String(contentsOfFile: packageRoot.appendingPathComponent("\(fixtures)/runaway-rules/accountability/runaway.yml").path, encoding: .utf8)
        for i in 0..<40 {
            try template.replacingOccurrences(of: "id: runaway", with: "id: runaway-\(String(format: "%02d", i))")
                .write(to: rules.appendingPathComponent("runaway-\(String(format: "%02d", i)).yml"), atomically: true, encoding: .utf8)
        }
        let hostile = dir.appendingPathComponent("hostile.txt")
        try ("shots were fired " + String(repeating: "a", count: 60) + "!\n").write(to: hostile, atomically: true, encoding: .utf8)
        let crlf = packageRoot.appendingPathComponent("\(fixtures)/crlf-statement.txt").path
        let pattern = #"^\#(hostile.path): error: time limit of 0\.3 s per file reached: (\d+) of 43 rules did not run to the end \(accountability/runaway-\d\d, accountability/runaway-\d\d, accountability/runaway-\d\d and \d+ more\); their findings for this file are missing \(raise the limit with --time-limit or 'time-limit:' in \.statementlint\.yml\)$"#
        let config = dir.appendingPathComponent("limit.yml")
        try "time-limit: 0.3\n".write(to: config, atomically: true, encoding: .utf8)
        for limit in [["--time-limit", "0.3"], ["--config", config.path]] {
            var r: RunResult?
            let took = try Self.seconds {
                r = try statementlint(fixtureRules + ["--rules", dir.appendingPathComponent("rules").path, "--format", "line"] + limit + [hostile.path, crlf])
            }
            let run = try #require(r)
            #expect(run.status == 2)
            let lines = run.stderr.split(separator: "\n").map(String.init)
            let stopped = lines.filter { $0.wholeMatch(of: try! Regex(pattern)) != nil }
            #expect(stopped.count == 1, "\(run.stderr)")
            // Each rule that ran was stopped by its match limit; the rest were skipped.
            #expect(lines.allSatisfy { $0.hasPrefix("\(hostile.path): error: ") })
            #expect(lines.count < 30)
            #expect(run.stdout.contains("\(hostile.path):1:1: error: "))
            #expect(run.stdout.contains("crlf-statement.txt:3:31"))
            #expect(run.stdout.contains("1 file only partly checked"))
            // 40 rules × the match limit is seconds; the limit stops it well before.
            #expect(took < 30)
        }
        let bad = try statementlint(fixtureRules + ["--time-limit=-1", crlf])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--time-limit takes a number of seconds, 0 or more (0: no limit)"))
        try "time-limit: soon\n".write(to: config, atomically: true, encoding: .utf8)
        let badConfig = try statementlint(fixtureRules + ["--config", config.path, crlf])
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("\(config.path):1:13: 'time-limit' must be a number of seconds (0: no limit)"))
    }

    @Test func aFileWithANULByteIsNotText() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("binary.txt")
        try Data("Shots were fired\u{0} at him.\n".utf8).write(to: binary)
        let good = dir.appendingPathComponent("good.txt")
        try "Shots were fired at 9 p.m.\n".write(to: good, atomically: true, encoding: .utf8)
        let r = try statementlint(fixtureRules + ["--format", "line", binary.path, good.path])
        #expect(r.status == 2)
        #expect(r.stderr == "\(binary.path): error: not a text file (a NUL byte at offset 16): check the statement's text, saved as a .txt or .md file\n")
        #expect(r.stdout.contains("\(good.path):1:1: error: 'Shots were fired' hides who fired."))
        #expect(r.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 0 suggestions; 1 file not checked\n"))
    }

    /// Escape sequences in a statement reach the terminal escaped in text, line and github
    /// output (JSON escapes them as JSON does).
    @Test func controlCharactersFromTheFileAreEscaped() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ansi\u{1B}[2J.txt")
        try "Shots were fired \u{1B}]0;owned\u{07}\u{1B}[31mat him\u{1B}[0m\u{9B}2J.\n".write(to: file, atomically: true, encoding: .utf8)
        let shownPath = dir.path + "/ansi\\x1b[2J.txt"
        for format in ["text", "line", "github"] {
            let r = try statementlint(fixtureRules + ["--format", format, "--color", "never", "--verbose", file.path])
            #expect(r.status == 1)
            #expect(!r.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(format)")
            #expect(!r.stderr.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(format)")
            if format != "github" { #expect(r.stdout.contains("\(shownPath):1:1: error: 'Shots were fired' hides who fired.")) }
        }
        let text = try statementlint(fixtureRules + ["--color", "never", file.path])
        #expect(text.stdout.contains("""
         1 | Shots were fired \\x1b]0;owned\\x07\\x1b[31mat him\\x1b[0m\\u009b2J.
           | ^^^^^^^^^^^^^^^^
        """))
        let json = try statementlint(fixtureRules + ["--format", "json", file.path])
        #expect(json.stdout.contains(#""sentence": "Shots were fired \u001b]0;owned\u0007\u001b[31mat him\u001b[0m\#u{9B}2J.""#))
    }

    /// A CR alone ends a line as LF and CRLF do: the same findings at the same lines and
    /// columns, the same sentences, and the line shown in text output.
    @Test func aCarriageReturnAloneEndsALine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = ["UPDATE ON THE INCIDENT", "", "Officers arrived at 9 p.m.", "Then shots were fired and he was hit.", "Shots were fired"]
        var outputs: [String: (line: String, json: [[String: Any]], text: String)] = [:]
        for (name, ending) in [("lf", "\n"), ("cr", "\r"), ("crlf", "\r\n")] {
            let file = dir.appendingPathComponent("\(name).txt")
            try (lines.joined(separator: ending) + ending).write(to: file, atomically: true, encoding: .utf8)
            let line = try statementlint(["--format", "line", "\(name).txt"], cwd: dir)
            let json = try statementlint(["--format", "json", "\(name).txt"], cwd: dir)
            let text = try statementlint(["--color", "never", "\(name).txt"], cwd: dir)
            outputs[name] = (line.stdout.replacingOccurrences(of: "\(name).txt", with: "F"), try Self.findings(json.stdout),
                             text.stdout.replacingOccurrences(of: "\(name).txt", with: "F"))
        }
        let lf = try #require(outputs["lf"]), cr = try #require(outputs["cr"]), crlf = try #require(outputs["crlf"])
        #expect(cr.line == lf.line)
        #expect(cr.text == lf.text)
        #expect(lf.line.contains("F:4:6: error: 'shots were fired' hides who fired."))
        #expect(lf.line.contains("F:5:1: error: 'Shots were fired' hides who fired."))
        for other in [cr, crlf] {
            #expect(other.json.count == lf.json.count)
            for (a, b) in zip(lf.json, other.json) {
                #expect(a["sentence"] as? String == b["sentence"] as? String)
                #expect((a["start"] as? [String: Any])?["line"] as? Int == (b["start"] as? [String: Any])?["line"] as? Int)
                #expect((a["start"] as? [String: Any])?["column"] as? Int == (b["start"] as? [String: Any])?["column"] as? Int)
            }
        }
        #expect(cr.text.contains(" 4 | Then shots were fired and he was hit.\n"))
    }
}
