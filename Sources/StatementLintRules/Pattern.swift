import StatementLintMatching

/// A compiled pattern plus, optionally, literals one of which every match must contain
/// (lowercase ASCII). The engine may skip the pattern on text that holds none of them.
public struct Pattern: Sendable {
    /// Every field lives in one shared, copy-on-write box: the engine copies patterns for every
    /// rule, document and unit, and a copy is then one reference count instead of one per field.
    private var storage: Storage

    /// Shared by copies and across threads: every write goes through `unique`, which copies
    /// a shared box first, so a box is never changed once another pattern holds it.
    private final class Storage: @unchecked Sendable {
        let regex: Regex
        let packed: PackedLiterals?
        var derivedRequired: [[UInt8]]?
        var derivedAlso: [[[UInt8]]] = []
        var literalIDs: [Int32]?
        var slot: Int32 = -1
        var branches: [Pattern] = []

        init(regex: Regex, packed: PackedLiterals?) {
            self.regex = regex
            self.packed = packed
        }

        func copy() -> Storage {
            let c = Storage(regex: regex, packed: packed)
            c.derivedRequired = derivedRequired; c.derivedAlso = derivedAlso
            c.literalIDs = literalIDs; c.slot = slot; c.branches = branches
            return c
        }
    }

    /// The box, copied first if another pattern shares it (the value semantics of a struct).
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public var regex: Regex { storage.regex }
    /// Derived from the pattern at load time (nil: no literal is guaranteed).
    public var requiredLiterals: [[UInt8]]? {
        if let packed { return packed.required.map { packed.pack.literals[Int($0)] } }
        return derivedRequired
    }
    /// Further sets every match also holds one literal of (see `LiteralExtractor.requiredLiteralSets`).
    public var alsoRequired: [[[UInt8]]] {
        if let packed { return packed.also.map { $0.map { packed.pack.literals[Int($0)] } } }
        return derivedAlso
    }
    /// Whether `requiredLiterals` is not nil (without building it).
    public var hasRequiredLiterals: Bool { packed != nil || derivedRequired != nil }
    private var derivedRequired: [[UInt8]]? {
        get { storage.derivedRequired }
        set { unique.derivedRequired = newValue }
    }
    private var derivedAlso: [[[UInt8]]] {
        get { storage.derivedAlso }
        set { unique.derivedAlso = newValue }
    }
    /// The same literals numbered in a pack made at build time (the built-in pack's patterns):
    /// the literals themselves are looked up there only when asked for.
    public var packed: PackedLiterals? { storage.packed }
    /// Indices of those literals in the owning linter's scanner.
    package var literalIDs: [Int32]? {
        get { storage.literalIDs }
        set { unique.literalIDs = newValue }
    }
    /// This pattern's place in the owning linter's per-sentence literal table (-1: none).
    package var slot: Int32 {
        get { storage.slot }
        set { unique.slot = newValue }
    }
    /// For an alternation at the top level (`a|b|c`) that captures nothing and whose every
    /// branch requires literals of its own: the branches as patterns of their own, in order
    /// (see `LiteralExtractor.topLevelBranches`). A unit is then searched only with the
    /// branches whose literals it holds, which finds exactly the alternation's matches; a
    /// 13-branch pattern no longer tries 13 branches at every word. Empty: not split.
    public var branches: [Pattern] {
        get { storage.branches }
        set { unique.branches = newValue }
    }

    /// `deriveLiterals: false` takes `requiredLiterals` and `alsoRequired` as given
    /// (precomputed at build time).
    public init(regex: Regex, requiredLiterals: [[UInt8]]? = nil, alsoRequired: [[[UInt8]]] = [], deriveLiterals: Bool = true) {
        storage = Storage(regex: regex, packed: nil)
        if deriveLiterals && requiredLiterals == nil, let sets = LiteralExtractor.requiredLiteralSets(regex.pattern) {
            derivedRequired = sets[0]
            derivedAlso = Array(sets.dropFirst())
        } else {
            derivedRequired = requiredLiterals
            derivedAlso = requiredLiterals == nil ? [] : alsoRequired
        }
        if deriveLiterals { branches = Pattern.split(regex) }
    }

    /// The same pattern with no literal marked as starting a word (see
    /// `LiteralExtractor.wordStart`). For exceptions looked for after a match or in the match
    /// (`ContextArea.startsAnywhere`): an area is searched as a text of its own, where `\b`
    /// holds at its start even inside a word, while the scanner checks the byte before in the
    /// whole statement. A pack's pattern is already made so.
    package func withoutWordStarts() -> Pattern {
        func marked(_ set: [[UInt8]]) -> Bool { set.contains { $0.first == LiteralExtractor.wordStart } }
        guard packed == nil, (derivedRequired.map(marked) ?? false) || derivedAlso.contains(where: marked) || !branches.isEmpty else { return self }
        func plain(_ set: [[UInt8]]) -> [[UInt8]] { set.map { $0.filter { $0 != LiteralExtractor.wordStart } } }
        var copy = self
        // Unmarked, a set costs more ("a" in "(?:a|the)" is then every letter a): chosen again.
        let sets = derivedRequired.flatMap { LiteralExtractor.choose(([$0] + derivedAlso).map(plain)) }
        copy.derivedRequired = sets?.first
        copy.derivedAlso = sets.map { Array($0.dropFirst()) } ?? []
        copy.branches = branches.map { $0.withoutWordStarts() }
        return copy
    }

    /// `regex`'s branches, each with the literals it requires; empty unless every branch
    /// requires some and compiles on its own.
    package static func split(_ regex: Regex) -> [Pattern] {
        guard regex.captureCount == 0, let parts = LiteralExtractor.topLevelBranches(regex.pattern) else { return [] }
        var out: [Pattern] = []
        for part in parts {
            // Non-empty literals also mean no branch can match the empty string.
            guard let sets = LiteralExtractor.requiredLiteralSets(part), !sets.joined().contains(where: \.isEmpty),
                  let branch = try? Regex(part, caseless: regex.caseless), branch.captureCount == 0 else { return [] }
            out.append(Pattern(regex: branch, requiredLiterals: sets[0], alsoRequired: Array(sets.dropFirst()), deriveLiterals: false))
        }
        return out
    }
}

extension Pattern {
    /// A pattern of a pack made at build time: its required literals by their numbers in `packed`.
    public init(regex: Regex, packed: PackedLiterals) {
        storage = Storage(regex: regex, packed: packed)
        // A linter running the pack alone uses these as they are; any other renumbers them.
        literalIDs = packed.required
        slot = packed.slot
    }
}

/// A pattern's required literals as numbers in a `LiteralPack`, and its rows in the gate of
/// a linter that runs (any part of) that pack alone: `slot` for `required`, and the slots
/// after it for the sets in `also`, each over units of `unit`.
public struct PackedLiterals: Sendable {
    public let pack: LiteralPack
    public let required: [Int32]
    public let also: [[Int32]]
    public let slot: Int32
    public let unit: Scope
    public init(pack: LiteralPack, required: [Int32], also: [[Int32]], slot: Int32, unit: Scope) {
        self.pack = pack; self.required = required; self.also = also; self.slot = slot; self.unit = unit
    }
}

extension LiteralPack {
    /// Numbers the literals `patterns` require, each once, in order of first use; `ids`
    /// gives each pattern's (nil when it requires none).
    package static func number(_ patterns: [Pattern]) -> (literals: [[UInt8]], ids: [(required: [Int32], also: [[Int32]])?]) {
        var numbering = LiteralNumbering()
        let ids = patterns.map { p in
            p.requiredLiterals.map { (required: $0.map { numbering.id($0) }, also: p.alsoRequired.map { $0.map { numbering.id($0) } }) }
        }
        return (numbering.literals, ids)
    }
}
