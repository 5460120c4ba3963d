import ArgumentParser
import Foundation
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

    /// Lint settings made from paths and changes to the defaults.
    func lint(_ paths: [String], _ change: (inout LintArguments) -> Void = { _ in }) -> LintArguments {
        var a = LintArguments()
        a.options.paths = paths
        change(&a)
        return a
    }

    @Test func commonCommandLinesTakeTheQuickPath() throws {
        let json = try #require(LintArguments.quickParse(["--no-config", "--format", "json", "Samples/a.txt"]))
        #expect(json == lint(["Samples/a.txt"]) { $0.options.format = try! #require(OutputFormat("json")); $0.options.noConfig = true })
        // The pre-commit framework's entry, and the installed hook's two forms.
        let hook = try #require(LintArguments.quickParse(["lint", "--fail-level", "error", "--rules", "team-rules", "--", "a.txt", "-b.md"]))
        #expect(hook == lint(["a.txt", "-b.md"]) { $0.options.ruleDirectories = ["team-rules"]; $0.options.failLevel = .error })
        let stdin = try #require(LintArguments.quickParse(["lint", "--stdin-filename", "drafts/x.md", "-"]))
        #expect(stdin == lint(["-"]) { $0.options.stdinName = "drafts/x.md" })
        let inline = try #require(LintArguments.quickParse(["--format=sarif", "--jobs=3", "--only", "facts", "--only=plain-language", "d"]))
        #expect(inline == lint(["d"]) { $0.options.format = OutputFormat("sarif")!; $0.options.only = ["facts", "plain-language"]; $0.options.jobs = 3 })
        let all = try #require(LintArguments.quickParse([
            "x", "--no-default-rules", "--rules", "r", "--disable", "facts/when", "--config", "c.yml", "--min-severity", "warning",
            "--fail-level", "error", "--fix", "--report-unused-suppressions", "--baseline", "b.json", "--color", "never",
            "--stdin-filename", "in", "--jobs", "2", "--timings", "--statement", "kind=closing", "y",
        ]))
        #expect(all == lint(["x", "y"]) {
            $0.options.useDefaultRules = false; $0.options.ruleDirectories = ["r"]; $0.options.disable = ["facts/when"]
            $0.options.configPath = "c.yml"; $0.options.minSeverity = .warning; $0.options.failLevel = .error; $0.options.fix = true
            $0.options.reportUnusedSuppressions = true; $0.options.baseline = "b.json"; $0.color = .never; $0.options.stdinName = "in"
            $0.options.jobs = 2; $0.options.timings = true; $0.statement = ["kind=closing"]
        })
        for args in [["--no-config", "--format", "json", "Samples/a.txt"], ["lint", "--", "a.txt"], ["--format=sarif", "--jobs=3", "d"]] {
            #expect(library(args) == LintArguments.quickParse(args), "\(args)")
        }
    }

    /// The lint command's options as swift-argument-parser declares them (the authority):
    /// long name → flag, option or repeatable option, and the values it lists.
    static let declared: [String: (kind: QuickOption.Kind, values: [String])] = {
        guard let data = Lint._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let command = root["command"] as? [String: Any], let arguments = command["arguments"] as? [[String: Any]] else { return [:] }
        var out: [String: (kind: QuickOption.Kind, values: [String])] = [:]
        for argument in arguments {
            guard let names = argument["names"] as? [[String: Any]],
                  let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String,
                  long != "help", long != "version" else { continue }
            let kind: QuickOption.Kind = argument["kind"] as? String == "flag" ? .flag : argument["isRepeating"] as? Bool == true ? .list : .value
            out[long] = (kind, argument["allValues"] as? [String] ?? [])
        }
        return out
    }()

    /// The quick path knows every option the command declares, as the same kind, and no other:
    /// an option added to `Lint` without its line in `quickOptions` (or the other way) fails here.
    @Test func theQuickPathReadsEveryDeclaredOption() {
        let declared = QuickParseTests.declared
        #expect(declared.count > 20, "the command's options could not be read from its help dump")
        #expect(Set(declared.keys) == Set(LintArguments.quickOptions.keys))
        for (name, option) in LintArguments.quickOptions {
            #expect(declared[name]?.kind == option.kind, "--\(name)")
        }
        // Every value an option lists is one the quick path takes.
        for (name, d) in declared {
            for value in d.values {
                var a = LintArguments()
                #expect(LintArguments.quickOptions[name]?.apply(&a, value) == true, "--\(name) \(value)")
            }
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

    /// Thousands of command lines made of the lint command's options (as declared, so a new
    /// option is tried as soon as it exists) with good and bad values (as `--name value` and
    /// `--name=value`), its flags, paths, `--`, and words that mean something else: every one
    /// the quick path accepts, the library reads the same way.
    @Test func theQuickPathAgreesWithTheLibrary() {
        let strings = ["c.yml", "-", "-c", "=x", "", "Zoë café.md", "a b", "2", "0", "-1", "+3", "two", "07", "kind=closing", "facts"]
        let declared = QuickParseTests.declared
        let options = declared.filter { $0.value.kind != .flag }.keys.sorted()
        let flags = declared.filter { $0.value.kind == .flag }.keys.sorted()
        #expect(!options.isEmpty && !flags.isEmpty)
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
                    let name = pick(options)
                    let listed = declared[name]!.values
                    // An option that lists its values mostly gets one of them, else anything.
                    let value = !listed.isEmpty && generator.next() % 4 != 0 ? pick(listed) : pick(strings)
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
