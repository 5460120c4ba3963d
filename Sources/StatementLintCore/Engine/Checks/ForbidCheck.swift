/// `forbid`: every surviving match of any pattern is a finding; an optional fix template
/// rewrites the matched span.
extension CheckContext {
    mutating func runForbid(patterns: [GatedPattern], fix: FixTemplate?) throws(RegexMatchError) {
        var seen = Set<Int>()
        for p in patterns.indices {
            for (range, groups, names) in try matches(patterns[p]) where seen.insert(range.lowerBound).inserted {
                let replacement = fix.map { (expand($0.replace, groups: groups, names: names), $0.safety) }
                report(range, groups: groups, names: names, fix: replacement)
            }
        }
    }
}
