import Foundation
import Testing

/// What is read, and how much (issue 23, items 4 and 12): regular files only, at most the size
/// limit, every folder that cannot be listed named, names that are not UTF-8 read, and a rule
/// folder named twice loaded once. Every run here is bounded by `timeout`: a run that hangs
/// (as a named pipe made it) is killed and the test fails with status 124.
@Suite struct InputLimitTests {
    static let seconds = "60"
    static let finding = "1:11: error: 'shots were fired' hides who fired. [accountability/passive-shots]"
    static let notRegular = "error: not a regular file (it is %@); only regular files are read"

    /// The binary under `timeout`; `dropReadPermissionBypass` runs it without the root
    /// capabilities that read any folder (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that a
    /// folder made unreadable with `chmod 000` is unreadable to it even when the tests run as root.
    static func bounded(_ args: [String], stdin: String? = nil, cwd: URL, dropReadPermissionBypass: Bool = false) throws -> RunResult {
        var command = ["--kill-after=5", seconds]
        if dropReadPermissionBypass && geteuid() == 0 { command += ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] }
        return try statementlint(command + [binary.path] + args, stdin: stdin, cwd: cwd, executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }

    /// A shell command line, bounded the same way (for names that are not UTF-8 and redirections).
    static func shell(_ script: String, cwd: URL) throws -> RunResult {
        try statementlint(["--kill-after=5", seconds, "/bin/sh", "-c", script], cwd: cwd, env: ["BIN": binary.path],
                          executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }

    /// Writes a file whose name is given as bytes.
    static func writeFile(_ text: String, name: [UInt8], in dir: URL) throws {
        let path = Array(dir.path.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(Glibc.write(fd, bytes, bytes.count) == bytes.count)
    }

    /// A named pipe and a device, named on the command line or found in a folder (as a
    /// `*.txt` link to `/dev/zero`), are each one line saying what they are; the other file is
    /// still checked and the run exits 2. Before, the pipe hung the run and `/dev/zero` grew
    /// to gigabytes and aborted it.
    @Test func pipesAndDevicesAreNotRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("statements")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(badStatement.utf8).write(to: folder.appendingPathComponent("good.txt"))
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("zero.txt").path, withDestinationPath: "/dev/zero")
        let pipe = String(format: Self.notRegular, "a named pipe"), device = String(format: Self.notRegular, "a character device")

        let named = try Self.bounded(absoluteFixtureRules + ["--no-config", "--format", "line", "statements/pipe.txt", "/dev/zero", "statements/good.txt"], cwd: dir)
        #expect(named.status == 2)
        #expect(named.stderr == "statements/pipe.txt: \(pipe)\n/dev/zero: \(device)\n")
        #expect(named.stdout.contains("statements/good.txt:3:11: error: 'shots were fired' hides who fired."))
        #expect(named.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 0 suggestions; 2 files not checked\n"))

        let walked = try Self.bounded(absoluteFixtureRules + ["--no-config", "--format", "line", "statements"], cwd: dir)
        #expect(walked.status == 2)
        #expect(walked.stderr == "statements/pipe.txt: \(pipe)\nstatements/zero.txt: \(device)\n")
        #expect(walked.stdout.contains("statements/good.txt:3:11: error: 'shots were fired' hides who fired."))
        #expect(walked.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 0 suggestions; 2 files not checked\n"))
    }

    /// A file over the limit is one line naming the limit and how to raise it; a file of
    /// exactly the limit is checked. The limit comes from `--max-file-size`, else the
    /// configuration's `max-file-size`.
    @Test func filesOverTheSizeLimitAreReportedNotRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let limit = 200 * 1024
        func statement(_ size: Int) -> Data {
            let line = "At 9 p.m. shots were fired.\n"
            var text = String(repeating: line, count: size / line.utf8.count)
            text += String(repeating: "a", count: size - text.utf8.count)
            return Data(text.utf8)
        }
        try statement(limit).write(to: dir.appendingPathComponent("at.txt"))
        try statement(limit + 1).write(to: dir.appendingPathComponent("over.txt"))
        let tooLarge = "error: larger than the size limit of 200 KB; raise it with --max-file-size or max-file-size in .statementlint.yml to check it"
        let r = try Self.bounded(absoluteFixtureRules + ["--no-config", "--format", "line", "--max-file-size", "200KB", "at.txt", "over.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "over.txt: \(tooLarge)\n")
        #expect(r.stdout.hasPrefix("at.txt:1:11: error: 'shots were fired' hides who fired."))
        #expect(r.stdout.hasSuffix("; 1 file not checked\n"))

        // The same limit from the configuration; the option wins over it.
        try Data("max-file-size: 200 KB\n".utf8).write(to: dir.appendingPathComponent(".statementlint.yml"))
        let configured = try Self.bounded(absoluteFixtureRules + ["--format", "line", "at.txt", "over.txt"], cwd: dir)
        #expect(configured.status == 2)
        #expect(configured.stderr == "over.txt: \(tooLarge)\n")
        let raised = try Self.bounded(absoluteFixtureRules + ["--format", "line", "--max-file-size", "\(limit + 1)", "over.txt"], cwd: dir)
        #expect(raised.status == 1)
        #expect(raised.stderr == "")

        // A size the configuration cannot mean is an error with its place.
        try Data("max-file-size: lots\n".utf8).write(to: dir.appendingPathComponent(".statementlint.yml"))
        let bad = try Self.bounded(absoluteFixtureRules + ["at.txt"], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("\(dir.path)/.statementlint.yml:1:16: 'max-file-size' must be a size such as 10MB, 500KB or a number of bytes, from 1 byte to 1 TB (found 'lots')\n"))
    }

    /// The default limit is 10 MB, checked before reading (a sparse 10 MB + 1 byte file is
    /// refused at once); standard input gets the same limit, and reading stops one byte past
    /// it, so an endless input (`/dev/zero`) ends the run at once instead of filling the memory.
    @Test func theDefaultLimitAndStandardInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.txt")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, 10 * 1024 * 1024 + 1) == 0)
        let tooLarge = "error: larger than the size limit of %@; raise it with --max-file-size or max-file-size in .statementlint.yml to check it"
        let file = try Self.bounded(absoluteFixtureRules + ["--no-config", "big.txt"], cwd: dir)
        #expect(file.status == 2)
        #expect(file.stderr == "big.txt: \(String(format: tooLarge, "10 MB"))\n")

        let endless = try Self.shell("\"$BIN\" --no-config --no-default-rules --rules '\(packageRoot.path)/Tests/Fixtures/rules' - < /dev/zero", cwd: dir)
        #expect(endless.status == 2)
        #expect(endless.stderr == "<stdin>: \(String(format: tooLarge, "10 MB"))\n")

        let piped = try Self.bounded(absoluteFixtureRules + ["--no-config", "--max-file-size", "100", "-"], stdin: String(repeating: "Shots were fired. ", count: 6), cwd: dir)
        #expect(piped.status == 2)
        #expect(piped.stderr == "<stdin>: \(String(format: tooLarge, "100 bytes"))\n")
        let fits = try Self.bounded(absoluteFixtureRules + ["--no-config", "--max-file-size", "100", "--format", "line", "-"], stdin: "At 9 p.m. shots were fired.\n", cwd: dir)
        #expect(fits.status == 1)
        #expect(fits.stdout.hasPrefix("<stdin>:\(Self.finding)\n"))
    }

    /// A file name that is not UTF-8 is read and checked, found in a folder or named on the
    /// command line, and shown with its bad bytes escaped (`\xE9`); the escaped name, given
    /// back, names the same file.
    @Test func namesThatAreNotUTF8AreChecked() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try InputLimitTests.writeFile("At 9 p.m. shots were fired.\n", name: Array("caf".utf8) + [0xE9] + Array(".txt".utf8), in: folder)
        let rules = "--no-config --no-default-rules --rules '\(packageRoot.path)/Tests/Fixtures/rules' --format line"
        let walked = try Self.shell("\"$BIN\" \(rules) d", cwd: dir)
        #expect(walked.status == 1)
        #expect(walked.stderr == "")
        #expect(walked.stdout == "d/caf\\xE9.txt:\(InputLimitTests.finding)\n1 file checked: 1 error, 0 warnings, 0 suggestions\n")

        let named = try Self.shell("\"$BIN\" \(rules) \"d/$(printf 'caf\\351.txt')\" 'd/caf\\xE9.txt'", cwd: dir)
        #expect(named.status == 1)
        #expect(named.stderr == "")
        #expect(named.stdout == "d/caf\\xE9.txt:\(InputLimitTests.finding)\nd/caf\\xE9.txt:\(InputLimitTests.finding)\n2 files checked: 2 errors, 0 warnings, 0 suggestions\n")
    }

    /// A subfolder that cannot be listed is one line naming it, counted as not checked, and
    /// the rest of the folder is still checked. Made unreadable with `chmod 000`; as root the
    /// binary runs without the capabilities that bypass it (see `bounded`).
    @Test func unreadableSubfoldersAreReported() throws {
        let dir = try temporaryDirectory()
        let sub = dir.appendingPathComponent("d/sub")
        defer {
            chmod(sub.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data(badStatement.utf8).write(to: dir.appendingPathComponent("d/good.txt"))
        try Data(badStatement.utf8).write(to: sub.appendingPathComponent("hidden.txt"))
        #expect(chmod(sub.path, 0) == 0)
        let r = try Self.bounded(absoluteFixtureRules + ["--no-config", "--format", "line", "d"], cwd: dir, dropReadPermissionBypass: true)
        #expect(r.status == 2)
        #expect(r.stderr == "d/sub: error: cannot read folder (permission denied)\n")
        #expect(r.stdout.hasPrefix("d/sub: error: cannot read folder (permission denied)\nd/good.txt:3:11: error: 'shots were fired' hides who fired."))
        #expect(r.stdout.hasSuffix("1 file checked: 1 error, 0 warnings, 0 suggestions; 1 file not checked\n"))
    }

    /// The same rule folder named twice (as given, with `./` and a trailing `/`, through a
    /// link) is loaded once; two different folders defining the same id are still an error.
    @Test func aRuleFolderNamedTwiceIsLoadedOnce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(badStatement.utf8).write(to: dir.appendingPathComponent("good.txt"))
        let rules = packageRoot.appendingPathComponent("Tests/Fixtures/rules").path
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked").path, withDestinationPath: rules)
        let once = try Self.bounded(["--no-config", "--no-default-rules", "--format", "line", "--rules", rules, "good.txt"], cwd: dir)
        let twice = try Self.bounded(["--no-config", "--no-default-rules", "--format", "line", "--rules", rules, "--rules", "./linked/", "--rules", rules + "/../rules", "good.txt"], cwd: dir)
        #expect(once.status == 1)
        #expect(twice.status == 1)
        #expect(twice.stderr == "")
        #expect(twice.stdout == once.stdout)

        try FileManager.default.copyItem(atPath: rules, toPath: dir.appendingPathComponent("copy").path)
        let copied = try Self.bounded(["--no-config", "--no-default-rules", "--rules", rules, "--rules", "copy", "good.txt"], cwd: dir)
        #expect(copied.status == 2)
        #expect(copied.stderr.contains("copy/plain-language/exited.yml:1:1: duplicate rule id 'exited'"))
    }

    /// A `.statementlint.yml` that is a named pipe (found above a checked file, as in an
    /// untrusted repository) is read as the statements are, regular files only: an error
    /// saying what it is (before: "cannot read configuration file"), never a hang.
    @Test func aConfigurationThatIsAPipeIsNotRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(badStatement.utf8).write(to: dir.appendingPathComponent("good.txt"))
        #expect(mkfifo(dir.appendingPathComponent(".statementlint.yml").path, 0o644) == 0)
        let r = try Self.bounded(absoluteFixtureRules + ["good.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("\(dir.path)/.statementlint.yml:0:0: not a regular file (it is a named pipe); only regular files are read\n"))
    }
}
