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

import Foundation

/// A context pattern with the literals every match needs (lowercase; each set must have one
/// in the text), so the pattern is run only on statements that hold them.
struct GatedRegex: Sendable {
    let regex: Regex
    let sets: [[[UInt8]]]

    init(_ regex: Regex, sets: [[String]]) {
        self.regex = regex
        self.sets = sets.map { $0.map { Array($0.utf8) } }
    }

    /// Whether `lowered` (the statement, ASCII letters lowercased) holds a literal of every set.
    func mayMatch(_ lowered: [UInt8]) -> Bool {
        sets.allSatisfy { set in set.contains { StatementContexts.contains(lowered, $0) } }
    }
}

/// A context tag with its patterns gated (see `GatedRegex`); built once per linter.
struct GatedTag: Sendable {
    let tag: ContextTag
    let patterns: [GatedRegex]
    let unless: [GatedRegex]
    init(_ tag: ContextTag) {
        self.tag = tag
        let all = zip(tag.patterns + tag.unless, tag.gates).map { GatedRegex($0, sets: $1) }
        patterns = Array(all.prefix(tag.patterns.count))
        unless = Array(all.dropFirst(tag.patterns.count))
    }
}

/// Finds which of the pack's contexts a statement has.
enum StatementContexts {
    /// Whether `needle` (not empty) occurs in `haystack`: memchr finds each place its first byte is.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let base = h.baseAddress!, last = h.count - n.count
                var at = 0
                while at <= last {
                    guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return false }
                    at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                    at += 1
                }
                return false
            }
        }
    }

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
        let tags: [GatedTag]
        let settings: [String: String]
        let scratch: MatchScratch
        /// What the user set, then each tag looked for and found, in the order asked.
        private(set) var found: [DetectedContext]
        private var looked: Set<String> = []

        /// The text with ASCII letters lowercased, for the literal gates; made when first needed.
        private var lowered: [UInt8]?

        init(doc: Document, text: UnsafeBufferPointer<UInt8>, tags: [GatedTag], settings: [String: String],
             user: [DetectedContext], scratch: MatchScratch) {
            self.doc = doc; self.text = text; self.tags = tags; self.settings = settings; self.scratch = scratch
            found = user
        }

        /// Whether the statement has context `name`: set by the user, or detected now.
        mutating func has(_ name: String) -> DetectedContext? {
            if let c = found.first(where: { $0.tag == name }) { return c }
            guard looked.insert(name).inserted, let tag = tags.first(where: { $0.tag.name == name }), settings[tag.tag.dimension] == nil else { return nil }
            if lowered == nil { lowered = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
            guard let c = StatementContexts.detect(tag, doc: doc, text: text, lowered: lowered!, scratch: scratch) else { return nil }
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
    static func detect(_ gated: GatedTag, doc: Document, text: UnsafeBufferPointer<UInt8>, lowered: [UInt8], scratch: MatchScratch) -> DetectedContext? {
        let whole = 0..<text.count
        func found(_ p: GatedRegex) -> Range<Int>? {
            guard p.mayMatch(lowered) else { return nil }
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
