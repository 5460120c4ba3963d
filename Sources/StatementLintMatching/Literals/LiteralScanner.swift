
/// Aho–Corasick over lowercase ASCII: finds which of many literals occur in a text in one
/// pass. Built over byte classes (only bytes that occur in some literal get a column), from
/// literals cut to a short prefix: a prefix of a required literal is still required, and a
/// smaller automaton builds faster. See `Automaton` for its layout.
package final class LiteralScanner: @unchecked Sendable {
    static let prefixLength = 8
    private let classOf: [UInt8]
    private let classes: Int
    /// The automaton in 16-bit states when they fit (nearly always), else in 32-bit ones.
    private let small: Automaton<UInt16>?
    private let large: Automaton<Int32>?
    private let outputStart: [Int32]    // per state: range into outputIDs
    private let outputIDs: [Int32]
    package let literalCount: Int
    /// Length of each literal as scanned (cut to `prefixLength`; a word-start mark is not scanned).
    package let scannedLength: [Int32]
    /// 1 for a literal that must start a word (see `LiteralExtractor.wordStart`): an occurrence
    /// after an ASCII word character is not reported.
    private let startsWord: [UInt8]

    package init(_ literals: [[UInt8]]) {
        literalCount = literals.count
        let canonical = literals.map(LiteralExtractor.canonical)
        startsWord = canonical.map { $0.first == LiteralExtractor.wordStart ? 1 : 0 }
        let cut = canonical.map { lit in
            lit.filter { $0 != LiteralExtractor.wordStart }.prefix(LiteralScanner.prefixLength).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        scannedLength = cut.map { Int32($0.count) }
        var classOf = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for lit in cut { for b in lit where classOf[Int(b)] == 0 { classOf[Int(b)] = next; next += 1 } }
        // Upper-case letters share their lower-case class, so the scan needs no case mapping.
        for b in 0x41...0x5A { classOf[b] = classOf[b | 0x20] }
        let k = Int(next)
        // This runs at every start-up, so it is built in three cheap steps: a sparse trie
        // (children as sibling lists), its nodes numbered breadth-first, then the automaton's
        // rows in that order (see `Automaton.init`).
        var firstChild: [Int32] = [-1], nextSibling: [Int32] = [-1], label: [UInt8] = [0], firstOutput: [Int32] = [-1]
        var outputLiteral: [Int32] = [], nextOutput: [Int32] = []
        let capacity = 1 + cut.reduce(0) { $0 + $1.count }
        firstChild.reserveCapacity(capacity); nextSibling.reserveCapacity(capacity); label.reserveCapacity(capacity)
        firstOutput.reserveCapacity(capacity)
        for (id, lit) in cut.enumerated() {
            var s: Int32 = 0
            for b in lit {
                let c = classOf[Int(b)]
                var child = firstChild[Int(s)]
                while child >= 0 && label[Int(child)] != c { child = nextSibling[Int(child)] }
                if child < 0 {
                    child = Int32(label.count)
                    label.append(c); firstChild.append(-1); firstOutput.append(-1)
                    nextSibling.append(firstChild[Int(s)])
                    firstChild[Int(s)] = child
                }
                s = child
            }
            outputLiteral.append(Int32(id)); nextOutput.append(firstOutput[Int(s)]); firstOutput[Int(s)] = Int32(outputLiteral.count - 1)
        }
        let states = label.count
        // Breadth-first numbering: the shallow states, where the scan spends nearly all its
        // time, sit together at the front of the table and stay in cache.
        var order: [Int32] = [0]
        order.reserveCapacity(states)
        var head = 0
        while head < order.count {
            var child = firstChild[Int(order[head])]
            while child >= 0 { order.append(child); child = nextSibling[Int(child)] }
            head += 1
        }
        var number = [Int32](repeating: 0, count: states)
        for (n, o) in order.enumerated() { number[Int(o)] = Int32(n) }
        var starts = [Int32](repeating: 0, count: states + 1)
        var ids: [Int32] = []
        let trie = Trie(firstChild: firstChild, nextSibling: nextSibling, label: label, firstOutput: firstOutput,
                        outputLiteral: outputLiteral, nextOutput: nextOutput, order: order, number: number)
        // Only one table is built: 16-bit entries when the states fit (half the memory, more
        // of it in cache).
        if states <= Int(UInt16.max >> 1) {
            small = Automaton(UInt16.self, trie, classes: k, starts: &starts, ids: &ids)
            large = nil
        } else {
            large = Automaton(Int32.self, trie, classes: k, starts: &starts, ids: &ids)
            small = nil
        }
        self.classOf = classOf
        self.classes = k
        self.outputStart = starts
        self.outputIDs = ids
    }

    /// The scanner in a byte form (`init?(serialized:)` reads it back), so a pack's scanner
    /// can be built at build time instead of at every start-up.
    package func serialized() -> [UInt8] {
        var out = ByteWriter()
        out.array(classOf); out.int(classes); out.int(literalCount)
        out.array(outputStart); out.array(outputIDs); out.array(scannedLength); out.array(startsWord)
        if let small { out.int(16); small.write(to: &out) } else { out.int(32); large!.write(to: &out) }
        return out.bytes
    }

    /// Reads `serialized()`'s form back; nil if it is not one (never trusted blindly: every
    /// index the scan follows is checked here once).
    package init?(serialized bytes: [UInt8]) {
        var r = ByteReader(bytes)
        guard let classOf: [UInt8] = r.array(), classOf.count == 256, let classes = r.int(), let literalCount = r.int(),
              let outputStart: [Int32] = r.array(), let outputIDs: [Int32] = r.array(), let scannedLength: [Int32] = r.array(),
              let startsWord: [UInt8] = r.array(), startsWord.count == literalCount, startsWord.allSatisfy({ $0 <= 1 }),
              let width = r.int() else { return nil }
        self.classOf = classOf; self.classes = classes; self.literalCount = literalCount
        self.outputStart = outputStart; self.outputIDs = outputIDs; self.scannedLength = scannedLength; self.startsWord = startsWord
        switch width {
        case 16: small = Automaton<UInt16>(&r, classes: classes); large = nil; guard let small, small.states + 1 == outputStart.count else { return nil }
        case 32: large = Automaton<Int32>(&r, classes: classes); small = nil; guard let large, large.states + 1 == outputStart.count else { return nil }
        default: return nil
        }
        guard r.atEnd, scannedLength.count == literalCount, classOf.allSatisfy({ Int($0) < classes }),
              outputStart.first == 0, outputStart.last.map(Int.init) == outputIDs.count,
              zip(outputStart, outputStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              outputIDs.allSatisfy({ $0 >= 0 && Int($0) < literalCount }) else { return nil }
    }

    /// Calls `body(literal, end)` for every occurrence of every literal, in order of `end`
    /// (the offset just past the occurrence's last scanned byte).
    package func forEachOccurrence(_ text: UnsafeBufferPointer<UInt8>, _ body: (Int32, Int) -> Void) {
        classOf.withUnsafeBufferPointer { classOf in
            outputStart.withUnsafeBufferPointer { starts in
                outputIDs.withUnsafeBufferPointer { ids in
                    scannedLength.withUnsafeBufferPointer { lengths in
                        startsWord.withUnsafeBufferPointer { starting in
                            if let small { small.run(text, classOf, starts, ids, lengths, starting, body) } else { large!.run(text, classOf, starts, ids, lengths, starting, body) }
                        }
                    }
                }
            }
        }
    }
}
