import Foundation
import Testing
@testable import StatementLintCore

@Suite struct PrefilterTests {
    func lits(_ p: String) -> [String]? {
        LiteralExtractor.requiredLiterals(p)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func extractsWhatEveryMatchMustContain() {
        #expect(lits(#"\bshots?\s+(?:were|was)\s+fired\b"#) == ["fired"])
        #expect(lits(#"\b(?:officer|deputy|trooper)-involved\b"#) == ["-involved"])
        #expect(lits(#"\bknown to (?:police|law enforcement)"#) == ["known to "])
        #expect(lits(#"\b(?:excited|agitated) delirium\b"#) == [" delirium"])
        #expect(lits(#"(?:no comment|declined? to comment)"#) == [" to comment", "no comment"])
        #expect(lits(#"\bOIS\b|\bBWC\b"#) == ["bwc", "ois"])
        #expect(lits(#"\bmade\s+contact\b"#) == ["contact"])
        #expect(lits(#"(?<who>officer|deputy)s? (?:shot|fired)"#) == ["deputy", "officer"])
        #expect(lits(#"\d{4}\s+hours"#) == ["hours"])
        #expect(lits(#"(?i:lunged)"#) == ["lunged"])
    }

    @Test func givesUpRatherThanGuess() {
        #expect(lits(#"\w+ team"#) == ["team"].map { " " + $0 }) // " team" is required
        #expect(lits(#"(?:shot|\w+ed)"#) == nil)              // one branch has no literal
        #expect(lits(#"shots?"#) == ["shot"])
        #expect(lits(#"a*b"#) == nil)                          // nothing of three letters or more
        #expect(lits(#"(a)\1"#) == nil)                        // back-reference
        #expect(lits(#"(?x) shots"#) == nil)                   // extended mode
        #expect(lits(#"caf\x{e9}"#) == nil)
        #expect(lits(#"[abc]+ wrong"#) == [" wrong"])
        #expect(lits(#"x{2,} word"#) == [" word"])
        #expect(lits(#"(?=police)\w+"#) == nil)               // look-ahead text is not part of the match
        #expect(lits("Zoë Ortiz") == [" ortiz"])              // non-ASCII breaks literals (case folding)
    }

    @Test func scannerFindsOverlappingLiterals() {
        let scanner = LiteralScanner(["he", "she", "his", "hers"].map { Array($0.utf8) })
        let found = Array("USHERS".utf8).withUnsafeBufferPointer { scanner.scan($0) }
        #expect(found == [true, true, false, true])
    }

    @Test func foldedLookAlikesKeepThePrefilterExact() throws {
        // U+017F LATIN SMALL LETTER LONG S is a case-fold partner of "s".
        let r = try rule(ruleYAML(body: "pattern: '\\bshots were fired\\b'"))
        #expect(run(r, "Then \u{017F}hots were fired.").count == 1)
    }

    /// The prefilter only skips work: the whole pack, with and without it, over every sample
    /// (and over each sample with its paragraphs reversed) gives identical findings.
    @Test func prefilterNeverChangesResults() throws {
        let rules = RuleLoader.loadDefault().rules
        let fast = Linter(rules: rules)
        let slow = Linter(rules: rules)
        slow.usePrefilter = false
        let samples = packageRootURL.appendingPathComponent("Samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".txt") || ($0.hasSuffix(".md") && $0 != "README.md") }
        #expect(files.count >= 14)
        var compared = 0
        for name in files.sorted() {
            let bytes = [UInt8](try Data(contentsOf: samples.appendingPathComponent(name)))
            let text = String(decoding: bytes, as: UTF8.self)
            let reversed = text.components(separatedBy: "\n\n").reversed().joined(separator: "\n\n")
            for variant in [text, reversed] {
                let doc = Document(path: name, string: variant)
                let a = fast.lint(doc).findings.map(describe)
                let b = slow.lint(doc).findings.map(describe)
                #expect(a == b, "\(name)")
                compared += a.count
            }
        }
        #expect(compared > 0)
    }

    func describe(_ f: Finding) -> String { "\(f.qualifiedID) \(f.range) \(f.message) \(f.fix?.replacement ?? "")" }
}

let packageRootURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
