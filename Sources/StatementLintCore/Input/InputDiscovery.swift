import Foundation

/// An input to lint: a file path, or standard input under a display name.
enum Input: Sendable, Equatable {
    case file(String)
    case standardInput(name: String)

    var displayPath: String {
        switch self {
        case .file(let p): return p
        case .standardInput(let name): return name
        }
    }
}

/// Expands paths into inputs: files as given, directories searched for `*.txt` and `*.md`
/// (hidden folders skipped), `-` for standard input.
func collectInputs(_ paths: [String], stdinName: String) -> (inputs: [Input], errors: [FileError]) {
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
