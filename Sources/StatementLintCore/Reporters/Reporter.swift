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
    static let reporters: [Entry] = [
        Entry(TextReporter.self),
        Entry(JSONReporter.self),
        Entry(SARIFReporter.self),
        Entry(GitHubReporter.self),
        Entry(LineReporter.self),
    ]

    public static let all = reporters.indices.map(OutputFormat.init(index:))
    public static let text = OutputFormat("text")!

    /// Where the format is in `reporters`.
    let index: Int
    public var identifier: String { OutputFormat.reporters[index].identifier }
    public var description: String { identifier }

    private init(index: Int) { self.index = index }

    /// The format a `--format` value names; nil when no reporter has that identifier.
    public init?(_ identifier: String) {
        guard let index = OutputFormat.reporters.firstIndex(where: { $0.identifier == identifier }) else { return nil }
        self.index = index
    }

    public func makeReporter(_ context: ReportContext) -> any Reporter { OutputFormat.reporters[index].make(context) }

    /// The reporter, when it renders each file alone (then the run does that on the workers).
    func makeFileByFileReporter(_ context: ReportContext) -> (any RendersFilesAlone)? { OutputFormat.reporters[index].makeFileByFile?(context) }

    /// A reporter type, with what its kind allows, known when the list is compiled (a
    /// run-time `as?` for `RendersFilesAlone` searches every conformance in the binary).
    struct Entry: Sendable {
        let identifier: String
        let make: @Sendable (ReportContext) -> any Reporter
        let makeFileByFile: (@Sendable (ReportContext) -> any RendersFilesAlone)?

        init<R: Reporter>(_ type: R.Type) {
            identifier = R.identifier
            make = { R(context: $0) }
            makeFileByFile = nil
        }

        init<R: RendersFilesAlone>(_ type: R.Type) {
            identifier = R.identifier
            make = { R(context: $0) }
            makeFileByFile = { R(context: $0) }
        }
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
