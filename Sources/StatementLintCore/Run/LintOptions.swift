/// Everything a lint run is told: what to check, which rules, how to report. The command
/// line's `lint` options map onto these one for one; a library user sets them directly and
/// calls `LintRun(options:).run()`.
public struct LintOptions: Sendable, Equatable {
    /// Files and folders to check (folders are searched for `*.txt` and `*.md`); `-` is standard input.
    public var paths: [String] = []
    /// The name standard input is reported under.
    public var stdinName = "<stdin>"

    // Which rules: the built-in pack, rule folders, and names to narrow or widen the set by.
    public var useDefaultRules = true
    public var ruleDirectories: [String] = []
    public var only: [String] = []
    public var disable: [String] = []
    /// Opt-in rules (or categories) to run as well.
    public var enable: [String] = []

    /// One configuration file for every file, instead of finding `.statementlint.yml` above each.
    public var configPath: String?
    /// Use no configuration file at all.
    public var noConfig = false
    /// What the statements are (`kind` → `closing`…), over any configuration's `statement:`.
    public var statement: [String: String] = [:]

    /// Report only findings at or above this severity (default: the configuration's, or all).
    public var minSeverity: Severity?
    /// Findings at or above this severity fail the run (default: the configuration's, or warning).
    public var failLevel: Severity?

    /// Apply safe fixes in place, then report what is left.
    public var fix = false
    /// With `fix`: write a unified diff of the fixes instead, and change nothing.
    public var dryRun = false
    public var reportUnusedSuppressions = false
    /// Leave out the findings recorded in this baseline file.
    public var baseline: String?
    /// Record the findings in this baseline file instead of reporting them.
    public var writeBaseline: String?

    public var format = OutputFormat.text
    /// Colour text output (the caller knows whether the terminal takes colour).
    public var color = false
    /// Text output: every suggestion in full, and each missing element's advice.
    public var verbose = false
    /// Text output: only what fails the run.
    public var quiet = false
    /// Files checked in parallel; nil: as many as there are cores.
    public var jobs: Int?
    /// Seconds the rules may take on one file (nil: the configuration's, else
    /// `Linter.defaultTimeLimit`; 0: no limit).
    public var timeLimit: Double?
    /// The largest statement read, in bytes (nil: the configuration's `max-file-size`, or 10 MB).
    public var maxFileSize: Int?
    /// Print the time of each phase and the slowest rules to standard error.
    public var timings = false

    public init() {}
}
