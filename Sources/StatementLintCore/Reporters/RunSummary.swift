
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
