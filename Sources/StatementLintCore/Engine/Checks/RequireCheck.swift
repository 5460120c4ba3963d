/// `require`: the statement must contain an element (a date, who is investigating…); when it
/// has fewer than `min` matches, one document-level finding carries the rule's advice.
extension CheckContext {
    mutating func runRequire(patterns: [GatedPattern], min: Int, firstParagraphOnly: Bool) throws(RegexMatchError) {
        // `within: first-paragraph`: only the units of the first paragraph.
        var units: Int? = nil
        if firstParagraphOnly {
            switch rule.scope {
            case .sentence: units = doc.sentenceParagraph.prefix(while: { $0 == 0 }).count
            case .paragraph: units = Swift.min(1, doc.paragraphs.count)
            case .document: units = nil
            }
        }
        let limit = firstParagraphOnly ? doc.paragraphs.first?.upperBound ?? 0 : text.count
        var count = 0
        // Searching stops at the `min`-th match: the count is shown only when it falls short.
        for p in patterns.indices where count < min {
            try forEachMatch(patterns[p], applyExceptions: false, units: units) { range, _, _ in
                if range.lowerBound < limit { count += 1 }
                return count < min
            }
        }
        if count >= min { return }
        reportDocument(extra: ["count": String(count), "min": String(min)])
    }
}
