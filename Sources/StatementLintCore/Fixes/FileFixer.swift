import Foundation

/// Applies safe fixes to text until none is left (fixes that overlapped one already applied
/// get their turn on the next pass), so running `--fix` twice changes nothing the second time.
public enum FileFixer {
    public struct Result {
        public let bytes: [UInt8]
        public let applied: Int
        /// Overlapping fixes still unapplied after the last pass (reported to the user).
        public let conflicts: [Finding]
    }

    /// `findings` lints a document the way the run does (config, suppressions, baseline), so
    /// only findings the user would see are fixed.
    public static func fixAll(_ bytes: [UInt8], path: String, maxPasses: Int = 10, findings: (Document) -> [Finding]) -> Result {
        var current = bytes
        var applied = 0
        var conflicts: [Finding] = []
        for _ in 0..<maxPasses {
            guard let doc = try? Document(path: path, bytes: current) else { break }
            let outcome = FixApplier.apply(findings(doc), to: current, safeOnly: true)
            conflicts = outcome.skipped
            if outcome.applied.isEmpty { break }
            applied += outcome.applied.count
            current = outcome.bytes
        }
        return Result(bytes: current, applied: applied, conflicts: conflicts)
    }

    public enum WriteError: Error, Equatable {
        case cannotWrite(String)
        public var message: String { if case .cannotWrite(let m) = self { return m }; return "" }
    }

    /// Replaces a file's content atomically: a temporary file in the same directory, the
    /// original's permissions, then a rename. A symbolic link is kept: its target is rewritten.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, createIfMissing: Bool = false) throws(WriteError) {
        let fm = FileManager.default
        if !createIfMissing && !fm.fileExists(atPath: path) { throw .cannotWrite("file disappeared before it could be fixed") }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let dir = (target as NSString).deletingLastPathComponent
        let temp = (dir as NSString).appendingPathComponent(".\((target as NSString).lastPathComponent).statementlint-\(UUID().uuidString.prefix(8))")
        let attributes = try? fm.attributesOfItem(atPath: target)
        guard fm.createFile(atPath: temp, contents: Data(bytes), attributes: attributes?[.posixPermissions].map { [.posixPermissions: $0] }) else {
            throw .cannotWrite("cannot write a temporary file in \(dir)")
        }
        if rename(temp, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: temp)
            throw .cannotWrite("cannot replace the file: \(reason)")
        }
    }
}
