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
        if let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let url as URL in walker {
                // The extension, read off the path (URL's own accessors cost more than the check).
                let full = url.path
                guard let dot = full.lastIndex(of: "."), !full[dot...].contains("/") else { continue }
                let ext = full[full.index(after: dot)...]
                guard ext.count <= 3, ["txt", "md"].contains(ext.lowercased()) else { continue }
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
        guard let data = FileManager.default.contents(atPath: p) else {
            return .failure(FileError(path: p, message: "cannot read file"))
        }
        return .success([UInt8](data))
    }
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
