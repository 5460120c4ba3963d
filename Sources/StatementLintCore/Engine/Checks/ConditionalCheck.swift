/// `conditional`: when `if` matches anywhere, `then` must match somewhere too; otherwise
/// one finding at the first `if` match. Exceptions are looked for in the whole document.
extension CheckContext {
    mutating func runConditional(ifPatterns: ArraySlice<GatedPattern>, thenPatterns: ArraySlice<GatedPattern>) throws(RegexMatchError) {
        var trigger: (Range<Int>, [Range<Int>?], [String: Int])?
        // Each search stops at its first match: only the earliest trigger and whether any
        // `then` pattern matches are needed.
        for p in ifPatterns.indices {
            try forEachMatch(ifPatterns[p], applyExceptions: false) { range, groups, names in
                if trigger == nil || range.lowerBound < trigger!.0.lowerBound { trigger = (range, groups, names) }
                return false
            }
        }
        guard let trigger else { return }
        for p in thenPatterns.indices {
            var found = false
            try forEachMatch(thenPatterns[p], applyExceptions: false) { _, _, _ in found = true; return false }
            if found { return }
        }
        for (exception, pattern) in zip(rule.exceptions, plan.exceptions) where !cannotMatch(pattern) {
            if try exceptionMatches(pattern, area: exception.area, in: 0..<text.count, sentence: nil) { return }
        }
        report(trigger.0, groups: trigger.1, names: trigger.2)
    }
}
