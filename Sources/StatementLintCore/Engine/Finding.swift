/// A machine-applicable edit: replace `range` (original bytes) with `replacement`.
public struct Fix: Equatable, Sendable {
    public let range: Range<Int>
    public let replacement: String
    public let safety: FixSafety
}

/// One problem a rule found in one file.
public struct Finding: Sendable {
    public let ruleID: String
    public let ruleKind: RuleKind
    public let category: Category
    public var severity: Severity
    public let message: String
    /// Original byte range; empty at the document start for document-level findings.
    public let range: Range<Int>
    public let start: Position
    public let end: Position
    public let matchedText: String
    /// The sentence the finding sits in (original text), nil for document-level findings.
    public let sentence: String?
    public let fix: Fix?
    public let suggestions: [String]
    public let advice: String?
    /// True for findings about the statement as a whole (a missing element, reading grade).
    public let documentLevel: Bool
    /// Set when an inline suppression or baseline silenced the finding: its reason.
    public var suppression: String?
    /// The element a missing-element finding is about (`facts.condolence`), from its rule.
    public var element: String? = nil

    public var qualifiedID: String { "\(category.rawValue)/\(ruleID)" }

    /// Whether `name` (a rule id, `category/id` or a category) selects this finding.
    public func isNamed(_ name: String) -> Bool { name == ruleID || name == qualifiedID || name == category.rawValue }
    /// Identifies the finding across edits: the rule, the matched text and its sentence, not
    /// the line. Shared by baselines and SARIF's partialFingerprints.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(qualifiedID)\u{0}\(matchedText.lowercased())\u{0}\(sentence ?? "")".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A required element the statement lacks (from a `require` or `conditional` rule).
    public var isMissingElement: Bool { ruleKind == .require || ruleKind == .conditional }
}

/// A problem that stopped part of the work on a file: unreadable, not UTF-8, a runaway pattern.
public struct FileError: Error, Sendable, Equatable {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }
}

/// Everything found in one file.
public struct FileResult: Sendable {
    public let path: String
    public var findings: [Finding]
    public var errors: [FileError]
    /// The document, kept until the result is reported (text output shows source lines).
    public var document: Document?
    /// Findings at or above this severity fail the run (from options or configuration).
    public var failLevel: Severity = .warning
    /// What the statement was found or set to be (its kind, incident, jurisdiction…).
    public var statement: [DetectedContext] = []
    /// Elements whose rules reported nothing because they cannot apply to this statement.
    public var notApplicable: [NotApplicableElement] = []
    /// With `--fix`: how many fixes were applied, and fixes left because they overlapped.
    public var fixesApplied = 0
    public var fixConflicts = 0
    /// Fixes left because they would join, split or change a line break.
    public var fixLineBreaks = 0
    /// With `--fix --dry-run`: the unified diff of what would change.
    public var diff: String?
    /// With `--fix` on standard input: the fixed text.
    public var fixedText: [UInt8]?
    /// The reporter's text for this file as UTF-8, rendered ahead on a worker (see `Reporter.renderBytes`).
    public var rendered: [UInt8]?

    public init(path: String, findings: [Finding], errors: [FileError], document: Document?) {
        self.path = path
        self.findings = findings
        self.errors = errors
        self.document = document
    }
}
