/// One output format. A run makes one reporter, gives it every file's result in input order
/// (`render`), then the run's totals (`finish`); what they return is written to standard
/// output, as it is returned. Adding a format: a type in this folder and a line in
/// `OutputFormat.reporters`.
public protocol Reporter {
    /// The `--format` value that picks this format.
    static var identifier: String { get }
    init(context: ReportContext)
    /// One file's output (a format that is one document collects here and writes at `finish`).
    mutating func render(_ file: FileResult) -> String
    /// What follows the last file: the summary line, or the whole document.
    mutating func finish(_ summary: RunSummary) -> String
}

/// An output format, by its `--format` value.
public struct OutputFormat: Hashable, Sendable, CustomStringConvertible {
    /// Every format, in the order `--help` lists them.
    nonisolated(unsafe) static let reporters: [any Reporter.Type] = [
        TextReporter.self,
        JSONReporter.self,
        SARIFReporter.self,
        GitHubReporter.self,
        LineReporter.self,
    ]

    public static let all = reporters.map { OutputFormat(identifier: $0.identifier) }
    public static let text = OutputFormat(identifier: TextReporter.identifier)

    public let identifier: String
    public var description: String { identifier }

    private init(identifier: String) { self.identifier = identifier }

    /// The format a `--format` value names; nil when no reporter has that identifier.
    public init?(_ identifier: String) {
        guard OutputFormat.reporters.contains(where: { $0.identifier == identifier }) else { return nil }
        self.identifier = identifier
    }

    public func makeReporter(_ context: ReportContext) -> any Reporter {
        OutputFormat.reporters.first { $0.identifier == identifier }!.init(context: context)
    }
}

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

public let statementlintVersion = "0.1.0"
