import StatementLintMatching

/// The seven kinds of advice a rule can encode; each rule belongs to one.
public enum Category: String, CaseIterable, Sendable, Comparable {
    case facts
    case demonizing
    case accountability
    case officerRights = "officer-rights"
    case policyResponse = "policy-response"
    case transparency
    case plainLanguage = "plain-language"
    /// Findings about the tool's own directives (suppressions, vocabulary); never a rule file's category.
    case statementlint

    /// The categories a rule file may use.
    public static let ruleCategories: [Category] = allCases.filter { $0 != .statementlint }

    /// Declaration order (the order `allCases` lists).
    package var rank: Int {
        switch self {
        case .facts: return 0
        case .demonizing: return 1
        case .accountability: return 2
        case .officerRights: return 3
        case .policyResponse: return 4
        case .transparency: return 5
        case .plainLanguage: return 6
        case .statementlint: return 7
        }
    }

    public static func < (a: Category, b: Category) -> Bool { a.rank < b.rank }
}

public enum Severity: String, CaseIterable, Sendable, Comparable {
    case suggestion, warning, error

    /// Declaration order (the order `allCases` lists), without building `allCases`: findings are compared often.
    var rank: Int {
        switch self {
        case .suggestion: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

public enum RuleKind: String, CaseIterable, Sendable {
    case forbid, swap, require, conditional, metric
}

/// Whether `--fix` may apply an edit without a person reading it.
public enum FixSafety: String, CaseIterable, Sendable { case safe, review }

public enum QuoteMode: String, CaseIterable, Sendable { case skip, include }

/// The unit a `forbid` or `swap` rule's plain exceptions are looked for in.
public enum Scope: String, CaseIterable, Sendable { case sentence, paragraph, document }

/// Where an exception pattern is looked for, relative to a match.
public enum ContextArea: String, CaseIterable, Sendable {
    case sentence, before, after
    case previousSentence = "previous-sentence"
    case nextSentence = "next-sentence"
    case paragraph, document, match

    /// Whether the area can begin inside a word: after a match, or the match itself. The
    /// others begin where a sentence, a paragraph or the statement does, after white space.
    package var startsAnywhere: Bool { self == .after || self == .match }
}

/// Which of a `forbid` or `swap` rule's matches are reported: all of them, or only the first in
/// the statement (`statement`), or the first of each text (`text`, compared without case): a
/// habit named once is enough ("male" for "man"), and an acronym is spelt out where first used.
public enum FirstOnly: String, CaseIterable, Sendable { case statement, text }

public enum MetricKind: String, CaseIterable, Sendable {
    case sentenceLength = "sentence-length"
    case readingGrade = "reading-grade"
}

public struct Exception: Sendable {
    public let pattern: Pattern
    /// nil: the rule's scope unit.
    public let area: ContextArea?
    /// An exception looked for after the match or in it keeps no word-start literals (see
    /// `Pattern.withoutWordStarts`), however it is made.
    public init(pattern: Pattern, area: ContextArea?) {
        self.pattern = area?.startsAnywhere == true ? pattern.withoutWordStarts() : pattern
        self.area = area
    }
}

public struct FixTemplate: Sendable {
    public let replace: String
    public let safety: FixSafety
    public init(replace: String, safety: FixSafety) { self.replace = replace; self.safety = safety }
}

public struct SwapEntry: Sendable {
    public let pattern: Pattern
    public let replacement: String
    public init(pattern: Pattern, replacement: String) { self.pattern = pattern; self.replacement = replacement }
}

/// What a rule checks, by kind.
public enum Check: Sendable {
    case forbid(patterns: [Pattern], fix: FixTemplate?)
    case swap(entries: [SwapEntry], safety: FixSafety)
    case require(patterns: [Pattern], min: Int, firstParagraphOnly: Bool)
    case conditional(ifPatterns: [Pattern], thenPatterns: [Pattern])
    case metric(MetricKind, max: Double)

    public var kind: RuleKind {
        switch self {
        case .forbid: return .forbid
        case .swap: return .swap
        case .require: return .require
        case .conditional: return .conditional
        case .metric: return .metric
        }
    }
}

/// One example from a rule file: text (with ⟦ ⟧ markers in flag examples), the text
/// expected after fixing, and the line it sits on in the rule file.
public struct RuleExample: Sendable {
    public let text: String
    public let fixed: String?
    public let line: Int
    public init(text: String, fixed: String?, line: Int) { self.text = text; self.fixed = fixed; self.line = line }
}

public struct Rule: Sendable {
    public let id: String
    public let category: Category
    public let severity: Severity
    public let message: String
    public let rationale: String
    public let source: String
    public let link: String?
    public let check: Check
    public let quotes: QuoteMode
    public let scope: Scope
    public let exceptions: [Exception]
    public let suggestions: [String]
    public let advice: String?
    public let flagExamples: [RuleExample]
    public let passExamples: [RuleExample]
    /// Where the rule came from, as shown by `statementlint rules` ("Rules/facts/x.yml").
    public let origin: String
    /// Whether it is part of the pack built into the binary.
    public let isDefault: Bool
    /// The element a `require` or `conditional` rule checks (`facts.condolence`; see `Element`).
    public let element: String?
    /// Statement contexts in which the element cannot apply, so the rule reports nothing.
    public let notApplicable: [NotApplicable]
    /// Not run unless named by `--enable`, `enable:` or `--only`: checks most statements
    /// rightly leave out (see each rule's rationale).
    public let optIn: Bool
    /// Why the rule's severity is what it is (`severity-reason:`).
    public let severityReason: String?
    /// `first-only:` (forbid and swap): report only the first match in the statement, or of each text.
    public let firstOnly: FirstOnly?

    public init(id: String, category: Category, severity: Severity, message: String, rationale: String, source: String,
                link: String?, check: Check, quotes: QuoteMode, scope: Scope, exceptions: [Exception], suggestions: [String],
                advice: String?, flagExamples: [RuleExample], passExamples: [RuleExample], origin: String, isDefault: Bool,
                element: String? = nil, notApplicable: [NotApplicable] = [], optIn: Bool = false, severityReason: String? = nil, firstOnly: FirstOnly? = nil) {
        self.id = id; self.category = category; self.severity = severity; self.message = message
        self.rationale = rationale; self.source = source; self.link = link; self.check = check; self.quotes = quotes
        self.scope = scope; self.exceptions = exceptions; self.suggestions = suggestions; self.advice = advice
        self.flagExamples = flagExamples; self.passExamples = passExamples; self.origin = origin; self.isDefault = isDefault
        self.element = element; self.notApplicable = notApplicable; self.optIn = optIn; self.severityReason = severityReason; self.firstOnly = firstOnly
    }

    public var kind: RuleKind { check.kind }

    /// Calls `body` with every pattern of the rule (those that find matches, then the
    /// exceptions'), each followed by its branches unless `branches` is false, and whether
    /// it is an exception's.
    package func forEachPattern(branches: Bool = true, _ body: (Pattern, _ exception: Bool) -> Void) {
        func visit(_ p: Pattern, _ exception: Bool) {
            body(p, exception)
            if branches { for b in p.branches { body(b, exception) } }
        }
        switch check {
        case .forbid(let ps, _), .require(let ps, _, _): for p in ps { visit(p, false) }
        case .swap(let entries, _): for e in entries { visit(e.pattern, false) }
        case .conditional(let i, let t): for p in i { visit(p, false) }; for p in t { visit(p, false) }
        case .metric: break
        }
        for e in exceptions { visit(e.pattern, true) }
    }

    /// Every pattern of the rule, each followed by its branches, in `forEachPattern`'s order.
    package var patternsWithBranches: [Pattern] {
        var out: [Pattern] = []
        forEachPattern { p, _ in out.append(p) }
        return out
    }

    /// "category/id", as shown in output.
    public var qualifiedID: String { "\(category.rawValue)/\(id)" }

    /// The `fix` / swap safety, if the rule can fix anything.
    public var fixSafety: FixSafety? {
        switch check {
        case .forbid(_, let fix): return fix?.safety
        case .swap(_, let safety): return safety
        default: return nil
        }
    }
}
