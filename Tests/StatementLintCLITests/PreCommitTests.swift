import Foundation
import Testing

/// The real pre-commit framework using this checkout's `.pre-commit-hooks.yaml`, in a
/// throwaway statements repository. Skipped when `pre-commit` is not installed
/// (`python3 -m pip install pre-commit`; `.ci/run` installs it), except under CI (`CI=true`),
/// where its absence fails the tests.
@Suite struct PreCommitTests {
    /// How to start pre-commit: its command, or the Python module when only that is installed.
    static let launcher: [String]? = [["pre-commit"], ["python3", "-m", "pre_commit"]].first { command in
        (try? runTool(command[0], Array(command.dropFirst()) + ["--version"], cwd: packageRoot).status) == 0
    }
    /// Run when pre-commit is there, and always under CI, where a missing one must fail.
    static var available: Bool { launcher != nil || runningUnderCI }

    func preCommit(_ args: [String], cwd: URL, env: [String: String]) throws -> RunResult {
        let command = try #require(PreCommitTests.launcher, "pre-commit is missing (python3 -m pip install pre-commit; .ci/run installs it)")
        return try runTool(command[0], Array(command.dropFirst()) + args, cwd: cwd, env: env)
    }

    /// A git repository holding the working tree as it is now (committed or not, minus ignored
    /// files), because pre-commit fetches a hook repository at a commit. Returns its path and commit.
    func snapshotOfThisCheckout(in dir: URL) throws -> (URL, String) {
        let snapshot = dir.appendingPathComponent("statementlint")
        let fm = FileManager.default
        let listed = try runTool("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd: packageRoot)
        let paths: [String]
        if listed.status == 0 {
            paths = listed.stdout.split(separator: "\0").map(String.init)
        } else {
            // Not a git checkout (a source archive): copy all but build folders; the
            // snapshot's own `git add` then leaves out what .gitignore names.
            paths = (fm.enumerator(atPath: packageRoot.path)?.compactMap { $0 as? String } ?? []).filter { path in
                let top = path.split(separator: "/").first.map(String.init) ?? path
                var isDirectory: ObjCBool = false
                return !(top == ".git" || top == ".swiftpm" || top.hasPrefix(".build"))
                    && fm.fileExists(atPath: packageRoot.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
        }
        for path in paths {
            let source = packageRoot.appendingPathComponent(path)
            guard fm.fileExists(atPath: source.path) else { continue }  // deleted, not yet committed
            let target = snapshot.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source, to: target)
        }
        try makeGitRepository(snapshot)
        #expect(try runTool("git", ["add", "-A"], cwd: snapshot).status == 0)
        let commit = try runTool("git", ["commit", "-q", "-m", "snapshot"], cwd: snapshot)
        try #require(commit.status == 0, "git commit: \(commit.stderr)")
        let sha = try runTool("git", ["rev-parse", "HEAD"], cwd: snapshot).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (snapshot, sha)
    }

    /// A statements repository whose pre-commit config uses `hook` from `hookRepository`,
    /// with the fixture rules so the outcome does not depend on the default pack.
    func statementsRepository(in dir: URL, hookRepository: URL, rev: String, hook: String) throws -> URL {
        let rules = packageRoot.appendingPathComponent("\(fixtures)/rules").path
        return try statementsRepository(in: dir, config: """
        repos:
          - repo: \(hookRepository.path)
            rev: \(rev)
            hooks:
              - id: \(hook)
                args: [--no-default-rules, --rules, '\(rules)']

        """)
    }

    /// A statements repository with `config` as its .pre-commit-config.yaml.
    func statementsRepository(in dir: URL, config: String) throws -> URL {
        let repo = dir.appendingPathComponent("statements")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try makeGitRepository(repo)
        try config.write(to: repo.appendingPathComponent(".pre-commit-config.yaml"), atomically: true, encoding: .utf8)
        return repo
    }

    /// The `.pre-commit-config.yaml` snippet of docs/pre-commit.md (a yaml block of its pre-commit
    /// framework section) that contains `marker`: the tests use the page's own text, so they break if it drifts.
    static func readmeSnippet(containing marker: String) throws -> String {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("docs/pre-commit.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## With the pre-commit framework\n").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let blocks = section.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        return try #require(blocks.first { $0.contains(marker) }, "no yaml block with '\(marker)' in docs/pre-commit.md's pre-commit framework section")
    }

    /// `snippet` with the value after `key:` (up to a comment) replaced on its one line that has it.
    static func replacingValue(of key: String, with value: String, in snippet: String) throws -> String {
        var lines = snippet.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") })
        let line = lines[index]
        let keyEnd = line.range(of: key + ":")!.upperBound
        let comment = line.range(of: " #", range: keyEnd..<line.endIndex).map { String(line[$0.lowerBound...]) } ?? ""
        lines[index] = line[..<keyEnd] + " " + value + comment
        return lines.joined(separator: "\n")
    }

    /// What the built-in pack says about `badStatement`, and a statement it passes.
    static let defaultPackFinding = "pine-street.txt:3:11: error: 'shots were fired' hides who fired. Say which officer or officers shot, and at whom. [accountability/shots-were-fired]"
    static let exemplary = (try? String(contentsOf: packageRoot.appendingPathComponent("Samples/officer-shooting-exemplary.txt"), encoding: .utf8)) ?? ""

    /// The README's `repo: local` hook, exactly as written there, with the binary under test on PATH.
    @Test(.enabled(if: available, "needs pre-commit (python3 -m pip install pre-commit)"))
    func readmesLocalHookBlocksABadStatement() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snippet = try PreCommitTests.readmeSnippet(containing: "repo: local")
        #expect(snippet.contains("language: system"))
        let repo = try statementsRepository(in: dir, config: snippet)
        let path = binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let env = ["PRE_COMMIT_HOME": dir.appendingPathComponent("pre-commit-cache").path, "PRE_COMMIT_COLOR": "never", "PATH": path]
        try expectBadBlockedGoodCommitted(repo, env: env, finding: PreCommitTests.defaultPackFinding, good: PreCommitTests.exemplary)
    }

    /// The README's snippets name nothing that does not exist: no placeholder owner, no tag.
    @Test func readmesSnippetsHaveNoPlaceholders() throws {
        for marker in ["repo: local", "rev:"] {
            let snippet = try PreCommitTests.readmeSnippet(containing: marker)
            #expect(!snippet.contains("OWNER") && !snippet.contains("v0.1.0"), "\(snippet)")
        }
        let rev = try PreCommitTests.readmeSnippet(containing: "rev:").components(separatedBy: "rev:")[1]
            .trimmingCharacters(in: .whitespaces).components(separatedBy: " ")[0]
        // The commit the README shows exists in this repository's history (when it is a clone).
        let known = try runTool("git", ["cat-file", "-e", rev + "^{commit}"], cwd: packageRoot)
        let isClone = try runTool("git", ["rev-parse", "--is-shallow-repository"], cwd: packageRoot).stdout == "false\n"
        #expect(!isClone || known.status == 0, "README's rev \(rev) is not a commit here")
        let hooks = try String(contentsOf: packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(!hooks.contains("OWNER") && !hooks.contains("v0.1.0"))
    }

    /// Stages a bad statement (the commit must be stopped, naming the finding), then swaps it
    /// for a good one (the commit must go through).
    func expectBadBlockedGoodCommitted(_ repo: URL, env: [String: String],
                                       finding: String = "pine-street.txt:3:11: error: 'shots were fired' hides who fired. [accountability/passive-shots]",
                                       good: String = goodStatement) throws {
        let installed = try preCommit(["install"], cwd: repo, env: env)
        try #require(installed.status == 0, "pre-commit install: \(installed.stdout)\(installed.stderr)")
        let statement = repo.appendingPathComponent("pine-street.txt")
        try badStatement.write(to: statement, atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", ".pre-commit-config.yaml", "pine-street.txt"], cwd: repo, env: env).status == 0)
        let blocked = try runTool("git", ["commit", "-m", "bad"], cwd: repo, env: env)
        #expect(blocked.status != 0)
        let output = blocked.stdout + blocked.stderr
        #expect(output.contains(finding), "\(output)")
        #expect(output.contains("Failed"))
        #expect(try runTool("git", ["rev-parse", "--verify", "-q", "HEAD"], cwd: repo, env: env).status != 0)

        try good.write(to: statement, atomically: true, encoding: .utf8)
        #expect(try runTool("git", ["add", "pine-street.txt"], cwd: repo, env: env).status == 0)
        let passed = try runTool("git", ["commit", "-m", "good"], cwd: repo, env: env)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect((passed.stdout + passed.stderr).contains("Passed"))
        let files = try runTool("git", ["show", "--name-only", "--format=", "HEAD"], cwd: repo, env: env).stdout
        #expect(files == ".pre-commit-config.yaml\npine-street.txt\n")
    }

    /// `language: swift`: pre-commit builds the package with `swift build -c release` in its
    /// cache (a minute or two), then runs that binary.
    @Test(.enabled(if: available, "needs pre-commit (python3 -m pip install pre-commit)"), .timeLimit(.minutes(20)))
    func swiftHookBuildsThePackageAndBlocksABadStatement() throws {
        let dir = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: dir)
            // SwiftPM leaves empty lock files named after the build folder in the temporary directory.
            let tmp = FileManager.default.temporaryDirectory
            let prefix = dir.path.replacingOccurrences(of: "/", with: "_")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".lock") {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        let (snapshot, sha) = try snapshotOfThisCheckout(in: dir)
        // The README's snippet as written, with the snapshot as "your clone" and its commit.
        let snippet = try PreCommitTests.readmeSnippet(containing: "rev:")
        let config = try PreCommitTests.replacingValue(of: "rev", with: sha,
                                                       in: PreCommitTests.replacingValue(of: "- repo", with: snapshot.path, in: snippet))
        let repo = try statementsRepository(in: dir, config: config)
        let env = ["PRE_COMMIT_HOME": dir.appendingPathComponent("pre-commit-cache").path, "PRE_COMMIT_COLOR": "never"]

        let started = Date()
        let build = try preCommit(["install-hooks"], cwd: repo, env: env)
        try #require(build.status == 0, "pre-commit install-hooks (swift build -c release): \(build.stdout)\(build.stderr)")
        print("pre-commit built statementlint in \(Int(Date().timeIntervalSince(started))) s")
        try expectBadBlockedGoodCommitted(repo, env: env, finding: PreCommitTests.defaultPackFinding, good: PreCommitTests.exemplary)

        // What real users get with no args: the binary pre-commit built carries the default
        // pack and runs outside the package (exit 0 or 1, never 2 for rule errors).
        // (`.build/release` is a symbolic link, which the enumerator does not enter.)
        let cache = dir.appendingPathComponent("pre-commit-cache")
        let buildFolder = try #require(FileManager.default.enumerator(atPath: cache.path)?
            .compactMap { $0 as? String }
            .first { $0.hasSuffix("swift_env-default/.build") })
        let built = cache.appendingPathComponent(buildFolder).appendingPathComponent("release/statementlint")
        let defaults = try statementlint(["lint", "--format", "line", "pine-street.txt"], cwd: repo, executable: built)
        #expect(defaults.status == 0 || defaults.status == 1, "\(defaults.stdout)\(defaults.stderr)")
        #expect(defaults.stdout.hasSuffix("\n") && defaults.stdout.contains("1 file checked: "))
    }

    /// `language: system`: the statementlint on PATH (here the one under test), no build.
    @Test(.enabled(if: available, "needs pre-commit (python3 -m pip install pre-commit)"))
    func systemHookUsesTheStatementlintOnPath() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (snapshot, sha) = try snapshotOfThisCheckout(in: dir)
        let repo = try statementsRepository(in: dir, hookRepository: snapshot, rev: sha, hook: "statementlint-system")
        let path = binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let env = ["PRE_COMMIT_HOME": dir.appendingPathComponent("pre-commit-cache").path, "PRE_COMMIT_COLOR": "never", "PATH": path]
        try expectBadBlockedGoodCommitted(repo, env: env)
    }
}
