import Foundation
import Testing
@testable import StatementLintCore
@testable import StatementLintRules
@testable import StatementLintMatching

/// Issue 23, items 1 and 8, below the command line: the checks `--fix` relies on.
@Suite struct FixValidationTests {
    func finding(_ range: Range<Int>, _ replacement: String, id: String = "cut") -> Finding {
        let p = Position(line: 1, column: 1, utf16Column: 1)
        return Finding(ruleID: id, ruleKind: .swap, category: .plainLanguage, severity: .suggestion, message: "", range: range,
                       start: p, end: p, matchedText: "", sentence: nil, fix: Fix(range: range, replacement: replacement, safety: .safe),
                       suggestions: [], advice: nil, documentLevel: false, suppression: nil)
    }

    @Test func aFixThatCutsACharacterIsRefusedAndTheTextKept() {
        let text = Array("the café".utf8) // "é" is bytes 7 and 8
        var passes = 0
        let result = FileFixer.fixAll(text, path: "c.txt") { _ in
            passes += 1
            return passes == 1 ? [self.finding(4..<8, "cafe")] : []
        }
        #expect(result.refusal == "fixes by plain-language/cut would cut a character in two and leave text that is not valid UTF-8; not fixed")
        #expect(result.bytes == text)
        #expect(result.applied == 0)
    }

    @Test func fixesThatKeepChangingTheTextStopAtTheBound() {
        var passes = 0
        let result = FileFixer.fixAll(Array("officer".utf8), path: "s.txt") { doc in
            passes += 1
            return [self.finding(0..<0, "the ", id: "grow")]
        }
        #expect(passes == FileFixer.maxPasses + 1)
        #expect(result.refusal == "fixes did not settle after 10 passes (plain-language/grow kept changing the text); not fixed")
        #expect(result.bytes == Array("officer".utf8))
    }

    @Test func lineBreaksAreKeptOrTheFixIsLeft() {
        let bytes = Array("a\r\nb c\nd".utf8)
        #expect(!FixApplier.keepsLineBreaks(0..<4, in: bytes, replacement: "a b"))    // joins two lines
        #expect(!FixApplier.keepsLineBreaks(2..<4, in: bytes, replacement: "x"))      // starts inside CRLF
        #expect(!FixApplier.keepsLineBreaks(0..<2, in: bytes, replacement: "a"))      // ends inside CRLF, leaves a lone LF
        #expect(FixApplier.keepsLineBreaks(0..<4, in: bytes, replacement: "A\r\nB"))  // the same break
        #expect(!FixApplier.keepsLineBreaks(0..<4, in: bytes, replacement: "A\nB"))   // CRLF made LF
        #expect(FixApplier.keepsLineBreaks(4..<5, in: bytes, replacement: "bee"))
    }

    @Test(arguments: [
        ("(?=officer)", true), ("\\b", true), ("a?", true), ("x|", true), ("(?:a|b*)", true), ("(?i)", true),
        ("a{0,3}", true), ("(a)\\1", true), ("(?<w>a)?\\k<w>", true), ("\\Q\\E", true), ("(?<=x)", true), ("^$", true),
        ("(*ACCEPT)", true), ("(?x) a", true),
        ("\\bofficer\\b", false), ("(?=officer)\\w+", false), ("[ab]", false), ("a{2}", false), ("\\p{L}", false),
        ("(?i:abc)", false), ("(?<name>x)", false), ("(?'n'x)", false), ("(?P<n>x)", false), ("a|b", false),
        ("\\x{e9}", false), ("\\Qa.b\\E", false), ("(?>a+)", false), ("a{,2}b", false), ("\\bexited\\s+the\\s+vehicle\\b", false),
    ])
    func whetherAPatternMayMatchEmpty(pattern: String, empty: Bool) throws {
        _ = try Regex(pattern) // every case is a valid pattern
        #expect(Regex.mayMatchEmpty(pattern) == empty)
    }

    @Test func groupReferencesAreReadAsTheEngineExpandsThem() {
        // "$$", "$x" and an unclosed "${" stand for themselves.
        #expect(RuleLoader.groupReferences("saw $5 ${nope} $1 ${12} $$ $x ${") == [.number(5), .name("nope"), .number(1), .number(12)])
        #expect(RuleLoader.groupReferences("$0 costs $") == [.number(0)])
    }
}
