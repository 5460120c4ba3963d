/// For each scanner literal, the slots of the patterns that require it, grouped by the unit
/// each pattern matches within (compressed rows).
package struct LiteralSlots: Equatable {
    package let slotCount: Int
    /// Literal `l`'s slots of sentence-unit patterns are at `start[3l]..<start[3l + 1]` of
    /// `slots`, of paragraph-unit ones up to `start[3l + 2]`, of document-unit ones up to
    /// `start[3l + 3]`.
    @usableFromInline let start: [Int32]
    @usableFromInline let slots: [Int32]
    /// (slot, other slot) pairs, flat: a pattern slot's units must also be marked in the
    /// other slot (a further literal set the pattern requires).
    package let conjunctionPairs: [Int32]

    /// `patterns`: each gate row, the group of units it marks (0 sentences, 1 paragraphs,
    /// 2 the document) and its literals; `conjunctions`: rows and-ed into a row.
    package init(slotCount: Int, literalCount: Int, patterns: [(slot: Int32, unit: UInt8, literals: [Int32])],
                 conjunctions: [(slot: Int32, with: [Int32])] = []) {
        self.slotCount = slotCount
        var pairs: [Int32] = []
        pairs.reserveCapacity(2 * conjunctions.reduce(0) { $0 + $1.with.count })
        for c in conjunctions { for other in c.with { pairs.append(c.slot); pairs.append(other) } }
        conjunctionPairs = pairs
        // Two passes (count, then place), in pattern order; a literal listed twice for one
        // pattern counts once. This runs at every start-up, so there is no array per literal.
        func group(_ unit: UInt8) -> Int { Int(unit) }
        var last = [Int32](repeating: -1, count: literalCount)
        var start = [Int32](repeating: 0, count: 3 * literalCount + 1)
        for p in patterns {
            for l in p.literals where last[Int(l)] != p.slot { last[Int(l)] = p.slot; start[3 * Int(l) + group(p.unit) + 1] += 1 }
        }
        for g in 0..<(3 * literalCount) { start[g + 1] += start[g] }
        var fill = Array(start.dropLast())
        var slots = [Int32](repeating: 0, count: Int(start[3 * literalCount]))
        for i in last.indices { last[i] = -1 }
        for p in patterns {
            for l in p.literals where last[Int(l)] != p.slot {
                last[Int(l)] = p.slot
                let g = 3 * Int(l) + group(p.unit)
                slots[Int(fill[g])] = p.slot
                fill[g] += 1
            }
        }
        self.start = start
        self.slots = slots
    }

    @inlinable package func withBuffers<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> R) -> R {
        start.withUnsafeBufferPointer { start in
            slots.withUnsafeBufferPointer { slots in body(start, slots) }
        }
    }

    /// The rows in a byte form (`init?(serialized:)` reads it back), so a pack's can be made
    /// at build time instead of at every start-up.
    package func serialized() -> [UInt8] {
        var out = ByteWriter()
        out.int(slotCount); out.array(start); out.array(slots); out.array(conjunctionPairs)
        return out.bytes
    }

    /// Reads `serialized()`'s form back, for a scanner of `literalCount` literals; nil if it is
    /// not one (every index the gate follows without checking is checked here once).
    package init?(serialized bytes: [UInt8], literalCount: Int) {
        var r = ByteReader(bytes)
        guard let slotCount = r.int(), slotCount >= 0, let start: [Int32] = r.array(), let slots: [Int32] = r.array(),
              let pairs: [Int32] = r.array(), r.atEnd,
              start.count == 3 * literalCount + 1, start.first == 0, start.last.map(Int.init) == slots.count,
              zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }),
              slots.allSatisfy({ $0 >= 0 && Int($0) < slotCount }),
              pairs.count % 2 == 0, pairs.allSatisfy({ $0 >= 0 && Int($0) < slotCount }) else { return nil }
        self.slotCount = slotCount
        self.start = start
        self.slots = slots
        conjunctionPairs = pairs
    }
}
