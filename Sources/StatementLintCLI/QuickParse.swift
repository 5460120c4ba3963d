import ArgumentParser
import StatementLintCore

/// One long option of the lint command, as the quick path reads it.
struct QuickOption {
    enum Kind: Equatable { case flag, value, list }
    let kind: Kind
    /// Stores the value; false when the option does not take it (the library then explains).
    let apply: (inout LintArguments, String) -> Bool

    static func flag(_ path: WritableKeyPath<LintArguments, Bool>, setting value: Bool = true) -> QuickOption {
        QuickOption(kind: .flag) { args, _ in args[keyPath: path] = value; return true }
    }

    static func value<T: ExpressibleByArgument>(_ path: WritableKeyPath<LintArguments, T?>) -> QuickOption {
        QuickOption(kind: .value) { args, text in
            guard let v = T(argument: text) else { return false }
            args[keyPath: path] = v
            return true
        }
    }

    static func value<T: ExpressibleByArgument>(_ path: WritableKeyPath<LintArguments, T>) -> QuickOption {
        QuickOption(kind: .value) { args, text in
            guard let v = T(argument: text) else { return false }
            args[keyPath: path] = v
            return true
        }
    }

    static func list(_ path: WritableKeyPath<LintArguments, [String]>) -> QuickOption {
        QuickOption(kind: .list) { args, text in args[keyPath: path].append(text); return true }
    }
}

extension LintArguments {
    /// The lint command's long options, one line each: the quick path reads only these.
    /// `QuickParseTests` fails when this list and the command's declared options differ.
    nonisolated(unsafe) static let quickOptions: [String: QuickOption] = [
        "format": .value(\.options.format),
        "rules": .list(\.options.ruleDirectories),
        "no-default-rules": .flag(\.options.useDefaultRules, setting: false),
        "only": .list(\.options.only),
        "disable": .list(\.options.disable),
        "enable": .list(\.options.enable),
        "statement": .list(\.statement),
        "config": .value(\.options.configPath),
        "no-config": .flag(\.options.noConfig),
        "min-severity": .value(\.options.minSeverity),
        "fail-level": .value(\.options.failLevel),
        "fix": .flag(\.options.fix),
        "dry-run": .flag(\.options.dryRun),
        "report-unused-suppressions": .flag(\.options.reportUnusedSuppressions),
        "baseline": .value(\.options.baseline),
        "write-baseline": .value(\.options.writeBaseline),
        "color": .value(\.color),
        "stdin-filename": .value(\.options.stdinName),
        "jobs": .value(\.options.jobs),
        "timings": .flag(\.options.timings),
        "verbose": .flag(\.options.verbose),
        "quiet": .flag(\.options.quiet),
    ]

    /// The names the root command reads as a subcommand when they come first.
    static let subcommandNames: Set<String> = ["lint", "rules", "explain", "test-rules", "init", "install-hook", "help"]

    /// The settings for a plain lint command line (`statementlint [lint] [options] paths`), read
    /// without swift-argument-parser, whose reflection-based parsing was over 40% of the
    /// instructions of checking one statement (16 M of 36.6 M, measured with callgrind).
    ///
    /// It reads only what it is sure of: paths, `--`, and the lint command's own long options
    /// written `--name value` or `--name=value`, each given once (the list options any number
    /// of times), with values that do not start with `-` and are not empty, and the command
    /// line must pass `validate()`. Anything else (help, version, another subcommand, a short
    /// option, an unknown or repeated option, a value the option does not take, a usage
    /// mistake) returns nil, and the library parses the command line as always, with its
    /// messages. `QuickParseTests` checks, over many command lines, that whatever this
    /// accepts the library reads the same way.
    static func quickParse(_ arguments: [String]) -> LintArguments? {
        var args = arguments[...]
        if let first = args.first, subcommandNames.contains(first) {
            guard first == "lint" else { return nil }
            args = args.dropFirst()
        }
        var parsed = LintArguments()
        var seen = Set<Substring>()
        var afterTerminator = false
        while let arg = args.popFirst() {
            if afterTerminator || arg == "-" || !arg.hasPrefix("-") {
                parsed.options.paths.append(arg)
                continue
            }
            if arg == "--" { afterTerminator = true; continue }
            guard arg.hasPrefix("--") else { return nil }
            let body = arg.dropFirst(2)
            let name: Substring, inline: Substring?
            if let eq = body.firstIndex(of: "=") { name = body[..<eq]; inline = body[body.index(after: eq)...] } else { name = body; inline = nil }
            guard let option = quickOptions[String(name)] else { return nil }
            // The list options may be given any number of times, the others once.
            guard option.kind == .list || seen.insert(name).inserted else { return nil }
            if option.kind == .flag {
                guard inline == nil else { return nil }
                _ = option.apply(&parsed, "")
                continue
            }
            let value: String
            if let inline { value = String(inline) } else {
                guard let next = args.popFirst() else { return nil }
                value = next
            }
            guard !value.isEmpty, !value.hasPrefix("-"), option.apply(&parsed, value) else { return nil }
        }
        do { try parsed.validate() } catch { return nil }
        return parsed
    }
}
