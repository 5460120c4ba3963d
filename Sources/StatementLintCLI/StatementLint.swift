import ArgumentParser
import Foundation
import StatementLintCore

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
            Console.flush()
        } catch let exit as ExitCode {
            Console.flush()
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage mistakes exit 2 (not ArgumentParser's 64), like every other input error.
            Console.error(fullMessage(for: error))
            Foundation.exit(ExitStatus.failure)
        }
    }
}

extension Severity: RawValueArgument {}

extension OutputFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { identifier }
    public static var allValueStrings: [String] { all.map(\.identifier) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

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
