import Foundation

/// Why a file is not a statement statementlint can check, before it is read as text: a
/// format that is not plain text (told by its first bytes, else by its extension), or no
/// text at all. Each message says what the file is and what to do, in one line.
enum InputFormat {
    /// The problem with `bytes` (named `path`) as a statement, or nil when it can be checked.
    static func problem(_ bytes: [UInt8], path: String) -> String? {
        if let format = detect(bytes, path: path) { return format.message }
        if isBlank(bytes) { return "the file is empty: there is no statement to check" }
        return nil
    }

    /// Formats statements arrive in that are not plain text.
    enum Format: Equatable {
        case word, oldWord, openDocument, pages, rtf, pdf, html, utf16, zip, spreadsheetOrSlides
        case image(String)
        /// Holds a NUL byte (at this offset), which no text file does.
        case binary(offset: Int)

        var message: String {
            let saveAsText = "save the statement as plain text (.txt) and check that file"
            switch self {
            case .word: return "this is a Word document; Word documents are not read yet: \(saveAsText)"
            case .oldWord: return "this is a Word 97-2003 document; Word documents are not read yet: \(saveAsText)"
            case .openDocument: return "this is an OpenDocument text; OpenDocument files are not read yet: \(saveAsText)"
            case .pages: return "this is a Pages document; Pages documents are not read yet: export the statement as plain text (.txt) and check that file"
            case .rtf: return "this is a Rich Text (RTF) document; RTF is not read yet: \(saveAsText)"
            case .pdf: return "this is a PDF; PDFs are not read: copy the statement's text into a plain-text file (.txt) and check that file"
            case .html: return "this is an HTML page; HTML is not read, as its markup would be checked as prose: save the statement as plain text (.txt) or Markdown (.md) and check that file"
            case .utf16: return "this is UTF-16 text, which is not read: save it as UTF-8 plain text and check it again"
            case .zip: return "this is a ZIP archive, not a statement: unpack it and check the .txt or .md files inside"
            case .spreadsheetOrSlides: return "this is a spreadsheet or slide deck, not a statement: put the statement in a plain-text file (.txt) and check that file"
            case .image(let kind): return "this is an image (\(kind)), not text: check the statement's text, saved as a .txt or .md file"
            case .binary(let offset): return "not a text file (a NUL byte at offset \(offset)): check the statement's text, saved as a .txt or .md file"
            }
        }
    }

    static func detect(_ bytes: [UInt8], path: String) -> Format? {
        let ext = fileExtension(path)
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<offset + prefix.count].elementsEqual(prefix)
        }
        // ZIP containers: Office Open XML and OpenDocument say what they hold in their first entries.
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let head = bytes.prefix(4_096)
            if contains(head, "word/") || ["docx", "docm", "dotx"].contains(ext) { return .word }
            if contains(head, "application/vnd.oasis.opendocument.text") || ext == "odt" { return .openDocument }
            if contains(head, "xl/") || contains(head, "ppt/") || ["xlsx", "pptx", "ods", "odp"].contains(ext) { return .spreadsheetOrSlides }
            if ext == "pages" { return .pages }
            return .zip
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return ["xls", "ppt"].contains(ext) ? .spreadsheetOrSlides : .oldWord }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts(Array("{\\rtf".utf8)) { return .rtf }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return .utf16 }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .image("PNG") }
        if starts([0xFF, 0xD8, 0xFF]) { return .image("JPEG") }
        if starts(Array("GIF8".utf8)) { return .image("GIF") }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .image("TIFF") }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .image("WebP") }
        if starts(Array("ftyp".utf8), at: 4) && (starts(Array("heic".utf8), at: 8) || starts(Array("mif1".utf8), at: 8)) { return .image("HEIC") }
        if startsLikeHTML(bytes) { return .html }
        if let nul = firstNUL(bytes) { return .binary(offset: nul) }
        switch ext {
        case "docx", "docm", "dotx": return .word
        case "doc": return .oldWord
        case "odt": return .openDocument
        case "pages": return .pages
        case "rtf": return .rtf
        case "pdf": return .pdf
        case "html", "htm", "xhtml": return .html
        case "xlsx", "xls", "pptx", "ppt", "ods", "odp": return .spreadsheetOrSlides
        case "png", "jpg", "jpeg", "gif", "tif", "tiff", "webp", "heic": return .image(ext.uppercased())
        default: return nil
        }
    }

    /// The extension of the path's last component, lower-cased ("" when there is none).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// `<!DOCTYPE html` or `<html` first (after a byte-order mark and blank space).
    static func startsLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while i < bytes.count && isSpace(bytes[i]) { i += 1 }
        let head = String(decoding: bytes[i..<min(bytes.count, i + 15)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") { return true }
        guard head.hasPrefix("<html") else { return false }
        let after = head.dropFirst(5).first
        return after == nil || after == ">" || after == " " || after == "\n" || after == "\r" || after == "\t"
    }

    /// The offset of the first NUL byte, found with the C library's `memchr`.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let found = memchr(base, 0, b.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// Nothing but blank space (and a byte-order mark).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return bytes[start...].allSatisfy(isSpace)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    static func contains(_ hay: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        var i = hay.startIndex
        while i <= hay.endIndex - n.count {
            if hay[i] == n[0] && hay[i..<i + n.count].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }
}
