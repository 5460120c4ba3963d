import ArgumentParser
import Foundation
import StatementLintCore

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check statements (the default command).",
        discussion: "PATH may be a file, a directory (searched for *.txt and *.md), or - for standard input."
    )

    @Argument(help: ArgumentHelp("Files or directories to check; - reads standard input.", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Report findings at or above this severity: suggestion, warning or error.")
    var minSeverity: Severity = .suggestion

    @Option(help: "Exit 1 when a finding is at or above this severity.")
    var failLevel: Severity = .warning

    @Option(help: "Colour text output: auto, always or never (auto honours NO_COLOR and whether output is a terminal).")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Name to show for standard input.", valueName: "NAME"))
    var stdinFilename: String = "<stdin>"

    @Option(help: "Files checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to check (or - for standard input)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given only once") }
    }

    func run() throws {
        let rules = try ruleOptions.load()
        let linter = Linter(rules: rules)
        let (inputs, missing) = collectInputs(paths, stdinName: stdinFilename)
        var context = ReportContext()
        context.failLevel = failLevel
        context.color = format == .text && color.enabled
        context.rules = rules
        var reporter = format.makeReporter(context)
        var summary = RunSummary()
        var hadErrors = !missing.isEmpty
        var failing = false

        writeOut(reporter.begin())
        func report(_ result: FileResult) {
            var result = result
            result.findings.removeAll { $0.severity < minSeverity }
            for e in result.errors { printError(e.description) }
            hadErrors = hadErrors || !result.errors.isEmpty
            failing = failing || result.findings.contains { $0.suppression == nil && $0.severity >= failLevel }
            summary.add(result.findings, errors: result.errors)
            writeOut(reporter.file(result))
        }
        for e in missing {
            report(FileResult(path: e.path, findings: [], errors: [e], document: nil))
        }
        Runner(linter: linter, jobs: jobs).run(inputs, sink: report)
        summary.exitCode = hadErrors ? Status.failure : failing ? Status.findings : Status.clean
        writeOut(reporter.end(summary))
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
