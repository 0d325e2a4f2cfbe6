import JobBridge

/// Reads a plain whole-table task, `REPLICATE [schema].[table]` (optionally followed by
/// `SELECT * FROM` the same table), the form in which ordered-list providers (CData Sync)
/// write a table task. Anything else (column lists, `WHERE`, other statements) is custom SQL.
/// One pass over the text: linear in its length.
enum ReplicateStatement {
    static func table(in query: String) -> TableRef? {
        var scanner = Scanner(Array(query.unicodeScalars))
        scanner.skipSpaces()
        guard scanner.keyword("REPLICATE"), scanner.skipSpaces() > 0 || scanner.peek == "[" else { return nil }
        guard let names = scanner.qualifiedName(), (1...2).contains(names.count) else { return nil }
        scanner.skipSpaces()
        if !scanner.atEnd {
            guard scanner.keyword("SELECT"), scanner.skipSpaces() >= 0, scanner.consume("*"), scanner.skipSpaces() >= 0,
                scanner.keyword("FROM"), scanner.skipSpaces() > 0 || scanner.peek == "[",
                let again = scanner.qualifiedName(), again == names
            else { return nil }
            scanner.skipSpaces()
            if scanner.peek == ";" { scanner.index += 1 }
            scanner.skipSpaces()
            guard scanner.atEnd else { return nil }
        }
        return names.count == 2 ? TableRef(schema: names[0], name: names[1]) : TableRef(name: names[0])
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }
        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        @discardableResult
        mutating func skipSpaces() -> Int {
            let start = index
            while let c = peek, c.properties.isWhitespace { index += 1 }
            return index - start
        }

        mutating func consume(_ c: Unicode.Scalar) -> Bool {
            guard peek == c else { return false }
            index += 1
            return true
        }

        mutating func keyword(_ word: String) -> Bool {
            let letters = Array(word.unicodeScalars)
            guard index + letters.count <= scalars.count else { return false }
            for (offset, letter) in letters.enumerated()
            where String(scalars[index + offset]).uppercased() != String(letter) {
                return false
            }
            index += letters.count
            return true
        }

        mutating func identifier() -> String? {
            if consume("[") {
                var name = ""
                while let c = peek {
                    index += 1
                    if c == "]" {
                        if peek == "]" {
                            index += 1
                            name.unicodeScalars.append("]")
                        } else {
                            return name.isEmpty ? nil : name
                        }
                    } else {
                        name.unicodeScalars.append(c)
                    }
                }
                return nil
            }
            var name = ""
            while let c = peek, c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" {
                name.unicodeScalars.append(c)
                index += 1
            }
            return name.isEmpty ? nil : name
        }

        mutating func qualifiedName() -> [String]? {
            guard let first = identifier() else { return nil }
            var names = [first]
            while peek == "." {
                index += 1
                guard let next = identifier() else { return nil }
                names.append(next)
                if names.count > 3 { return nil }
            }
            return names
        }
    }
}
