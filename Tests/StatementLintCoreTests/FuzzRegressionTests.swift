// The checks the fuzz harnesses run (Fuzz/, see docs/fuzzing.md) and their regression tests.
//
// This one file is compiled twice: here, in the ordinary test build, where every input kept in
// Tests/Fixtures/fuzz-crashers/<harness>/ is replayed through the checks; and in the Fuzz
// package (Fuzz/Sources/FuzzChecks links to this file, built with FUZZ_HARNESS defined), where
// libFuzzer feeds the checks random inputs. It uses only the library's public API, as a user
// of StatementLintCore would. A check returns the invariants an input broke; a crash inside
// the library (a trap, `try!`, an index out of range) crashes the test run as it crashes the
// fuzzer.

import Foundation
import StatementLintCore

public enum FuzzChecks {
    /// The harnesses, by the names used for their folders and binaries.
    public static let harnesses = ["document", "loaders", "fixes"]

    /// Runs harness `name` on one input; returns the broken invariants (empty: passed).
    public static func check(_ name: String, _ data: [UInt8]) -> [String] {
        switch name {
        case "document": return document(data)
        case "loaders": return loaders(data)
        case "fixes": return fixes(data)
        default: return ["unknown harness \(name)"]
        }
    }

    // MARK: Helpers

    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    static func isScalarStart(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

    // MARK: (a) Document model

    /// Any bytes give a `Document` or the documented error; then the structure is checked on
    /// the input as given and on its CRLF, CR-only, NFD and BOM-prefixed variants.
    public static func document(_ data: [UInt8]) -> [String] {
        var problems = documentOnce(data, label: "input")
        guard problems.isEmpty, let string = String(validating: data, as: UTF8.self) else { return problems }
        let lf = string.replacingOccurrences(of: "\r\n", with: "\n")
        var variants: [(String, [UInt8])] = [
            ("crlf", Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("cr", Array(lf.replacingOccurrences(of: "\n", with: "\r").utf8)),
            ("bom", [0xEF, 0xBB, 0xBF] + data),
        ]
        let nfd = Array(string.decomposedStringWithCanonicalMapping.utf8)
        if nfd != data { variants.append(("nfd", nfd)) }
        for (label, bytes) in variants where bytes != data {
            problems += documentOnce(bytes, label: label)
            if !problems.isEmpty { break }
        }
        return problems
    }

    static func documentOnce(_ bytes: [UInt8], label: String) -> [String] {
        var problems: [String] = []
        func fail(_ message: String) { problems.append("\(label): \(message)") }
        let doc: Document
        do {
            doc = try Document(path: "fuzz.txt", bytes: bytes)
        } catch {
            // The documented error: the offset of the first byte of the first bad sequence.
            switch error {
            case .invalidUTF8(let offset):
                if isValidUTF8(bytes) { fail("valid UTF-8 refused (offset \(offset))") }
                else if offset < 0 || offset >= bytes.count { fail("invalidUTF8 offset \(offset) outside 0..<\(bytes.count)") }
                else if !isValidUTF8(bytes[..<offset]) { fail("invalidUTF8 offset \(offset) is not the first bad byte") }
            }
            return problems
        }
        if !isValidUTF8(bytes) { fail("invalid UTF-8 accepted"); return problems }
        if doc.original != bytes { fail("original differs from the input") }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if doc.bomLength != (hasBOM ? 3 : 0) { fail("bomLength \(doc.bomLength)") }
        let text = doc.text
        let n = text.count

        // Ranges within the text, each non-negative, in order and not overlapping.
        func ordered(_ ranges: [Range<Int>], _ what: String, sortedOnly: Bool = false) {
            var last = 0
            for (i, r) in ranges.enumerated() {
                if r.lowerBound < 0 || r.upperBound > n { fail("\(what)[\(i)] \(r) outside 0..<\(n)"); return }
                if sortedOnly {
                    if r.lowerBound < last { fail("\(what)[\(i)] \(r) not sorted by start"); return }
                    last = r.lowerBound
                } else {
                    if r.lowerBound < last { fail("\(what)[\(i)] \(r) overlaps or precedes the one before (end \(last))"); return }
                    last = r.upperBound
                }
            }
        }
        ordered(doc.paragraphs, "paragraphs")
        ordered(doc.sentences, "sentences")
        ordered(doc.quotes, "quotes", sortedOnly: true)
        if doc.sentenceParagraph.count != doc.sentences.count {
            fail("sentenceParagraph has \(doc.sentenceParagraph.count) entries for \(doc.sentences.count) sentences")
        } else {
            for (i, p) in doc.sentenceParagraph.enumerated() {
                guard p >= 0 && p < doc.paragraphs.count else { fail("sentence \(i) in paragraph \(p) of \(doc.paragraphs.count)"); break }
                let para = doc.paragraphs[p], s = doc.sentences[i]
                if s.lowerBound < para.lowerBound || s.upperBound > para.upperBound { fail("sentence \(i) \(s) outside its paragraph \(para)"); break }
                if i > 0 && doc.sentenceParagraph[i - 1] > p { fail("sentence \(i) goes back to paragraph \(p)"); break }
            }
        }
        guard problems.isEmpty else { return problems }

        // Text ranges map to original ranges inside the file, on character boundaries, in order.
        let o = doc.original
        var textRanges = doc.sentences + doc.paragraphs + doc.quotes
        textRanges.append(0..<n)
        // A few ranges between scalar starts of the folded text.
        let starts = (0...n).filter { $0 == n || isScalarStart(text[$0]) }
        let step = max(1, starts.count / 7)
        var k = 0
        while k + step < starts.count { textRanges.append(starts[k]..<starts[k + step]); textRanges.append(starts[k]..<starts[k]); k += step }
        for r in textRanges.prefix(64) {
            let m = doc.originalRange(r)
            if m.lowerBound < doc.bomLength || m.upperBound > o.count || m.lowerBound > m.upperBound {
                fail("originalRange(\(r)) = \(m) outside \(doc.bomLength)..<\(o.count)"); break
            }
            if !isValidUTF8(o[m]) { fail("originalRange(\(r)) = \(m) splits a character"); break }
        }
        var lastEnd = 0
        for (i, s) in doc.sentences.enumerated() {
            let m = doc.originalRange(s)
            if m.lowerBound < lastEnd { fail("sentence \(i): original \(m) overlaps the one before (end \(lastEnd))"); break }
            lastEnd = m.upperBound
        }
        guard problems.isEmpty else { return problems }

        // Positions against a naive recount (lines end at LF, CRLF or a CR alone; columns count scalars and
        // UTF-16 units from the line start, after a BOM on line 1).
        func endsLine(_ i: Int) -> Bool { o[i] == 0x0A || (o[i] == 0x0D && (i + 1 == o.count || o[i + 1] != 0x0A)) }
        var offsets: [Int] = [doc.bomLength, o.count]
        let oStarts = (doc.bomLength...o.count).filter { $0 == o.count || isScalarStart(o[$0]) }
        let ostep = max(1, oStarts.count / 9)
        offsets += stride(from: 0, to: oStarts.count, by: ostep).map { oStarts[$0] }
        offsets += doc.sentences.prefix(8).map { doc.originalRange($0).lowerBound }
        for offset in offsets {
            var line = 1, lineStart = doc.bomLength
            for i in 0..<offset where endsLine(i) { line += 1; lineStart = i + 1 }
            let scalars = String(decoding: o[lineStart..<offset], as: UTF8.self).unicodeScalars
            let want = (line: line, column: 1 + scalars.count, utf16Column: 1 + scalars.reduce(0) { $0 + UTF16.width($1) })
            let got = doc.position(ofOriginal: offset)
            if (got.line, got.column, got.utf16Column) != want { fail("position(ofOriginal: \(offset)) = \(got), recount \(want)"); break }
        }
        // The two-ended form agrees with the one-ended one.
        for r in textRanges.prefix(32) {
            let m = doc.originalRange(r)
            let both = doc.positions(ofOriginal: m)
            let start = doc.position(ofOriginal: m.lowerBound), end = doc.position(ofOriginal: m.upperBound)
            if both.start != start || both.end != end { fail("positions(ofOriginal: \(m)) = \(both), one by one \(start) \(end)"); break }
        }
        // Line texts, lookups and term search do not trap.
        let lineEnds = o.indices.lazy.filter(endsLine).count
        if doc.lineCount != lineEnds + 1 { fail("lineCount \(doc.lineCount), \(lineEnds) line endings") }
        for line in Set([1, doc.lineCount, (doc.lineCount + 1) / 2]) { _ = doc.lineText(line) }
        for offset in [0, n / 3, n / 2, n] {
            _ = doc.sentenceIndex(at: offset); _ = doc.paragraphIndex(at: offset); _ = doc.isQuoted(offset)
            _ = doc.asciiStart(before: offset)
        }
        for m in doc.originalRanges(ofCaseInsensitive: "officer") + doc.originalRanges(ofCaseInsensitive: "é") {
            if m.lowerBound < doc.bomLength || m.upperBound > o.count || !isValidUTF8(o[m]) { fail("originalRanges(ofCaseInsensitive:) gave \(m)"); break }
        }
        return problems
    }

    // MARK: (b) Loaders

    /// A fixed statement each rule that loads is run over.
    static let sample = Document(path: "sample.txt", string: """
        Officers responded to a call at 10 p.m. on Main Street. An officer-involved shooting occurred.
        The suspect, a 34-year-old man, was transported to the hospital, where he succumbed to his injuries.

        "We are investigating," said Chief Ruiz. The inmate's family has been notified. Café closed.
        """)

    /// Bytes as a rule file and as a `.statementlint.yml`: a value or a list of errors that
    /// name the file and a place in it, never a crash (hangs are caught by libFuzzer's -timeout).
    public static func loaders(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let text = String(decoding: data, as: UTF8.self)
        let rulePath = "Rules/accountability/fuzz-rule.yml"
        func checkErrors(_ errors: [RuleError], path: String, _ what: String) {
            if errors.isEmpty { problems.append("\(what): failure with no errors") }
            for e in errors where e.file != path || e.line < 1 || e.column < 1 || e.message.isEmpty {
                problems.append("\(what): malformed error \(e.description)")
                break
            }
        }
        for isDefault in [false, true] {
            switch RuleLoader.parse(text: text, path: rulePath, isDefault: isDefault) {
            case .success(let rule):
                // A rule that loads must also run.
                let findings = Linter(rules: [rule]).lint(sample).findings
                for f in findings where f.range.upperBound > sample.original.count || f.range.lowerBound < 0 {
                    problems.append("rule: finding range \(f.range) outside the sample"); break
                }
            case .failure(let list):
                checkErrors(list.errors, path: rulePath, "rule (isDefault: \(isDefault))")
            }
        }
        let configPath = "fuzz/.statementlint.yml"
        switch Configuration.parse(text: text, path: configPath) {
        case .success: break
        case .failure(let list): checkErrors(list.errors, path: configPath, "configuration")
        }
        return problems
    }

    // MARK: (c) Fixes

    /// The built-in rules, compiled once.
    nonisolated(unsafe) static var defaultLinter: Linter = Linter(rules: RuleLoader.loadDefault().rules)

    /// Quotes a string as a YAML single-quoted scalar.
    static func yamlQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A safe swap rule with one entry.
    public static func swapRule(pattern: String, replacement: String) -> String {
        """
        id: fuzz-swap
        category: plain-language
        severity: warning
        kind: swap
        message: "Found '$0'."
        rationale: Fuzzing.
        source: Fuzzing.
        safety: safe
        swap:
          \(yamlQuoted(pattern)): \(yamlQuoted(replacement))
        examples:
          flag:
            - "x"
          pass:
            - "y"

        """
    }

    /// First byte even: the rest is a statement, linted with the built-in rules. Odd: the rest
    /// is `pattern LF replacement LF statement`, linted with one safe swap rule built from it
    /// (inputs whose rule does not load are skipped). Safe fixes are applied with
    /// `FileFixer.fixAll`; the result must be valid UTF-8 and fixing it again must change nothing.
    public static func fixes(_ data: [UInt8]) -> [String] {
        guard let first = data.first else { return [] }
        var rest = Array(data.dropFirst())
        let linter: Linter
        if first & 1 == 0 {
            linter = defaultLinter
        } else {
            let lines = rest.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
            guard lines.count == 3, let pattern = String(validating: lines[0], as: UTF8.self),
                  let replacement = String(validating: lines[1], as: UTF8.self),
                  !pattern.contains("\r"), !replacement.contains("\r") else { return [] }
            guard case .success(let rule) = RuleLoader.parse(text: swapRule(pattern: pattern, replacement: replacement),
                                                              path: "Rules/plain-language/fuzz-swap.yml", isDefault: false) else { return [] }
            linter = Linter(rules: [rule])
            rest = Array(lines[2])
        }
        guard isValidUTF8(rest) else { return [] }
        var problems: [String] = []
        let findings: (Document) -> [Finding] = { doc in
            let found = linter.lint(doc).findings
            let textHasReference = doc.original.indices.dropLast().contains { doc.original[$0] == 0x24 && doc.original[$0 + 1] == 0x7B }
            for f in found {
                guard let fix = f.fix else { continue }
                if fix.range.lowerBound < 0 || fix.range.upperBound > doc.original.count || fix.range.lowerBound > fix.range.upperBound {
                    problems.append("fix range \(fix.range) outside 0..<\(doc.original.count) (\(f.qualifiedID))")
                } else if fix.safety == .safe && !textHasReference && fix.replacement.contains("${") {
                    // "${" can only come from a group reference the rule does not have.
                    problems.append("fix writes an unresolved group reference: \(fix.replacement.debugDescription) (\(f.qualifiedID))")
                }
            }
            return found
        }
        let once = FileFixer.fixAll(rest, path: "fuzz.txt", findings: findings)
        guard problems.isEmpty else { return problems }
        if !isValidUTF8(once.bytes) {
            let bad = (try? Document(path: "fuzz.txt", bytes: once.bytes)).map { _ in "?" } ?? "see bytes"
            problems.append("fixed text is not valid UTF-8 (\(bad)) after \(once.applied) fixes")
            return problems
        }
        let twice = FileFixer.fixAll(once.bytes, path: "fuzz.txt", findings: findings)
        if twice.applied != 0 || twice.bytes != once.bytes {
            problems.append("fixing again changed the text: \(twice.applied) more fixes (\(once.applied) the first time); "
                + "first result \(String(decoding: once.bytes.prefix(200), as: UTF8.self).debugDescription)")
        }
        return problems
    }
}

#if !FUZZ_HARNESS
import Testing

/// Replays every input kept under Tests/Fixtures/fuzz-crashers/<harness>/ (found by the
/// fuzzers and fixed since) through the harness's checks. Inputs that still fail are kept in
/// Tests/Fixtures/fuzz-crashers-open/ instead, which this suite does not run.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-crashers")

    static func inputs(_ harness: String) -> [String] {
        let dir = root.appendingPathComponent(harness).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(harness)/\($0)" }
    }

    static let all: [String] = FuzzChecks.harnesses.flatMap(inputs)

    @Test(arguments: all) func replays(_ input: String) throws {
        let harness = String(input.prefix { $0 != "/" })
        let data = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(input)))
        #expect(FuzzChecks.check(harness, data) == [], "\(input)")
    }

    /// Well-formed edge cases pass the checks: the documented error for invalid UTF-8, a
    /// list of errors for a broken rule file, a fix that converges.
    @Test func edgeCasesPassTheChecks() {
        #expect(FuzzChecks.document([0x61, 0xC3]).isEmpty)
        #expect(FuzzChecks.document(Array("Line one.\r\nCafe\u{301} two.\rThree.".utf8)).isEmpty)
        #expect(FuzzChecks.loaders(Array("id: [".utf8)).isEmpty)
        #expect(FuzzChecks.fixes([1] + Array("\\bobserved\\b\nsaw\nOfficers observed it.".utf8)).isEmpty)
    }
}
#endif
