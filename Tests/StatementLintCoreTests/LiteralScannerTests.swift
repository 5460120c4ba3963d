import Foundation
import Testing
@testable import StatementLintCore

/// The Aho–Corasick scanner that finds every required literal in one pass (see `LiteralScanner`).
@Suite struct LiteralScannerTests {
    @Test func scannerFindsOverlappingLiterals() {
        let scanner = LiteralScanner(["he", "she", "his", "hers"].map { Array($0.utf8) })
        var found: [String] = []
        Array("USHERS".utf8).withUnsafeBufferPointer { text in
            scanner.forEachOccurrence(text) { id, end in found.append("\(["he", "she", "his", "hers"][Int(id)])@\(end)") }
        }
        // Every occurrence, in order of where it ends (case-insensitive).
        #expect(found == ["she@4", "he@4", "hers@6"])
    }

    /// Thousands of literals make an automaton with many more states than get dense rows, so
    /// the sparse rows and failure links are exercised; every occurrence must still be found.
    @Test(.tags(.sweep)) func largeAutomatonFindsExactlyWhatANaiveSearchFinds() throws {
        let text = Array(try String(contentsOf: packageRootURL.appendingPathComponent("Samples/officer-shooting-flawed.txt"), encoding: .utf8).utf8)
        let lower = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        // Every 3- to 10-byte piece starting at every 7th position, plus pieces that never occur.
        var set = Set<[UInt8]>()
        var i = 0
        while i + 10 < lower.count { for n in 3...10 { set.insert(Array(lower[i..<(i + n)])) }; i += 7 }
        for n in 0..<300 { set.insert(Array("zq\(n)xj".utf8)) }
        let literals = set.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(literals.count > 2000) // several thousand states: most are deep
        let scanner = LiteralScanner(literals)
        // The automaton is built from every literal; the naive search (slow) checks a sample
        // of them (all in a full sweep), and the scan's findings are compared for those.
        let checked = Set(Sweep.sample(Array(literals.indices), fraction: 0.25))
        var found = Set<[Int]>()
        text.withUnsafeBufferPointer { t in scanner.forEachOccurrence(t) { id, end in if checked.contains(Int(id)) { found.insert([Int(id), end]) } } }
        // A literal is scanned as its first 8 bytes.
        var expected = Set<[Int]>()
        for (id, lit) in literals.enumerated() where checked.contains(id) {
            let cut = Array(lit.prefix(8))
            var at = 0
            while at + cut.count <= lower.count {
                if Array(lower[at..<(at + cut.count)]) == cut { expected.insert([id, at + cut.count]) }
                at += 1
            }
        }
        #expect(found == expected)
        // The same literals, each required to start a word: only occurrences at a word start.
        let starting = LiteralScanner(literals.map { [LiteralExtractor.wordStart] + $0 })
        found = []
        text.withUnsafeBufferPointer { t in starting.forEachOccurrence(t) { id, end in if checked.contains(Int(id)) { found.insert([Int(id), end]) } } }
        expected = expected.filter { pair in
            let begin = pair[1] - min(8, literals[pair[0]].count)
            // A literal that does not begin with a word character keeps no mark.
            guard LiteralExtractor.isASCIIWord(literals[pair[0]][0]) else { return true }
            return begin == 0 || !LiteralExtractor.isASCIIWord(lower[begin - 1])
        }
        #expect(expected.count > Sweep.scaled(1000, fraction: 0.25))
        #expect(found == expected)
    }

    /// The built-in pack's scanner is built at build time and read back at start-up: read
    /// back, it finds exactly what the original finds, and damaged forms are refused whole.
    @Test func serializedScannerReadsBackExactlyAndRefusesDamage() throws {
        let text = Array(try String(contentsOf: packageRootURL.appendingPathComponent("Samples/officer-shooting-flawed.txt"), encoding: .utf8).utf8)
        var set = Set<[UInt8]>()
        var i = 0
        while i + 9 < text.count { for n in 2...9 { set.insert(text[i..<(i + n)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }; i += 5 }
        let literals = set.sorted { $0.lexicographicallyPrecedes($1) }
        let original = LiteralScanner(literals)
        let form = original.serialized()
        let copy = try #require(LiteralScanner(serialized: form))
        #expect(copy.serialized() == form)
        func occurrences(_ s: LiteralScanner) -> [[Int]] {
            var out: [[Int]] = []
            text.withUnsafeBufferPointer { t in s.forEachOccurrence(t) { id, end in out.append([Int(id), end]) } }
            return out
        }
        let found = occurrences(original)
        #expect(found.count > 1000)
        #expect(occurrences(copy) == found)
        // Cut short anywhere, or any one count, state or class pushed out of range: nil, no crash.
        for cut in stride(from: 0, to: form.count, by: max(1, form.count / 97)) { #expect(LiteralScanner(serialized: Array(form[..<cut])) == nil) }
        #expect(LiteralScanner(serialized: form + [0]) == nil)
        var refused = 0
        for at in stride(from: 0, to: form.count, by: max(1, form.count / 211)) {
            var bad = form
            bad[at] = 0xFF
            if bad != form, let s = LiteralScanner(serialized: bad) {
                // Accepted only if the change keeps every index in range; it must still run.
                _ = occurrences(s)
            } else { refused += 1 }
        }
        #expect(refused > 50)
    }

    /// Which gate rows each literal marks is made at build time for the built-in pack too,
    /// and read back whole; damaged forms are refused, never trusted.
    @Test func serializedGateRowsReadBackExactlyAndRefuseDamage() throws {
        let pack = try #require(embeddedRules.flatMap(\.allPatterns).first { $0.packed != nil }?.packed?.pack)
        let rows = try #require(pack.literalSlots)
        let form = rows.serialized()
        #expect(LiteralSlots(serialized: form, literalCount: pack.literalCount) == rows)
        #expect(LiteralSlots(serialized: form, literalCount: pack.literalCount + 1) == nil)
        #expect(LiteralSlots(serialized: form + [0], literalCount: pack.literalCount) == nil)
        for cut in stride(from: 0, to: form.count, by: max(1, form.count / 97)) {
            #expect(LiteralSlots(serialized: Array(form[..<cut]), literalCount: pack.literalCount) == nil)
        }
        // Any one count, offset or row pushed out of range: refused. (A change that keeps
        // every index in range is read as it is.)
        var refused = 0, tried = 0
        for at in stride(from: 0, to: form.count, by: max(1, form.count / 211)) {
            var bad = form
            bad[at] = 0xFF
            guard bad != form else { continue }
            tried += 1
            if let read = LiteralSlots(serialized: bad, literalCount: pack.literalCount) {
                #expect(read.serialized() == bad)
            } else {
                refused += 1
            }
        }
        #expect(tried > 100 && refused * 2 > tried, "\(refused) of \(tried) refused")
        // A linter over the pack, or any part of it, uses the rows made at build time.
        #expect(Linter(rules: embeddedRules).literalSlots == rows)
        #expect(Linter(rules: embeddedRules.filter { $0.category != .facts }).literalSlots == rows)
    }
}
