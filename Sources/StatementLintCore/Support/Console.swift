import Foundation

/// Standard output, buffered (reports can be large, and many small writes are slow), and
/// standard error, written at once. Everything a command prints goes through here.
public enum Console {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    public static func write(_ s: String) {
        write { $0.append(contentsOf: s.utf8) }
    }

    public static func write(_ bytes: [UInt8]) {
        write { $0.append(contentsOf: bytes) }
    }

    /// Appends to the buffered standard output in place.
    public static func write(_ append: (inout [UInt8]) -> Void) {
        append(&buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what standard output holds; call it before the process exits.
    public static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a message to standard error, ending it with a newline unless it has one or
    /// `newline` is false; an empty message writes nothing.
    public static func error(_ message: String, newline: Bool = true) {
        guard !message.isEmpty else { return }
        FileHandle.standardError.write(Data((message.hasSuffix("\n") || !newline ? message : message + "\n").utf8))
    }
}

/// Writes every byte to a file descriptor (retrying interrupted writes).
private func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { break }
    }
}
