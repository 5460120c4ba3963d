/// A pattern as one linter runs it: its regex, the numbers (in the linter's scanner) of the
/// literals one of which every match holds, its row in the gate, and its split branches.
/// Held by reference: the checks pass these around for every rule, document and unit.
final class GatedPattern: Sendable {
    let regex: Regex
    /// nil: the pattern requires no literal and is searched in every unit.
    let literalIDs: [Int32]?
    /// Its row in the gate (-1 when `literalIDs` is nil).
    let slot: Int32
    /// See `Pattern.branches`; every branch is gated.
    let branches: [GatedPattern]

    init(regex: Regex, literalIDs: [Int32]?, slot: Int32, branches: [GatedPattern]) {
        self.regex = regex
        self.literalIDs = literalIDs
        self.slot = slot
        self.branches = branches
    }
}

/// One rule as a linter runs it: the rule (held by reference: a `Rule` is a large value, and
/// copying it for every rule and document cost more than some rules' matching) and its
/// patterns as gated, in the order `Rule.matchPatterns` and `Rule.exceptions` list them.
final class RulePlan: Sendable {
    let rule: Rule
    let matchPatterns: [GatedPattern]
    let exceptions: [GatedPattern]
    /// The gate rows without whose units the rule reports nothing (empty when that is not
    /// known: a `require` or `metric` rule reports what is missing or measured).
    let mayReport: [Int32]

    init(rule: Rule, matchPatterns: [GatedPattern], exceptions: [GatedPattern]) {
        self.rule = rule
        self.matchPatterns = matchPatterns
        self.exceptions = exceptions
        var rows: [Int32] = []
        if let triggers = rule.triggerCount {
            // Each trigger's own row, or else (when the whole pattern requires no literal) its
            // branches'; a trigger with neither can match anywhere.
            for t in matchPatterns.prefix(triggers) {
                if t.literalIDs != nil {
                    rows.append(t.slot)
                } else if !t.branches.isEmpty {
                    for b in t.branches { rows.append(b.slot) }
                } else {
                    rows = []
                    break
                }
            }
        }
        mayReport = rows
    }
}

/// Everything the literal gate needs for one rule set, made once per linter: the rules'
/// patterns with their literal numbers and rows, the scanner that finds the literals, and
/// which rows each literal marks.
///
/// The built-in pack's plan is made at build time (RuleEmbedder numbers its literals and
/// rows with `GateRows` and serializes its scanner and which rows each literal marks): a rule
/// set whose gated patterns all come from that one pack (all of it or any part) uses it as it
/// is. Any other set is numbered here, with the same `GateRows`.
struct GatePlan {
    let rules: [RulePlan]
    let scanner: LiteralScanner
    let literalSlots: LiteralSlots
    /// Largest capture count of any pattern.
    let maxCaptures: Int

    init(_ rules: [Rule]) {
        // One pass: the pack's rows are collected while checking that every gated pattern
        // comes from one pack, gated on the units the pack assumed.
        var pack: LiteralPack? = nil
        var packOnly = true
        var most = 0
        for rule in rules {
            rule.forEachPattern { p, exception in
                most = max(most, p.regex.captureCount)
                guard packOnly, p.hasRequiredLiterals else { return }
                guard let packed = p.packed, packed.pack.scanner != nil, packed.pack.literalSlots != nil, pack == nil || pack === packed.pack,
                      packed.unit == (exception ? .sentence : rule.scope) else { packOnly = false; return }
                pack = packed.pack
            }
        }
        maxCaptures = most
        var numbered: [ObjectIdentifier: (slot: Int32, ids: [Int32])] = [:]
        let fromPack: Bool
        if packOnly, let pack, let packScanner = pack.scanner, let packSlots = pack.literalSlots {
            // The pack's plan, made at build time, used whole.
            fromPack = true
            scanner = packScanner
            literalSlots = packSlots
        } else {
            fromPack = false
            var rows = GateRowList()
            var numbering = LiteralNumbering()
            let slotCount = GateRows.number(rules) { p, unit, slot in
                let ids = p.requiredLiterals!.map { numbering.id($0) }
                rows.add(slot, unit, ids, p.alsoRequired.map { $0.map { numbering.id($0) } })
                numbered[ObjectIdentifier(p.regex)] = (slot, ids)
            }
            scanner = LiteralScanner(numbering.literals)
            literalSlots = rows.literalSlots(slotCount: Int(slotCount), literalCount: numbering.literals.count)
        }
        func gated(_ p: Pattern) -> GatedPattern {
            let row: (slot: Int32, ids: [Int32])? = fromPack ? p.packed.map { ($0.slot, $0.required) } : numbered[ObjectIdentifier(p.regex)]
            return GatedPattern(regex: p.regex, literalIDs: row?.ids, slot: row?.slot ?? -1, branches: p.branches.map(gated))
        }
        self.rules = rules.map { RulePlan(rule: $0, matchPatterns: $0.matchPatterns.map(gated), exceptions: $0.exceptions.map { gated($0.pattern) }) }
    }
}

extension Rule {
    /// The patterns that produce findings or count elements (not exceptions).
    public var matchPatterns: [Pattern] {
        switch check {
        case .forbid(let p, _), .require(let p, _, _): return p
        case .swap(let entries, _): return entries.map(\.pattern)
        case .conditional(let i, let t): return i + t
        case .metric: return []
        }
    }

    /// How many of `matchPatterns`, from the first, the rule reports nothing without a match
    /// of (nil: a `require` or `metric` rule, which reports what is missing or measured).
    var triggerCount: Int? {
        switch check {
        case .forbid(let p, _): return p.count
        case .swap(let entries, _): return entries.count
        case .conditional(let ifs, _): return ifs.count
        case .require, .metric: return nil
        }
    }

    /// Every pattern of the rule (exceptions' too), without branches.
    var allPatterns: [Pattern] {
        var out: [Pattern] = []
        forEachPattern(branches: false) { p, _ in out.append(p) }
        return out
    }
}
