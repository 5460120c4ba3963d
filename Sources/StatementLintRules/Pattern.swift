import StatementLintMatching

/// A compiled pattern plus, optionally, literals one of which every match must contain
/// (lowercase ASCII). The engine may skip the pattern on text that holds none of them.
///
/// A plain value: what the pattern is, never how a linter runs it. A linter's numbering of
/// the literals and its gate rows live in its own plan (StatementLintCore's `GatePlan`).
public struct Pattern: Sendable {
    /// The fields, in one immutable box: rules, checks and exceptions hold and pass patterns
    /// around, and a copy is then one reference count instead of one per field. Nothing ever
    /// changes a box once made.
    private let fields: Fields

    private final class Fields: Sendable {
        let regex: Regex
        /// Derived at load time (nil when the pattern comes from a pack or requires no literal).
        let derivedRequired: [[UInt8]]?
        let derivedAlso: [[[UInt8]]]
        let packed: PackedLiterals?
        let branches: [Pattern]

        init(regex: Regex, derivedRequired: [[UInt8]]?, derivedAlso: [[[UInt8]]], packed: PackedLiterals?, branches: [Pattern]) {
            self.regex = regex
            self.derivedRequired = derivedRequired
            self.derivedAlso = derivedAlso
            self.packed = packed
            self.branches = branches
        }
    }

    public var regex: Regex { fields.regex }
    private var derivedRequired: [[UInt8]]? { fields.derivedRequired }
    private var derivedAlso: [[[UInt8]]] { fields.derivedAlso }
    /// The same literals numbered in a pack made at build time (the built-in pack's patterns),
    /// with the pattern's rows in the pack's gate plan: the literals themselves are looked up
    /// there only when asked for.
    package var packed: PackedLiterals? { fields.packed }
    /// For an alternation at the top level (`a|b|c`) that captures nothing and whose every
    /// branch requires literals of its own: the branches as patterns of their own, in order
    /// (see `LiteralExtractor.topLevelBranches`). A unit is then searched only with the
    /// branches whose literals it holds, which finds exactly the alternation's matches. Empty:
    /// not split.
    public var branches: [Pattern] { fields.branches }

    /// Literals one of which every match contains (nil: no literal is guaranteed).
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
    public var hasRequiredLiterals: Bool { fields.packed != nil || fields.derivedRequired != nil }
    /// How many sets `alsoRequired` has (without building them).
    package var alsoRequiredCount: Int { fields.packed?.also.count ?? fields.derivedAlso.count }

    /// `deriveLiterals: false` takes `requiredLiterals` and `alsoRequired` as given
    /// (precomputed at build time), and `branches` too.
    public init(regex: Regex, requiredLiterals: [[UInt8]]? = nil, alsoRequired: [[[UInt8]]] = [], deriveLiterals: Bool = true,
                branches: [Pattern] = []) {
        let required: [[UInt8]]?, also: [[[UInt8]]]
        if deriveLiterals && requiredLiterals == nil, let sets = LiteralExtractor.requiredLiteralSets(regex.pattern) {
            required = sets[0]
            also = Array(sets.dropFirst())
        } else {
            required = requiredLiterals
            also = requiredLiterals == nil ? [] : alsoRequired
        }
        fields = Fields(regex: regex, derivedRequired: required, derivedAlso: also, packed: nil,
                        branches: deriveLiterals ? Pattern.split(regex) : branches)
    }

    /// A pattern of a pack made at build time: its required literals by their numbers in `packed`.
    package init(regex: Regex, packed: PackedLiterals, branches: [Pattern] = []) {
        fields = Fields(regex: regex, derivedRequired: nil, derivedAlso: [], packed: packed, branches: branches)
    }

    private init(_ fields: Fields) { self.fields = fields }

    /// The same pattern with no literal marked as starting a word (see
    /// `LiteralExtractor.wordStart`). For exceptions looked for after a match or in the match
    /// (`ContextArea.startsAnywhere`): an area is searched as a text of its own, where `\b`
    /// holds at its start even inside a word, while the scanner checks the byte before in the
    /// whole statement. A pack's pattern is already made so.
    package func withoutWordStarts() -> Pattern {
        func marked(_ set: [[UInt8]]) -> Bool { set.contains { $0.first == LiteralExtractor.wordStart } }
        guard packed == nil, (derivedRequired.map(marked) ?? false) || derivedAlso.contains(where: marked) || !branches.isEmpty else { return self }
        func plain(_ set: [[UInt8]]) -> [[UInt8]] { set.map { $0.filter { $0 != LiteralExtractor.wordStart } } }
        // Unmarked, a set costs more ("a" in "(?:a|the)" is then every letter a): chosen again.
        let sets = derivedRequired.flatMap { LiteralExtractor.choose(([$0] + derivedAlso).map(plain)) }
        return Pattern(Fields(regex: regex, derivedRequired: sets?.first, derivedAlso: sets.map { Array($0.dropFirst()) } ?? [],
                              packed: nil, branches: branches.map { $0.withoutWordStarts() }))
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

/// A pattern's required literals as numbers in a `LiteralPack`, and its rows in the gate of
/// a linter that runs (any part of) that pack alone: `slot` for `required`, and the slots
/// after it for the sets in `also`, each over units of `unit`.
package struct PackedLiterals: Sendable {
    package let pack: LiteralPack
    package let required: [Int32]
    package let also: [[Int32]]
    package let slot: Int32
    package let unit: Scope
    package init(pack: LiteralPack, required: [Int32], also: [[Int32]], slot: Int32, unit: Scope) {
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

/// The one numbering of gate rows, used by the build tool for the built-in pack (written into
/// each pattern's `PackedLiterals.slot`) and by a linter for any other rule set: every pattern
/// that requires literals, in `Rule.forEachPattern` order (each followed by its branches),
/// gets one row, and one more for each further set it requires, numbered on from it.
package enum GateRows {
    /// Calls `body(pattern, unit, row)` for every gated pattern of `rules` (its unit: the rule's
    /// scope for patterns that find matches, sentences for exceptions; see
    /// `CheckContext.cannotMatch(_:in:sentence:)`); returns the number of rows.
    @discardableResult
    package static func number(_ rules: [Rule], _ body: (Pattern, Scope, Int32) -> Void) -> Int32 {
        var next: Int32 = 0
        for rule in rules {
            rule.forEachPattern { p, exception in
                guard p.hasRequiredLiterals else { return }
                body(p, exception ? .sentence : rule.scope, next)
                next += 1 + Int32(p.alsoRequiredCount)
            }
        }
        return next
    }
}

extension Scope {
    /// The group of units a gate row of this unit marks (see `LiteralSlots`).
    package var gateGroup: UInt8 {
        switch self {
        case .sentence: return 0
        case .paragraph: return 1
        case .document: return 2
        }
    }
}

/// Gate rows as they are assigned: a pattern's row, then one per further literal set, and-ed
/// into the pattern's row.
package struct GateRowList {
    package private(set) var rows: [(slot: Int32, unit: UInt8, literals: [Int32])] = []
    package private(set) var conjunctions: [(slot: Int32, with: [Int32])] = []
    package init() {}

    package mutating func add(_ slot: Int32, _ unit: Scope, _ required: [Int32], _ also: [[Int32]]) {
        rows.append((slot, unit.gateGroup, required))
        guard !also.isEmpty else { return }
        var with: [Int32] = []
        for (i, set) in also.enumerated() {
            let row = slot + 1 + Int32(i)
            with.append(row)
            rows.append((row, unit.gateGroup, set))
        }
        conjunctions.append((slot, with))
    }

    package func literalSlots(slotCount: Int, literalCount: Int) -> LiteralSlots {
        LiteralSlots(slotCount: slotCount, literalCount: literalCount, patterns: rows, conjunctions: conjunctions)
    }
}
