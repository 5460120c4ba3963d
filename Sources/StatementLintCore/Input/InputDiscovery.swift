import Foundation

/// An input to lint: a file path, or standard input under a display name.
enum Input: Sendable, Equatable {
    /// A path as shown; a name that is not UTF-8 in its escaped form (`FilePaths`).
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
/// (hidden files and folders skipped, links to folders not followed), `-` for standard input.
/// A folder that cannot be listed is an error naming it; the rest of the walk goes on.
func collectInputs(_ paths: [String], stdinName: String) -> (inputs: [Input], errors: [FileError]) {
    var inputs: [Input] = []
    var errors: [FileError] = []
    for path in paths {
        if path == "-" { inputs.append(.standardInput(name: stdinName)); continue }
        let raw = FilePaths.bytes(path)
        let shown = FilePaths.display(raw)
        var info = stat()
        guard FilePaths.withCString(raw, { stat($0, &info) }) == 0 else {
            let code = errno
            errors.append(FileError(path: shown, message: code == ENOENT ? "no such file or directory" : "cannot read (\(ReadError(code: code).reason))"))
            continue
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { inputs.append(.file(shown)); continue }
        var found: [String] = []
        walk(raw.last == 0x2F ? raw : raw + [0x2F], into: &found, errors: &errors)
        inputs += found.sorted().map(Input.file)
    }
    return (inputs, errors)
}

/// Adds the statements in one folder and its subfolders to `found`, as shown (`FilePaths`: a
/// whole path is escaped when any part of it is not UTF-8). `raw` ends in `/`.
private func walk(_ raw: [UInt8], into found: inout [String], errors: inout [FileError]) {
    guard let dir = FilePaths.withCString(raw, { opendir($0) }) else {
        errors.append(FileError(path: FilePaths.display(Array(raw.dropLast())), message: "cannot read folder (\(ReadError(code: errno).reason))"))
        return
    }
    var folders: [[UInt8]] = []
    while true {
        errno = 0
        guard let entry = readdir(dir) else {
            if errno != 0 { errors.append(FileError(path: FilePaths.display(Array(raw.dropLast())), message: "cannot read folder (\(ReadError(code: errno).reason))")) }
            break
        }
        let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { buffer in
            Array(buffer.prefix(while: { $0 != 0 }))
        }
        // Hidden files and folders, and `.` and `..`, are skipped.
        guard let first = name.first, first != 0x2E else { continue }
        var type = entry.pointee.d_type
        if type == UInt8(DT_UNKNOWN) {
            var info = stat()
            guard FilePaths.withCString(raw + name, { lstat($0, &info) }) == 0 else { continue }
            type = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : info.st_mode & S_IFMT == S_IFLNK ? UInt8(DT_LNK) : UInt8(DT_REG)
        }
        if type == UInt8(DT_DIR) { folders.append(name); continue }
        // The extension, read off the name's bytes.
        guard let dot = name.lastIndex(of: 0x2E), name.count - dot - 1 <= 3,
              let ext = String(validating: name[(dot + 1)...], as: UTF8.self), ["txt", "md"].contains(ext.lowercased()) else { continue }
        // A link to a folder named like a statement ("notes.md") is neither walked nor read.
        if type == UInt8(DT_LNK) {
            var info = stat()
            if FilePaths.withCString(raw + name, { stat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFDIR { continue }
        }
        found.append(FilePaths.display(raw + name))
    }
    closedir(dir)
    for name in folders {
        walk(raw + name + [0x2F], into: &found, errors: &errors)
    }
}
