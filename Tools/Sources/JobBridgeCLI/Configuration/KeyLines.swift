/// Where each key of a TOML text is written: its line, found by a single pass over the
/// text (TOMLKit does not report the positions of values), for messages such as
/// `jobbridge.toml:7: 'token' holds a secret inline`.
///
/// Keys are recorded by their full dotted path (`providers.sync.token`): under the
/// current `[table]` or `[[array]]` header, dotted keys joined, and the keys of an inline
/// table on the line as well. Multi-line strings are skipped. Linear in the text's length.
struct KeyLines {
    private var lines: [String: Int] = [:]
    private var lastComponents: [String: Int] = [:]

    /// Scans a TOML text.
    init(_ text: String) {
        var section: [String] = []
        var inMultiline: String?
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if let delimiter = inMultiline {
                guard let end = line.range(of: delimiter) else { continue }
                line = line[end.upperBound...]
                inMultiline = nil
                continue
            }
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                section = Self.components(of: inner)
                record(section, line: number)
                continue
            }
            guard let equals = Self.firstEquals(in: line) else { continue }
            let path = section + Self.components(of: line[..<equals])
            record(path, line: number)
            let value = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            if value.hasPrefix("\"\"\"") || value.hasPrefix("'''") {
                let delimiter = String(value.prefix(3))
                if value.dropFirst(3).range(of: delimiter) == nil { inMultiline = delimiter }
            } else if value.hasPrefix("{") {
                recordInline(value.dropFirst(), under: path, line: number)
            }
        }
    }

    /// The line (from 1) where the key at this path is written, or where a key of that
    /// name is written when the path is not found; `nil` when neither is.
    func line(of path: [String]) -> Int? {
        if let line = lines[path.joined(separator: "\u{1}")] { return line }
        return path.last.flatMap { lastComponents[$0] }
    }

    private mutating func record(_ path: [String], line: Int) {
        let key = path.joined(separator: "\u{1}")
        if lines[key] == nil { lines[key] = line }
        if let last = path.last, lastComponents[last] == nil { lastComponents[last] = line }
    }

    /// Records `key = value` pairs of an inline table (one level, on this line).
    private mutating func recordInline(_ text: Substring, under path: [String], line: Int) {
        var start = text.startIndex
        var index = text.startIndex
        var quote: Character?
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                let key = Self.components(of: text[start..<index])
                if !key.isEmpty { record(path + key, line: line) }
            } else if character == "," || character == "{" {
                start = text.index(after: index)
            } else if character == "}" {
                break
            }
            index = text.index(after: index)
        }
    }

    /// The first `=` outside quotes.
    private static func firstEquals(in line: Substring) -> Substring.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// `a."b.c" . d` → `["a", "b.c", "d"]`.
    static func components(of key: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingSpaces()
        if !last.isEmpty || !parts.isEmpty { parts.append(last) }
        return parts
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
