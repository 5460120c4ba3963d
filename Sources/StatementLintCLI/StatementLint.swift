import ArgumentParser
import Foundation
import StatementLintCore

/// Exit statuses, as documented in `--help` and the README.
enum Status {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let failure: Int32 = 2
}

/// The exit statuses as `--help` shows them (the root command's and lint's).
let exitStatusHelp = """
EXIT STATUS
  0  no finding at or above the fail level (default: warning)
  1  findings at or above the fail level (with --fix --dry-run: fixes to apply)
  2  usage error; a file that could not be checked (missing, not UTF-8,
     not plain text such as a Word document, PDF or HTML, or empty);
     a folder with no statements in it; or invalid rules or configuration
"""

@main
struct StatementLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statementlint",
        abstract: "Check police media statements against community-policing guidance.",
        usage: """
        statementlint [lint] [<options>] <path> ...
        statementlint <subcommand>
        """,
        discussion: """
        Checks a draft statement about a contentious incident: are the facts stated, is \
        the person harmed described fairly, is wrongdoing acknowledged, are officers' rights \
        protected, and is the agency's immediate response given?

        'statementlint draft.txt' checks a file: lint is the default subcommand, so \
        'statementlint FILE...' is 'statementlint lint FILE...'. A folder is searched for \
        *.txt and *.md files; - reads standard input. See 'statementlint lint --help' for \
        its options (output format, rules, configuration, fixes, baseline).

        \(exitStatusHelp)
        """,
        version: statementlintVersion,
        subcommands: [Lint.self, ListRules.self, Explain.self, TestRules.self, Init.self, InstallHook.self],
        defaultSubcommand: Lint.self
    )

    static func main() {
        do {
            // A plain lint command line skips the library's parser (see `quickParse`).
            if let quick = LintArguments.quickParse(Array(CommandLine.arguments.dropFirst())) {
                try quick.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
            flushOut()
        } catch let exit as ExitCode {
            flushOut()
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage mistakes exit 2 (not ArgumentParser's 64), like every other input error.
            printError(fullMessage(for: error))
            Foundation.exit(Status.failure)
        }
    }
}

func printError(_ message: String, newline: Bool = true) {
    guard !message.isEmpty else { return }
    FileHandle.standardError.write(Data((message.hasSuffix("\n") || !newline ? message : message + "\n").utf8))
}

/// Standard output, buffered: reports can be large and many small writes are slow.
nonisolated(unsafe) private var outputBuffer: [UInt8] = []

func writeOut(_ s: String) {
    writeOut { $0.append(contentsOf: s.utf8) }
}

/// Appends to the buffered standard output in place.
func writeOut(_ append: (inout [UInt8]) -> Void) {
    append(&outputBuffer)
    if outputBuffer.count >= 1 << 16 { flushOut() }
}

func flushOut() {
    guard !outputBuffer.isEmpty else { return }
    outputBuffer.withUnsafeBytes { bytes in
        var done = 0
        while done < bytes.count {
            let n = write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
    }
    outputBuffer.removeAll(keepingCapacity: true)
}

extension Severity: RawValueArgument {}
extension OutputFormat: RawValueArgument {}

/// An option value named by its raw value. The value lists are given directly: the library's
/// generic defaults describe each case with string interpolation, whose run-time protocol
/// lookups cost the one-statement start-up about half a millisecond.
protocol RawValueArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension RawValueArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

enum ColorChoice: String, RawValueArgument {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            // getenv, not ProcessInfo's environment: that copies the whole environment.
            if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }
}

/// Options that choose the rule set, shared by the commands that load rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Also load rules from DIR (repeatable).", valueName: "DIR"))
    var ruleDirectories: [String] = []

    @Flag(help: "Do not load the built-in rule pack.")
    var noDefaultRules = false

    @Option(help: ArgumentHelp("Run only this rule or category (repeatable).", valueName: "ID"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Do not run this rule or category (repeatable).", valueName: "ID"))
    var disable: [String] = []

    @Option(help: ArgumentHelp("Also run this opt-in rule or category (repeatable; 'statementlint rules' marks opt-in rules).", valueName: "ID"))
    var enable: [String] = []

    func load() throws -> [Rule] {
        var selection = RuleSelection()
        selection.useDefaultRules = !noDefaultRules
        selection.ruleDirectories = ruleDirectories
        selection.only = only
        selection.disable = disable
        selection.enable = enable
        selection.allOptIn = true
        do {
            return try selection.load()
        } catch {
            throw reportRuleProblem(error, what: "rule")
        }
    }
}

/// Prints a rule-set problem (every error with its file:line:col, or the unknown name) and
/// returns the exit status to throw: 2, nothing was checked.
func reportRuleProblem(_ problem: RuleSelection.Problem, what: String) -> ExitCode {
    switch problem {
    case .ruleErrors(let errors):
        for e in errors { printError(e.description) }
        printError("statementlint: \(errors.count) \(what) error\(errors.count == 1 ? "" : "s"); nothing was checked")
    case .unknownName(let option, let name):
        printError("statementlint: \(option): no rule or category named '\(name)' (see 'statementlint rules')")
    }
    return ExitCode(Status.failure)
}
