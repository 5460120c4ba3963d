import ArgumentParser
import StatementLintCore

/// One long option of the lint command, as the quick path reads it.
struct QuickOption {
    enum Kind: Equatable { case flag, value, list }
    let kind: Kind
    /// Stores the value; false when the option does not take it (the library then explains).
    let apply: (inout LintArguments, String) -> Bool

    static func flag(_ set: @escaping (inout LintArguments) -> Void) -> QuickOption {
        QuickOption(kind: .flag) { args, _ in set(&args); return true }
    }

    /// An option taking one value, read as swift-argument-parser reads it.
    static func value<T: ExpressibleByArgument>(_ set: @escaping (inout LintArguments, T) -> Void) -> QuickOption {
        QuickOption(kind: .value) { args, text in
            guard let v = T(argument: text) else { return false }
            set(&args, v)
            return true
        }
    }

    static func list(_ add: @escaping (inout LintArguments, String) -> Void) -> QuickOption {
        QuickOption(kind: .list) { args, text in add(&args, text); return true }
    }
}

extension LintArguments {
    /// The lint command's long options, one line each: the quick path reads only these.
    /// `QuickParseTests` fails when this list and the command's declared options differ.
    nonisolated(unsafe) static let quickOptions: [String: QuickOption] = [
        "format": .value { $0.options.format = $1 },
        "rules": .list { $0.options.ruleDirectories.append($1) },
        "no-default-rules": .flag { $0.options.useDefaultRules = false },
        "only": .list { $0.options.only.append($1) },
        "disable": .list { $0.options.disable.append($1) },
        "enable": .list { $0.options.enable.append($1) },
        "statement": .list { $0.statement.append($1) },
        "config": .value { $0.options.configPath = $1 as String },
        "no-config": .flag { $0.options.noConfig = true },
        "min-severity": .value { $0.options.minSeverity = $1 as Severity },
        "fail-level": .value { $0.options.failLevel = $1 as Severity },
        "fix": .flag { $0.options.fix = true },
        "dry-run": .flag { $0.options.dryRun = true },
        "report-unused-suppressions": .flag { $0.options.reportUnusedSuppressions = true },
        "baseline": .value { $0.options.baseline = $1 as String },
        "write-baseline": .value { $0.options.writeBaseline = $1 as String },
        "color": .value { $0.color = $1 },
        "stdin-filename": .value { $0.options.stdinName = $1 },
        "jobs": .value { $0.options.jobs = $1 as Int },
        "time-limit": .value { $0.options.timeLimit = $1 as Double },
        "max-file-size": .value { $0.options.maxFileSize = ($1 as FileSizeArgument).bytes },
        "timings": .flag { $0.options.timings = true },
        "verbose": .flag { $0.options.verbose = true },
        "quiet": .flag { $0.options.quiet = true },
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
        // Of Strings: a Set of Substrings would be one more generic type to instantiate at start-up (0.35 M instructions).
        var seen = Set<String>()
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
            guard option.kind == .list || seen.insert(String(name)).inserted else { return nil }
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
