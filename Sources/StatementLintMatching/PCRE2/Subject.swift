/// The text a document's searches run over, made once per document: its bytes, and the
/// offsets of its non-ASCII bytes, from which a search learns whether everything it can read
/// is ASCII (it may then use the pattern's ASCII code; see `Regex.asciiEquivalent`).
public struct Subject {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Ascending offsets, in the whole text, of its non-ASCII bytes.
    private let nonASCII: [Int32]
    /// Where `bytes` begins in the whole text (not 0 for an area searched as a text of its own).
    private let base: Int

    /// `nonASCII`: the ascending offsets of every non-ASCII byte in `bytes`.
    public init(bytes: UnsafeBufferPointer<UInt8>, nonASCII: [Int32]) {
        self.bytes = bytes
        self.nonASCII = nonASCII
        base = 0
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, nonASCII: [Int32], base: Int) {
        self.bytes = bytes
        self.nonASCII = nonASCII
        self.base = base
    }

    /// The smallest offset from which `bytes` is all ASCII up to `end` (exclusive): one past
    /// the last non-ASCII byte before `end`, or 0.
    public func asciiStart(before end: Int) -> Int {
        Swift.max(0, Subject.asciiStart(nonASCII, before: end + base) - base)
    }

    /// One past the last of the ascending offsets `nonASCII` before `end`, or 0.
    package static func asciiStart(_ nonASCII: [Int32], before end: Int) -> Int {
        // The number of non-ASCII bytes before `end`.
        var lo = 0, hi = nonASCII.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(nonASCII[mid]) < end { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : Int(nonASCII[lo - 1]) + 1
    }

    /// `range` as a text of its own: `^` and `$` mark its ends, and nothing before it is seen.
    public func area(_ range: Range<Int>) -> Subject {
        Subject(bytes: UnsafeBufferPointer(rebasing: bytes[range]), nonASCII: nonASCII, base: base + range.lowerBound)
    }

    /// A stretch to search, with where the text is ASCII up to its end worked out once.
    public func span(_ range: Range<Int>) -> Span { Span(range: range, asciiFrom: asciiStart(before: range.upperBound)) }

    /// All of it.
    public var whole: Span { span(0..<bytes.count) }
}

/// A stretch of a `Subject` to search. Text before it stays visible to look-behind and `\b`.
public struct Span {
    public let range: Range<Int>
    /// From here to the end of `range`, the subject is all ASCII.
    @usableFromInline let asciiFrom: Int

    @usableFromInline init(range: Range<Int>, asciiFrom: Int) {
        self.range = range
        self.asciiFrom = asciiFrom
    }

    /// The same stretch from `start` on (where ASCII begins depends only on the end).
    @inlinable public func from(_ start: Int) -> Span { Span(range: start..<range.upperBound, asciiFrom: asciiFrom) }
}

extension Regex {
    /// `forEachMatch(in:range:scratch:asciiFrom:_:)` over `span` of `subject`.
    @inlinable
    public func forEachMatch(in subject: Subject, _ span: Span, scratch: MatchScratch, _ body: (Match) -> Bool) throws(RegexMatchError) {
        try forEachMatch(in: subject.bytes, range: span.range, scratch: scratch, asciiFrom: span.asciiFrom, body)
    }

    /// The first match in `span` of `subject`.
    @inlinable
    public func firstMatch(in subject: Subject, _ span: Span, scratch: MatchScratch) throws(RegexMatchError) -> Range<Int>? {
        try firstMatch(in: subject.bytes, range: span.range, scratch: scratch, asciiFrom: span.asciiFrom)
    }
}
