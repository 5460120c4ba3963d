import Foundation

/// A place in a file, for people and editors.
public struct Position: Equatable, Sendable {
    /// 1-based line.
    public let line: Int
    /// 1-based column in Unicode scalars.
    public let column: Int
    /// 1-based column in UTF-16 code units (what LSP and most editors count).
    public let utf16Column: Int
}

public enum DocumentError: Error, Equatable, Sendable {
    case invalidUTF8(offset: Int)

    public var message: String {
        switch self {
        case .invalidUTF8(let offset): return "not valid UTF-8 (first bad byte at offset \(offset))"
        }
    }
}

/// A statement, read as bytes, with the structure rules need: a folded view for matching,
/// lines, paragraphs, sentences and quoted spans.
///
/// Two coordinate systems: *original* byte offsets into the file as written (what findings
/// and fixes report) and *text* offsets into `text`, the folded bytes rules match against.
public final class Document: @unchecked Sendable {
    public let path: String
    /// The file exactly as read.
    public let original: [UInt8]
    /// 3 when the file starts with a UTF-8 byte-order mark, else 0.
    public let bomLength: Int
    /// Folded bytes rules match against.
    public var text: [UInt8] { normalized.bytes }
    let normalized: NormalizedText
    /// Original offsets where lines start. A line ends at LF, CRLF or a CR alone.
    let lineStarts: [Int]
    /// For files with a line longer than `markStride` bytes: at each multiple of `markStride`,
    /// the columns (scalars, UTF-16 units) from its line's start, so a position on a long line
    /// is counted from the mark before it, not from the line's start. Empty otherwise.
    private let columnMarks: [(scalars: Int, utf16: Int)]
    static let markStride = 4_096
    /// Paragraphs and sentences as text ranges, in order.
    public let paragraphs: [Range<Int>]
    public let sentences: [Range<Int>]
    /// For each sentence, the index of its paragraph.
    public let sentenceParagraph: [Int]
    /// Quoted spans as text ranges, sorted by start.
    public let quotes: [Range<Int>]
    /// Inline suppression directives, in order. Their lines are blanked in `text`.
    public let suppressions: [SuppressionDirective]
    /// Words and syllables per sentence, for the metrics (counted on first use; a document
    /// is checked by one thread at a time).
    private(set) lazy var sentenceStatistics: [SentenceStatistics] = TextStatistics.measure(self)

    public init(path: String, bytes: [UInt8]) throws(DocumentError) {
        self.path = path
        original = bytes
        if let bad = bytes.withUnsafeBufferPointer({ firstInvalidUTF8Offset($0) }) {
            throw .invalidUTF8(offset: bad)
        }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        bomLength = bom
        var matchBytes = bytes
        suppressions = SuppressionScanner.scan(bytes, blanking: &matchBytes)
        let folded = matchBytes.withUnsafeBufferPointer { NormalizedText(original: $0, from: bom) }
        normalized = folded

        let (starts, longestLine) = bytes.withUnsafeBufferPointer { Document.lineStarts($0) }
        lineStarts = starts
        columnMarks = longestLine > Document.markStride ? Document.columnMarks(bytes, lineStarts: starts, bom: bom) : []

        var paras: [Range<Int>] = []
        var sents: [Range<Int>] = []
        var owner: [Int] = []
        var quoted: [Range<Int>] = []
        folded.bytes.withUnsafeBufferPointer { t in
            paras = SentenceSplitter.paragraphs(t)
            for (p, para) in paras.enumerated() {
                let before = sents.count
                SentenceSplitter.sentences(t, in: para, into: &sents)
                owner.append(contentsOf: repeatElement(p, count: sents.count - before))
            }
            quoted = QuoteScanner.spans(t, paragraphs: paras)
        }
        paragraphs = paras
        sentences = sents
        sentenceParagraph = owner
        quotes = quoted
    }

    public convenience init(path: String, string: String) {
        // A Swift String is valid UTF-8, so this cannot fail.
        try! self.init(path: path, bytes: Array(string.utf8))
    }

    /// The smallest text offset from which `text` is all ASCII up to `end` (exclusive): one
    /// past the last non-ASCII byte before `end`, or 0. Searches over ASCII text may use a
    /// pattern's faster ASCII code (see `Regex.asciiEquivalent`).
    public func asciiStart(before end: Int) -> Int { Subject.asciiStart(normalized.nonASCII, before: end) }

    /// The text as searches see it (`text` must be this document's `text`).
    package func subject(_ text: UnsafeBufferPointer<UInt8>) -> Subject { Subject(bytes: text, nonASCII: normalized.nonASCII) }

    // MARK: Coordinates

    /// The original bytes that produced text range `range`.
    public func originalRange(_ range: Range<Int>) -> Range<Int> { normalized.originalRange(range) }

    /// Where lines start in `bytes`, splitting at LF, CRLF and a CR alone, and the longest
    /// line's length in bytes.
    static func lineStarts(_ b: UnsafeBufferPointer<UInt8>) -> ([Int], Int) {
        var starts = [0]
        guard let base = b.baseAddress else { return (starts, 0) }
        var longest = 0
        if memchr(base, 0x0D, b.count) == nil {
            // Line feeds only (nearly every file), found with the C library's `memchr`.
            var at = 0
            while at < b.count, let found = memchr(base + at, 0x0A, b.count - at) {
                let next = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                longest = max(longest, next - at)
                at = next
                starts.append(at)
            }
            return (starts, max(longest, b.count - at))
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A || c == 0x0D {
                if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                longest = max(longest, i + 1 - starts[starts.count - 1])
                starts.append(i + 1)
            }
            i += 1
        }
        return (starts, max(longest, b.count - starts[starts.count - 1]))
    }

    /// The column marks (see `columnMarks`): one pass over the file.
    static func columnMarks(_ bytes: [UInt8], lineStarts: [Int], bom: Int) -> [(scalars: Int, utf16: Int)] {
        var marks: [(scalars: Int, utf16: Int)] = []
        marks.reserveCapacity(bytes.count / markStride + 1)
        var line = 0
        var counted = (scalars: 0, utf16: 0)
        var at = bom
        var mark = 0
        while mark <= bytes.count {
            // Line holding `mark`, and the columns from its start to `mark`.
            while line + 1 < lineStarts.count && lineStarts[line + 1] <= mark { line += 1 }
            let lineStart = line == 0 ? bom : lineStarts[line]
            if lineStart > at { at = lineStart; counted = (0, 0) }
            let more = Document.columns(bytes, from: at, to: max(at, mark))
            counted = (counted.scalars + more.0, counted.utf16 + more.1)
            at = max(at, mark)
            marks.append(counted)
            mark += markStride
        }
        return marks
    }

    /// Line and columns of an original byte offset.
    public func position(ofOriginal offset: Int) -> Position {
        let lo = line(ofOriginal: offset)
        let lineStart = lo == 0 ? bomLength : lineStarts[lo]
        let (column, utf16) = columnsFromLineStart(lineStart, to: offset)
        return Position(line: lo + 1, column: 1 + column, utf16Column: 1 + utf16)
    }

    /// The 0-based line holding original offset `offset`.
    func line(ofOriginal offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Columns from `lineStart` to `offset` on one line: from the column mark before
    /// `offset` when the line is long, so the work is bounded whatever the line's length.
    private func columnsFromLineStart(_ lineStart: Int, to offset: Int) -> (Int, Int) {
        if !columnMarks.isEmpty, offset - lineStart > Document.markStride {
            let k = min(offset, original.count) / Document.markStride
            let mark = k * Document.markStride
            if mark > lineStart && k < columnMarks.count {
                let (c, u) = columns(from: mark, to: offset)
                return (columnMarks[k].scalars + c, columnMarks[k].utf16 + u)
            }
        }
        return columns(from: lineStart, to: offset)
    }

    /// The positions of both ends of an original range; the end's columns are counted on
    /// from the start's when both lie on one line.
    public func positions(ofOriginal range: Range<Int>) -> (start: Position, end: Position) {
        let start = position(ofOriginal: range.lowerBound)
        let line = start.line
        let nextLine = line < lineStarts.count ? lineStarts[line] : Int.max
        let lineStart = line == 1 ? bomLength : lineStarts[line - 1]
        guard range.upperBound < nextLine, range.lowerBound >= lineStart,
              range.count <= Document.markStride || columnMarks.isEmpty else { return (start, position(ofOriginal: range.upperBound)) }
        let (column, utf16) = columns(from: range.lowerBound, to: range.upperBound)
        return (start, Position(line: line, column: start.column + column, utf16Column: start.utf16Column + utf16))
    }

    /// Unicode scalars and UTF-16 code units in `original[from..<to]` (clamped to the file).
    private func columns(from: Int, to: Int) -> (Int, Int) { Document.columns(original, from: from, to: to) }

    static func columns(_ original: [UInt8], from: Int, to: Int) -> (Int, Int) {
        original.withUnsafeBufferPointer { o in
            let end = min(to, o.count)
            var column = 0, utf16 = 0
            var i = from
            // Eight ASCII bytes at a time: this runs for both ends of every finding.
            while i + 8 <= end, o.baseAddress.map({ UnsafeRawPointer($0 + i).loadUnaligned(as: UInt64.self) })! & 0x8080_8080_8080_8080 == 0 {
                column += 8; utf16 += 8; i += 8
            }
            while i < end {
                let b = o[i]
                if b & 0xC0 != 0x80 {
                    column += 1
                    utf16 += b >= 0xF0 ? 2 : 1
                }
                i += 1
            }
            return (column, utf16)
        }
    }

    /// The original bytes of line `line` (1-based) without its line ending.
    public func lineRange(_ line: Int) -> Range<Int> {
        let s = line == 1 ? bomLength : lineStarts[line - 1]
        var e = line < lineStarts.count ? lineStarts[line] : original.count
        if e > s && original[e - 1] == 0x0A { e -= 1 }
        if e > s && original[e - 1] == 0x0D { e -= 1 }
        return s..<max(s, e)
    }

    /// The original line `line` (1-based) without its line ending, for showing a finding.
    public func lineText(_ line: Int) -> String {
        String(decoding: original[lineRange(line)], as: UTF8.self)
    }

    public var lineCount: Int { lineStarts.count }

    /// Original text of an original byte range.
    public func originalString(_ range: Range<Int>) -> String {
        String(decoding: original[range], as: UTF8.self)
    }

    /// Folded text of a text range.
    public func textString(_ range: Range<Int>) -> String {
        String(decoding: normalized.bytes[range], as: UTF8.self)
    }

    /// Original ranges where `term` occurs (case-insensitive, ASCII folding, on word edges).
    public func originalRanges(ofCaseInsensitive term: String) -> [Range<Int>] {
        let needle = Array(term.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        let hay = text
        var out: [Range<Int>] = []
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func isWord(_ b: UInt8) -> Bool { SentenceSplitter.isLetter(b) || SentenceSplitter.isDigit(b) }
        while i + needle.count <= hay.count {
            var k = 0
            while k < needle.count && lower(hay[i + k]) == needle[k] { k += 1 }
            if k == needle.count && (i == 0 || !isWord(hay[i - 1]) || !isWord(needle[0]))
                && (i + k == hay.count || !isWord(hay[i + k]) || !isWord(needle[k - 1])) {
                out.append(originalRange(i..<(i + k)))
                i += k
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: Structure

    /// Index of the sentence holding text offset `offset`, or of the last sentence before it.
    public func sentenceIndex(at offset: Int) -> Int? { Self.unit(holding: offset, in: sentences) }

    /// Index of the paragraph holding text offset `offset`, or of the last paragraph before it.
    public func paragraphIndex(at offset: Int) -> Int? { Self.unit(holding: offset, in: paragraphs) }

    /// The last of `units` (ascending, not overlapping) starting at or before `offset`; the
    /// first when `offset` comes before them all; nil when there are none.
    static func unit(holding offset: Int, in units: [Range<Int>]) -> Int? {
        guard !units.isEmpty else { return nil }
        var lo = 0, hi = units.count - 1
        if units[0].lowerBound > offset { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if units[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Sentences longer than this many characters (Unicode scalars) are given with a finding
    /// only around its match (`sentenceText`): output stays proportionate to the file.
    public static let longSentence = 1_000
    /// Characters kept on each side of the match in a long sentence.
    public static let sentenceContext = 200

    /// Sentence texts already made, by sentence index: findings in one sentence share one
    /// String. (A document is checked by one thread at a time.)
    private var sentenceTexts: [Int: String] = [:]
    /// Long sentences' original ranges, by sentence index.
    private var longSentences: [Int: Range<Int>] = [:]

    /// The original text of sentence `index`, for a finding at original range `match`: the
    /// whole sentence, or, when it is longer than `longSentence` characters, up to
    /// `sentenceContext` characters either side of the match, with "…" where it is cut.
    public func sentenceText(_ index: Int, around match: Range<Int>) -> String {
        if let known = sentenceTexts[index] { return known }
        let whole: Range<Int>
        if let long = longSentences[index] { whole = long } else {
            whole = originalRange(sentences[index])
            let long = whole.count > Document.longSentence
                && original.withUnsafeBufferPointer { o in Document.scalarCount(o, whole) > Document.longSentence }
            if !long {
                let text = originalString(whole)
                sentenceTexts[index] = text
                return text
            }
            longSentences[index] = whole
        }
        return original.withUnsafeBufferPointer { o -> String in
            let start = min(max(match.lowerBound, whole.lowerBound), whole.upperBound)
            let end = min(max(match.upperBound, start), whole.upperBound)
            var from = start, to = end
            var n = 0
            while from > whole.lowerBound && n < Document.sentenceContext {
                from -= 1
                while from > whole.lowerBound && o[from] & 0xC0 == 0x80 { from -= 1 }
                n += 1
            }
            n = 0
            while to < whole.upperBound && n < Document.sentenceContext {
                to += 1
                while to < whole.upperBound && o[to] & 0xC0 == 0x80 { to += 1 }
                n += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: o[from..<to]), as: UTF8.self)
            return (from > whole.lowerBound ? "…" : "") + text + (to < whole.upperBound ? "…" : "")
        }
    }

    /// Unicode scalars in `o[range]`.
    static func scalarCount(_ o: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        for i in range where o[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Whether text offset `offset` lies inside quoted speech.
    public func isQuoted(_ offset: Int) -> Bool {
        // Spans can nest (single quotes inside double), so scan the few that start before.
        var lo = 0, hi = quotes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if quotes[mid].lowerBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        while k >= 0 {
            if quotes[k].contains(offset) { return true }
            if lo - k > 4 { break }
            k -= 1
        }
        return false
    }
}
