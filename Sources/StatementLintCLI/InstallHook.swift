import ArgumentParser
import Foundation
import StatementLintCore

/// Writes a plain git pre-commit hook, for teams that do not use the pre-commit framework.
struct InstallHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-hook",
        abstract: "Install a git pre-commit hook that checks staged statements.",
        discussion: """
        Writes the pre-commit hook of the git repository in the current directory (the shared \
        hooks folder for worktrees, or core.hooksPath when set). Before each commit the hook \
        checks the staged version of every added, copied, modified or renamed *.txt and *.md \
        file and stops the commit when statementlint exits 1 (findings at or above the fail \
        level) or 2 (a file could not be checked). 'git commit --no-verify' skips it once.

        Arguments after -- are passed to 'statementlint lint' in the hook; relative paths in \
        them are resolved from the repository's top level:
          statementlint install-hook -- --fail-level error --rules team-rules

        Running install-hook again updates a hook it wrote. A hook written by anything else \
        is left alone unless --force is given.

        EXIT STATUS
          0  hook installed or updated
          2  not in a git working tree, another tool's hook in the way (see --force),
             invalid lint options, or the hook could not be written
        """
    )

    /// The line that marks a hook as ours, so re-running may overwrite it.
    static let signature = "# installed by statementlint install-hook"

    @Flag(help: "Replace an existing pre-commit hook that statementlint did not write.")
    var force = false

    @Flag(help: "Run 'statementlint' from PATH at commit time instead of this binary's absolute path.")
    var usePath = false

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Options for 'statementlint lint' in the hook (after --).", valueName: "lint-option"))
    var lintArguments: [String] = []

    func validate() throws {
        // Check the options now rather than at the first commit.
        let placeholder = "statement.txt"
        let lint: Lint
        do {
            lint = try Lint.parse(lintArguments + ["--", placeholder])
        } catch {
            throw ValidationError("options after -- are not valid for 'statementlint lint': \(Lint.message(for: error))")
        }
        if lint.paths != [placeholder] {
            throw ValidationError("give only options after --, not files: the hook checks the staged files")
        }
    }

    func run() throws {
        let hooksDirectory = try InstallHook.hooksDirectory()
        let hook = URL(fileURLWithPath: hooksDirectory).appendingPathComponent("pre-commit")
        let shown = InstallHook.displayPath(hook.path)
        let fm = FileManager.default

        var verb = "installed"
        if let existing = fm.contents(atPath: hook.path) {
            let text = String(decoding: existing, as: UTF8.self)
            if text.split(whereSeparator: \.isNewline).contains(where: { $0 == InstallHook.signature }) {
                verb = "updated"
            } else if force {
                verb = "replaced"
            } else {
                Console.error("statementlint: \(shown) exists and was not written by statementlint; use --force to replace it")
                throw ExitCode(ExitStatus.failure)
            }
        }

        let executable: String
        if usePath {
            executable = "statementlint"
        } else if let path = InstallHook.ownExecutablePath() {
            executable = path
        } else {
            Console.error("statementlint: cannot tell where this statementlint binary is; use --use-path to run statementlint from PATH")
            throw ExitCode(ExitStatus.failure)
        }

        do {
            try fm.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
            // Write beside the hook and rename, so a half-written hook never runs.
            let temporary = hook.deletingLastPathComponent().appendingPathComponent(".pre-commit.statementlint-\(ProcessInfo.processInfo.processIdentifier)")
            try Data(InstallHook.script(executable: executable, arguments: lintArguments).utf8).write(to: temporary)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary.path)
            if rename(temporary.path, hook.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
            }
        } catch {
            Console.error("statementlint: cannot write \(shown): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.failure)
        }
        let what = lintArguments.isEmpty ? "" : " " + lintArguments.joined(separator: " ")
        Console.write("statementlint: \(verb) \(shown): runs '\(executable) lint\(what)' on staged *.txt and *.md files before each commit\n")
    }

    /// The hook itself. bash (git for Windows and macOS ship it) for NUL-separated names and arrays.
    static func script(executable: String, arguments: [String]) -> String {
        let quotedArguments = arguments.map(shellQuote).joined(separator: " ")
        return """
        #!/usr/bin/env bash
        \(signature)
        # Checks the staged version of every added, copied, modified or renamed *.txt and *.md
        # file with statementlint before a commit is made. Exit 1 (findings at or above the fail
        # level) or 2 (a file could not be checked) stops the commit; 'git commit --no-verify'
        # skips the check once. Re-run 'statementlint install-hook' to update this file;
        # delete it to uninstall.

        statementlint=\(shellQuote(executable))
        arguments=(\(quotedArguments))

        if ! command -v "$statementlint" >/dev/null 2>&1; then
          echo "statementlint pre-commit hook: $statementlint not found; run 'statementlint install-hook' again" >&2
          exit 2
        fi

        # Files whose working copy equals the staged version are checked in place, in one run;
        # files with unstaged changes are checked from the index, through standard input.
        # --no-renames: a renamed file counts as added, so it is checked too.
        unchanged=()
        partly_staged=()
        while IFS= read -r -d '' path; do
          if git --literal-pathspecs diff --quiet -- "$path"; then
            unchanged+=("$path")
          else
            partly_staged+=("$path")
          fi
        done < <(git diff --cached --name-only --no-renames --diff-filter=ACM -z -- '*.txt' '*.md')

        status=0
        check() {
          "$statementlint" lint "${arguments[@]}" "$@"
          local code=$?
          if [ "$code" -gt "$status" ]; then status=$code; fi
        }
        if [ ${#unchanged[@]} -gt 0 ]; then
          check -- "${unchanged[@]}"
        fi
        for path in "${partly_staged[@]}"; do
          check --stdin-filename "$path" - < <(git cat-file blob ":$path")
        done

        if [ "$status" -ne 0 ]; then
          echo "statementlint: commit stopped (exit $status); fix the statement or commit with --no-verify to skip the check" >&2
        fi
        exit "$status"

        """
    }

    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Where git runs hooks from: `--git-path hooks` follows worktrees to the shared hooks
    /// folder and honours core.hooksPath (`--git-dir` would name the worktree's own folder,
    /// whose hooks git never runs).
    static func hooksDirectory() throws -> String {
        guard let inside = git(["rev-parse", "--is-inside-work-tree"]), inside == "true" else {
            Console.error("statementlint: install-hook: not inside a git working tree")
            throw ExitCode(ExitStatus.failure)
        }
        // --path-format needs git 2.31; older ones print paths relative to the current directory.
        if let path = git(["rev-parse", "--path-format=absolute", "--git-path", "hooks"]), path.hasPrefix("/") { return path }
        if let path = git(["rev-parse", "--git-path", "hooks"]), !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        }
        Console.error("statementlint: install-hook: git could not tell where the hooks folder is")
        throw ExitCode(ExitStatus.failure)
    }

    /// Runs git; its trimmed standard output, or nil when it fails or is missing.
    static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The path this binary was started by, made absolute but with symlinks kept, so a hook
    /// pointing at a package manager's link keeps working after an upgrade.
    static func ownExecutablePath() -> String? {
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
        func absolute(_ path: String) -> String { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL.path }
        let first = CommandLine.arguments.first ?? ""
        if first.contains("/") {
            let path = absolute(first)
            if fm.isExecutableFile(atPath: path) { return path }
        } else if !first.isEmpty {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
                let path = absolute(String(dir) + "/" + first)
                if fm.isExecutableFile(atPath: path) { return path }
            }
        }
        return Bundle.main.executableURL.map { $0.standardizedFileURL.path }
    }

    /// Relative to the current directory when inside it: `.git/hooks/pre-commit`.
    static func displayPath(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
