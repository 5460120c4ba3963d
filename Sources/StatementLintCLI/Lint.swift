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

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
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
        LintArguments(paths: paths, format: format, ruleDirectories: ruleOptions.ruleDirectories,
                      noDefaultRules: ruleOptions.noDefaultRules, only: ruleOptions.only, disable: ruleOptions.disable, enable: ruleOptions.enable,
                      config: config, noConfig: noConfig, minSeverity: minSeverity, failLevel: failLevel, fix: fix,
                      dryRun: dryRun, reportUnusedSuppressions: reportUnusedSuppressions, baseline: baseline,
                      writeBaseline: writeBaseline, color: color, stdinFilename: stdinFilename, jobs: jobs, timings: timings,
                      verbose: verbose, quiet: quiet, statement: statement)
    }

    func validate() throws { try arguments.validate() }

    func run() throws { try arguments.run() }
}

/// The lint command's settings, as the command line gave them.
struct LintArguments: Equatable {
    var paths: [String] = []
    var format: OutputFormat = .text
    var ruleDirectories: [String] = []
    var noDefaultRules = false
    var only: [String] = []
    var disable: [String] = []
    var enable: [String] = []
    var config: String?
    var noConfig = false
    var minSeverity: Severity?
    var failLevel: Severity?
    var fix = false
    var dryRun = false
    var reportUnusedSuppressions = false
    var baseline: String?
    var writeBaseline: String?
    var color: ColorChoice = .auto
    var stdinFilename: String = "<stdin>"
    var jobs: Int?
    var timings = false
    var verbose = false
    var quiet = false
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
        if verbose && quiet { throw ValidationError("--verbose and --quiet exclude each other") }
        if let problem = statementSettings.problem { throw ValidationError(problem) }
        if paths.isEmpty { throw ValidationError("give at least one file or directory to check (or - for standard input)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given only once") }
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
        if config != nil && noConfig { throw ValidationError("--config and --no-config exclude each other") }
        if writeBaseline != nil && (fix || baseline != nil) { throw ValidationError("--write-baseline cannot be combined with --fix or --baseline") }
    }

    func run() throws {
        let started = monotonicNanoseconds()
        var options = LintSession.Options()
        options.collectTimings = timings
        options.useDefaultRules = !noDefaultRules
        options.ruleDirectories = ruleDirectories
        options.only = only
        options.disable = disable
        options.enable = enable
        options.configPath = config
        options.noConfig = noConfig
        options.minSeverity = minSeverity
        options.failLevel = failLevel
        options.fix = fix
        options.dryRun = dryRun
        options.reportUnusedSuppressions = reportUnusedSuppressions
        options.statement = statementSettings.settings
        if let baseline {
            guard let data = FileManager.default.contents(atPath: baseline) else {
                printError("\(baseline): error: cannot read baseline file")
                throw ExitCode(Status.failure)
            }
            do { options.baseline = try Baseline.parse(data) } catch {
                if case .invalid(let why) = error { printError("\(baseline): error: not a statementlint baseline: \(why)") }
                throw ExitCode(Status.failure)
            }
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            printError("\(config): error: configuration file does not exist")
            throw ExitCode(Status.failure)
        }

        let session = LintSession(options: options)
        let prepared: (jobs: [LintSession.Job], errors: [FileError], emptyFolders: [String])
        do {
            prepared = try session.prepare(paths: paths, stdinName: stdinFilename)
        } catch {
            throw reportRuleProblem(error, what: "rule or configuration")
        }

        let prepared_at = monotonicNanoseconds()
        let stdinIsFixed = fix && prepared.jobs.contains { if case .standardInput = $0.input { return true } else { return false } }
        // With --fix on standard input, standard output carries the fixed text; the report goes to standard error.
        func emit(_ text: String) {
            if stdinIsFixed { printError(text, newline: false) } else { writeOut(text) }
        }
        var context = ReportContext()
        context.failLevel = failLevel ?? .warning
        context.color = format == .text && !stdinIsFixed && color.enabled
        context.rules = session.allRules
        context.verbose = verbose
        context.quiet = quiet
        var reporter = format.makeReporter(context)
        var summary = RunSummary()
        // A folder with nothing to check fails the run: in CI a silent pass would hide a wrong path.
        for folder in prepared.emptyFolders {
            printError("\(folder): error: no statements to check (no *.txt or *.md file, or all are excluded by the configuration)")
        }
        var hadErrors = !prepared.errors.isEmpty || !prepared.emptyFolders.isEmpty
        var failing = false
        var newBaseline = Baseline()
        var diffs = ""
        let jobs = prepared.jobs

        if !dryRun && writeBaseline == nil { emit(reporter.begin()) }
        func report(_ result: FileResult) {
            let level = result.failLevel
            for e in result.errors { printError(e.description) }
            hadErrors = hadErrors || !result.errors.isEmpty
            if let fixed = result.fixedText { writeOut(String(decoding: fixed, as: UTF8.self)) }
            if writeBaseline != nil {
                newBaseline.record(Baseline.normalizedPath(result.path), result.findings)
                summary.add(result.findings, errors: result.errors, checked: result.document != nil)
                return
            }
            if dryRun {
                if let diff = result.diff { diffs += diff; failing = true }
                return
            }
            if result.fixesApplied > 0 || result.fixConflicts > 0 {
                var line = "\(result.path): fixed \(result.fixesApplied) problem\(result.fixesApplied == 1 ? "" : "s")"
                if result.fixConflicts > 0 { line += "; \(result.fixConflicts) overlapping fix\(result.fixConflicts == 1 ? "" : "es") left for review" }
                printError(line)
            }
            failing = failing || result.findings.contains { $0.suppression == nil && $0.severity >= level }
            summary.add(result.findings, errors: result.errors, checked: result.document != nil)
            if stdinIsFixed { emit(reporter.file(result)) } else { writeOut { reporter.file(result, into: &$0) } }
        }
        for e in prepared.errors {
            report(FileResult(path: e.path, findings: [], errors: [e], document: nil))
        }
        // Each file's report text is rendered on the worker that checked it.
        let renderAhead = !dryRun && writeBaseline == nil
        let format = self.format, renderContext = context
        // The core count is looked up (it reads the cgroup's CPU quota) only when it can matter.
        let workers = self.jobs ?? (jobs.count > 1 ? ProcessInfo.processInfo.activeProcessorCount : 1)
        Runner(jobs: workers).run(jobs, makeScratch: session.makeScratch,
                                    work: { job, scratch in
                                        var result = session.process(job, scratch: scratch, stdin: readAllStandardInput)
                                        if renderAhead {
                                            let started = session.phases == nil ? 0 : monotonicNanoseconds()
                                            result.rendered = format.makeReporter(renderContext).renderBytes(result)
                                            session.phases?.add(.report, since: started)
                                        }
                                        return result
                                    },
                                    sink: report)
        if timings {
            let finished = monotonicNanoseconds()
            func ms(_ ns: UInt64) -> String { String(format: "%.1f ms", Double(ns) / 1e6) }
            var lines = ["timings: start-up and rule loading \(ms(prepared_at - started)), checking \(jobs.count) file\(jobs.count == 1 ? "" : "s") \(ms(finished - prepared_at)) (wall, \(workers) job\(workers == 1 ? "" : "s"))"]
            if let phases = session.phases {
                let shown = PhaseTimings.Phase.allCases.filter { $0 != .report || renderAhead }
                lines.append("phases (summed over threads): " + shown.map { "\($0.name) \(ms(phases.total($0)))" }.joined(separator: ", "))
                let s = phases.searches
                lines.append("PCRE2 searches (within rules): \(s.searches) in \(ms(s.foundNanoseconds + s.noneNanoseconds)); "
                             + "\(s.found) found a match (\(ms(s.foundNanoseconds))), \(s.searches - s.found) found none (\(ms(s.noneNanoseconds)))")
            }
            for t in session.timings {
                lines.append("rules: \(ms(t.total)) in all (summed over threads); slowest:")
                for e in t.slowest(10) {
                    let s = e.figures
                    var work = s.looks == 0 ? "no pattern searches" : "\(s.looks) pattern search\(s.looks == 1 ? "" : "es"), \(s.emptyLooks) found nothing (\(ms(s.emptyNanoseconds)))"
                    if s.exceptionLooks > 0 { work += "; \(s.exceptionLooks) exception search\(s.exceptionLooks == 1 ? "" : "es") (\(ms(s.exceptionNanoseconds)))" }
                    let time = ms(s.nanoseconds)
                    lines.append("  \(time)\(String(repeating: " ", count: max(1, 11 - time.count)))\(e.id): \(work)")
                }
            }
            printError(lines.joined(separator: "\n"))
        }
        if let writeBaseline {
            do {
                try FileFixer.writeAtomically(Array(newBaseline.serialized().utf8), to: writeBaseline, createIfMissing: true)
            } catch {
                printError("\(writeBaseline): error: \(error.message)")
                throw ExitCode(Status.failure)
            }
            let total = summary.counts.values.reduce(0, +)
            printError("statementlint: recorded \(total) finding\(total == 1 ? "" : "s") from \(summary.files) file\(summary.files == 1 ? "" : "s") in \(writeBaseline)")
            throw ExitCode(hadErrors ? Status.failure : Status.clean)
        }
        if dryRun {
            writeOut(diffs)
            throw ExitCode(hadErrors ? Status.failure : failing ? Status.findings : Status.clean)
        }
        summary.exitCode = hadErrors ? Status.failure : failing ? Status.findings : Status.clean
        emit(reporter.end(summary))
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
