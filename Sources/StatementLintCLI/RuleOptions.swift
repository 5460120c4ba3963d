import ArgumentParser
import StatementLintCore

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

    /// The same choice, for a lint run.
    func apply(to options: inout LintOptions) {
        options.useDefaultRules = !noDefaultRules
        options.ruleDirectories = ruleDirectories
        options.only = only
        options.disable = disable
        options.enable = enable
    }

    /// The choice, for listing, explaining and testing rules: opt-in rules count as chosen.
    var selection: RuleSelection {
        var selection = RuleSelection()
        selection.useDefaultRules = !noDefaultRules
        selection.ruleDirectories = ruleDirectories
        selection.only = only
        selection.disable = disable
        selection.enable = enable
        selection.allOptIn = true
        return selection
    }

    func load() throws -> [Rule] {
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
    for line in problem.messages(what: what) { Console.error(line) }
    return ExitCode(ExitStatus.failure)
}
