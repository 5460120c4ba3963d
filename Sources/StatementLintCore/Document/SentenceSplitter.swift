/// Splits a statement into paragraphs and sentences the way police statements are written:
/// titles (Ofc., Sgt.), street words (St., Ave.), initials, a.m./p.m., decimal numbers and
/// case numbers do not end a sentence.
///
/// Works on the normalised bytes; every range it returns is a byte range of that text.
enum SentenceSplitter {
    /// Words that, followed by a period, do not end a sentence (compared case-sensitively,
    /// as written in statements).
    static let abbreviations: Set<String> = [
        "Ofc", "Off", "Sgt", "Lt", "Det", "Capt", "Cpt", "Cpl", "Dep", "Tpr", "Insp", "Cmdr", "Col", "Gen", "Maj",
        "Supt", "Asst", "Atty", "Gov", "Sen", "Rep", "Hon", "Rev", "Prof",
        "Dept", "Div", "Co", "Inc", "Corp", "Univ",
        "St", "Ave", "Blvd", "Rd", "Dr", "Ln", "Ct", "Pl", "Pkwy", "Hwy", "Mt", "Ft", "Apt", "Ste", "Sq", "Ter",
        "Mr", "Mrs", "Ms", "Mx", "Jr", "Sr",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "approx", "vs", "est", "ca", "ext", "Ext",
    ]
    /// Abbreviations that only continue the sentence before a number ("No. 26-014382").
    static let numberAbbreviations: Set<String> = ["No", "no", "Nos", "Vol", "Ch", "Sec", "Art"]
    /// Bytes in the longest of either list.
    static let longestAbbreviation = abbreviations.union(numberAbbreviations).map(\.utf8.count).max()!
    /// Words that commonly open a sentence. After "a.m."/"p.m." a new sentence is assumed only
    /// before one of these: "at 9 p.m. Officers arrived" splits, "at 9 p.m. Zoë Ortiz saw" does not.
    static let sentenceOpeners: Set<String> = [
        "The", "A", "An", "He", "She", "They", "We", "It", "I", "You", "His", "Her", "Their", "Our", "This", "That", "These", "Those",
        "There", "Officers", "Officer", "Police", "Deputies", "Deputy", "Troopers", "Trooper", "Paramedics", "Medics", "Firefighters",
        "Investigators", "Witnesses", "When", "After", "Before", "At", "On", "In", "As", "While", "During", "No", "One", "Two", "Three",
        "Four", "Five", "Both", "All", "Each", "Several", "Shortly", "About", "Around", "Later", "Then", "Once", "Body", "Video",
    ]

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    /// Paragraphs: runs of text separated by lines holding only white space. Ranges are trimmed.
    static func paragraphs(_ t: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        let n = t.count
        var paraStart = -1
        var lastNonSpace = -1
        while i < n {
            // Look at one line.
            var lineEnd = i
            while lineEnd < n && t[lineEnd] != 0x0A { lineEnd += 1 }
            var blank = true
            var k = i
            while k < lineEnd { if !isSpace(t[k]) { blank = false; break }; k += 1 }
            if blank {
                if paraStart >= 0 { out.append(paraStart..<(lastNonSpace + 1)); paraStart = -1 }
            } else {
                if paraStart < 0 { paraStart = k }
                var e = lineEnd - 1
                while e >= i && isSpace(t[e]) { e -= 1 }
                lastNonSpace = e
            }
            i = lineEnd + 1
        }
        if paraStart >= 0 { out.append(paraStart..<(lastNonSpace + 1)) }
        return out
    }

    /// Sentences of one paragraph, trimmed of surrounding white space.
    static func sentences(_ t: UnsafeBufferPointer<UInt8>, in para: Range<Int>, into out: inout [Range<Int>]) {
        var start = para.lowerBound
        var i = para.lowerBound
        let end = para.upperBound
        func emit(_ s: Int, _ e: Int) {
            var a = s, b = e
            while a < b && isSpace(t[a]) { a += 1 }
            while b > a && isSpace(t[b - 1]) { b -= 1 }
            if a < b { out.append(a..<b) }
        }
        while i < end {
            let c = t[i]
            if c == 0x0A {
                // A line break inside a paragraph ends a sentence only before a list item or heading,
                // or after a heading line.
                var k = i + 1
                while k < end && (t[k] == 0x20 || t[k] == 0x09) { k += 1 }
                if k < end && (startsListItem(t, at: k, end: end) || lineIsHeading(t, lineStart: start, upTo: i)) {
                    emit(start, i); start = k
                }
                i += 1
                continue
            }
            guard c == 0x2E || c == 0x21 || c == 0x3F else { i += 1; continue }
            var j = i + 1
            while j < end, t[j] == 0x2E || t[j] == 0x21 || t[j] == 0x3F || t[j] == 0x22 || t[j] == 0x27 || t[j] == 0x29 || t[j] == 0x5D {
                j += 1
            }
            if j >= end { break }
            guard isSpace(t[j]) else { i = j; continue }
            var k = j
            while k < end && isSpace(t[k]) { k += 1 }
            if k >= end { break }
            if c == 0x2E && !endsSentence(t, dot: i, next: k, end: end) { i = j; continue }
            if isLower(t[k]) { i = j; continue }
            emit(start, j)
            start = k
            i = k
        }
        emit(start, end)
    }

    static func startsListItem(_ t: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> Bool {
        let c = t[k]
        if (c == 0x2D || c == 0x2A || c == 0x2B) && k + 1 < end && t[k + 1] == 0x20 { return true } // - * +
        if c == 0x23 { return true } // # heading
        if c == 0xE2 && k + 2 < end && t[k + 1] == 0x80 && t[k + 2] == 0xA2 { return true } // •
        var d = k
        while d < end && isDigit(t[d]) { d += 1 }
        return d > k && d + 1 < end && (t[d] == 0x2E || t[d] == 0x29) && t[d + 1] == 0x20
    }

    static func lineIsHeading(_ t: UnsafeBufferPointer<UInt8>, lineStart: Int, upTo nl: Int) -> Bool {
        var s = nl
        while s > lineStart && t[s - 1] != 0x0A { s -= 1 }
        while s < nl && (t[s] == 0x20 || t[s] == 0x09) { s += 1 }
        if s < nl && t[s] == 0x23 { return true }
        // A line with no sentence punctuation at its end, all in capitals, is a title.
        var e = nl
        while e > s && isSpace(t[e - 1]) { e -= 1 }
        guard e > s else { return false }
        var letters = 0
        for p in s..<e {
            if isLower(t[p]) { return false }
            if isLetter(t[p]) { letters += 1 }
        }
        return letters >= 3
    }

    /// Whether the period at `dot` ends the sentence, given the next non-space byte at `next`.
    static func endsSentence(_ t: UnsafeBufferPointer<UInt8>, dot: Int, next: Int, end: Int) -> Bool {
        // The word before the period, including inner periods ("U.S", "p.m").
        var s = dot
        while s > 0 && (isLetter(t[s - 1]) || t[s - 1] == 0x2E) { s -= 1 }
        guard s < dot else { return true }
        let bytes = UnsafeBufferPointer(rebasing: t[s..<dot])
        let dotted = bytes.contains(0x2E)
        // A plain word longer than any abbreviation ends the sentence, with no String made:
        // this runs at every period of every file.
        if !dotted && bytes.count > longestAbbreviation { return true }
        let word = String(decoding: bytes, as: UTF8.self)
        if dotted {
            // a.m. / p.m. end a sentence only before a capitalised word that is not a day, month or zone.
            let lower = word.lowercased()
            if lower == "a.m" || lower == "p.m" {
                return isCapitalisedWord(t, at: next, end: end) && sentenceOpeners.contains(wordAt(t, next, end))
            }
            return false // U.S., e.g., i.e.
        }
        if word.utf8.count == 1 && t[s] >= 0x41 && t[s] <= 0x5A { return false } // initial
        if abbreviations.contains(word) { return false }
        if numberAbbreviations.contains(word) { return !isDigit(t[next]) }
        return true
    }

    static func isCapitalisedWord(_ t: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> Bool {
        t[k] >= 0x41 && t[k] <= 0x5A
    }

    static func wordAt(_ t: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> String {
        var e = k
        while e < end && isLetter(t[e]) { e += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: t[k..<e]), as: UTF8.self)
    }
}

/// Finds quoted speech: spans in double quotes (straight or curly, already folded to `"`),
/// and in single quotes where they are clearly quote marks and not apostrophes.
enum QuoteScanner {
    static func spans(_ t: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for para in paragraphs {
            var openDouble: Int? = nil
            var openSingle: Int? = nil
            var i = para.lowerBound
            while i < para.upperBound {
                let c = t[i]
                if c == 0x22 {
                    if let o = openDouble { out.append(o..<(i + 1)); openDouble = nil } else { openDouble = i }
                } else if c == 0x27 {
                    let before: UInt8 = i > para.lowerBound ? t[i - 1] : 0x20
                    let after: UInt8 = i + 1 < para.upperBound ? t[i + 1] : 0x20
                    let opensHere = (SentenceSplitter.isSpace(before) || before == 0x28 || before == 0x22 || before == 0x5B) && SentenceSplitter.isLetter(after)
                    let closesHere = !SentenceSplitter.isLetter(after) && !SentenceSplitter.isDigit(after) && !SentenceSplitter.isSpace(before)
                    if let o = openSingle, closesHere {
                        out.append(o..<(i + 1)); openSingle = nil
                    } else if openSingle == nil && opensHere {
                        openSingle = i
                    }
                }
                i += 1
            }
            // An unclosed double quote runs to the paragraph end (the multi-paragraph quote
            // convention); an unclosed single quote was an apostrophe after all.
            if let o = openDouble { out.append(o..<para.upperBound) }
        }
        out.sort { $0.lowerBound < $1.lowerBound }
        return out
    }
}
