import Foundation

/// A size as `--max-file-size` and the configuration's `max-file-size` take it: a number of
/// bytes, or a number with KB, MB or GB (1 KB = 1024 bytes; `K`, `M`, `G` too, any case).
public enum FileSize {
    /// The largest limit taken: 1 TB, far above any statement.
    static let largest = 1 << 40

    /// The size in bytes; nil unless it is a whole number from 1 byte to 1 TB with a known unit.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 13, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let scale: Int
        switch unit {
        case "", "b", "byte", "bytes": scale = 1
        case "k", "kb", "kib": scale = 1024
        case "m", "mb", "mib": scale = 1024 * 1024
        case "g", "gb", "gib": scale = 1024 * 1024 * 1024
        default: return nil
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow, bytes >= 1, bytes <= largest else { return nil }
        return bytes
    }

    /// The error for a size that does not parse, after "--max-file-size: " or the key.
    public static func problem(_ text: String) -> String {
        "a size such as 10MB, 500KB or a number of bytes, from 1 byte to 1 TB (found '\(text)')"
    }
}
