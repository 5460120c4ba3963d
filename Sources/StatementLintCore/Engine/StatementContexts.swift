/// A context a statement has: found in its text (with the words that showed it) or set by
/// the user in `.statementlint.yml` or on the command line.
public struct DetectedContext: Sendable, Equatable {
    public let tag: String
    /// "kind" of "kind:closing".
    public var dimension: String { ContextTag.split(tag).dimension }
    public var value: String { ContextTag.split(tag).value }
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

/// A context pattern with the literals every match needs (each set must have one in the
/// text, by number in `ContextPack.scanner`), so the pattern runs only on statements holding them.
struct GatedRegex: Sendable {
    let regex: Regex
    let sets: [[Int32]]

    /// Whether the statement, whose literals are marked in `present`, may hold a match.
    func mayMatch(_ present: [Bool]) -> Bool {
        sets.allSatisfy { set in set.contains { present[Int($0)] } }
    }
}

/// A context tag with its patterns gated (see `GatedRegex`).
struct GatedTag: Sendable {
    let tag: ContextTag
    let patterns: [GatedRegex]
    let unless: [GatedRegex]
}

/// The contexts of a linter, gated, with one scanner for all their literals: a statement is
/// scanned once, when it first asks for a context, instead of once per literal.
final class ContextPack: Sendable {
    let tags: [GatedTag]
    let scanner: LiteralScanner

    init(_ contexts: [ContextTag]) {
        var numbers: [String: Int32] = [:]
        var literals: [[UInt8]] = []
        func number(_ literal: String) -> Int32 {
            if let n = numbers[literal] { return n }
            let n = Int32(literals.count)
            numbers[literal] = n
            literals.append(Array(literal.utf8))
            return n
        }
        tags = contexts.map { tag in
            let all = zip(tag.patterns + tag.unless, tag.gates).map { regex, sets in
                GatedRegex(regex: regex, sets: sets.map { $0.map(number) })
            }
            return GatedTag(tag: tag, patterns: Array(all.prefix(tag.patterns.count)), unless: Array(all.dropFirst(tag.patterns.count)))
        }
        scanner = LiteralScanner(literals)
    }

    /// Which of the gate literals occur in `text` (case-insensitively; a literal's first eight
    /// bytes stand for it, which can only let a pattern run, never skip one that would match).
    func present(in text: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var present = [Bool](repeating: false, count: scanner.literalCount)
        scanner.forEachOccurrence(text) { id, _ in present[Int(id)] = true }
        return present
    }
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
        let pack: ContextPack?
        let settings: [String: String]
        let scratch: MatchScratch
        /// What the user set, then each tag looked for and found, in the order asked.
        private(set) var found: [DetectedContext]
        private var looked: Set<String> = []

        /// Which gate literals the statement holds; found when a context is first asked for.
        private var present: [Bool]?

        init(doc: Document, text: UnsafeBufferPointer<UInt8>, pack: ContextPack?, settings: [String: String],
             user: [DetectedContext], scratch: MatchScratch) {
            self.doc = doc; self.text = text; self.pack = pack; self.settings = settings; self.scratch = scratch
            found = user
        }

        /// Whether the statement has context `name`: set by the user, or detected now.
        mutating func has(_ name: String) -> DetectedContext? {
            if let c = found.first(where: { $0.tag == name }) { return c }
            guard looked.insert(name).inserted, let pack, let tag = pack.tags.first(where: { $0.tag.name == name }),
                  settings[tag.tag.dimension] == nil else { return nil }
            if present == nil { present = pack.present(in: text) }
            guard let c = StatementContexts.detect(tag, doc: doc, text: text, present: present!, scratch: scratch) else { return nil }
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
    static func detect(_ gated: GatedTag, doc: Document, text: UnsafeBufferPointer<UInt8>, present: [Bool], scratch: MatchScratch) -> DetectedContext? {
        let whole = 0..<text.count
        func found(_ p: GatedRegex) -> Range<Int>? {
            guard p.mayMatch(present) else { return nil }
            return try? p.regex.firstMatch(in: text, range: whole, scratch: scratch)
        }
        var evidence: Range<Int>?
        for p in gated.patterns {
            if let r = found(p) { evidence = r; break }
        }
        guard let evidence else { return nil }
        if gated.unless.contains(where: { found($0) != nil }) { return nil }
        return DetectedContext(tag: gated.tag.name, means: gated.tag.means, evidence: shorten(doc.originalString(doc.originalRange(evidence))))
    }

    static func shorten(_ s: String) -> String {
        let flat = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard flat.count > evidenceLimit else { return flat }
        var cut = flat.prefix(evidenceLimit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return cut + "…"
    }
}
