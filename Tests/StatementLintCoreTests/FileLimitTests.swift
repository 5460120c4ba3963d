import Foundation
import Testing
@testable import StatementLintCore

/// Sizes as `--max-file-size` and `max-file-size` take them, names that are not UTF-8, and
/// reading that stops one byte past the limit.
@Suite struct FileLimitTests {
    @Test func sizesParse() {
        #expect(FileSize.parse("10MB") == 10 * 1024 * 1024)
        #expect(FileSize.parse("10 mb") == 10 * 1024 * 1024)
        #expect(FileSize.parse("500KB") == 500 * 1024)
        #expect(FileSize.parse("2k") == 2048)
        #expect(FileSize.parse("1G") == 1 << 30)
        #expect(FileSize.parse("1500") == 1500)
        #expect(FileSize.parse("1500 bytes") == 1500)
        for bad in ["", "0", "MB", "-5", "1.5MB", "10 TB", "2000GB", "99999999999999999999", "١٠"] {
            #expect(FileSize.parse(bad) == nil, "\(bad)")
        }
        #expect(FileLimits.describe(10 * 1024 * 1024) == "10 MB")
        #expect(FileLimits.describe(200 * 1024) == "200 KB")
        #expect(FileLimits.describe(1500) == "1500 bytes")
    }

    /// Bad bytes are escaped as `\xHH` and a backslash as `\\`, only in names that need it;
    /// the escaped name gives the bytes back.
    @Test func namesThatAreNotUTF8AreEscapedReversibly() {
        let raw: [UInt8] = Array("d/caf".utf8) + [0xE9] + Array("\\é.txt".utf8)
        let shown = FilePaths.display(raw)
        #expect(shown == "d/caf\\xE9\\\\é.txt")
        #expect(FilePaths.unescape(shown) == raw)
        #expect(FilePaths.display(Array("a\\x41.txt".utf8)) == "a\\x41.txt")
        // A valid name that merely looks escaped is not decoded.
        #expect(FilePaths.unescape("a\\x41.txt") == nil)
    }

    /// A file over the limit is refused however it is found: by its size before reading, and
    /// (for one that grows while read) by reading one byte past the limit and stopping.
    @Test func readingStopsPastTheLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statementlint-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.txt")
        try Data(repeating: 0x61, count: 100).write(to: file)
        #expect(try readFile(file.path, limit: 100).get().count == 100)
        #expect(readFile(file.path, limit: 99) == .failure(ReadError(code: EFBIG, tooLarge: 99)))
        let fd = open("/dev/zero", O_RDONLY)
        defer { close(fd) }
        #expect(try readUpTo(fd, 4097, sizeHint: 0).get().count == 4097)
        #expect(readFile("/dev/zero") == .failure(ReadError(code: EINVAL, notRegular: "a character device")))
    }
}
