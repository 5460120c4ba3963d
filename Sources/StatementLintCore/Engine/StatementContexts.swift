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

    /// The contexts of one document, detected only when a rule asks (a rule with
    /// `not-applicable` that would report something), each tag at most once.
    struct Lazy {
        let doc: Document
        let text: UnsafeBufferPointer<UInt8>
        let tags: [ContextTag]
        let settings: [String: String]
        let scratch: MatchScratch
        /// What the user set, then each tag looked for and found, in the order asked.
        private(set) var found: [DetectedContext]
        private var looked: Set<String> = []

        init(doc: Document, text: UnsafeBufferPointer<UInt8>, tags: [ContextTag], settings: [String: String],
             user: [DetectedContext], scratch: MatchScratch) {
            self.doc = doc; self.text = text; self.tags = tags; self.settings = settings; self.scratch = scratch
            found = user
        }

        /// Whether the statement has context `name`: set by the user, or detected now.
        mutating func has(_ name: String) -> DetectedContext? {
            if let c = found.first(where: { $0.tag == name }) { return c }
            guard looked.insert(name).inserted, let tag = tags.first(where: { $0.name == name }),
                  settings[tag.dimension] == nil, let c = StatementContexts.detect(tag, doc: doc, text: text, scratch: scratch) else { return nil }
            found.append(c)
            return c
        }

        /// The first of `rule`'s `not-applicable` entries whose context the statement has.
        mutating func reason(_ rule: Rule) -> NotApplicableElement? {
            for n in rule.notApplicable {
                if let c = has(n.tag) {
                    return NotApplicableElement(rule: rule.qualifiedID, category: rule.category, element: rule.element, why: n.why, context: c)
                }
            }
            return nil
        }
    }

    /// `tag` in `doc`, with the words that showed it, or nil. A pattern that hits PCRE2's
    /// limits detects nothing: the rule then reports as usual.
    static func detect(_ tag: ContextTag, doc: Document, text: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> DetectedContext? {
        let whole = 0..<text.count
        var evidence: Range<Int>?
        for p in tag.patterns {
            if let r = try? p.firstMatch(in: text, range: whole, scratch: scratch) { evidence = r; break }
        }
        guard let evidence else { return nil }
        if tag.unless.contains(where: { (try? $0.firstMatch(in: text, range: whole, scratch: scratch)) != nil }) { return nil }
        return DetectedContext(tag: tag.name, means: tag.means, evidence: shorten(doc.originalString(doc.originalRange(evidence))))
    }

    static func shorten(_ s: String) -> String {
        let flat = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard flat.count > evidenceLimit else { return flat }
        var cut = flat.prefix(evidenceLimit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return cut + "…"
    }
}
