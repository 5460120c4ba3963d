import ArgumentParser
import Testing
import StatementLintCore
@testable import StatementLintCLI

/// The quick path for plain lint command lines (`LintArguments.quickParse`) must read every
/// command line it accepts exactly as swift-argument-parser does, and leave everything else
/// to it.
@Suite struct QuickParseTests {
    /// What the library makes of a command line, the way `statementlint` runs it: nil when it
    /// is not a valid lint command (an error, help, version, another subcommand).
    func library(_ args: [String]) -> LintArguments? {
        guard let command = try? StatementLint.parseAsRoot(args) else { return nil }
        return (command as? Lint)?.arguments
    }

    @Test func commonCommandLinesTakeTheQuickPath() throws {
        let json = try #require(LintArguments.quickParse(["--no-config", "--format", "json", "Samples/a.txt"]))
        #expect(json == LintArguments(paths: ["Samples/a.txt"], format: .json, noConfig: true))
        // The pre-commit framework's entry, and the installed hook's two forms.
        let hook = try #require(LintArguments.quickParse(["lint", "--fail-level", "error", "--rules", "team-rules", "--", "a.txt", "-b.md"]))
        #expect(hook == LintArguments(paths: ["a.txt", "-b.md"], ruleDirectories: ["team-rules"], failLevel: .error))
        let stdin = try #require(LintArguments.quickParse(["lint", "--stdin-filename", "drafts/x.md", "-"]))
        #expect(stdin == LintArguments(paths: ["-"], stdinFilename: "drafts/x.md"))
        let inline = try #require(LintArguments.quickParse(["--format=sarif", "--jobs=3", "--only", "facts", "--only=plain-language", "d"]))
        #expect(inline == LintArguments(paths: ["d"], format: .sarif, only: ["facts", "plain-language"], jobs: 3))
        let all = try #require(LintArguments.quickParse([
            "x", "--no-default-rules", "--rules", "r", "--disable", "facts/when", "--config", "c.yml", "--min-severity", "warning",
            "--fail-level", "error", "--fix", "--report-unused-suppressions", "--baseline", "b.json", "--color", "never",
            "--stdin-filename", "in", "--jobs", "2", "--timings", "y",
        ]))
        #expect(all == LintArguments(paths: ["x", "y"], format: .text, ruleDirectories: ["r"], noDefaultRules: true, disable: ["facts/when"],
                                     config: "c.yml", minSeverity: .warning, failLevel: .error, fix: true,
                                     reportUnusedSuppressions: true, baseline: "b.json", color: .never, stdinFilename: "in", jobs: 2, timings: true))
        for args in [["--no-config", "--format", "json", "Samples/a.txt"], ["lint", "--", "a.txt"], ["--format=sarif", "--jobs=3", "d"]] {
            #expect(library(args) == LintArguments.quickParse(args), "\(args)")
        }
    }

    @Test func everythingElseIsLeftToTheLibrary() {
        for args in [
            [], ["--help"], ["-h"], ["--version"], ["help"], ["rules"], ["explain", "facts/when"], ["init"], ["install-hook"],
            ["a.txt", "--help"], ["a.txt", "--version"], ["--format", "yaml", "a"], ["--format"], ["--format=", "a"],
            ["--jobs", "0", "a"], ["--jobs", "two", "a"], ["--dry-run", "a"], ["--config", "c", "--no-config", "a"],
            ["--fix", "--fix", "a"], ["--format", "json", "--format", "text", "a"], ["--unknown", "a"], ["-x", "a"],
            ["--fix=yes", "a"], ["--stdin-filename", "-", "-"], ["-", "-"], ["--write-baseline", "w", "--fix", "a"],
            ["--no-config"], ["lint"],
        ] {
            #expect(LintArguments.quickParse(args) == nil, "\(args)")
        }
    }

    /// Thousands of command lines made of the lint command's options with good and bad
    /// values (as `--name value` and `--name=value`), its flags, paths, `--`, and words that
    /// mean something else: every one the quick path accepts, the library reads the same way.
    @Test func theQuickPathAgreesWithTheLibrary() {
        let strings = ["c.yml", "-", "-c", "=x", "", "Zoë café.md", "a b"]
        let values: [String: [String]] = [
            "format": ["json", "sarif", "text", "github", "yaml"], "jobs": ["2", "0", "-1", "+3", "two", "07"],
            "color": ["never", "auto", "always", "blue"], "min-severity": ["error", "warning", "suggestion", "loud"],
            "fail-level": ["error", "suggestion", "Error"], "config": strings, "baseline": strings, "write-baseline": strings,
            "stdin-filename": strings, "rules": strings, "only": ["facts", "facts/when"] + strings, "disable": ["x"] + strings,
        ]
        let options = values.keys.sorted()
        let flags = ["no-default-rules", "no-config", "fix", "dry-run", "report-unused-suppressions", "timings"]
        let words = ["a.txt", "dir", "-", "--", "Zoë café.md", "a=b.txt", "lint", "rules", "help", "explain", "--help", "-h",
                     "--version", "--unknown", "-x", "--fix=1", "--timings=", "=", "--=x"]
        var generator = SplitMix(seed: 20261126)
        func pick<T>(_ list: [T]) -> T { list[Int(generator.next() % UInt64(list.count))] }
        var accepted = 0
        for _ in 0..<2500 {
            var args: [String] = []
            for _ in 0..<Int(generator.next() % 6) {
                switch generator.next() % 4 {
                case 0: args.append(pick(words))
                case 1: args.append("--" + pick(flags))
                default:
                    let name = pick(options), value = pick(values[name]!)
                    switch generator.next() % 5 {
                    case 0: args.append("--\(name)=\(value)")
                    case 1: args.append("--\(name)") // the value may be missing, or be the next word
                    default: args += ["--\(name)", value]
                    }
                }
            }
            guard let quick = LintArguments.quickParse(args) else { continue }
            accepted += 1
            let expected = library(args)
            if expected != quick { Issue.record("\(args): quick \(quick), library \(String(describing: expected))") }
        }
        // The generated lines do reach the quick path.
        #expect(accepted > 150, "\(accepted)")
    }
}

/// A small deterministic random generator (SplitMix64), so the command lines are the same on
/// every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
