import Foundation
import Testing

/// Keeps the developer's own git settings (a global core.hooksPath, signing, templates)
/// out of the throwaway repositories these tests make and commit in.
let isolatedGit = ["GIT_CONFIG_GLOBAL": "/dev/null"]

/// Runs a program found on PATH (git, pre-commit) from `cwd`, with `isolatedGit`.
func runTool(_ tool: String, _ args: [String], cwd: URL, env: [String: String] = [:]) throws -> RunResult {
    try statementlint([tool] + args, cwd: cwd, env: isolatedGit.merging(env) { $1 }, executable: URL(fileURLWithPath: "/usr/bin/env"))
}

/// A fresh git repository with a fixed identity, so commits work on any machine.
func makeGitRepository(_ dir: URL) throws {
    for args in [["init", "-q"], ["config", "user.name", "Test"], ["config", "user.email", "test@example.invalid"], ["config", "commit.gpgsign", "false"]] {
        let r = try runTool("git", args, cwd: dir)
        try #require(r.status == 0, "git \(args.joined(separator: " ")): \(r.stderr)")
    }
}

/// A statement the fixture rules flag (error: passive-shots) and one they pass.
let badStatement = "Statement from the Harlow Police Department\n\nAt 9 p.m. shots were fired on Pine Street.\n"
let goodStatement = "Statement from the Harlow Police Department\n\nAt 9 p.m. Officer Dana Ruiz fired twice on Pine Street.\n"

@Suite struct InstallHookTests {
    let signature = "# installed by statementlint install-hook"
    /// Pass-through options, absolute so the hook does not depend on the repository's layout.
    var hookArguments: [String] { ["--", "--no-default-rules", "--rules", packageRoot.appendingPathComponent("\(fixtures)/rules").path] }

    @Test func installsAnExecutableSignedHookAndUpdatesItsOwn() throws {
        let repo = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repo) }
        try makeGitRepository(repo)
        let hook = repo.appendingPathComponent(".git/hooks/pre-commit")

        let first = try statementlint(["install-hook"], cwd: repo, env: isolatedGit)
        #expect(first.status == 0)
        #expect(first.stderr == "")
        #expect(first.stdout == "statementlint: installed .git/hooks/pre-commit: runs '\(binary.path) lint' on staged *.txt and *.md files before each commit\n")
        let text = try String(contentsOf: hook, encoding: .utf8)
        #expect(text.hasPrefix("#!/usr/bin/env bash\n\(signature)\n"))
        #expect(text.contains("statementlint='\(binary.path)'\n"))
        #expect(text.contains("arguments=()\n"))
        let permissions = try #require(try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int)
        #expect(permissions & 0o111 == 0o111)

        // Its own hook is updated in place, here to run statementlint from PATH with options.
        let second = try statementlint(["install-hook", "--use-path", "--", "--fail-level", "error", "--rules", "team's rules"], cwd: repo, env: isolatedGit)
        #expect(second.status == 0)
        #expect(second.stdout == "statementlint: updated .git/hooks/pre-commit: runs 'statementlint lint --fail-level error --rules team's rules' on staged *.txt and *.md files before each commit\n")
        let updated = try String(contentsOf: hook, encoding: .utf8)
        #expect(updated.contains("statementlint='statementlint'\n"))
        #expect(updated.contains("arguments=('--fail-level' 'error' '--rules' 'team'\\''s rules')\n"))
        #expect(updated.components(separatedBy: signature).count == 2)
    }

    @Test func refusesAForeignHookUnlessForced() throws {
        let repo = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repo) }
        try makeGitRepository(repo)
        let hook = repo.appendingPathComponent(".git/hooks/pre-commit")
        let foreign = "#!/bin/sh\necho 'the team hook'\n"
        try foreign.write(to: hook, atomically: true, encoding: .utf8)

        let refused = try statementlint(["install-hook"], cwd: repo, env: isolatedGit)
        #expect(refused.status == 2)
        #expect(refused.stdout == "")
        #expect(refused.stderr == "statementlint: .git/hooks/pre-commit exists and was not written by statementlint; use --force to replace it\n")
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)

        let forced = try statementlint(["install-hook", "--force"], cwd: repo, env: isolatedGit)
        #expect(forced.status == 0)
        #expect(forced.stdout.hasPrefix("statementlint: replaced .git/hooks/pre-commit: "))
        #expect(try String(contentsOf: hook, encoding: .utf8).contains("\n\(signature)\n"))
    }

    @Test func hookBlocksACommitWithAFindingAndLetsACleanOneThrough() throws {
        let repo = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repo) }
        try makeGitRepository(repo)
        #expect(try statementlint(["install-hook"] + hookArguments, cwd: repo, env: isolatedGit).status == 0)
        let statement = repo.appendingPathComponent("statements/pine street.txt")
        try FileManager.default.createDirectory(at: statement.deletingLastPathComponent(), withIntermediateDirectories: true)
        func commit(_ message: String) throws -> RunResult { try runTool("git", ["commit", "-q", "-m", message], cwd: repo) }
        func commitCount() throws -> Int { Int(try runTool("git", ["rev-list", "--count", "--all"], cwd: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }

        try badStatement.write(to: statement, atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", "."], cwd: repo).status == 0)
        let blocked = try commit("bad")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("statements/pine street.txt:3:11: error: 'shots were fired' hides who fired. [accountability/passive-shots]"))
        #expect(blocked.stderr.contains("statementlint: commit stopped (exit 1)"))
        #expect(try commitCount() == 0)

        // Fixing only the working copy is not enough: the hook checks what is staged.
        try goodStatement.write(to: statement, atomically: true, encoding: .utf8)
        let stillStaged = try commit("bad, fixed but not staged")
        #expect(stillStaged.status != 0)
        #expect(stillStaged.stderr.contains("statements/pine street.txt:3:11: error:"))
        #expect(try commitCount() == 0)

        #expect(try runTool("git", ["add", "."], cwd: repo).status == 0)
        let passed = try commit("good")
        #expect(passed.status == 0, "\(passed.stderr)")
        #expect(try commitCount() == 1)

        // A renamed statement is checked as well (git would list it as renamed, not added).
        #expect(try runTool("git", ["mv", "statements/pine street.txt", "statements/pine-street.txt"], cwd: repo).status == 0)
        try (goodStatement + "Later shots were fired.\n").write(to: repo.appendingPathComponent("statements/pine-street.txt"), atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", "."], cwd: repo).status == 0)
        #expect(try runTool("git", ["diff", "--cached", "--name-status"], cwd: repo).stdout.hasPrefix("R"))
        let renamed = try commit("renamed")
        #expect(renamed.status != 0)
        #expect(renamed.stderr.contains("statements/pine-street.txt:4:7: error: 'shots were fired' hides who fired."))
        #expect(try commitCount() == 1)
        try goodStatement.write(to: repo.appendingPathComponent("statements/pine-street.txt"), atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", "."], cwd: repo).status == 0)
        #expect(try commit("renamed, good").status == 0)
        #expect(try commitCount() == 2)

        // Only staged statements are checked: a bad draft that is not staged does not block.
        try badStatement.write(to: repo.appendingPathComponent("draft.md"), atomically: true, encoding: .utf8)
        try "notes\n".write(to: repo.appendingPathComponent("notes.log"), atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", "notes.log"], cwd: repo).status == 0)
        #expect(try commit("notes").status == 0)
        #expect(try commitCount() == 3)
    }

    @Test func worktreesShareTheMainRepositorysHook() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let main = root.appendingPathComponent("main"), linked = root.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: main, withIntermediateDirectories: true)
        try makeGitRepository(main)
        #expect(try runTool("git", ["commit", "-q", "--allow-empty", "-m", "start"], cwd: main).status == 0)
        #expect(try runTool("git", ["worktree", "add", "-q", linked.path], cwd: main).status == 0)
        let r = try statementlint(["install-hook"], cwd: linked, env: isolatedGit)
        #expect(r.status == 0, "\(r.stderr)")
        // git runs hooks from the common .git/hooks, not .git/worktrees/linked/hooks.
        #expect(FileManager.default.fileExists(atPath: main.appendingPathComponent(".git/hooks/pre-commit").path))
        #expect(!FileManager.default.fileExists(atPath: main.appendingPathComponent(".git/worktrees/linked/hooks/pre-commit").path))
    }

    @Test func usageErrorsExit2() throws {
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let notRepo = try statementlint(["install-hook"], cwd: outside, env: isolatedGit.merging(["GIT_CEILING_DIRECTORIES": outside.deletingLastPathComponent().path]) { $1 })
        #expect(notRepo.status == 2)
        #expect(notRepo.stderr == "statementlint: install-hook: not inside a git working tree\n")

        try makeGitRepository(outside)
        let badOption = try statementlint(["install-hook", "--", "--fail-level", "loud"], cwd: outside, env: isolatedGit)
        #expect(badOption.status == 2)
        #expect(badOption.stderr.hasPrefix("Error: options after -- are not valid for 'statementlint lint': "))
        let withFiles = try statementlint(["install-hook", "--", "statements/"], cwd: outside, env: isolatedGit)
        #expect(withFiles.status == 2)
        #expect(withFiles.stderr.hasPrefix("Error: give only options after --, not files: the hook checks the staged files"))
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent(".git/hooks/pre-commit").path))
    }
}
