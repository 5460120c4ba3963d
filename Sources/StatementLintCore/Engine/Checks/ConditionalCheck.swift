/// `conditional`: when `if` matches anywhere, `then` must match somewhere too; otherwise
/// one finding at the first `if` match. Exceptions are looked for in the whole document.
extension CheckContext {
    mutating func runConditional(ifPatterns: [Pattern], thenPatterns: [Pattern]) throws(RegexMatchError) {
        var trigger: (Range<Int>, [Range<Int>?], [String: Int])?
        for pattern in ifPatterns {
            if let first = try matches(pattern, applyExceptions: false).first,
               trigger == nil || first.0.lowerBound < trigger!.0.lowerBound {
                trigger = first
            }
        }
        guard let trigger else { return }
        for pattern in thenPatterns where try !matches(pattern, applyExceptions: false).isEmpty { return }
        for exception in rule.exceptions where !cannotMatch(exception.pattern) {
            if try exception.pattern.regex.firstMatch(in: text, scratch: scratch) != nil { return }
        }
        report(trigger.0, groups: trigger.1, names: trigger.2)
    }
}
