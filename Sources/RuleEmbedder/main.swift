import Foundation
import StatementLintRules

// Usage: RuleEmbedder RULES_DIR OUTPUT.swift
//
// Loads and validates the default rule pack with the same strict loader users' rule files
// go through (a broken rule fails the build with file:line:col), then writes Swift source
// that constructs the rules directly: capture counts, prefilter literals (numbered, with
// their scanning automaton) and PCRE2's serialized compiled form precomputed. Start-up
// then parses no YAML, and a pattern is decoded (not compiled) on first use; if the PCRE2
// at run time rejects the serialized form (another version), the pattern is compiled from
// its source instead.
let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write(Data("usage: RuleEmbedder RULES_DIR OUTPUT\n".utf8))
    exit(2)
}
let rulesDir = args[1]
var (rules, errors) = RuleLoader.load(directory: rulesDir)
errors += RuleLoader.checkDuplicates(rules)
let contexts = ContextLoader.load(directory: rulesDir)
errors += contexts.errors + ContextLoader.checkTags(rules, known: contexts.tags)
if !errors.isEmpty {
    for e in errors { FileHandle.standardError.write(Data("\(e.file):\(e.line):\(e.column): error: \(e.message)\n".utf8)) }
    exit(1)
}
rules.sort { ($0.category, $0.id) < ($1.category, $1.id) }

/// A Swift string literal for any text.
func lit(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where u.value < 0x20 || u.value == 0x7F: out += "\\u{\(String(u.value, radix: 16))}"
        default: out.unicodeScalars.append(u)
        }
    }
    return out + "\""
}
func optLit(_ s: String?) -> String { s.map(lit) ?? "nil" }
func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

// PCRE2's serialized forms all begin alike (a header and the character tables): that part
// is written once.
nonisolated(unsafe) var forms: [ObjectIdentifier: [UInt8]] = [:]
for r in rules {
    for p in r.patternsWithBranches {
        // A form the run-time check would refuse (a PCRE2 laid out differently) is left out:
        // that pattern is compiled from its source on first use.
        if let form = p.regex.serializedForm(), SerializedCode.isWhole(form) { forms[ObjectIdentifier(p.regex)] = form }
    }
}
let sharedPrefix = SerializedCode.sharedPrefix(Array(forms.values))

// The pack's required literals, numbered once, and the scanner that finds them, so start-up
// neither hashes literals nor builds the automaton.
let allPatterns = rules.flatMap(\.patternsWithBranches)
let (packLiterals, packIDs) = LiteralPack.number(allPatterns)
nonisolated(unsafe) var literalIDs: [ObjectIdentifier: (required: [Int32], also: [[Int32]])] = [:]
for (p, ids) in zip(allPatterns, packIDs) { if let ids { literalIDs[ObjectIdentifier(p.regex)] = ids } }
let packScanner = LiteralScanner(packLiterals)
guard LiteralScanner(serialized: packScanner.serialized())?.serialized() == packScanner.serialized() else {
    FileHandle.standardError.write(Data("error: the literal scanner does not read back its own serialized form\n".utf8))
    exit(1)
}

// Gate rows of a linter running the pack alone, numbered by the one numbering linters use
// (`GateRows`): the plan is made here, once, and only read at start-up.
nonisolated(unsafe) var slots: [ObjectIdentifier: (row: Int32, unit: Scope)] = [:]
var packRows = GateRowList()
let slotCount = GateRows.number(rules) { p, unit, row in
    slots[ObjectIdentifier(p.regex)] = (row, unit)
    let ids = literalIDs[ObjectIdentifier(p.regex)]!
    packRows.add(row, unit, ids.required, ids.also)
}
// Which rows each literal marks, for every pattern of the pack.
let packSlots = packRows.literalSlots(slotCount: Int(slotCount), literalCount: packLiterals.count)
guard LiteralSlots(serialized: packSlots.serialized(), literalCount: packLiterals.count) == packSlots else {
    FileHandle.standardError.write(Data("error: the gate rows do not read back their own serialized form\n".utf8))
    exit(1)
}

func pattern(_ p: Pattern, unit: Scope) -> String {
    let names = p.regex.groupNames.isEmpty ? "[:]" : "[" + p.regex.groupNames.sorted { $0.key < $1.key }.map { "\(lit($0.key)): \($0.value)" }.joined(separator: ", ") + "]"
    func set(_ s: [Int32]) -> String { list(s.map(String.init)) }
    let ids = literalIDs[ObjectIdentifier(p.regex)]
    let literals = ids.map { set($0.required) } ?? "nil"
    let also = list((ids?.also ?? []).map(set))
    var slot: Int32 = -1
    if ids != nil {
        guard let row = slots[ObjectIdentifier(p.regex)], row.unit == unit else {
            FileHandle.standardError.write(Data("error: pattern \(p.regex.pattern) has literals but no gate row of its unit\n".utf8))
            exit(1)
        }
        slot = row.row
    }
    let branches = p.branches.isEmpty ? "" : ", " + list(p.branches.map { pattern($0, unit: unit) })
    return "p(\(lit(p.regex.pattern)), \(p.regex.caseless), \(p.regex.captureCount), \(names), \(literals), \(also), \(slot), .\(unit.rawValue), \(optLit(forms[ObjectIdentifier(p.regex)].map { Data($0.dropFirst(sharedPrefix.count)).base64EncodedString() }))\(branches))"
}

func check(_ c: Check, unit: Scope) -> String {
    func patterns(_ ps: [Pattern]) -> String { list(ps.map { pattern($0, unit: unit) }) }
    switch c {
    case .forbid(let ps, let fix):
        return ".forbid(patterns: \(patterns(ps)), fix: \(fix.map { "FixTemplate(replace: \(lit($0.replace)), safety: .\($0.safety.rawValue))" } ?? "nil"))"
    case .swap(let entries, let safety):
        return ".swap(entries: \(list(entries.map { "SwapEntry(pattern: \(pattern($0.pattern, unit: unit)), replacement: \(lit($0.replacement)))" })), safety: .\(safety.rawValue))"
    case .require(let ps, let min, let first):
        return ".require(patterns: \(patterns(ps)), min: \(min), firstParagraphOnly: \(first))"
    case .conditional(let i, let t):
        return ".conditional(ifPatterns: \(patterns(i)), thenPatterns: \(patterns(t)))"
    case .metric(let kind, let max):
        return ".metric(MetricKind(rawValue: \(lit(kind.rawValue)))!, max: \(max))"
    }
}
func examples(_ ex: [RuleExample]) -> String {
    list(ex.map { "RuleExample(text: \(lit($0.text)), fixed: \(optLit($0.fixed)), line: \($0.line))" })
}

var body = ""
for (i, r) in rules.enumerated() {
    let origin = "Rules/\(r.category.rawValue)/\(r.id).yml"
    let check = check(r.check, unit: r.scope)
    // Exceptions are gated on sentences (see `CheckContext.cannotMatch(_:in:sentence:)`).
    let exceptions = list(r.exceptions.map { "Exception(pattern: \(pattern($0.pattern, unit: .sentence)), area: \($0.area.map { "ContextArea(rawValue: \(lit($0.rawValue)))!" } ?? "nil"))" })
    body += """
    private func rule\(i)() -> Rule {
        let check: Check = \(check)
        let exceptions: [Exception] = \(exceptions)
        let flags: [RuleExample] = \(examples(r.flagExamples))
        let passes: [RuleExample] = \(examples(r.passExamples))
        return Rule(id: \(lit(r.id)), category: Category(rawValue: \(lit(r.category.rawValue)))!, severity: .\(r.severity.rawValue),
                    message: \(lit(r.message)), rationale: \(lit(r.rationale)), source: \(lit(r.source)), link: \(optLit(r.link)),
                    check: check, quotes: .\(r.quotes.rawValue), scope: .\(r.scope.rawValue), exceptions: exceptions,
                    suggestions: \(list(r.suggestions.map(lit))), advice: \(optLit(r.advice)),
                    flagExamples: flags, passExamples: passes, origin: \(lit(origin)), isDefault: true,
                    element: \(optLit(r.element)), notApplicable: \(list(r.notApplicable.map { "NotApplicable(tag: \(lit($0.tag)), why: \(lit($0.why)))" })), optIn: \(r.optIn), severityReason: \(optLit(r.severityReason)),
                    firstOnly: \(r.firstOnly.map { ".\($0.rawValue)" } ?? "nil"))
    }


    """
}

var out = """
// Generated by RuleEmbedder from Rules/ at build time. Do not edit.
import StatementLintRules

/// The start every pattern's serialized form shares.
private let prefix = SerializedPrefix(base64: \(lit(Data(sharedPrefix).base64EncodedString())))

/// Every literal the pack's patterns require, and their scanner.
private let pack = LiteralPack(literals: \(list(packLiterals.map { lit(String(decoding: $0, as: UTF8.self)) })),
                               scanner: \(lit(Data(packScanner.serialized()).base64EncodedString())),
                               slots: \(lit(Data(packSlots.serialized()).base64EncodedString())),
                               slotCount: \(slotCount))

private func p(_ pattern: String, _ caseless: Bool, _ captures: Int, _ names: [String: Int], _ literals: [Int32]?, _ also: [[Int32]],
               _ slot: Int32, _ unit: Scope, _ serialized: String?, _ branches: [Pattern] = []) -> Pattern {
    let regex = Regex(validated: pattern, caseless: caseless, captureCount: captures, groupNames: names,
                      serialized: serialized.map { SerializedCode(prefix: prefix, rest: $0) })
    return literals.map { Pattern(regex: regex, packed: PackedLiterals(pack: pack, required: $0, also: also, slot: slot, unit: unit), branches: branches) }
        ?? Pattern(regex: regex, requiredLiterals: nil, deriveLiterals: false, branches: branches)
}

/// The statement contexts of the built-in pack (Rules/contexts.yml), compiled on first use.
let embeddedContexts: [ContextTag] = [\(contexts.tags.map { t in
    "ContextTag(name: \(lit(t.name)), means: \(lit(t.means)), patterns: \(list(t.patterns.map { "try! Regex(\(lit($0.pattern)), caseless: true)" })), unless: \(list(t.unless.map { "try! Regex(\(lit($0.pattern)), caseless: true)" })), gates: \(list(t.gates.map { list($0.map { list($0.map(lit)) }) })), detectExamples: \(list(t.detectExamples.map(lit))), notExamples: \(list(t.notExamples.map(lit))))"
}.joined(separator: ",\n    "))]

/// The built-in pack's vocabulary (Rules/vocabulary.yml), for rule folders loaded beside it.
let embeddedVocabulary: [String: String] = [\(Vocabulary.load(directory: rulesDir).pieces.sorted { $0.key < $1.key }.map { "\(lit($0.key)): \(lit($0.value))" }.joined(separator: ", "))\(Vocabulary.load(directory: rulesDir).pieces.isEmpty ? ":" : "")]

/// The built-in rule pack (\(rules.count) rules).
let embeddedRules: [Rule] = [\(rules.indices.map { "rule\($0)()" }.joined(separator: ", "))]


"""
out += body
let data = Data(out.utf8)
let outURL = URL(fileURLWithPath: args[2])
if (try? Data(contentsOf: outURL)) != data {
    try data.write(to: outURL, options: .atomic)
}
