/// `swap`: a word or phrase with a plain replacement; every match carries a fix.
extension CheckContext {
    mutating func runSwap(entries: [SwapEntry], patterns: [GatedPattern], safety: FixSafety) throws(RegexMatchError) {
        var taken: [Range<Int>] = []
        for e in entries.indices {
            for (range, groups, names) in try matches(patterns[e]) {
                // Earlier entries win where two overlap ("exited the vehicle" before "exited").
                if taken.contains(where: { $0.overlaps(range) }) { continue }
                taken.append(range)
                var replacement = expand(entries[e].replacement, groups: groups, names: names)
                if let first = text[range.lowerBound] as UInt8?, first >= 0x41 && first <= 0x5A,
                   let r0 = replacement.first, r0.isLowercase {
                    replacement = r0.uppercased() + replacement.dropFirst()
                }
                report(range, groups: groups, names: names, fix: (replacement, safety))
            }
        }
    }
}
