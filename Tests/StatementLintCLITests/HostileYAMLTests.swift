import Foundation
import Testing

/// Issue 23, item 5: a few hundred bytes of nested YAML anchors ("billion laughs") used as a
/// mapping key hung the loader, as a rule file and as a `.statementlint.yml` in a parent
/// folder, so an untrusted repository could hang the pre-commit hook.
@Suite struct HostileYAMLTests {
    /// Nine levels of nine aliases each: 9^9 nodes once expanded, 481 bytes as written.
    static let bomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for i in 1...8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        lines.append("? *a8\n: boom")
        return lines.joined(separator: "\n") + "\n"
    }()
    static let message = "YAML aliases expand this file to more than 100000 nodes; write the values out instead of nesting anchors"

    @Test func anAliasBombAsARuleFileIsRefusedWithItsPlace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules/accountability")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Self.bomb.write(to: rules.appendingPathComponent("bomb.yml"), atomically: true, encoding: .utf8)
        try "Officers shot a man on Elm Road.\n".write(to: dir.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        let started = Date()
        let run = try statementlint(["--rules", "rules", "s.txt"], cwd: dir)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("rules/accountability/bomb.yml:6:10: \(Self.message)\n"), "\(run.stderr)")
        let tested = try statementlint(["test-rules", "rules"], cwd: dir)
        #expect(tested.status == 2)
        #expect(tested.stderr.contains("rules/accountability/bomb.yml:6:10: \(Self.message)"), "\(tested.stderr)")
    }

    @Test func anAliasBombAsAConfigurationInAParentFolderIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.bomb.write(to: dir.appendingPathComponent(".statementlint.yml"), atomically: true, encoding: .utf8)
        let sub = dir.appendingPathComponent("statements")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "Officers shot a man on Elm Road.\n".write(to: sub.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        let run = try statementlint(["s.txt"], cwd: sub)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".statementlint.yml:6:10: \(Self.message)"), "\(run.stderr)")
    }

    @Test func ordinaryAnchorsStillWork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An anchor reused once is fine: the configuration applies as written.
        try """
        disable: &quiet [facts/condolence-or-concern]
        overrides:
          - files: ["*.txt"]
            disable: *quiet

        """.write(to: dir.appendingPathComponent(".statementlint.yml"), atomically: true, encoding: .utf8)
        try "Officers shot a man on Elm Road.\n".write(to: dir.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        let run = try statementlint(["--format", "json", "s.txt"], cwd: dir)
        #expect(run.status != 2, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("\"facts/next-update-scheduled\""))
        #expect(!run.stdout.contains("\"facts/condolence-or-concern\""))
    }
}
