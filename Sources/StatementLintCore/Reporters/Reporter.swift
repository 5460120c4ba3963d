/// What a reporter needs besides the findings.
public struct ReportContext: Sendable {
    /// Findings at or above this severity make the run fail (exit 1).
    public var failLevel: Severity = .warning
    public var color = false
    /// Text output: every suggestion in full, and each missing element's advice.
    public var verbose = false
    /// Text output: only what fails the run (findings at or above the fail level, and files
    /// that could not be checked); nothing at all when everything passes.
    public var quiet = false
    public var toolVersion = statementlintVersion
    /// The rules that ran, for formats that describe them (SARIF).
    public var rules: [Rule] = []

    public init() {}
}

/// Totals for a whole run.
public struct RunSummary: Sendable {
    /// Files read and checked as statements.
    public var files = 0
    /// Files that could not be checked at all: missing, unreadable, not UTF-8, not plain text, empty.
    public var unreadableFiles = 0
    /// Files checked, but not completely: an error stopped part of the work (a rule's match
    /// limit, a fix that could not be written).
    public var incompleteFiles = 0
    public var counts: [Severity: Int] = [:]
    public var suppressed = 0
    public var exitCode: Int32 = 0

    public init() {}

    /// Adds one file's result; `checked` is false when nothing in it could be checked.
    public mutating func add(_ findings: [Finding], errors: [FileError], checked: Bool = true) {
        if !checked { unreadableFiles += 1; return }
        files += 1
        if !errors.isEmpty { incompleteFiles += 1 }
        var bySeverity = (0, 0, 0)
        for i in findings.indices {
            if findings[i].suppression != nil { suppressed += 1; continue }
            switch findings[i].severity {
            case .suggestion: bySeverity.0 += 1
            case .warning: bySeverity.1 += 1
            case .error: bySeverity.2 += 1
            }
        }
        for (severity, n) in [(Severity.suggestion, bySeverity.0), (.warning, bySeverity.1), (.error, bySeverity.2)] where n > 0 {
            counts[severity, default: 0] += n
        }
    }
}

/// One output format. Reporters stream: `begin`, then `file` once per input in order, then `end`.
///
/// Formats whose per-file output depends only on the file's result implement `render`: the
/// runner calls `renderBytes` on worker threads (on a copy of the reporter) and stores the
/// UTF-8 in `FileResult.rendered`, so `file` only adds separators and the output thread
/// never waits on formatting. Output is written as bytes (`file(_:into:)`): a report can be
/// ten times the size of its statements, and making Strings of it only to take their UTF-8
/// back out would check every byte again.
public protocol Reporter {
    mutating func begin() -> String
    mutating func file(_ result: FileResult) -> String
    mutating func end(_ summary: RunSummary) -> String
    func render(_ result: FileResult) -> String?
    /// `render`'s text as UTF-8.
    func renderBytes(_ result: FileResult) -> [UInt8]?
    /// What `file` returns, appended to `out` as UTF-8.
    mutating func file(_ result: FileResult, into out: inout [UInt8])
}

extension Reporter {
    public func render(_ result: FileResult) -> String? { nil }
    public func renderBytes(_ result: FileResult) -> [UInt8]? { render(result).map { Array($0.utf8) } }
    public mutating func file(_ result: FileResult, into out: inout [UInt8]) { out.append(contentsOf: file(result).utf8) }
}

public let statementlintVersion = "0.1.0"

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, line

    public func makeReporter(_ context: ReportContext) -> any Reporter {
        switch self {
        case .text: return TextReporter(context: context)
        case .json: return JSONReporter(context: context)
        case .sarif: return SARIFReporter(context: context)
        case .github: return GitHubReporter(context: context)
        case .line: return LineReporter(context: context)
        }
    }
}
