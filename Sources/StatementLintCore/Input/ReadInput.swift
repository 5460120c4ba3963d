import Foundation

/// How much of a statement is read: 10 MB unless `--max-file-size` or the configuration's
/// `max-file-size` says otherwise. A 10 MB statement takes about 5 s and 270 MB to check
/// (release build, JSON output); real statements are a few kilobytes.
public enum FileLimits {
    public static let defaultMaxFileSize = 10 * 1024 * 1024
}

/// Reads an input's bytes, at most `limit` of them: a longer input is an error, found by
/// reading one byte more than the limit and no further. (Thrown, not a `Result`: copying a
/// `Result` of these types cost its metadata, 0.24 M instructions, on every run.)
/// `stdin` reads standard input, and need not read more than `limit` + 1 bytes.
func readBytes(_ input: Input, limit: Int = FileLimits.defaultMaxFileSize, stdin: () -> [UInt8]) throws(FileError) -> [UInt8] {
    switch input {
    case .standardInput(let name):
        let bytes = stdin()
        if bytes.count > limit { throw FileError(path: name, message: ReadError(code: EFBIG, tooLarge: limit).message) }
        return bytes
    case .file(let p):
        switch readFile(p, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(let error): throw FileError(path: p, message: error.message)
        }
    }
}

/// `readBytes` as a `Result`.
func readInput(_ input: Input, limit: Int = FileLimits.defaultMaxFileSize, stdin: () -> [UInt8]) -> Result<[UInt8], FileError> {
    do { return .success(try readBytes(input, limit: limit, stdin: stdin)) } catch { return .failure(error) }
}

/// Why a file could not be read: the system's error number, a file that is not a regular
/// file, or one larger than the limit.
struct ReadError: Error, Equatable {
    let code: Int32
    /// What the path is when it is not a regular file ("a named pipe").
    var notRegular: String?
    /// The limit a file was larger than.
    var tooLarge: Int?

    init(code: Int32, notRegular: String? = nil, tooLarge: Int? = nil) {
        self.code = code
        self.notRegular = notRegular
        self.tooLarge = tooLarge
    }

    /// The system's description in lower case, as the rest of a one-line error: "is a directory".
    var reason: String { String(cString: strerror(code)).lowercased() }

    /// The rest of the one-line error that names the file.
    var message: String {
        if let what = notRegular { return "not a regular file (it is \(what)); only regular files are read" }
        if let limit = tooLarge {
            return "larger than the size limit of \(FileLimits.describe(limit)); raise it with --max-file-size or max-file-size in .statementlint.yml to check it"
        }
        return "cannot read file (\(reason))"
    }
}

extension FileLimits {
    /// A size as the documentation writes it: "10 MB", "200 KB", "1500 bytes".
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024)) MB" }
        if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024) KB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// What a file of this mode is, when it is not a regular file or a folder.
    static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a named pipe"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "an unknown kind of file"
        }
    }
}

/// A regular file's bytes, at most `limit` of them, read with `open` and `read` straight into
/// the array (Foundation's reader made a `Data` and then a copy of it, for every file of an
/// archive). Anything else (a named pipe, a device such as `/dev/zero`, a socket, also through
/// a symbolic link) is refused before it is opened, and checked again once open (opened
/// without blocking, so a pipe swapped in meanwhile cannot hang the run).
func readFile(_ path: String, limit: Int = FileLimits.defaultMaxFileSize) -> Result<[UInt8], ReadError> {
    let raw = FilePaths.bytes(path)
    var info = stat()
    guard FilePaths.withCString(raw, { stat($0, &info) }) == 0 else { return .failure(ReadError(code: errno)) }
    if let what = FileLimits.kind(info.st_mode) { return .failure(ReadError(code: EINVAL, notRegular: what)) }
    guard info.st_mode & S_IFMT != S_IFDIR else { return .failure(ReadError(code: EISDIR)) }
    guard Int(info.st_size) <= limit else { return .failure(ReadError(code: EFBIG, tooLarge: limit)) }
    let fd = FilePaths.withCString(raw) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
    guard fd >= 0 else { return .failure(ReadError(code: errno)) }
    defer { close(fd) }
    guard fstat(fd, &info) == 0 else { return .failure(ReadError(code: errno)) }
    if let what = FileLimits.kind(info.st_mode) { return .failure(ReadError(code: EINVAL, notRegular: what)) }
    guard info.st_mode & S_IFMT != S_IFDIR else { return .failure(ReadError(code: EISDIR)) }
    // The size is a hint: a file that grows or shrinks while it is read is read to its end,
    // or to one byte past the limit.
    switch readUpTo(fd, limit + 1, sizeHint: Int(info.st_size)) {
    case .success(let bytes):
        return bytes.count > limit ? .failure(ReadError(code: EFBIG, tooLarge: limit)) : .success(bytes)
    case .failure(let e): return .failure(e)
    }
}

/// Reads `fd` to its end or to `most` bytes, whichever comes first.
func readUpTo(_ fd: Int32, _ most: Int, sizeHint: Int) -> Result<[UInt8], ReadError> {
    var bytes = [UInt8](repeating: 0, count: min(max(sizeHint, 0) + 1, most))
    var count = 0
    while count < most {
        if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), most - bytes.count))) }
        let n = bytes.withUnsafeMutableBytes { buffer in
            read(fd, buffer.baseAddress! + count, buffer.count - count)
        }
        if n < 0 {
            if errno == EINTR { continue }
            if errno == EAGAIN {
                // A descriptor that does not block (standard input can be one): wait for data.
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, -1)
                continue
            }
            return .failure(ReadError(code: errno))
        }
        if n == 0 { break }
        count += n
    }
    bytes.removeSubrange(count...)
    return .success(bytes)
}

/// Standard input, read to its end or to one byte past `limit`.
func readStandardInput(limit: Int) -> [UInt8] {
    (try? readUpTo(0, limit + 1, sizeHint: 64 * 1024).get()) ?? []
}
