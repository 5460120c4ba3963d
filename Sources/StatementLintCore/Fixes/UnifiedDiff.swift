/// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` prints it.
enum UnifiedDiff {
    static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let ops = edits(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks with `context` unchanged lines around them.
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(i, firstChange - context)
            var end = firstChange
            var k = firstChange
            while k < ops.count {
                if ops[k].kind != .same { end = k; k += 1; continue }
                // A run of unchanged lines longer than twice the context ends the hunk.
                var run = k
                while run < ops.count && ops[run].kind == .same { run += 1 }
                if run == ops.count || run - k > 2 * context { break }
                k = run
            }
            let stop = min(ops.count, end + 1 + context)
            let hunk = ops[start..<stop]
            let oldStart = hunk.first!.oldIndex, newStart = hunk.first!.newIndex
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex]
                case .delete: out += "-" + a[op.oldIndex]
                case .insert: out += "+" + b[op.newIndex]
                }
                if out.utf8.last != 0x0A { out += "\n\\ No newline at end of file\n" }
            }
            i = stop
        }
        return out
    }

    /// Lines with their endings kept, so CRLF and a missing final newline survive.
    static func lines(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in s {
            current.append(ch)
            if ch == "\n" || ch == "\r\n" { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    struct Op { enum Kind { case same, delete, insert }; let kind: Kind; let oldIndex: Int; let newIndex: Int }

    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        let maxD = n + m
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        outer: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[k - 1 + maxD] < v[k + 1 + maxD])) ? v[k + 1 + maxD] : v[k - 1 + maxD] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + maxD] = x
                if x >= n && y >= m { break outer }
            }
        }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + maxD] < v[k + 1 + maxD])) ? k + 1 : k - 1
            let prevX = v[prevK + maxD], prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; ops.append(Op(kind: .same, oldIndex: x, newIndex: y)) }
            if d > 0 {
                if x == prevX { y -= 1; ops.append(Op(kind: .insert, oldIndex: x, newIndex: y)) } else { x -= 1; ops.append(Op(kind: .delete, oldIndex: x, newIndex: y)) }
            }
        }
        return ops.reversed()
    }
}
