import Foundation

/// An input to lint: a file path, or standard input under a display name.
public enum Input: Sendable, Equatable {
    case file(String)
    case standardInput(name: String)

    public var displayPath: String {
        switch self {
        case .file(let p): return p
        case .standardInput(let name): return name
        }
    }
}

/// Expands paths into inputs: files as given, directories searched for `*.txt` and `*.md`
/// (hidden folders skipped), `-` for standard input.
public func collectInputs(_ paths: [String], stdinName: String) -> (inputs: [Input], errors: [FileError]) {
    var inputs: [Input] = []
    var errors: [FileError] = []
    let fm = FileManager.default
    for path in paths {
        if path == "-" { inputs.append(.standardInput(name: stdinName)); continue }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            errors.append(FileError(path: path, message: "no such file or directory"))
            continue
        }
        guard isDir.boolValue else { inputs.append(.file(path)); continue }
        var found: [String] = []
        let base = URL(fileURLWithPath: path)
        let baseLength = base.path.count
        if let walker = fm.enumerator(at: base, includingPropertiesForKeys: [], options: [.skipsHiddenFiles]) {
            for case let url as URL in walker {
                // The extension, read off the path (URL's own accessors cost more than the check).
                let full = url.path
                guard let dot = full.lastIndex(of: "."), !full[dot...].contains("/") else { continue }
                let ext = full[full.index(after: dot)...]
                guard ext.count <= 3, ["txt", "md"].contains(ext.lowercased()) else { continue }
                // A folder named like a statement ("notes.md") is walked, not read as one. One
                // stat call: URL's resource values cost seven system calls a file.
                var info = stat()
                if stat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { continue }
                let rel = String(full.dropFirst(baseLength).drop(while: { $0 == "/" }))
                found.append(path.hasSuffix("/") ? path + rel : path + "/" + rel)
            }
        }
        inputs += found.sorted().map(Input.file)
    }
    return (inputs, errors)
}

/// Runs a per-file job over inputs in parallel and hands results to `sink` in input order,
/// one at a time, as soon as each is ready; a file's text is dropped once reported, so
/// memory stays flat however many files there are.
public struct Runner: Sendable {
    public var jobs: Int

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.jobs = max(1, jobs)
    }

    /// `work` runs on worker threads with that thread's scratch (made once by `makeScratch`).
    public func run<Item: Sendable>(_ items: [Item], makeScratch: @escaping @Sendable () -> MatchScratch,
                                    work: @escaping @Sendable (Item, MatchScratch) -> FileResult, sink: (FileResult) -> Void) {
        if jobs == 1 || items.count < 2 {
            let scratch = makeScratch()
            for item in items { sink(work(item, scratch)) }
            return
        }
        let state = OrderedResults(count: items.count)
        withoutActuallyEscaping(sink) { sink in
            let box = SinkBox(sink)
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
                let scratch = makeScratch()
                while let i = state.claim() {
                    state.deliver(i, work(items[i], scratch), to: box)
                }
            }
        }
    }
}

/// Reads an input's bytes.
public func readInput(_ input: Input, stdin: () -> [UInt8]) -> Result<[UInt8], FileError> {
    switch input {
    case .standardInput: return .success(stdin())
    case .file(let p):
        switch readFile(p) {
        case .success(let bytes): return .success(bytes)
        case .failure(let error): return .failure(FileError(path: p, message: "cannot read file (\(error.reason))"))
        }
    }
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

private final class SinkBox: @unchecked Sendable {
    let sink: (FileResult) -> Void
    init(_ sink: @escaping (FileResult) -> Void) { self.sink = sink }
}

/// Hands out work and re-orders finished results. Results go to the sink in input order,
/// one at a time, from whichever worker holds the next one; the lock is not held while the
/// sink runs, so other workers keep delivering.
private final class OrderedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var nextToEmit = 0
    private var pending: [Int: FileResult] = [:]
    /// Whether some thread is currently calling the sink.
    private var emitting = false
    private let count: Int

    init(count: Int) { self.count = count }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ i: Int, _ result: FileResult, to box: SinkBox) {
        lock.lock()
        pending[i] = result
        if emitting { lock.unlock(); return }
        emitting = true
        while let r = pending.removeValue(forKey: nextToEmit) {
            nextToEmit += 1
            lock.unlock()
            box.sink(r)
            lock.lock()
        }
        emitting = false
        lock.unlock()
    }
}

public func readAllStandardInput() -> [UInt8] {
    [UInt8](FileHandle.standardInput.readDataToEndOfFile())
}
