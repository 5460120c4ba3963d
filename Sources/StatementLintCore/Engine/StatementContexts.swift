/// A context a statement has: found in its text (with the words that showed it) or set by
/// the user in `.statementlint.yml` or on the command line.
public struct DetectedContext: Sendable, Equatable {
    public let tag: String
    /// "kind" of "kind:closing".
    public var dimension: String { String(tag.prefix { $0 != ":" }) }
    public let means: String
    /// The statement's words that showed it; nil when the user set it.
    public let evidence: String?

    public var setByUser: Bool { evidence == nil }
}

/// An element whose rule reported nothing because it cannot apply to this statement.
public struct NotApplicableElement: Sendable, Equatable {
    /// The rule's qualified id.
    public let rule: String
    public let category: Category
    public let element: String?
    public let why: String
    public let context: DetectedContext
}

/// Finds which of the pack's contexts a statement has.
enum StatementContexts {
    /// Evidence longer than this is cut at a word boundary with "…".
    static let evidenceLimit = 80

    /// What the user set (dimension → value), as contexts: taken as given.
    static func settings(_ settings: [String: String], tags: [ContextTag]) -> [DetectedContext] {
        var out: [DetectedContext] = []
        for (dimension, value) in settings.sorted(by: { $0.key < $1.key }) {
            for name in ContextTag.tags(setting: dimension, to: value) {
                out.append(DetectedContext(tag: name, means: tags.first { $0.name == name }?.means ?? "set by the user", evidence: nil))
            }
        }
        return out
    }

    /// The first of `rule`'s `not-applicable` entries whose context the statement has.
    static func reason(_ rule: Rule, _ statement: [DetectedContext]) -> NotApplicableElement? {
        for n in rule.notApplicable {
            if let c = statement.first(where: { $0.tag == n.tag }) {
                return NotApplicableElement(rule: rule.qualifiedID, category: rule.category, element: rule.element, why: n.why, context: c)
            }
        }
        return nil
    }

    /// The contexts detected in `doc`, for each dimension the user did not set.
    static func detect(doc: Document, text: UnsafeBufferPointer<UInt8>, tags: [ContextTag], settings: [String: String],
                       scratch: MatchScratch) -> [DetectedContext] {
        var out: [DetectedContext] = []
        let whole = 0..<text.count
        for tag in tags where settings[tag.dimension] == nil {
            // A pattern that hits PCRE2's limits detects nothing: the element is then checked as usual.
            var evidence: Range<Int>?
            for p in tag.patterns {
                if let r = try? p.firstMatch(in: text, range: whole, scratch: scratch) { evidence = r; break }
            }
            guard let evidence else { continue }
            if tag.unless.contains(where: { (try? $0.firstMatch(in: text, range: whole, scratch: scratch)) != nil }) { continue }
            out.append(DetectedContext(tag: tag.name, means: tag.means, evidence: shorten(doc.originalString(doc.originalRange(evidence)))))
        }
        return out
    }

    static func shorten(_ s: String) -> String {
        let flat = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard flat.count > evidenceLimit else { return flat }
        var cut = flat.prefix(evidenceLimit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return cut + "…"
    }
}
