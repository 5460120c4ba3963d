import Foundation

/// Reads an input's bytes. (Thrown, not a `Result`: copying a `Result` of these types cost
/// its metadata, 0.24 M instructions, on every run.)
func readBytes(_ input: Input, stdin: () -> [UInt8]) throws(FileError) -> [UInt8] {
    switch input {
    case .standardInput: return stdin()
    case .file(let p):
        switch readFile(p) {
        case .success(let bytes): return bytes
        case .failure(let error): throw FileError(path: p, message: "cannot read file (\(error.reason))")
        }
    }
}

/// `readBytes` as a `Result`.
func readInput(_ input: Input, stdin: () -> [UInt8]) -> Result<[UInt8], FileError> {
    do { return .success(try readBytes(input, stdin: stdin)) } catch { return .failure(error) }
}

/// Why a file could not be read, from the system's error number.
struct ReadError: Error, Equatable {
    let code: Int32
    /// The system's description in lower case, as the rest of a one-line error: "is a directory".
    var reason: String { String(cString: strerror(code)).lowercased() }
}

/// A file's bytes, read with `open` and `read` straight into the array (Foundation's reader
/// made a `Data` and then a copy of it, for every file of an archive).
func readFile(_ path: String) -> Result<[UInt8], ReadError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(ReadError(code: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(ReadError(code: errno)) }
    guard info.st_mode & S_IFMT != S_IFDIR else { return .failure(ReadError(code: EISDIR)) }
    // The size is a hint: a file that grows or shrinks while it is read is read to its end.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
    var count = 0
    while true {
        if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
        let n = bytes.withUnsafeMutableBytes { buffer in
            read(fd, buffer.baseAddress! + count, buffer.count - count)
        }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(ReadError(code: errno))
        }
        if n == 0 { break }
        count += n
    }
    bytes.removeSubrange(count...)
    return .success(bytes)
}

/// Standard input, read to its end.
func readAllStandardInput() -> [UInt8] {
    [UInt8](FileHandle.standardInput.readDataToEndOfFile())
}
