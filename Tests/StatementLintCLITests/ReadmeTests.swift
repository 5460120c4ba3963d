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
