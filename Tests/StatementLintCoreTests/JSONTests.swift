import Foundation
import Testing
@testable import StatementLintCore

@Suite struct JSONTests {
    /// The plain definition the fast writer must agree with.
    static func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func escaped(_ s: String) -> String {
        let out = ByteBuffer(capacity: 1)
        JSON.escape(s, into: out)
        return out.string
    }

    @Test func escapingMatchesThePlainDefinitionAtEveryPosition() {
        #expect(JSONTests.escaped("") == "\"\"")
        #expect(JSONTests.escaped("Officer said \"stop\"\\\n") == #""Officer said \"stop\"\\\n""#)
        #expect(JSONTests.escaped("\u{1}\u{1F}\u{7F}é😀") == "\"\\u0001\\u001f\u{7F}é😀\"")
        // Every special byte at every offset of strings up to three words long, among plain
        // ASCII, accented and emoji text (bytes ≥ 0x80 must never count as special).
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", " ", "~", "é", "😀"]
        for fill in ["abcdefgh", "ééééé", "😀😀😀"] {
            for length in 0..<25 {
                let base = String(String(repeating: fill, count: 4).prefix(length))
                for offset in 0...base.count {
                    for c in specials {
                        var s = base
                        s.insert(c, at: s.index(s.startIndex, offsetBy: offset))
                        #expect(JSONTests.escaped(s) == JSONTests.reference(s), "\(s.debugDescription)")
                    }
                }
            }
        }
    }

    @Test func integersAndKeysAreWrittenAsJSON() {
        var w = JSONWriter(indent: -1)
        w.beginArray()
        for i in [0, 7, -7, 10, 99, 100, -100, 65_535, Int.max, Int.min] { w.int(i) }
        w.endArray()
        #expect(w.out.string == "[0,7,-7,10,99,100,-100,65535,\(Int.max),\(Int.min)]")
        var p = JSONWriter(indent: 0)
        p.beginObject(); p.key("line"); p.int(12); p.key(escaping: "a\"b"); p.beginObject(); p.key("x"); p.null(); p.endObject(); p.endObject()
        #expect(p.out.string == "{\n  \"line\": 12,\n  \"a\\\"b\": {\n    \"x\": null\n  }\n}")
    }

    /// A qualified id is written from its two parts; parts that need escaping are escaped.
    @Test func joinedStringsAreEscapedLikeWholeOnes() {
        for (a, b) in [("facts", "media-contact-listed"), ("x\"y", "z"), ("café", "é\\"), ("", ""), ("a\u{1}", "tab\t")] {
            var w = JSONWriter(indent: -1)
            w.beginArray(); w.string(joining: a, 0x2F, b); w.endArray()
            var r = JSONWriter(indent: -1)
            r.beginArray(); r.string(a + "/" + b); r.endArray()
            #expect(w.out.string == r.out.string, "\(a) \(b)")
        }
    }
}

/// Findings about a statement as a whole are rendered once and copied after that: what is
/// copied must be exactly what would be written afresh, whatever differs between findings.
@Suite struct RenderedFindingTests {
    static func finding(_ rule: String, message: String, severity: Severity = .warning, advice: String? = "Say who.",
                        suggestions: [String] = [], at: Int = 0, documentLevel: Bool = true, suppression: String? = nil) -> Finding {
        let p = Position(line: 1, column: at + 1, utf16Column: at + 1)
        return Finding(ruleID: rule, ruleKind: .require, category: .facts, severity: severity, message: message,
                       range: at..<at, start: p, end: p, matchedText: "", sentence: nil, fix: nil, suggestions: suggestions,
                       advice: advice, documentLevel: documentLevel, suppression: suppression)
    }

    static func fresh(_ f: Finding, layout: Int) -> String {
        var w = JSONWriter(indent: layout)
        w.beginArray(); JSONReporter.writeFields(f, to: &w); w.endArray()
        return w.out.string
    }

    static let written = RenderedFindings()

    static func cached(_ f: Finding, layout: Int) -> String {
        var w = JSONWriter(indent: layout)
        w.beginArray(); JSONReporter.writeFinding(f, to: &w, written: written); w.endArray()
        return w.out.string
    }

    @Test func aCopiedFindingIsTheFindingItself() {
        let rule = "rendered-\(UUID().uuidString)"
        let base = RenderedFindingTests.finding(rule, message: "No one is named.")
        let variants = [
            base,
            RenderedFindingTests.finding(rule, message: "Only 1 of 2 found."),
            RenderedFindingTests.finding(rule, message: "No one is named.", severity: .error),
            RenderedFindingTests.finding(rule, message: "No one is named.", advice: nil),
            RenderedFindingTests.finding(rule, message: "No one is named.", suggestions: ["the \"State\" Bureau"]),
            RenderedFindingTests.finding(rule, message: "No one is named.", at: 3),
            RenderedFindingTests.finding(rule, message: "No one is named.", suppression: "agreed with legal"),
            RenderedFindingTests.finding(rule, message: "No one is named.", documentLevel: false),
            base,
        ]
        // Twice over, in two layouts: the second round is served from what the first stored.
        for _ in 0..<2 {
            for layout in [2, -1, 5] {
                for f in variants {
                    #expect(RenderedFindingTests.cached(f, layout: layout) == RenderedFindingTests.fresh(f, layout: layout))
                }
            }
        }
        let second = RenderedFindingTests.cached(variants[1], layout: 2)
        #expect(second.contains("\"message\": \"Only 1 of 2 found.\""))
        #expect(RenderedFindingTests.cached(variants[2], layout: 2).contains("\"severity\": \"error\""))
    }

    /// The cache compares every field of Finding: one added to Finding must be named here.
    @Test func theCacheKnowsEveryFieldOfAFinding() {
        let f = RenderedFindingTests.finding("r", message: "m")
        #expect(Set(Mirror(reflecting: f).children.compactMap(\.label)) == Set(RenderedFindings.fields.keys))
    }
}
