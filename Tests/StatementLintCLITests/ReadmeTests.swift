import Foundation
import Testing

/// The README documents the rules from the rules themselves, never written twice.
@Suite struct ReadmeTests {
    @Test func ruleListIsGeneratedFromRules() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- rules:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- rules:end -->"))
        let documented = String(readme[begin.upperBound..<end.lowerBound])
        let generated = try statementlint(["rules", "--format", "markdown"])
        #expect(generated.status == 0)
        #expect(documented == generated.stdout.trimmingCharacters(in: .newlines) + "\n", "run Scripts/update-readme")
    }

    /// The tuning and held-out tables are the accuracy script's output.
    @Test(arguments: ["tuning", "heldout"]) func accuracyTablesAreTheScripts(set: String) throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- \(set):begin -->\n"))
        let end = try #require(readme.range(of: "<!-- \(set):end -->"))
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path, "--set", set, "--markdown", "--binary", binary.path])
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == r.stdout.trimmingCharacters(in: .newlines) + "\n", "run Scripts/update-readme")
    }

    @Test func quickStartIsTwoCommands() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Quick start").dropFirst().first?.components(separatedBy: "\n## ").first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
        #expect(commands == ["bash Scripts/quickstart", "swift test"])
        let ci = try String(contentsOf: packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.hasSuffix("\nswift test\n"), "CI runs the README's test command")
    }
}

/// `Scripts/quickstart` shows the build's progress as it comes (a first build takes minutes),
/// then checks the sample. A stand-in `swift` on the PATH prints progress lines slowly and
/// points at the binary under test, so this runs in seconds.
@Suite struct QuickstartTests {
    @Test func quickstartShowsTheBuildsProgress() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fakeSwift = dir.appendingPathComponent("swift")
        try """
        #!/usr/bin/env bash
        case " $* " in
          *" --show-bin-path "*) echo '\(binary.deletingLastPathComponent().path)' ;;
          *) for step in "[1/3] Compiling StatementLintRules Regex.swift" "[2/3] Compiling StatementLintCore Linter.swift" "[3/3] Linking statementlint"; do
               echo "$step"; sleep 0.2
             done
             echo "Build of product 'statementlint' complete! (0.60s)" ;;
        esac

        """.write(to: fakeSwift, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSwift.path)
        let path = dir.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try statementlint(["bash", "Scripts/quickstart"], env: ["PATH": path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == [
            "Building statementlint (release; the first build takes several minutes) ...",
            "[1/3] Compiling StatementLintRules Regex.swift",
            "[2/3] Compiling StatementLintCore Linter.swift",
            "[3/3] Linking statementlint",
            "Build of product 'statementlint' complete! (0.60s)",
        ])
        #expect(lines.contains("$ statementlint Samples/officer-shooting-flawed.txt"))
        #expect(r.stdout.hasSuffix("statementlint found problems (exit 1), as expected for a flawed draft. The binary is at \(binary.path)\n"))
    }
}

/// The README's links into the repository resolve in a clone: no `../shared/` paths, and
/// every relative Markdown link names a file that is here.
@Suite struct ReadmeLinkTests {
    @Test func readmeLinksStayInsideTheRepository() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!readme.contains("../shared"))
        #expect(readme.contains("[docs/guidance.md](docs/guidance.md)"))
        var targets: [String] = []
        var rest = readme[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            targets.append(String(after[..<close]))
            rest = after[close...]
        }
        let local = targets.filter { !$0.contains("://") && !$0.hasPrefix("#") && !$0.hasPrefix("mailto:") }
        #expect(!local.isEmpty)
        for target in local {
            let path = String(target.split(separator: "#", maxSplits: 1)[0])
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(path).path), "README links to missing \(target)")
        }
    }
}
