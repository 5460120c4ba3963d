import Foundation
import Testing
@testable import StatementLintCore

@Suite struct RegexTests {
    func ranges(_ pattern: String, _ text: String, caseless: Bool = false) throws -> [Range<Int>] {
        let regex = try Regex(pattern, caseless: caseless)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try regex.matches(in: $0, scratch: MatchScratch()) }
    }

    @Test func byteOffsetsWithAccentsAndEmoji() throws {
        // "Le " = 3 bytes, "café" = 5 bytes (é is 2), " 😀 " = 6 bytes.
        #expect(try ranges("café", "Le café 😀 café") == [3..<8, 14..<19])
    }

    @Test func unicodeWordsAndCaseFolding() throws {
        #expect(try ranges(#"\w+"#, "Núñez") == [0..<7])
        #expect(try ranges("étienne", "ÉTIENNE Boudreaux", caseless: true) == [0..<8])
        #expect(try ranges(#"\bofficer\b"#, "officers officer") == [9..<16])
    }

    @Test func emptyMatchesAdvance() throws {
        #expect(try ranges("x*", "axb") == [0..<0, 1..<2, 2..<2, 3..<3])
        // An empty match must step over a whole 4-byte character, never into it.
        #expect(try ranges("x*", "😀") == [0..<0, 4..<4])
        #expect(try ranges("(?=a)|a", "aa") == [0..<0, 0..<1, 1..<1, 1..<2])
    }

    @Test func serializedPatternsDecodeAndBadOnesFallBackToCompiling() throws {
        let source = try Regex(#"\b(?<who>officer|deputy)\s+(fired)\b"#, caseless: true)
        let blob = try #require(source.serializedForm())
        let text = Array("Then the Deputy  fired twice.".utf8)
        func groups(_ r: Regex) throws -> [Range<Int>?] {
            var out: [Range<Int>?] = []
            try text.withUnsafeBufferPointer { try r.forEachMatch(in: $0, scratch: MatchScratch()) { out = $0.groups; return false } }
            return out
        }
        let expected: [Range<Int>?] = [9..<22, 9..<15, 17..<22]
        #expect(try groups(source) == expected)
        // A pack stores the start its patterns share once; the rest is per pattern.
        let other = try #require(try Regex("officer", caseless: false).serializedForm())
        let shared = SerializedCode.sharedPrefix([blob, other])
        #expect(shared.count >= 1_100 && shared.count < blob.count)
        #expect(Array(blob[..<shared.count]) == Array(other[..<shared.count]))
        let prefix = SerializedPrefix(base64: Data(shared).base64EncodedString())
        let rest = Data(blob.dropFirst(shared.count)).base64EncodedString()
        #expect(SerializedCode.isWhole(blob) && SerializedCode.isWhole(other))
        #expect(try #require(SerializedCode(prefix: prefix, rest: rest).bytes()) == blob)
        // A block whose stated size is not the data's is never handed to PCRE2, which would
        // copy past the end: too short, one byte more, or the size field changed.
        #expect(!SerializedCode.isWhole(Array(blob.dropLast())) && !SerializedCode.isWhole(blob + [0]))
        var resized = blob
        resized[16 + 1_088 + 72 + 2] ^= 0x40
        #expect(!SerializedCode.isWhole(resized))
        let bad = SerializedPrefix(base64: "%%%")
        let forms = [SerializedCode(prefix: prefix, rest: rest), SerializedCode(prefix: prefix, rest: "bm90IGEgcGF0dGVybg=="),
                     SerializedCode(prefix: prefix, rest: "%%%"), SerializedCode(prefix: bad, rest: rest),
                     SerializedCode(prefix: prefix, rest: Data(resized.dropFirst(shared.count)).base64EncodedString())]
        for serialized in forms {
            let lazy = Regex(validated: source.pattern, caseless: true, captureCount: 2, groupNames: ["who": 1], serialized: serialized)
            #expect(try groups(lazy) == expected)
        }
        #expect(SerializedCode.sharedPrefix([]) == [])
        #expect(SerializedCode.sharedPrefix([[1, 2, 3], [1, 2, 4], [1, 5]]) == [1])
    }

    @Test func base64DecodingMatchesFoundationAndRejectsMalformedText() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Regex.base64Decode(Data(bytes).base64EncodedString()) == bytes)
        }
        #expect(Regex.base64Decode("b2ZmaWNlcg==") == Array("officer".utf8))
        for bad in ["b2ZmaWNlcg=", "b2Zm=WNl", "b2ZmaWNl=g==", "b2ZmaWNlc===", "b2Zm aWNl", "b2ZmaWNlcg-_"] {
            #expect(Regex.base64Decode(bad) == nil, "\(bad)")
        }
    }

    @Test func compileErrorCarriesOffsetAndMessage() {
        #expect(throws: RegexCompileError(offset: 4, message: "missing closing parenthesis")) { try Regex("(abc") }
        #expect(throws: RegexCompileError(offset: 2, message: "quantifier does not follow a repeatable item")) { try Regex("a**") }
    }

    @Test func namedGroups() throws {
        let regex = try Regex(#"(?<who>officer|deputy) (\w+)"#)
        #expect(regex.groupNames == ["who": 1])
        #expect(regex.captureCount == 2)
        let text = Array("the deputy fired".utf8)
        var groups: [Range<Int>?] = []
        try text.withUnsafeBufferPointer { buf in
            try regex.forEachMatch(in: buf, scratch: MatchScratch()) { groups = $0.groups; return false }
        }
        #expect(groups == [4..<16, 4..<10, 11..<16])
    }

    @Test func matchLimitStopsARunawayPattern() throws {
        let regex = try Regex(#"(a+)+$"#)
        let hostile = Array((String(repeating: "a", count: 40) + "b").utf8)
        #expect {
            try hostile.withUnsafeBufferPointer { _ = try regex.matches(in: $0, scratch: MatchScratch(matchLimit: 100_000)) }
        } throws: { error in
            (error as? RegexMatchError)?.isLimit == true
        }
    }

    @Test func rangeLimitsTheSearchButNotLookBehind() throws {
        let regex = try Regex(#"\bfired\b"#)
        let text = Array("they fired; we fired".utf8)
        let found = try text.withUnsafeBufferPointer { try regex.matches(in: $0, range: 6..<20, scratch: MatchScratch()) }
        #expect(found == [15..<20])
    }
}
