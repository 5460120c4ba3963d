import Foundation

/// The text rules match against: look-alike characters folded to their plain ASCII forms,
/// invisible characters removed, and a map back to the original bytes for every byte kept.
///
/// Folding is what lets `officer-involved` match `officer‑involved` (non-breaking hyphen) and
/// `don't` match `don’t`, while every reported position still points into the file as written.
struct NormalizedText {
    /// Normalised UTF-8 bytes (always valid UTF-8).
    let bytes: [UInt8]
    /// For each normalised byte, where its source starts in the original; nil when the text
    /// needed no folding and normalised offset + `shift` is the original offset.
    let starts: [Int32]?
    /// For each normalised byte, where its source ends in the original.
    let ends: [Int32]?
    let shift: Int
    let originalCount: Int
    /// Offsets in `bytes` of the bytes that are not ASCII, ascending.
    let nonASCII: [Int32]

    /// The original byte range that produced `range` of the normalised text.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard let starts, let ends else { return (range.lowerBound + shift)..<(range.upperBound + shift) }
        let s = range.lowerBound < bytes.count ? Int(starts[range.lowerBound]) : originalCount
        if range.isEmpty { return s..<s }
        return s..<Int(ends[range.upperBound - 1])
    }

    /// Folds `original[from...]`; `from` skips a byte-order mark.
    init(original: UnsafeBufferPointer<UInt8>, from: Int) {
        originalCount = original.count
        shift = from
        // Fast path: plain ASCII needs no folding at all.
        var i = from
        var needsFolding = false
        while i < original.count {
            if original[i] >= 0x80 { needsFolding = true; break }
            i += 1
        }
        if !needsFolding {
            var plain = Array(original[from...])
            Self.lineFeedsForLoneCarriageReturns(&plain)
            bytes = plain
            starts = nil
            ends = nil
            nonASCII = []
            return
        }
        // Folding never lengthens the text: the three arrays are filled in place, in one pass.
        let n = original.count
        var written = 0
        var kept: [Int32] = []
        var st = [Int32](repeating: 0, count: n - from)
        var en = [Int32](repeating: 0, count: n - from)
        let out = [UInt8](unsafeUninitializedCapacity: n - from) { out, count in
            st.withUnsafeMutableBufferPointer { st in
                en.withUnsafeMutableBufferPointer { en in
                    var o = 0
                    @inline(__always) func put(_ byte: UInt8, _ start: Int, _ end: Int) {
                        out[o] = byte; st[o] = Int32(truncatingIfNeeded: start); en[o] = Int32(truncatingIfNeeded: end); o &+= 1
                    }
                    var i = from
                    while i < n {
                        let b = original[i]
                        if b < 0x80 {
                            // A CR alone ends a line, as LF and CRLF do: the text rules and the
                            // sentence splitter see LF.
                            let lone = b == 0x0D && (i &+ 1 == n || original[i &+ 1] != 0x0A)
                            put(lone ? 0x0A : b, i, i &+ 1); i &+= 1; continue
                        }
                        let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                        let scalar: UInt32
                        switch len {
                        case 2: scalar = UInt32(b & 0x1F) << 6 | UInt32(original[i + 1] & 0x3F)
                        case 3: scalar = UInt32(b & 0x0F) << 12 | UInt32(original[i + 1] & 0x3F) << 6 | UInt32(original[i + 2] & 0x3F)
                        default: scalar = UInt32(b & 0x07) << 18 | UInt32(original[i + 1] & 0x3F) << 12 | UInt32(original[i + 2] & 0x3F) << 6 | UInt32(original[i + 3] & 0x3F)
                        }
                        // A dash between two letters joins a compound ("officer—involved"): read it as
                        // a hyphen. Spaced or at a word's edge it is punctuation and is kept.
                        if Self.isLetterJoiningDash(scalar), o > 0, Self.isASCIILetter(out[o &- 1]),
                           i &+ len < n, Self.isASCIILetter(original[i &+ len]) {
                            put(0x2D, i, i &+ len); i &+= len; continue
                        }
                        if let folded = Self.fold(scalar) {
                            if let f = folded { put(f, i, i + len) }
                        } else {
                            for k in 0..<len { kept.append(Int32(truncatingIfNeeded: o)); put(original[i + k], i + k, i + k + 1) }
                        }
                        i += len
                    }
                    written = o
                }
            }
            count = written
        }
        st.removeLast(st.count - written)
        en.removeLast(en.count - written)
        bytes = out
        starts = st
        ends = en
        nonASCII = kept
    }

    /// Replaces each CR not followed by LF with LF (old Mac line endings), byte for byte.
    static func lineFeedsForLoneCarriageReturns(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress, memchr(base, 0x0D, b.count) != nil else { return }
            for i in 0..<b.count where b[i] == 0x0D && (i + 1 == b.count || b[i + 1] != 0x0A) { b[i] = 0x0A }
        }
    }

    /// Em dash, horizontal bar, small em dash: a hyphen only between two letters.
    @inline(__always) static func isLetterJoiningDash(_ scalar: UInt32) -> Bool {
        scalar == 0x2014 || scalar == 0x2015 || scalar == 0xFE58
    }

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// `.some(byte)`: replace with that ASCII byte; `.some(nil)`: drop; `nil`: keep as is.
    static func fold(_ scalar: UInt32) -> UInt8?? {
        switch scalar {
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .some(0x20) // spaces
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D: return .some(0x2D) // hyphens, en dash, minus
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0xFF07: return .some(0x27) // single quotes, apostrophes
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xFF02: return .some(0x22) // double quotes
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return .some(nil) // soft hyphen, zero-width
        // Invisible characters that can hide inside a word: bidi marks, embeddings, overrides and
        // isolates (and the Arabic letter mark), the combining grapheme joiner, variation
        // selectors, the Mongolian vowel separator, invisible operators, Hangul fillers, Khmer
        // inherent vowels and tag characters.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x034F, 0xFE00...0xFE0F, 0x180E,
             0x2061...0x2064, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0xE0001, 0xE0020...0xE007F,
             0xE0100...0xE01EF:
            return .some(nil)
        // Fullwidth forms of ASCII punctuation, digits and letters ("Ｓｈｏｔｓ").
        case 0xFF01...0xFF5E: return .some(UInt8(scalar - 0xFEE0))
        // Case-fold partners of ASCII letters (long s, Kelvin sign): folding them keeps the
        // literal prefilter, which compares ASCII, exact.
        case 0x017F: return .some(0x73)
        case 0x212A: return .some(0x4B)
        default: return nil
        }
    }
}
