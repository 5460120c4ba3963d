import ArgumentParser
import Foundation
import StatementLintCore

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules, with where each came from.")

    @OptionGroup var ruleOptions: RuleOptions

    enum Format: String, RawValueArgument {
        case text, json, markdown, patterns
    }

    @Option(help: "Output format: text, json, markdown (the README's rule list) or patterns (every match pattern, one per line).")
    var format: Format = .text

    func run() throws {
        let rules = try ruleOptions.load()
        switch format {
        case .markdown:
            Console.write(RuleDocumentation.markdownIndex(rules))
        case .patterns:
            for r in rules {
                for p in r.matchPatterns { Console.write(p.regex.pattern + "\n") }
            }
        case .json:
            let list = JSON.array(rules.map { r in
                .object([
                    ("id", .string(r.id)), ("qualifiedId", .string(r.qualifiedID)), ("category", .string(r.category.rawValue)),
                    ("severity", .string(r.severity.rawValue)), ("kind", .string(r.kind.rawValue)),
                    ("fix", .optional(r.fixSafety?.rawValue)), ("origin", .string(r.origin)), ("builtIn", .bool(r.isDefault)),
                    ("element", .optional(r.element)), ("optIn", .bool(r.optIn)),
                    ("severityReason", .optional(r.severityReason)),
                ])
            })
            Console.write(list.serialized() + "\n")
        case .text:
            let width = rules.map(\.qualifiedID.count).max() ?? 10
            for r in rules {
                let id = r.qualifiedID.padding(toLength: width, withPad: " ", startingAt: 0)
                let sev = r.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                let kind = r.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                let from = r.isDefault ? "built-in (\(r.origin))" : r.origin
                Console.write("\(id)  \(sev) \(kind) \(from)\(r.optIn ? "  opt-in" : "")\(r.element.map { "  element \($0)" } ?? "")\n")
            }
            let optIn = rules.filter(\.optIn).count
            Console.write("\(rules.count) rules (\(optIn) opt-in: run them with --enable ID or 'enable:' in .statementlint.yml)\n")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: what it checks, why, how to fix, examples.")

    @Argument(help: "Rule id, or category/id.")
    var id: String

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let rules = try ruleOptions.load()
        guard let rule = rules.first(where: { $0.id == id || $0.qualifiedID == id }) else {
            Console.error("statementlint: no rule named '\(id)' (see 'statementlint rules')")
            throw ExitCode(ExitStatus.failure)
        }
        Console.write(RuleDocumentation.explain(rule))
    }
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-rules",
        abstract: "Run every rule's own flag/pass examples; failures are reported as file:line.",
        discussion: "With DIR, tests the rules in DIR; without, the built-in pack. The rule options choose the rules as for lint."
    )

    @Argument(help: "A rule directory to test (the same as --no-default-rules --rules DIR).")
    var directory: String?

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        var selection = ruleOptions.selection
        if let directory {
            selection.useDefaultRules = false
            selection.ruleDirectories = [directory] + selection.ruleDirectories
        }
        let rules: [Rule], contexts: [ContextTag]
        do {
            rules = try selection.load()
            contexts = try selection.loadContexts()
        } catch {
            throw reportRuleProblem(error, what: "rule")
        }
        let (count, failures) = RuleTester.test(rules, contexts: contexts)
        let (contextCount, contextFailures) = RuleTester.test(contexts: contexts)
        for f in failures { Console.write(f.description + "\n") }
        for f in contextFailures { Console.write(f.description + "\n") }
        let contextPart = contexts.isEmpty ? "" : ", \(contexts.count) contexts, \(contextCount) context examples"
        if failures.isEmpty && contextFailures.isEmpty {
            Console.write("\(rules.count) rules, \(count) examples\(contextPart): all passed\n")
        } else {
            Console.write("\(rules.count) rules, \(count) examples\(contextPart): \(failures.count + contextFailures.count) failed\n")
            throw ExitCode(ExitStatus.findings)
        }
    }
}
