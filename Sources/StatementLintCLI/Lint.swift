import ArgumentParser
import Foundation
import StatementLintCore

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check statements (the default command).",
        discussion: """
        PATH may be a file, a directory (searched for *.txt and *.md), or - for standard input. \
        Settings come from the nearest .statementlint.yml above each file (see 'statementlint init'); \
        command-line options override them.

        \(exitStatusHelp)
        """
    )

    @Argument(help: ArgumentHelp("Files or directories to check; - reads standard input.", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: "Output format: \(OutputFormat.all.map(\.identifier).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("Use this configuration file for every file instead of looking for .statementlint.yml.", valueName: "FILE"))
    var config: String?

    @Flag(help: "Ignore .statementlint.yml files.")
    var noConfig = false

    @Option(help: "Report findings at or above this severity: suggestion, warning or error (default: suggestion).")
    var minSeverity: Severity?

    @Option(help: "Exit 1 when a finding is at or above this severity (default: warning).")
    var failLevel: Severity?

    @Flag(help: "Apply safe fixes in place (atomically; line endings, BOM and permissions kept), then report what is left.")
    var fix = false

    @Flag(help: "With --fix: print a unified diff of the fixes and change nothing.")
    var dryRun = false

    @Flag(help: "Report inline suppressions that no longer silence anything.")
    var reportUnusedSuppressions = false

    @Option(help: ArgumentHelp("Report only findings not recorded in this baseline file.", valueName: "FILE"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record the current findings in FILE (for adopting statementlint on an archive) and exit 0.", valueName: "FILE"))
    var writeBaseline: String?

    @Option(help: "Colour text output: auto, always or never (auto honours NO_COLOR and whether output is a terminal).")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Name to show for standard input.", valueName: "NAME"))
    var stdinFilename: String = "<stdin>"

    @Option(help: "Files checked in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Seconds the rules may take on one file before the rest are skipped for it (default: 10; 0: no limit).", valueName: "SECONDS"))
    var timeLimit: Double?
    @Option(help: ArgumentHelp("Largest statement read (default: the configuration's max-file-size, or 10MB); larger files are reported, not checked.", valueName: "SIZE"))
    var maxFileSize: FileSizeArgument?

    @Flag(help: "Print the time of each phase and the slowest rules to standard error.")
    var timings = false

    @Flag(help: "Text output: show every suggestion in full and each missing element's advice.")
    var verbose = false

    @Flag(help: "Text output: only the findings that fail the run and the files that could not be checked (for hooks).")
    var quiet = false

    @Option(help: ArgumentHelp("What the statements are, instead of detecting it (repeatable): " + ContextTag.settable.map { "\($0)=\(ContextTag.settableValues[$0]!.joined(separator: "|"))" }.joined(separator: ", ") + ".", valueName: "KEY=VALUE"))
    var statement: [String] = []

    /// The settings as plain values: the command runs from these, and so does the quick
    /// path that skips the library's parser (see `LintArguments.quickParse`).
    var arguments: LintArguments {
        var a = LintArguments()
        a.options.paths = paths
        a.options.format = format
        ruleOptions.apply(to: &a.options)
        a.options.configPath = config
        a.options.noConfig = noConfig
        a.options.minSeverity = minSeverity
        a.options.failLevel = failLevel
        a.options.fix = fix
        a.options.dryRun = dryRun
        a.options.reportUnusedSuppressions = reportUnusedSuppressions
        a.options.baseline = baseline
        a.options.writeBaseline = writeBaseline
        a.options.stdinName = stdinFilename
        a.options.jobs = jobs
        a.options.timeLimit = timeLimit
        a.options.maxFileSize = maxFileSize?.bytes
        a.options.timings = timings
        a.options.verbose = verbose
        a.options.quiet = quiet
        a.color = color
        a.statement = statement
        return a
    }

    func validate() throws { try arguments.validate() }

    func run() throws { try arguments.run() }
}

/// The lint command's settings, as the command line gave them: the library's options, and
/// the two it takes in another form.
struct LintArguments: Equatable {
    var options = LintOptions()
    /// `auto` is decided against the terminal when the run starts.
    var color = ColorChoice.auto
    /// `--statement KEY=VALUE`, checked and split by `validate`.
    var statement: [String] = []

    /// `--statement` values as dimension → value, and the first problem with them.
    var statementSettings: (settings: [String: String], problem: String?) {
        var out: [String: String] = [:]
        for s in statement {
            let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return (out, "--statement takes KEY=VALUE, e.g. --statement kind=closing (found '\(s)')") }
            if let problem = ContextTag.settingProblem(key: parts[0], value: parts[1]) { return (out, "--statement: \(problem)") }
            out[parts[0]] = parts[1]
        }
        return (out, nil)
    }

    func validate() throws {
        let o = options
        if o.verbose && o.quiet { throw ValidationError("--verbose and --quiet exclude each other") }
        if let problem = statementSettings.problem { throw ValidationError(problem) }
        if o.paths.isEmpty { throw ValidationError("give at least one file or directory to check (or - for standard input)") }
        if let jobs = o.jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let limit = o.timeLimit, !(limit >= 0 && limit.isFinite) { throw ValidationError("--time-limit takes a number of seconds, 0 or more (0: no limit)") }
        if o.paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given only once") }
        if o.dryRun && !o.fix { throw ValidationError("--dry-run goes with --fix") }
        if o.configPath != nil && o.noConfig { throw ValidationError("--config and --no-config exclude each other") }
        if o.writeBaseline != nil && (o.fix || o.baseline != nil) { throw ValidationError("--write-baseline cannot be combined with --fix or --baseline") }
    }

    func run() throws {
        var options = self.options
        options.statement = statementSettings.settings
        options.color = color.enabled
        let status = LintRun(options: options).run()
        if status != ExitStatus.clean { throw ExitCode(status) }
    }
}

/// `--max-file-size`: bytes, or a number with KB, MB or GB.
struct FileSizeArgument: ExpressibleByArgument, Equatable {
    let bytes: Int
    init?(argument: String) {
        guard let bytes = FileSize.parse(argument) else { return nil }
        self.bytes = bytes
    }
}
