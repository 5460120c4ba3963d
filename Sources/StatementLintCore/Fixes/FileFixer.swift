import Foundation

/// Applies safe fixes to text until none is left (fixes that overlapped one already applied
/// get their turn on the next pass), so running `--fix` twice changes nothing the second time;
/// and replaces a file with its fixed text only when that is safe (see `replace`).
public enum FileFixer {
    public struct Result {
        public let bytes: [UInt8]
        public let applied: Int
        /// Overlapping fixes still unapplied after the last pass (reported to the user).
        public let conflicts: [Finding]
        /// Fixes left unapplied because they would join, split or change line breaks.
        public let lineBreaks: [Finding]
        /// Why the fixed text must not be used (then `bytes` is the text given): the fixes
        /// do not settle within the bound, or they would leave bytes that are not UTF-8.
        public let refusal: String?
    }

    /// How many passes `fixAll` makes before it gives up on fixes that keep changing the text.
    public static let maxPasses = 10

    /// How much fixes may grow a text: twice its size plus 64 KB. Fixes replace words with
    /// words; a text growing past this is a replacement that matches its own pattern again
    /// ("in" → "in in"), which would otherwise grow the text several times a pass.
    static func growthLimit(_ count: Int) -> Int { 2 * count + 65_536 }

    /// `findings` lints a document the way the run does (config, suppressions, baseline), so
    /// only findings the user would see are fixed.
    public static func fixAll(_ bytes: [UInt8], path: String, maxPasses: Int = FileFixer.maxPasses, findings: (Document) -> [Finding]) -> Result {
        var current = bytes
        var applied = 0
        var conflicts: [Finding] = []
        var lineBreaks: [Finding] = []
        func refused(_ why: String) -> Result { Result(bytes: bytes, applied: 0, conflicts: [], lineBreaks: [], refusal: why) }
        // One pass more than the bound: the last only tells whether the text has settled.
        for pass in 0...maxPasses {
            guard let doc = try? Document(path: path, bytes: current) else { break }
            let outcome = FixApplier.apply(findings(doc), to: current, safeOnly: true)
            conflicts = outcome.skipped
            lineBreaks = outcome.lineBreaks
            if outcome.applied.isEmpty { break }
            if pass == maxPasses {
                let rules = Set(outcome.applied.map(\.qualifiedID)).sorted().joined(separator: ", ")
                return refused("fixes did not settle after \(maxPasses) passes (\(rules) kept changing the text); not fixed")
            }
            // A fix's span must start and end at character boundaries; one that does not
            // (a pattern stopping inside a character) would write bytes that are not UTF-8.
            let invalid = outcome.bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) }
            if invalid != nil {
                func splits(_ at: Int) -> Bool { at < current.count && current[at] & 0xC0 == 0x80 }
                let culprits = outcome.applied.filter { splits($0.fix!.range.lowerBound) || splits($0.fix!.range.upperBound) }
                let rules = Set((culprits.isEmpty ? outcome.applied : culprits).map(\.qualifiedID)).sorted().joined(separator: ", ")
                return refused("fixes by \(rules) would cut a character in two and leave text that is not valid UTF-8; not fixed")
            }
            if outcome.bytes.count > growthLimit(bytes.count) {
                let rules = Set(outcome.applied.map(\.qualifiedID)).sorted().joined(separator: ", ")
                return refused("fixes by \(rules) keep growing the text (\(bytes.count) bytes to \(outcome.bytes.count) after \(pass + 1) passes); not fixed")
            }
            applied += outcome.applied.count
            current = outcome.bytes
        }
        return Result(bytes: current, applied: applied, conflicts: conflicts, lineBreaks: lineBreaks, refusal: nil)
    }

    public enum WriteError: Error, Equatable {
        case cannotWrite(String)
        public var message: String { if case .cannotWrite(let m) = self { return m }; return "" }
    }

    /// What identifies a file's content as it was read: a file whose device, inode, size or
    /// modification time differ has been changed (or replaced) since.
    struct Identity: Equatable {
        let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

        init(_ s: stat) {
            device = UInt64(s.st_dev); inode = UInt64(s.st_ino); size = Int64(s.st_size)
            seconds = Int(s.st_mtim.tv_sec); nanoseconds = Int(s.st_mtim.tv_nsec)
        }

        /// The identity of the file at `path` (symbolic links followed), or nil.
        init?(path: String) {
            var s = stat()
            guard stat(path, &s) == 0 else { return nil }
            self.init(s)
        }
    }

    /// Replaces a file `--fix` read with its fixed text, or refuses and leaves it untouched.
    ///
    /// The file is replaced atomically: the text goes to a temporary file in the same folder,
    /// which gets the original's owner and group, permissions and extended attributes (POSIX
    /// ACLs are among them), is flushed to disk, and is renamed over the original. A symbolic
    /// link is kept: its target is rewritten. Refused, with the reason: a file that is
    /// read-only, that has more than one hard link (a rename would split them), or that
    /// changed since it was read (`original`, `identity`: its bytes and identity then), or
    /// whose owner, group or an attribute cannot be carried over; and bytes that are not UTF-8.
    static func replace(_ path: String, with bytes: [UInt8], original: [UInt8], identity: Identity?) throws(WriteError) {
        if bytes.withUnsafeBufferPointer({ firstInvalidUTF8Offset($0) }) != nil {
            throw .cannotWrite("the fixed text is not valid UTF-8; not fixed")
        }
        guard let resolved = realpath(path, nil) else { throw .cannotWrite("file disappeared before it could be fixed") }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0 else { throw .cannotWrite("file disappeared before it could be fixed") }
        let changed = WriteError.cannotWrite("file changed while it was being fixed; not fixed (run --fix again)")
        guard let identity, Identity(info) == identity else { throw changed }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .cannotWrite("not a regular file; not fixed") }
        if info.st_mode & 0o222 == 0 || access(target, W_OK) != 0 { throw .cannotWrite("file is read-only, not fixed") }
        if info.st_nlink > 1 {
            throw .cannotWrite("file has \(info.st_nlink) hard links; not fixed (replacing it would split them)")
        }
        try writeReplacing(target, bytes: bytes, like: info) { () throws(WriteError) in
            // Last: nothing written to the file since it was read, or that edit would be lost.
            var now = stat()
            guard stat(target, &now) == 0, Identity(now) == identity,
                  case .success(let onDisk) = readFile(target), onDisk == original else { throw changed }
        }
    }

    /// Replaces a file atomically (for files statementlint writes itself: a baseline, a
    /// starter configuration): the same temporary file and rename as `replace`, keeping an
    /// existing file's owner, permissions and attributes, without the checks of a fix.
    /// A symbolic link is kept: its target is rewritten.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, createIfMissing: Bool = false) throws(WriteError) {
        let target: String
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        } else if createIfMissing {
            target = path
        } else {
            throw .cannotWrite("file disappeared before it could be fixed")
        }
        var info = stat()
        try writeReplacing(target, bytes: bytes, like: stat(target, &info) == 0 ? info : nil, note: "") { () throws(WriteError) in }
    }

    /// Writes `bytes` to a temporary file beside `target`, gives it `like`'s owner, group,
    /// mode and extended attributes (when given), flushes it, runs `check`, then renames it
    /// over `target`. On any failure the temporary file is removed and `target` is untouched.
    static func writeReplacing(_ target: String, bytes: [UInt8], like info: stat?, note: String = "; not fixed", check: () throws(WriteError) -> Void) throws(WriteError) {
        let dir = (target as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\((target as NSString).lastPathComponent).statementlint-\(UUID().uuidString.prefix(8))"
        func reason() -> String { String(cString: strerror(errno)).lowercased() }
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(info.map { $0.st_mode & 0o777 } ?? 0o644))
        guard fd >= 0 else { throw .cannotWrite("cannot write a temporary file in \(dir.isEmpty ? "." : dir): \(reason())\(note)") }
        var isOpen = true
        func fail(_ message: String) -> WriteError {
            if isOpen { close(fd) }
            unlink(temp)
            return .cannotWrite(message)
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail("cannot write the file: \(n < 0 ? reason() : "nothing written")\(note)") }
            written += n
        }
        if let info {
            var own = stat()
            if fstat(fd, &own) != 0 { throw fail("cannot write the file: \(reason())\(note)") }
            if own.st_uid != info.st_uid || own.st_gid != info.st_gid, fchown(fd, info.st_uid, info.st_gid) != 0 {
                throw fail("cannot keep the file's owner and group (\(info.st_uid):\(info.st_gid)): \(reason())\(note)")
            }
            // After fchown, which clears set-user-ID and set-group-ID bits; before the
            // attributes, since an access ACL sets the group bits itself.
            if fchmod(fd, info.st_mode & 0o7777) != 0 { throw fail("cannot keep the file's permissions: \(reason())\(note)") }
            if let problem = copyExtendedAttributes(from: target, to: fd) { throw fail(problem + note) }
        }
        if fsync(fd) != 0 { throw fail("cannot write the file: \(reason())\(note)") }
        isOpen = false
        if close(fd) != 0 { throw fail("cannot write the file: \(reason())\(note)") }
        do { try check() } catch { throw fail(error.message) }
        if rename(temp, target) != 0 { throw fail("cannot replace the file: \(reason())\(note)") }
        // The rename itself is made durable with the folder.
        let dirFD = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 { fsync(dirFD); close(dirFD) }
    }

    /// Gives the open file `fd` exactly the extended attributes of `source` (POSIX ACLs are
    /// the `system.posix_acl_*` attributes): copies each, and removes any it inherited that
    /// `source` lacks. Returns a one-line problem when one cannot be carried over.
    static func copyExtendedAttributes(from source: String, to fd: Int32) -> String? {
        func names(_ list: (UnsafeMutablePointer<CChar>?, Int) -> Int) -> [String]? {
            while true {
                let size = list(nil, 0)
                if size < 0 { return errno == ENOTSUP ? [] : nil }
                if size == 0 { return [] }
                var buffer = [CChar](repeating: 0, count: size)
                let n = buffer.withUnsafeMutableBufferPointer { list($0.baseAddress, size) }
                if n < 0 { if errno == ERANGE { continue }; return nil }
                return buffer[0..<n].split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            }
        }
        func reason() -> String { String(cString: strerror(errno)).lowercased() }
        guard let wanted = names({ listxattr(source, $0, $1) }) else { return "cannot read the file's extended attributes: \(reason())" }
        guard let inherited = names({ flistxattr(fd, $0, $1) }) else { return "cannot read the extended attributes of the new file: \(reason())" }
        for name in inherited where !wanted.contains(name) {
            if fremovexattr(fd, name) != 0 { return "cannot drop the extended attribute \(name) the new file inherited: \(reason())" }
        }
        for name in wanted {
            var value: [UInt8] = []
            while true {
                let size = getxattr(source, name, nil, 0)
                if size < 0 { return "cannot read the extended attribute \(name): \(reason())" }
                value = [UInt8](repeating: 0, count: size)
                let n = value.withUnsafeMutableBytes { getxattr(source, name, $0.baseAddress, size) }
                if n < 0 { if errno == ERANGE { continue }; return "cannot read the extended attribute \(name): \(reason())" }
                value.removeSubrange(n...)
                break
            }
            let rc = value.withUnsafeBytes { fsetxattr(fd, name, $0.baseAddress, $0.count, 0) }
            if rc != 0 { return "cannot keep the extended attribute \(name): \(reason())" }
        }
        return nil
    }
}

/// The C library's extended-attribute calls (<sys/xattr.h>, which Swift's Glibc module does
/// not export), looked up once by name.
private enum XAttr {
    typealias List = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int) -> Int
    typealias FList = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int
    typealias Get = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?, Int) -> Int
    typealias FSet = @convention(c) (Int32, UnsafePointer<CChar>?, UnsafeRawPointer?, Int, Int32) -> Int32
    typealias FRemove = @convention(c) (Int32, UnsafePointer<CChar>?) -> Int32

    static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("the C library has no \(name)") }
        return unsafeBitCast(p, to: type)
    }
    static let list = symbol("listxattr", as: List.self)
    static let flist = symbol("flistxattr", as: FList.self)
    static let get = symbol("getxattr", as: Get.self)
    static let fset = symbol("fsetxattr", as: FSet.self)
    static let fremove = symbol("fremovexattr", as: FRemove.self)
}

private func listxattr(_ path: String, _ list: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int { XAttr.list(path, list, size) }
private func flistxattr(_ fd: Int32, _ list: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int { XAttr.flist(fd, list, size) }
private func getxattr(_ path: String, _ name: String, _ value: UnsafeMutableRawPointer?, _ size: Int) -> Int { XAttr.get(path, name, value, size) }
private func fsetxattr(_ fd: Int32, _ name: String, _ value: UnsafeRawPointer?, _ size: Int, _ flags: Int32) -> Int32 {
    XAttr.fset(fd, name, value, size, flags)
}
private func fremovexattr(_ fd: Int32, _ name: String) -> Int32 { XAttr.fremove(fd, name) }
