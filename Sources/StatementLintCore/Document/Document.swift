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
    /// Original offsets where lines start.
    let lineStarts: [Int]
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

        var starts = [0]
        // Line feeds found with the C library's `memchr`, not one byte at a time.
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var at = 0
            while at < b.count, let found = memchr(base + at, 0x0A, b.count - at) {
                at = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                starts.append(at)
            }
        }
        lineStarts = starts

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

    /// Line and columns of an original byte offset.
    public func position(ofOriginal offset: Int) -> Position {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = lo == 0 ? bomLength : lineStarts[lo]
        let (column, utf16) = columns(from: lineStart, to: offset)
        return Position(line: lo + 1, column: 1 + column, utf16Column: 1 + utf16)
    }

    /// The positions of both ends of an original range; the end's columns are counted on
    /// from the start's when both lie on one line.
    public func positions(ofOriginal range: Range<Int>) -> (start: Position, end: Position) {
        let start = position(ofOriginal: range.lowerBound)
        let line = start.line
        let nextLine = line < lineStarts.count ? lineStarts[line] : Int.max
        let lineStart = line == 1 ? bomLength : lineStarts[line - 1]
        guard range.upperBound < nextLine, range.lowerBound >= lineStart else { return (start, position(ofOriginal: range.upperBound)) }
        let (column, utf16) = columns(from: range.lowerBound, to: range.upperBound)
        return (start, Position(line: line, column: start.column + column, utf16Column: start.utf16Column + utf16))
    }

    /// Unicode scalars and UTF-16 code units in `original[from..<to]` (clamped to the file).
    private func columns(from: Int, to: Int) -> (Int, Int) {
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

    /// The original line `line` (1-based) without its line ending, for showing a finding.
    public func lineText(_ line: Int) -> String {
        let s = line == 1 ? bomLength : lineStarts[line - 1]
        var e = line < lineStarts.count ? lineStarts[line] - 1 : original.count
        if e > s && original[e - 1] == 0x0D { e -= 1 }
        return String(decoding: original[s..<max(s, e)], as: UTF8.self)
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
    public func sentenceIndex(at offset: Int) -> Int? {
        guard !sentences.isEmpty else { return nil }
        var lo = 0, hi = sentences.count - 1
        if sentences[0].lowerBound > offset { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func paragraphIndex(at offset: Int) -> Int? {
        guard !paragraphs.isEmpty else { return nil }
        var lo = 0, hi = paragraphs.count - 1
        if paragraphs[0].lowerBound > offset { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if paragraphs[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
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
