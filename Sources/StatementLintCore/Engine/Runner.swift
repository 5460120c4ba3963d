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
        if let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let url as URL in walker where ["txt", "md"].contains(url.pathExtension.lowercased()) {
                let rel = String(url.path.dropFirst(base.path.count).drop(while: { $0 == "/" }))
                found.append(path.hasSuffix("/") ? path + rel : path + "/" + rel)
            }
        }
        inputs += found.sorted().map(Input.file)
    }
    return (inputs, errors)
}

/// Lints inputs in parallel and hands results to `sink` in input order, one at a time, as
/// soon as each is ready; a file's text is dropped once reported, so memory stays flat.
public struct Runner: Sendable {
    public let linter: Linter
    public var jobs: Int

    public init(linter: Linter, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.linter = linter
        self.jobs = max(1, jobs)
    }

    /// Reads and lints one input.
    public func run(_ input: Input, stdin: () -> [UInt8], scratch: MatchScratch) -> FileResult {
        let path = input.displayPath
        let bytes: [UInt8]
        switch input {
        case .standardInput: bytes = stdin()
        case .file(let p):
            guard let data = FileManager.default.contents(atPath: p) else {
                return FileResult(path: path, findings: [], errors: [FileError(path: path, message: "cannot read file")], document: nil)
            }
            bytes = [UInt8](data)
        }
        do {
            let doc = try Document(path: path, bytes: bytes)
            return linter.lint(doc, scratch: scratch)
        } catch {
            return FileResult(path: path, findings: [], errors: [FileError(path: path, message: error.message)], document: nil)
        }
    }

    public func run(_ inputs: [Input], stdin: @escaping @Sendable () -> [UInt8] = { readAllStandardInput() }, sink: (FileResult) -> Void) {
        if jobs == 1 || inputs.count < 2 {
            let scratch = linter.makeScratch()
            for input in inputs { sink(run(input, stdin: stdin, scratch: scratch)) }
            return
        }
        let state = OrderedResults(count: inputs.count)
        withoutActuallyEscaping(sink) { sink in
            let box = SinkBox(sink)
            DispatchQueue.concurrentPerform(iterations: min(jobs, inputs.count)) { _ in
                let scratch = linter.makeScratch()
                while let i = state.claim() {
                    let result = run(inputs[i], stdin: stdin, scratch: scratch)
                    state.deliver(i, result, to: box)
                }
            }
        }
    }
}

private final class SinkBox: @unchecked Sendable {
    let sink: (FileResult) -> Void
    init(_ sink: @escaping (FileResult) -> Void) { self.sink = sink }
}

/// Hands out work and re-orders finished results.
private final class OrderedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var nextToEmit = 0
    private var pending: [Int: FileResult] = [:]
    private let count: Int

    init(count: Int) { self.count = count }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ i: Int, _ result: FileResult, to box: SinkBox) {
        lock.lock(); defer { lock.unlock() }
        pending[i] = result
        while let r = pending.removeValue(forKey: nextToEmit) {
            box.sink(r)
            nextToEmit += 1
        }
    }
}

public func readAllStandardInput() -> [UInt8] {
    [UInt8](FileHandle.standardInput.readDataToEndOfFile())
}
