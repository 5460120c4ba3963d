import Foundation
import Testing
@testable import StatementLintCore

@Suite struct ReadInputTests {
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statementlint-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Files come back byte for byte: accents, emoji, CRLF, a byte that is not UTF-8, an empty
    /// file, and one larger than any single read.
    @Test func filesAreReadExactly() throws {
        let dir = try ReadInputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let cases: [(String, [UInt8])] = [
            ("accents.txt", Array("Café officers, naïve 😀\r\nSecond line\r\n".utf8)),
            ("bad.txt", [0x53, 0x68, 0xFF, 0x0A]),
            ("empty.txt", []),
            ("big.txt", big),
        ]
        for (name, bytes) in cases {
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            #expect(try readFile(url.path).get() == bytes, "\(name)")
            #expect(try readInput(.file(url.path), stdin: { [] }).get() == bytes, "\(name)")
        }
    }

    /// What cannot be read says why, in the one-line error that names the file.
    @Test func unreadablePathsSayWhy() throws {
        let dir = try ReadInputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(readFile(dir.path) == .failure(ReadError(code: EISDIR)))
        let missing = dir.appendingPathComponent("gone.txt").path
        #expect(readFile(missing) == .failure(ReadError(code: ENOENT)))
        guard case .failure(let e) = readInput(.file(dir.path), stdin: { [] }) else { Issue.record("a directory was read"); return }
        #expect(e.description == "\(dir.path): error: cannot read file (is a directory)")
        guard case .failure(let m) = readInput(.file(missing), stdin: { [] }) else { Issue.record("a missing file was read"); return }
        #expect(m.description == "\(missing): error: cannot read file (no such file or directory)")
    }

    /// A folder whose name looks like a statement's is searched, not reported as unreadable.
    @Test func foldersNamedLikeStatementsAreWalked() throws {
        let dir = try ReadInputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("notes.md"), withIntermediateDirectories: true)
        try Data("One.".utf8).write(to: dir.appendingPathComponent("notes.md/inner.txt"))
        try Data("Two.".utf8).write(to: dir.appendingPathComponent("a.txt"))
        let (inputs, errors) = collectInputs([dir.path], stdinName: "-")
        #expect(errors.isEmpty)
        #expect(inputs == [.file(dir.path + "/a.txt"), .file(dir.path + "/notes.md/inner.txt")])
    }
}
