/// Which units (sentences, paragraphs) of one document can hold a match of each pattern.
///
/// A pattern matches within one unit of its rule's scope, and every match contains one of
/// the pattern's required literals, so a unit without any of them cannot hold a match. One
/// pass of the literal scanner over the document marks, for every literal, the units that
/// wholly contain one of its occurrences; then each literal that occurred adds its units to
/// the rows of the patterns (by their `slot`) that require it, and the engine runs each
/// pattern on the units of its row alone.
struct UnitGate {
    /// The most working space (64-bit words, 1 MB) a thread keeps between documents.
    static let keptMarks = 1 << 17
    /// 64-bit words per slot.
    let words: Int
    /// Slot-major bitmap: bit `u` of slot `p`'s row is set when unit `u` (in pattern `p`'s
    /// unit kind: sentence, paragraph, or 0 for the document) holds one of its literals.
    private(set) var bits: [UInt64]
    /// Which literals occur anywhere in the document (for areas wider than a sentence).
    private(set) var present: [Bool]

    init(doc: Document, text: UnsafeBufferPointer<UInt8>, scanner: LiteralScanner, literalSlots: LiteralSlots, scratch: MatchScratch) {
        let sentences = doc.sentences, paragraphs = doc.paragraphs
        words = max(1, (max(sentences.count, paragraphs.count) + 63) / 64)
        let words = self.words, literalCount = scanner.literalCount
        // Paragraph rows follow all literals' sentence rows in `marks`.
        let paragraphRows = literalCount &* words
        var present = [Bool](repeating: false, count: literalCount)
        // First each literal's own rows: the sentences (then, after all literals' sentence rows,
        // the paragraphs) that wholly contain one of its occurrences. A literal occurs several
        // times a sentence and is required by up to dozens of patterns, so the patterns' rows
        // are made from these once the scan is done (below), not at every occurrence. The
        // space comes from the scratch, which keeps it all zero between documents, so it is
        // neither allocated nor cleared whole for every document.
        var marks = scratch.gateMarks
        scratch.gateMarks = []
        if marks.count < 2 * literalCount * words { marks = [UInt64](repeating: 0, count: 2 * literalCount * words) }
        var sentence = 0, paragraph = 0
        // This runs for every literal occurrence in every file: raw buffers throughout.
        marks.withUnsafeMutableBufferPointer { marks in
        present.withUnsafeMutableBufferPointer { present in
        sentences.withUnsafeBufferPointer { sentences in
        paragraphs.withUnsafeBufferPointer { paragraphs in
        scanner.scannedLength.withUnsafeBufferPointer { scannedLength in
            scanner.forEachOccurrence(text) { literal, end in
                let l = Int(literal)
                let begin = end &- Int(scannedLength[l])
                // Units are sorted and `end` only grows, so the cursors only move forward.
                while sentence < sentences.count && sentences[sentence].upperBound < end { sentence &+= 1 }
                while paragraph < paragraphs.count && paragraphs[paragraph].upperBound < end { paragraph &+= 1 }
                if sentence < sentences.count && sentences[sentence].lowerBound <= begin {
                    marks[l &* words &+ sentence >> 6] |= UInt64(1) << UInt64(sentence & 63)
                }
                if paragraph < paragraphs.count && paragraphs[paragraph].lowerBound <= begin {
                    marks[paragraphRows &+ l &* words &+ paragraph >> 6] |= UInt64(1) << UInt64(paragraph & 63)
                }
                present[l] = true
            }
        }
        }
        }
        }
        }
        // Then each gated pattern's row: the units holding one of its literals, the union of
        // its literals' rows (sentence or paragraph rows by the pattern's unit); for a
        // document-unit pattern, whether any of them occurs at all. Made from the literals
        // that occur, whose rows are then cleared: the space goes back to the scratch all zero.
        var bits = [UInt64](repeating: 0, count: literalSlots.slotCount * words)
        bits.withUnsafeMutableBufferPointer { bits in
        marks.withUnsafeMutableBufferPointer { marks in
        present.withUnsafeBufferPointer { present in
            literalSlots.withBuffers { start, slots in
                for l in 0..<literalCount where present[l] {
                    let row = 3 &* l
                    for w in 0..<words {
                        let sentenceMarks = marks[l &* words &+ w], paragraphMarks = marks[paragraphRows &+ l &* words &+ w]
                        if sentenceMarks != 0 {
                            for j in Int(start[row])..<Int(start[row &+ 1]) { bits[Int(slots[j]) &* words &+ w] |= sentenceMarks }
                            marks[l &* words &+ w] = 0
                        }
                        if paragraphMarks != 0 {
                            for j in Int(start[row &+ 1])..<Int(start[row &+ 2]) { bits[Int(slots[j]) &* words &+ w] |= paragraphMarks }
                            marks[paragraphRows &+ l &* words &+ w] = 0
                        }
                    }
                    for j in Int(start[row &+ 2])..<Int(start[row &+ 3]) { bits[Int(slots[j]) &* words] |= 1 }
                }
            }
        }
        }
        }
        // Kept for the next document unless one very long statement made it large.
        if marks.count <= UnitGate.keptMarks { scratch.gateMarks = marks }
        // A unit can hold a match only if it holds a literal of every set the pattern requires.
        literalSlots.conjunctionPairs.withUnsafeBufferPointer { pairs in
            bits.withUnsafeMutableBufferPointer { bits in
                for k in stride(from: 0, to: pairs.count, by: 2) {
                    let row = Int(pairs[k]) &* words, o = Int(pairs[k &+ 1]) &* words
                    for w in 0..<words { bits[row &+ w] &= bits[o &+ w] }
                }
            }
        }
        self.bits = bits
        self.present = present
    }

    /// Whether unit `unit` holds one of the literals of the pattern in `slot`.
    func contains(slot: Int32, unit: Int) -> Bool {
        bits[Int(slot) * words + unit >> 6] & (UInt64(1) << UInt64(unit & 63)) != 0
    }

    /// Whether no unit holds a literal of the pattern in `slot`: the pattern cannot match.
    func isEmpty(slot: Int32) -> Bool {
        let base = Int(slot) * words
        for w in base..<(base + words) where bits[w] != 0 { return false }
        return true
    }

    /// Unit indices marked for `slot` that are below `limit`, ascending.
    func units(slot: Int32, below limit: Int) -> MarkedUnits {
        MarkedUnits(bits: bits, base: Int(slot) * words, words: words, limit: limit)
    }
}

/// Iterates the set bits of one slot's row without allocating.
struct MarkedUnits: Sequence, IteratorProtocol {
    let bits: [UInt64]
    let base: Int
    let words: Int
    let limit: Int
    var w = 0
    var current: UInt64 = 0
    var started = false

    init(bits: [UInt64], base: Int, words: Int, limit: Int) {
        self.bits = bits; self.base = base; self.words = words; self.limit = limit
    }

    mutating func next() -> Int? {
        if !started { started = true; current = words > 0 ? bits[base] : 0 }
        while current == 0 {
            w += 1
            guard w < words else { return nil }
            current = bits[base + w]
        }
        let s = w << 6 + current.trailingZeroBitCount
        current &= current - 1
        return s < limit ? s : nil
    }
}
