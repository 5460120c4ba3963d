import Foundation
import Testing

/// Issue 23, items 1, 6, 7, 8, 9 and part of 12: what `--fix` guarantees. A fix never writes
/// bytes that are not UTF-8, never loses the file's owner, group, attributes or hard links,
/// never overwrites an edit made while it ran, never claims a fix it did not write, never
/// applies a fix that does not settle, and never joins lines or rewrites a read-only file.
@Suite struct FixSafetyTests {
    func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// A safe swap rule in `dir/rules/plain-language/ID.yml`, with `swap` as its YAML lines.
    func swapRule(_ id: String, _ swap: String, in dir: URL) throws {
        _ = try write("""
        id: \(id)
        category: plain-language
        severity: suggestion
        kind: swap
        message: "Say '${replacement}'."
        rationale: Plain words.
        source: Test.
        safety: safe
        swap:
        \(swap)
        examples:
          flag: ["⟦it⟧"]
          pass: ["nothing"]

        """, "rules/plain-language/\(id).yml", in: dir)
    }

    let exited = "At 9 p.m. he exited the vehicle.\n"
    let fixedExited = "At 9 p.m. he got out of the car.\n"

    /// The folder holds only `names` (no temporary file is left behind).
    func expectOnly(_ names: [String], in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "rules" }.sorted()
        #expect(found == names.sorted(), sourceLocation: sourceLocation)
    }

    // MARK: Item 1: \C and UTF-8

    @Test func oneCodeUnitEscapeIsRefusedAtLoadAndTheFileIsUntouched() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try swapRule("cbyte", "  'caf\\C': cafe", in: dir)
        let text = "At 9 p.m. the café opened.\n"
        let file = try write(text, "c.txt", in: dir)
        let r = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "c.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("rules/plain-language/cbyte.yml:10:3: pattern does not compile at offset 5: using \\C is disabled by the application\n"), "\(r.stderr)")
        #expect(try bytes(file) == Array(text.utf8))
    }

    // MARK: Item 6: owner, group, attributes, ACLs, hard links

    @Test func ownerGroupModeAndExtendedAttributesAreKept() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(exited, "draft.txt", in: dir)
        let asRoot = geteuid() == 0
        if asRoot {
            #expect(chown(file.path, 1234, 5678) == 0)
        } else if runningUnderCI {
            Issue.record("CI=true but the tests do not run as root: the owner cannot be checked")
        }
        #expect(chmod(file.path, 0o640) == 0)
        // A user attribute, and a POSIX access ACL giving user 1234 read access.
        let note = Array("kept".utf8)
        #expect(setxattr(file.path, "user.statementlint-test", note, note.count, 0) == 0)
        var acl: [UInt8] = []
        func le<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { acl += $0 } }
        le(UInt32(2))
        for (tag, perm, id) in [(UInt16(1), UInt16(6), UInt32.max), (2, 4, 1234), (4, 4, UInt32.max), (0x10, 4, UInt32.max), (0x20, 0, UInt32.max)] {
            le(tag); le(perm); le(id)
        }
        let hasACL = setxattr(file.path, "system.posix_acl_access", acl, acl.count, 0) == 0
        if !hasACL { print("skipped the ACL check: the file system takes no POSIX ACL here") }

        let r = try statementlint(fixtureRules + ["--fix", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "\(file.path): fixed 1 problem\n")
        #expect(try bytes(file) == Array(fixedExited.utf8))
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        if asRoot { #expect((info.st_uid, info.st_gid) == (1234, 5678)) }
        #expect(info.st_mode & 0o7777 == 0o640)
        var value = [UInt8](repeating: 0, count: 64)
        let n = getxattr(file.path, "user.statementlint-test", &value, value.count)
        #expect(n == note.count && Array(value[0..<max(n, 0)]) == note)
        if hasACL {
            var stored = [UInt8](repeating: 0, count: 256)
            let m = getxattr(file.path, "system.posix_acl_access", &stored, stored.count)
            #expect(m == acl.count && Array(stored[0..<max(m, 0)]) == acl)
        }
        try expectOnly(["draft.txt"], in: dir)
    }

    @Test func aFileWithHardLinksIsRefusedAndTheLinksStay() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(exited, "draft.txt", in: dir)
        let other = dir.appendingPathComponent("copy.txt")
        #expect(link(file.path, other.path) == 0)
        let r = try statementlint(fixtureRules + ["--fix", file.path])
        #expect(r.status == 2)
        #expect(r.stderr == "\(file.path): error: file has 2 hard links; not fixed (replacing it would split them)\n")
        #expect(try bytes(file) == Array(exited.utf8))
        var a = stat(), b = stat()
        #expect(stat(file.path, &a) == 0 && stat(other.path, &b) == 0)
        #expect(a.st_ino == b.st_ino && a.st_nlink == 2)
        // The report is of the text as it is: the finding is still there.
        #expect(r.stdout.contains("\(file.path):1:14: suggestion: Say 'got out of the car' instead of 'exited the vehicle'."), "\(r.stdout)")
        try expectOnly(["draft.txt", "copy.txt"], in: dir)
    }

    // MARK: Item 7: an edit made while --fix runs

    @Test func anEditMadeWhileFixingIsNotOverwritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // About 300 KB with 4,000 fixes: the run spends a while between reading and writing.
        let text = String(repeating: "At 9 p.m. he exited the vehicle. The officer spoke to residents on Elm Road.\n", count: 4_000)
        let file = try write(text, "big.txt", in: dir)
        // Once the process has read the file and closed it (inotify's IN_CLOSE_NOWRITE on the
        // file: only the run opens it), a line is appended while it is still fixing.
        let watcher = inotify_init1(Int32(IN_NONBLOCK))
        #expect(watcher >= 0)
        defer { close(watcher) }
        #expect(inotify_add_watch(watcher, file.path, UInt32(IN_CLOSE_NOWRITE)) >= 0)
        let process = Process()
        process.executableURL = binary
        process.arguments = fixtureRules + ["--fix", "--format", "json", file.path]
        process.currentDirectoryURL = packageRoot
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let started = Date()
        var event = [UInt8](repeating: 0, count: 4096)
        while process.isRunning && read(watcher, &event, event.count) <= 0 && Date().timeIntervalSince(started) < 60 { usleep(200) }
        let appended = "A line added while the fix ran.\n"
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(appended.utf8))
        try handle.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(stderr == "\(file.path): error: file changed while it was being fixed; not fixed (run --fix again)\n")
        #expect(try bytes(file) == Array((text + appended).utf8))
        try expectOnly(["big.txt"], in: dir)
    }

    // MARK: Item 8: fixes that never settle or write garbage

    @Test func emptyMatchesAndUnknownGroupsAreRefusedAtLoad() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try swapRule("the-officer", "  '(?=officer)': 'the '\n  '\\bsaw (\\w+)\\b': 'saw $5 ${nope} $1 ${1}'", in: dir)
        _ = try write("""
        id: forbid-fix
        category: plain-language
        severity: suggestion
        message: Plain words.
        rationale: Plain words.
        source: Test.
        pattern: '\\b(?<verb>exited) the vehicle\\b'
        fix:
          replace: '${verb} ${place}'
          safety: safe
        examples:
          flag: ["⟦exited the vehicle⟧"]
          pass: ["nothing"]

        """, "rules/plain-language/forbid-fix.yml", in: dir)
        let file = try write("The officer saw it.\n", "s.txt", in: dir)
        let r = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "s.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == """
        rules/plain-language/forbid-fix.yml:9:12: the replacement refers to group '${place}', which the pattern does not have
        rules/plain-language/the-officer.yml:10:3: a fix's pattern must not match empty text ('(?=officer)' can): the fix would insert its text again on every run
        rules/plain-language/the-officer.yml:11:20: the replacement refers to group $5, but the pattern has 1 group
        rules/plain-language/the-officer.yml:11:20: the replacement refers to group '${nope}', which the pattern does not have
        statementlint: 4 rule or configuration errors; nothing was checked

        """)
        #expect(try bytes(file) == Array("The officer saw it.\n".utf8))
    }

    @Test func fixesThatNeverSettleAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Each pass finds its own output again: "officer" becomes "police officer", and so on.
        try swapRule("police-officer", "  '\\bofficer\\b': police officer", in: dir)
        let text = "At 9 p.m. an officer spoke.\n"
        let file = try write(text, "s.txt", in: dir)
        let started = Date()
        let r = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "s.txt"], cwd: dir)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 2)
        #expect(r.stderr == "s.txt: error: fixes did not settle after 10 passes (plain-language/police-officer kept changing the text); not fixed\n")
        #expect(try bytes(file) == Array(text.utf8))
        #expect(r.stdout.contains("s.txt:1:14: suggestion: Say 'police officer'."), "\(r.stdout)")
        // A dry run shows no diff of the unsettled text either.
        let dry = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "--dry-run", "s.txt"], cwd: dir)
        #expect(dry.status == 2)
        #expect(dry.stdout == "")
    }

    @Test func fixesThatMultiplyTheTextAreStoppedBeforeItGrowsLarge() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Each pass turns every "in" into four: ten passes would make 64 KB into 64 GB. The run
        // stops once the text passes twice its size plus 64 KB (found by the fixes fuzzer).
        try swapRule("in-in", "  '\\bin\\b': in in in in", in: dir)
        let text = String(repeating: "He was in the car.\n", count: 3_500)
        let file = try write(text, "s.txt", in: dir)
        let started = Date()
        let r = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "s.txt"], cwd: dir)
        #expect(Date().timeIntervalSince(started) < 90) // unbounded, it would run out of memory; 55 s under ThreadSanitizer
        #expect(r.status == 2)
        #expect(r.stderr == "s.txt: error: fixes by plain-language/in-in keep growing the text (66500 bytes to 224000 after 2 passes); not fixed\n", "\(r.stderr)")
        #expect(try bytes(file) == Array(text.utf8))
    }

    // MARK: Item 9: a write that fails

    @Test func aFailedWriteClaimsNoFixAndReportsTheFileAsItIs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Over 1 KB: a file size limit of 1 KB (`ulimit -f 1`) makes the write fail, as a full disk does.
        let text = exited + String(repeating: "The officer spoke to residents on Elm Road.\n", count: 40)
        let file = try write(text, "big.txt", in: dir)
        let command = "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""
        let r = try statementlint(["bash", "-c", command, binary.path] + fixtureRules + ["--fix", file.path],
                                  executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 2)
        #expect(r.stderr == "\(file.path): error: cannot write the file: file too large; not fixed\n")
        #expect(!r.stderr.contains("fixed 1 problem"))
        #expect(try bytes(file) == Array(text.utf8))
        // The report is of the text on disk, which still says "exited the vehicle".
        #expect(r.stdout.contains("\(file.path):1:14: suggestion: Say 'got out of the car' instead of 'exited the vehicle'."), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings, 1 suggestion; 1 file only partly checked\n"), "\(r.stdout)")
        try expectOnly(["big.txt"], in: dir)
    }

    @Test func aReadOnlyFolderClaimsNoFix() throws {
        // Root writes into any folder: the run is made as user nobody (65534) with setpriv.
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            if runningUnderCI { Issue.record("CI=true but not root with setpriv: a read-only folder cannot be tried") }
            return
        }
        let dir = try temporaryDirectory()
        defer { chmod(dir.appendingPathComponent("statements").path, 0o755); try? FileManager.default.removeItem(at: dir) }
        let file = try write(exited, "statements/draft.txt", in: dir)
        // The binary and the rules are copied beside the statement: user nobody may not be able
        // to reach the clone (a CI checkout under a private temporary folder, say).
        let rules = dir.appendingPathComponent("rules").path
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("\(fixtures)/rules").path, toPath: rules)
        let tool = dir.appendingPathComponent("statementlint").path
        try FileManager.default.copyItem(atPath: binary.path, toPath: tool)
        #expect(chmod(dir.path, 0o755) == 0)
        #expect(chown(file.path, 65534, 65534) == 0 && chown(file.deletingLastPathComponent().path, 65534, 65534) == 0)
        #expect(chmod(file.deletingLastPathComponent().path, 0o555) == 0)
        let r = try statementlint(["--reuid", "65534", "--regid", "65534", "--clear-groups", tool,
                                   "--no-default-rules", "--rules", rules, "--fix", file.path],
                                  executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        #expect(r.status == 2)
        #expect(r.stderr == "\(file.path): error: cannot write a temporary file in \(file.deletingLastPathComponent().path): permission denied; not fixed\n")
        #expect(try bytes(file) == Array(exited.utf8))
        #expect(r.stdout.contains("\(file.path):1:14: suggestion: Say 'got out of the car' instead of 'exited the vehicle'."), "\(r.stdout)")
    }

    // MARK: Item 12: line breaks and read-only files

    @Test func aFixAcrossALineBreakIsLeftForReview() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try swapRule("exited-across", "  '\\bexited\\s+the\\s+vehicle\\b': got out of the car", in: dir)
        let text = "At 9 p.m. he exited the\r\nvehicle. Then he exited the vehicle.\r\n"
        let file = try write(text, "s.txt", in: dir)
        let r = try statementlint(["--no-default-rules", "--rules", "rules", "--fix", "s.txt"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "s.txt: fixed 1 problem; 1 fix across a line break left for review\n")
        #expect(try bytes(file) == Array("At 9 p.m. he exited the\r\nvehicle. Then he got out of the car.\r\n".utf8))
    }

    @Test func aReadOnlyFileIsNotFixed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(exited, "draft.txt", in: dir)
        #expect(chmod(file.path, 0o444) == 0)
        let other = try write(exited, "other.txt", in: dir)
        let r = try statementlint(fixtureRules + ["--fix", file.path, other.path])
        #expect(r.status == 2)
        #expect(r.stderr == "\(file.path): error: file is read-only, not fixed\n\(other.path): fixed 1 problem\n")
        #expect(try bytes(file) == Array(exited.utf8))
        #expect(try bytes(other) == Array(fixedExited.utf8))
        var info = stat()
        #expect(stat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o444)
    }
}

/// <sys/xattr.h>, which Swift's Glibc module does not export.
private func setxattr(_ path: String, _ name: String, _ value: [UInt8], _ size: Int, _ flags: Int32) -> Int32 {
    typealias F = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeRawPointer?, Int, Int32) -> Int32
    let f = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setxattr")!, to: F.self)
    return value.withUnsafeBytes { f(path, name, $0.baseAddress, size, flags) }
}

private func getxattr(_ path: String, _ name: String, _ value: inout [UInt8], _ size: Int) -> Int {
    typealias F = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?, Int) -> Int
    let f = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getxattr")!, to: F.self)
    return value.withUnsafeMutableBytes { f(path, name, $0.baseAddress, size) }
}
