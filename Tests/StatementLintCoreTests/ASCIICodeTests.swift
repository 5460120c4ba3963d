import Foundation
import Testing
@testable import StatementLintCore

/// Busy patterns get a second compiled form for all-ASCII text, without UTF and Unicode
/// properties (`Regex.asciiEquivalent`). It must find exactly what the Unicode form finds,
/// and be used only where everything a search can read is ASCII.
@Suite struct ASCIICodeTests {
    /// A regex made busy enough to be JIT-compiled (and given its ASCII form, when allowed).
    func busy(_ pattern: String, caseless: Bool, ascii: Bool) throws -> Regex {
        let r = try Regex(pattern, caseless: caseless)
        r.useASCIICode = ascii
        let filler = [UInt8](repeating: 0x20, count: Regex.jitAfterBytes + 1)
        // The first long search runs in the interpreter; the next one finds the pattern busy.
        _ = try filler.withUnsafeBufferPointer { try r.firstMatch(in: $0, scratch: MatchScratch()) }
        #expect(!r.usesASCIICode)
        _ = try filler.withUnsafeBufferPointer { try r.firstMatch(in: $0, scratch: MatchScratch()) }
        return r
    }

    @Test func onlyPatternsThatMeanTheSameOnASCIITextQualify() {
        for p in [#"\bshots?\s+(?:were|was)\s+fired\b"#, #"(?<!\w)[A-Z]{2,5}\b"#, #"\x41\d+"#, #"[[:alpha:]]+'s"#, #"\G\s+(?=then)"#] {
            #expect(Regex.asciiEquivalent(p), "\(p)")
        }
        for p in [#"café"#, #"\p{Lu}\w+"#, #"\x{2019}"#, #"\o{201}"#, #"\N{U+2019}"#, #"(*UCP)\w"#, #"a\Xb"#, #"\C"#, #"[’']s"#,
                  #"(?i)[[:upper:]]{2,}"#, #"[[:^lower:]]"#, #"(?<=(a))(?1)x"#, #"(?<!b)(?&n)(?<n>c)"#, #"(?<=\g<1>)(a)"#] {
            #expect(!Regex.asciiEquivalent(p), "\(p)")
        }
    }

    /// Every pattern of the built-in pack (exceptions and split branches too), over every
    /// sentence and the whole text of each sample with its non-ASCII characters removed:
    /// the ASCII form finds the same matches, groups included.
    @Test(.tags(.sweep)) func theASCIIFormFindsWhatTheUnicodeFormFinds() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: packageRootURL.appendingPathComponent("Samples").path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted()
        let docs = try samples.map { name -> Document in
            let text = try String(contentsOf: packageRootURL.appendingPathComponent("Samples/\(name)"), encoding: .utf8)
            return Document(path: name, string: String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII))))
        }
        #expect(docs.count >= 8)
        var patterns: [(String, Bool)] = []
        for rule in RuleLoader.loadDefault().rules { rule.forEachPattern { p, _ in patterns.append((p.regex.pattern, p.regex.caseless)) } }
        let scratch = MatchScratch(maxCaptures: 64)
        var withASCII = 0, searches = 0, found = 0
        let sampled = Sweep.sample(patterns, fraction: 0.2)
        for (pattern, caseless) in sampled {
            let unicode = try busy(pattern, caseless: caseless, ascii: false)
            let ascii = try busy(pattern, caseless: caseless, ascii: true)
            #expect(!unicode.usesASCIICode)
            if ascii.usesASCIICode { withASCII += 1 } else { continue }
            for doc in docs {
                try doc.text.withUnsafeBufferPointer { text in
                    for unit in doc.sentences + [0..<text.count] {
                        func all(_ r: Regex) throws -> [[Range<Int>?]] {
                            var out: [[Range<Int>?]] = []
                            try r.forEachMatch(in: text, range: unit, scratch: scratch, asciiFrom: 0) { out.append($0.groups); return true }
                            return out
                        }
                        let expected = try all(unicode), got = try all(ascii)
                        searches += 1
                        found += expected.count
                        if got != expected { Issue.record("\(pattern) in \(doc.path) \(unit): \(got) instead of \(expected)") }
                    }
                }
            }
        }
        // Nearly every pattern of the pack qualifies, and the comparison saw real matches.
        #expect(withASCII * 10 >= sampled.count * 9, "\(withASCII) of \(sampled.count)")
        #expect(searches > Sweep.scaled(100_000, fraction: 0.2) && found > Sweep.scaled(1_000, fraction: 0.2), "\(searches) searches, \(found) matches")
    }

    /// `\b` before "x" in "Zoëx" sees "ë", a letter: no match. The ASCII form, which would
    /// see a byte that is not a word character, must not be used there; it is used (and
    /// wrongly matches) only when the caller claims the text before is ASCII.
    @Test func theASCIIFormIsUsedOnlyWhereEverythingTheSearchReadsIsASCII() throws {
        let doc = Document(path: "t", string: "Zoëx said x.")
        let r = try busy(#"\bx"#, caseless: false, ascii: true)
        #expect(r.usesASCIICode)
        let scratch = MatchScratch()
        let end = doc.text.count
        #expect(doc.asciiStart(before: end) == 4)
        func matches(from start: Int, asciiFrom: Int) throws -> [Range<Int>] {
            try doc.text.withUnsafeBufferPointer { try r.matches(in: $0, range: start..<end, scratch: scratch, asciiFrom: asciiFrom) }
        }
        #expect(try matches(from: 4, asciiFrom: doc.asciiStart(before: end)) == [11..<12])
        #expect(try matches(from: 4, asciiFrom: 0) == [4..<5, 11..<12])
        // \b's one-character look-behind, one more character for it, and one more: a search
        // over text that is ASCII from 4 on uses the ASCII form from 7 on, not before.
        #expect(r.wouldUseASCIICode(from: 7, asciiFrom: 4))
        #expect(!r.wouldUseASCIICode(from: 6, asciiFrom: 4))
        #expect(r.wouldUseASCIICode(from: 0, asciiFrom: 0) && r.wouldUseASCIICode(from: 2, asciiFrom: 0))
        #expect(!r.wouldUseASCIICode(from: 3, asciiFrom: 1) && r.wouldUseASCIICode(from: 4, asciiFrom: 1))
        #expect(try matches(from: 7, asciiFrom: doc.asciiStart(before: end)) == [11..<12])
        // The Unicode form (nothing claimed ASCII) finds the same.
        #expect(try matches(from: 7, asciiFrom: .max) == [11..<12])
    }

    /// Nested look-behinds add up: in "éabcdx", `(?<=(?<=\Wab)cd)x` searched from "x" reads
    /// back to the "é" (a word character with Unicode properties, a non-word byte without),
    /// further than the longest single look-behind. Both forms find nothing there, and the
    /// ASCII form is used once the text it reads is ASCII.
    @Test func nestedLookBehindsAreCountedInTheReach() throws {
        let r = try busy(#"(?<=(?<=\Wab)cd)x"#, caseless: false, ascii: true)
        #expect(r.usesASCIICode)
        let scratch = MatchScratch()
        func matches(_ s: String, from start: Int) throws -> [Range<Int>] {
            let doc = Document(path: "t", string: s)
            return try doc.text.withUnsafeBufferPointer { t in
                try r.matches(in: t, range: start..<t.count, scratch: scratch, asciiFrom: doc.asciiStart(before: t.count))
            }
        }
        #expect(try matches("éabcdx", from: 6) == [])
        #expect(try matches("é abcdx", from: 7) == [7..<8])
        #expect(try matches("é.......abcdx", from: 13) == [13..<14])
        // Two look-behinds of up to three characters, each with one more, and one more: 9.
        #expect(!r.wouldUseASCIICode(from: 6, asciiFrom: 2))
        #expect(!r.wouldUseASCIICode(from: 10, asciiFrom: 2))
        #expect(r.wouldUseASCIICode(from: 11, asciiFrom: 2))
    }

    /// Non-ASCII bytes are found in the folded text: typographic quotes and dashes folded to
    /// ASCII do not count, accents, emoji and other dashes do; CRLF is ASCII.
    @Test func asciiStartSkipsFoldedCharactersAndCountsTheRest() {
        let plain = Document(path: "p", string: "Plain text.\r\nMore.")
        #expect(plain.asciiStart(before: plain.text.count) == 0)
        let folded = Document(path: "f", string: "Don’t say “never” here.")
        #expect(folded.text.allSatisfy { $0 < 0x80 })
        #expect(folded.asciiStart(before: folded.text.count) == 0)
        let mixed = Document(path: "m", string: "Café 😀 — ok\r\nend")
        let t = mixed.text
        // "Caf" 3, "é" 2 bytes (3, 4), space, emoji 4 bytes (6...9), space, em dash 3 bytes (11...13).
        #expect(mixed.asciiStart(before: 3) == 0)
        #expect(mixed.asciiStart(before: 4) == 4)
        #expect(mixed.asciiStart(before: 6) == 5)
        #expect(mixed.asciiStart(before: 10) == 10)
        #expect(mixed.asciiStart(before: t.count) == 14)
        // An area searched as a text of its own counts from its own start.
        mixed.text.withUnsafeBufferPointer { text in
            let subject = mixed.subject(text)
            #expect(subject.whole.range == 0..<text.count)
            for lower in 0...text.count {
                for upper in lower...text.count {
                    let area = subject.area(lower..<upper)
                    #expect(area.bytes.count == upper - lower)
                    #expect(area.asciiStart(before: upper - lower) == max(0, mixed.asciiStart(before: upper) - lower), "\(lower)..<\(upper)")
                }
            }
        }
        #expect(t[14...].allSatisfy { $0 < 0x80 } && t[13] >= 0x80)
    }
}
