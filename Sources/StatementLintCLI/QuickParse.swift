import StatementLintCore

extension LintArguments {
    /// The lint command's options that take a value, by long name.
    private enum ValueOption: String {
        case rules, only, disable, enable, format, config, minSeverity = "min-severity", failLevel = "fail-level", baseline,
             writeBaseline = "write-baseline", color, stdinFilename = "stdin-filename", jobs, statement
    }

    /// The lint command's flags, by long name.
    private enum FlagOption: String {
        case noDefaultRules = "no-default-rules", noConfig = "no-config", fix, dryRun = "dry-run",
             reportUnusedSuppressions = "report-unused-suppressions", timings, verbose, quiet
    }

    /// The names the root command reads as a subcommand when they come first.
    private static let subcommandNames: Set<String> = ["lint", "rules", "explain", "test-rules", "init", "install-hook", "help"]

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
        var seen = Set<String>()
        var afterTerminator = false
        while let arg = args.popFirst() {
            if afterTerminator || arg == "-" || !arg.hasPrefix("-") {
                parsed.paths.append(arg)
                continue
            }
            if arg == "--" { afterTerminator = true; continue }
            guard arg.hasPrefix("--") else { return nil }
            let body = arg.dropFirst(2)
            let name: Substring, inline: Substring?
            if let eq = body.firstIndex(of: "=") { name = body[..<eq]; inline = body[body.index(after: eq)...] } else { name = body; inline = nil }
            if let flag = FlagOption(rawValue: String(name)) {
                guard inline == nil, seen.insert(flag.rawValue).inserted else { return nil }
                switch flag {
                case .noDefaultRules: parsed.noDefaultRules = true
                case .noConfig: parsed.noConfig = true
                case .fix: parsed.fix = true
                case .dryRun: parsed.dryRun = true
                case .reportUnusedSuppressions: parsed.reportUnusedSuppressions = true
                case .timings: parsed.timings = true
                case .verbose: parsed.verbose = true
                case .quiet: parsed.quiet = true
                }
                continue
            }
            guard let option = ValueOption(rawValue: String(name)) else { return nil }
            let value: String
            if let inline { value = String(inline) } else {
                guard let next = args.popFirst() else { return nil }
                value = next
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            // The list options may be given any number of times, the others once.
            let isList = option == .rules || option == .only || option == .disable || option == .enable || option == .statement
            guard isList || seen.insert(option.rawValue).inserted else { return nil }
            switch option {
            case .rules: parsed.ruleDirectories.append(value)
            case .only: parsed.only.append(value)
            case .disable: parsed.disable.append(value)
            case .enable: parsed.enable.append(value)
            case .format: guard let v = OutputFormat(rawValue: value) else { return nil }; parsed.format = v
            case .config: parsed.config = value
            case .minSeverity: guard let v = Severity(rawValue: value) else { return nil }; parsed.minSeverity = v
            case .failLevel: guard let v = Severity(rawValue: value) else { return nil }; parsed.failLevel = v
            case .baseline: parsed.baseline = value
            case .writeBaseline: parsed.writeBaseline = value
            case .color: guard let v = ColorChoice(rawValue: value) else { return nil }; parsed.color = v
            case .stdinFilename: parsed.stdinFilename = value
            case .jobs: guard let v = Int(value) else { return nil }; parsed.jobs = v
            case .statement: parsed.statement.append(value)
            }
        }
        do { try parsed.validate() } catch { return nil }
        return parsed
    }
}
